//! Screens whose code is downloaded when the user first opens them, not at start.
//!
//! Each `split_point!` below is a `wasm_split` point in the served build (feature `split`):
//! `scripts/build-app` cuts the wasm there, so the function, and all the code only it reaches (the
//! form's steps, the tariff method, the bundle's zip, crypto and verifier, the checklist screen...),
//! goes into its own file `split_<group>.wasm` (code shared by several groups into `chunk_<n>.wasm`).
//! Calling the function fetches those files once, then runs it. A build that is not split (the wasm
//! tests, the single file) links the functions in as usual. The service worker precaches every file,
//! so this works offline after the first visit.
//!
//! A load can fail (the first visit's connection dropped before the service worker cached the app):
//! the split functions are `fallible`, and the screen then says so and offers to try again, instead
//! of the panic (and the dead page) that a failed load at an infallible split point gives.
//!
//! Nothing outside this file may name a split-off screen's component: the main module would then
//! keep it, and all the code it uses (ARCHITECTURE.md, invariants).

use crate::components::{
    declaration, documents, editor, keys, register, review, site_map, sites, tariff, verify,
};
use crate::i18n::tx;
use crate::state::AppState;
use leptos::prelude::*;
#[cfg(feature = "split")]
use leptos::wasm_split::wasm_split;
use leptos::wasm_split::SplitLoaderError;

pub const NOT_LOADED_MESSAGE: &str = "This part of the app could not be loaded. Your answers are saved on this device. Connect to the internet once, then try again.";

/// A screen's code could not be downloaded.
#[derive(Debug, Clone, Copy)]
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// One split point: `fn name(args) -> T { body }` becomes `async fn name(args) -> Result<T, NotLoaded>`
/// that loads the chunk, then runs the body. With the `split` feature (the served build) it is a
/// `wasm_split` point; without it (the wasm tests and the single-file app, which are not split) a plain
/// async function, linked in as usual.
macro_rules! split_point {
    ($chunk:ident, $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, NotLoaded> {
            Ok($body)
        }
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, NotLoaded> {
            Ok($body)
        }
    };
}

/// A screen's split point: `async fn name() -> Result<Make, NotLoaded>`, in the module of `group`.
macro_rules! screen {
    ($group:ident, $name:ident, $component:path) => {
        split_point!(
            $group,
            fn $name() -> Make {
                || {
                    use $component as ScreenView;
                    view! { <ScreenView /> }.into_any()
                }
            }
        );
    };
}

screen!(editor, editor_screen, editor::Editor);
// The steps with most code of their own (a portfolio's sites; the declaration and its printable
// page), loaded once the form shows, not before its first step.
screen!(steps, sites_screen, sites::Sites);
screen!(steps, declaration_screen, declaration::Declaration);
// The portfolio's tools on the sites step, one module: the site register (its readers and writers
// of CSV, XLSX, ODS, GeoJSON, KML) and the map of the sites (its outline fetched when first drawn).
// As two modules they shared code through more files, and the loader every visit downloads lists
// each file (0.4 KB brotli more at start).
screen!(portfolio, register_panel, register::RegisterPanel);
screen!(portfolio, map_panel, site_map::SiteMap);
screen!(tariff, tariff_screen, tariff::Tariff);
screen!(documents, documents_screen, documents::Documents);
// Review (export), keys and verify share the crypto and zip code: one group, fewer shared chunks.
screen!(signing, review_screen, review::Review);
screen!(signing, keys_screen, keys::KeysPage);
screen!(signing, verify_screen, verify::VerifyPage);

// The header's "Print the application": the printout's code is loaded when first asked for.
split_point!(
    printout,
    pub fn print_application(state: AppState) -> () {
        crate::components::printing::print_application(state)
    }
);

// The code for drafts that are not open, in the documents screen's module, whose checklist and
// tariff code it shares: what the list of drafts shows of a draft (`mgl_domain::summary`), and the
// draft's reader (JSON in). None of it is needed at start (the list shows the stored summaries) or
// by a new application's first step. Each in a module of its own made 8 more shared chunks, and
// the form's code then came in 24 files instead of 15: over HTTP/1.1, each round of six costs a
// round trip. The autosave summarises with the first, once loaded; the list with the second, for
// drafts whose stored summary is not current.
split_point!(
    documents,
    pub fn summariser() -> crate::state::Summarise {
        mgl_domain::summary::Summary::count
    }
);
split_point!(
    documents,
    pub fn summarise_stored(
        stored: crate::browser::storage::Stored,
        today: mgl_domain::Date,
    ) -> Option<mgl_domain::summary::Summary> {
        stored.read(mgl_domain::Draft::from_json).map(|draft| {
            let profile = mgl_domain::CountryProfile::bundled(&draft.profile)
                .unwrap_or_else(mgl_domain::CountryProfile::default_profile);
            mgl_domain::summary::Summary::of(&draft, &profile, today)
        })
    }
);

// The draft's reader: opening a draft, or a draft saved as a file.
split_point!(
    documents,
    pub fn draft_parser() -> crate::browser::storage::ParseDraft {
        mgl_domain::Draft::from_json
    }
);

/// Reads a draft's JSON, loading the reader the first time.
pub async fn parse_draft(json: &str) -> Result<mgl_domain::Draft, String> {
    match draft_parser().await {
        Ok(parse) => parse(json),
        Err(NotLoaded) => Err(crate::i18n::t(NOT_LOADED_MESSAGE).to_owned()),
    }
}

