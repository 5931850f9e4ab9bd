//! The app's side of the translation layer: `t("English message id")` for every visible string, in
//! the language the user chose. The language is one signal for the whole app, so switching it
//! re-renders the text in place: every input, scroll position and unsaved passphrase stays.
//!
//! `t` read inside a reactive closure (`move || ...`, memos) follows the language by itself; a fixed
//! piece of text in a view uses `tx`, which makes it such a closure.
use leptos::prelude::*;
use mgl_domain::{tr, Lang};
use wasm_bindgen::JsCast;

const STORAGE_KEY: &str = "mgl.lang";

thread_local! {
    /// Created outside any owner, so it lives as long as the page.
    static LANG: RwSignal<Lang> = RwSignal::new(initial_lang());
}

/// The language chosen on this device before, or else the browser's, or else English.
fn initial_lang() -> Lang {
    let window = web_sys::window();
    let saved = window
        .as_ref()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|code| Lang::from_code(&code));
    let browser = || {
        let navigator = window.as_ref()?.navigator();
        navigator
            .languages()
            .iter()
            .filter_map(|l| l.as_string())
            .chain(navigator.language())
            .find_map(|code| Lang::from_code(&code))
    };
    saved.or_else(browser).unwrap_or_default()
}

pub fn lang_signal() -> RwSignal<Lang> {
    LANG.with(|l| *l)
}

/// The language shown now; tracked when read in a reactive closure.
pub fn lang() -> Lang {
    lang_signal().get()
}

/// The language shown now, never tracked: for async work that must keep one language throughout.
pub fn lang_untracked() -> Lang {
    lang_signal().get_untracked()
}

/// Switches the whole app, remembers the choice on this device and tells the page's `lang`. The
/// language's catalogue must be loaded first (`load`).
pub fn set_lang(lang: Lang) {
    lang_signal().set(lang);
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
    set_page_lang(lang);
}

fn set_page_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// Loads the starting language's catalogue (English if it cannot be had), sets the page's `lang`, and
/// reports untranslated messages in the console: a message shown in English to a French user is a
/// bug, and the end-to-end tests fail on it.
pub async fn init() {
    mgl_domain::i18n::on_missing_translation(|lang, msgid| {
        web_sys::console::warn_1(&format!("mgl: untranslated ({}): {msgid}", lang.code()).into());
    });
    let wanted = lang_untracked();
    if let Err(reason) = load(wanted).await {
        web_sys::console::warn_1(
            &format!("mgl: {} shown in English: {reason}", wanted.code()).into(),
        );
        lang_signal().set(Lang::En);
    }
    set_page_lang(lang_untracked());
}

/// Makes `lang` ready to show: the first time, its catalogue is fetched from the app's own files
/// (`fr.po`, `pt.po`: precached by the service worker, so this works offline), or taken from the
/// page when it already holds it (index.html starts fetching the expected one before the app is
/// loaded; the single-file build embeds them, as a file cannot fetch). English needs nothing.
pub async fn load(lang: Lang) -> Result<(), String> {
    if mgl_domain::i18n::has_catalogue(lang) {
        return Ok(());
    }
    let text = match handed_over(lang).await {
        Some(text) => text,
        None => crate::browser::files::fetch_app_file(&format!("{}.po", lang.code())).await?,
    };
    crate::chunks::install_catalogue(lang, text)
        .await
        .map_err(|_| "the app's code for languages could not be loaded".to_owned())?
}

/// The catalogue text the page holds for `lang` (`window.mglCatalogues[code]`: a string, or a promise
/// of one that gives `null` when its fetch failed).
async fn handed_over(lang: Lang) -> Option<String> {
    use js_sys::Reflect;
    let window = web_sys::window()?;
    let all = Reflect::get(&window, &"mglCatalogues".into()).ok()?;
    if !all.is_object() {
        return None;
    }
    let value = Reflect::get(&all, &lang.code().into()).ok()?;
    let value = match value.dyn_into::<js_sys::Promise>() {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.ok()?,
        Err(value) => value,
    };
    value.as_string()
}

pub fn t(msgid: &'static str) -> &'static str {
    tr(lang(), msgid)
}

/// A fixed text of a view, re-rendered when the language changes.
pub fn tx(msgid: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || t(msgid)
}

/// A message made elsewhere as a string (an error of the key and bundle code, a verification check):
/// its translation when the catalogue has this exact text, else the text as it is.
pub fn translated(text: &str) -> String {
    mgl_domain::i18n::translation(lang(), text)
        .unwrap_or(text)
        .to_owned()
}