/// A stored draft, read (`None` if it cannot be, or the reader cannot be loaded).
pub async fn read_stored(stored: &crate::browser::storage::Stored) -> Option<mgl_domain::Draft> {
    stored.read(draft_parser().await.ok()?)
}

// The tariff workbook (issue 16), written and read only when the user asks: its SpreadsheetML
// writer, XML reader and unzipping would add some 90 KB brotli to the tariff screen. In the
// signing module, which writes and checks it in the bundle: a module of its own split the shared
// chunks finer, and the form's code came in 41 files instead of 35 (the first step 0.2 s later
// over HTTP/1.1, bench/startup.mjs).
split_point!(
    signing,
    pub fn tariff_workbook(
        input: mgl_domain::tariff::TariffInput,
        results: mgl_domain::tariff::TariffResults,
        lang: mgl_domain::Lang,
    ) -> Vec<u8> {
        mgl_domain::tariff_workbook::to_xlsx(&input, &results, lang)
    }
);
split_point!(
    signing,
    pub fn open_tariff_workbook(
        bytes: Vec<u8>,
        current: mgl_domain::draft::TariffDraft,
        lang: mgl_domain::Lang,
    ) -> Result<crate::components::tariff_workbook::Opened, String> {
        crate::components::tariff_workbook::opened(&bytes, &current, lang)
    }
);

// The country's outline read (`AppState::load_outline`), in the form's module, which any screen of a
// draft has loaded: its number parsing is 1.5 KB brotli that the first screen does not need.
split_point!(
    editor,
    pub fn read_outline(json: String) -> Result<mgl_domain::outline::Outline, String> {
        mgl_domain::outline::Outline::parse(&json)
    }
);

// A French or Portuguese catalogue read into the app: the PO reader, which English never needs.
split_point!(
    language,
    pub fn install_catalogue(lang: mgl_domain::Lang, po: String) -> Result<(), String> {
        mgl_domain::i18n::install_catalogue(lang, &po)
    }
);

/// The screens loaded on demand.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum LazyScreen {
    Editor,
    Sites,
    Declaration,
    Register,
    Map,
    Tariff,
    Documents,
    Review,
    Keys,
    Verify,
}

thread_local! {
    /// The screens whose module is loaded, and how to make each.
    static MADE: std::cell::RefCell<std::collections::HashMap<LazyScreen, Make>> = Default::default();
}

/// Makes a screen's view: a plain function pointer into the screen's module, handed over once the
/// module is loaded, and called (untracked, as a component) where the screen is shown.
type Make = fn() -> AnyView;

/// Loads the form's code without showing it (see `start`); a failure is left for when it is opened.
pub async fn prefetch_editor() {
    let _ = load(LazyScreen::Editor).await;
}

/// Loads the later steps' code once the form shows (the editor asks), so that they open at once,
/// and offline, without competing with the first step.
pub fn prefetch_later_steps() {
    leptos::task::spawn_local(async {
        let _ = load(LazyScreen::Sites).await;
    });
}

/// Loads a screen's module (once: later calls find it in `MADE`) and remembers how to make it.
async fn load(screen: LazyScreen) -> Result<Make, NotLoaded> {
    if let Some(make) = MADE.with_borrow(|made| made.get(&screen).copied()) {
        return Ok(make);
    }
    let make = screen_maker(screen).await?;
    MADE.with_borrow_mut(|made| made.insert(screen, make));
    Ok(make)
}

async fn screen_maker(screen: LazyScreen) -> Result<Make, NotLoaded> {
    match screen {
        LazyScreen::Editor => editor_screen().await,
        LazyScreen::Sites => sites_screen().await,
        LazyScreen::Declaration => declaration_screen().await,
        LazyScreen::Register => register_panel().await,
        LazyScreen::Map => map_panel().await,
        LazyScreen::Tariff => tariff_screen().await,
        LazyScreen::Documents => documents_screen().await,
        LazyScreen::Review => review_screen().await,
        LazyScreen::Keys => keys_screen().await,
        LazyScreen::Verify => verify_screen().await,
    }
}

/// Shows `screen` once its code is there: "Loading…" meanwhile (a moment, and only the first time),
/// and if it cannot be loaded, a message with a button to try again (nothing typed is lost: the
/// draft is saved on the device).
#[component]
pub fn OnDemand(screen: LazyScreen) -> impl IntoView {
    // A screen already loaded once is shown at once, with no "Loading…" in between.
    let known = MADE.with_borrow(|made| made.get(&screen).copied());
    let loaded = RwSignal::new(known.map(Ok));
    let fetch = move || {
        leptos::task::spawn_local(async move {
            let made = load(screen).await;
            let shown = made.is_ok();
            // The user may have gone elsewhere meanwhile: then there is nothing to show.
            if loaded.try_set(Some(made)).is_none() && shown {
                // The page's focus went to "Loading…"'s page, which had no main to take it.
                crate::browser::focus_if_lost("main");
            }
        })
    };
    if known.is_none() {
        fetch();
    }
    move || match loaded.get() {
        None => view! { <p class="loading" role="status">{tx("Loading…")}</p> }.into_any(),
        Some(Ok(make)) => untrack(make),
        Some(Err(NotLoaded)) => view! {
            <div class="message error" role="alert">
                <p>{tx(NOT_LOADED_MESSAGE)}</p>
                <button type="button" class="primary" on:click=move |_| {
                    loaded.set(None);
                    fetch();
                }>{tx("Try again")}</button>
            </div>
        }
        .into_any(),
    }
}
