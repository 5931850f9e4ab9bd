//! The app shell: header with save state, then the drafts list or the guided form.

use crate::browser::{route, storage};
use crate::chunks::{LazyScreen, OnDemand};
use crate::components::drafts::DraftsPage;
use crate::components::save_status::SaveStatus;
use crate::i18n::{t, tx};
use crate::state::{AppState, Screen};
use leptos::prelude::*;
use mgl_domain::{Draft, Lang, Step};

/// The draft the address bar names (`#/d/<id>/<step>`), read from the device before the app is
/// shown: a reload comes back to it without showing the drafts list first.
pub async fn draft_in_address_bar() -> Option<Draft> {
    let (id, _) = route::read()?;
    let json = storage::load_json(&id).await?;
    let mut draft = crate::chunks::parse_draft(&json).await.ok()?;
    draft.id = id;
    Some(draft)
}

/// The app; `reopened` is the draft the address bar names (`draft_in_address_bar`).
#[component]
pub fn App(reopened: Option<Draft>) -> impl IntoView {
    let state = AppState::new();
    provide_context(state);

    // Come back to the draft and step in the address bar after a reload.
    if let Some(page) = route::read_page() {
        match page.as_str() {
            "keys" => state.go(Screen::Keys),
            "verify" => state.go(Screen::Verify),
            _ => {}
        }
    } else if let Some((id, slug)) = route::read() {
        if let Some(draft) = reopened.filter(|d| d.id == id) {
            state.open(draft, Step::from_slug(&slug).unwrap_or(Step::Applicant));
            if slug == crate::state::DOCUMENTS_SLUG {
                state.go(Screen::Documents);
            } else if slug == crate::state::TARIFF_SLUG {
                state.go(Screen::Tariff);
            } else if slug == crate::state::REVIEW_SLUG {
                state.go(Screen::Review);
            }
        }
    }
    // Write pending changes when the tab is hidden or closed, without waiting for the timer.
    window_event_listener(leptos::ev::visibilitychange, move |_| {
        if state.has_unsaved_changes() {
            state.save_now();
        }
    });
    window_event_listener(leptos::ev::pagehide, move |_| state.save_on_leaving());
    leptos::task::spawn_local(
        async move { state.persistence.set(Some(storage::persistence().await)) },
    );

    // A new version of the app waits in the service worker: the user chooses when to take it.
    let update_ready = RwSignal::new(crate::browser::update::is_ready());
    window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new("mgl-update-ready"),
        move |_| update_ready.set(true),
    );

    let print_failed = RwSignal::new(false);
    let in_editor = Memo::new(move |_| state.screen.get().in_draft());
    // The page outside any draft; `None` while a draft is open (the editor stays mounted across steps).
    let page = Memo::new(move |_| Some(state.screen.get()).filter(|s| !s.in_draft()));
    let title = move || state.draft.with(|d| d.title().to_owned());
    view! {
        <a class="skip-link" href="#main">{tx("Skip to the form")}</a>
        <Show when=move || update_ready.get()>
            <div class="update-banner" role="status">
                {tx("A new version of the app is ready. Your drafts and files stay on this device.")} " "
                <button type="button" class="primary" on:click=move |_| {
                    state.save_now();
                    crate::browser::update::apply();
                }>{tx("Reload to update")}</button>
            </div>
        </Show>
        <header class="app-header">
            <div class="brand">
                <h1>{tx("Mini-grid licence application")}</h1>
                <Show when=move || in_editor.get()>
                    <p class="draft-title">{title}</p>
                </Show>
                // Under the title: the header keeps its height on a small laptop screen.
                <LanguageSwitch />
            </div>
            <Show when=move || in_editor.get()>
                // The save state last: its words change as the user types ("Saving…", "Saved on
                // this device 10:42"), and before the buttons they moved them under the pointer.
                <div class="header-status">
                    <button type="button" class="secondary" on:click=move |_| {
                        leptos::task::spawn_local(async move {
                            print_failed.set(crate::chunks::print_application(state).await.is_err());
                        });
                    }>{tx("Print the application")}</button>
                    <button type="button" class="secondary" on:click=move |_| state.go(Screen::Drafts)>{tx("All applications")}</button>
                    <SaveStatus />
                </div>
                <Show when=move || print_failed.get()>
                    <p class="message error" role="alert">{move || t("The printout could not be loaded. Your answers are saved on this device. Connect to the internet once, then try again.")}</p>
                </Show>
            </Show>
            <Show when=move || !in_editor.get()>
                <nav class="header-status" aria-label=tx("Pages")>
                    <button type="button" class="secondary" aria-current=move || (page.get() == Some(Screen::Drafts)).then_some("page") on:click=move |_| state.go(Screen::Drafts)>{tx("Applications")}</button>
                    <button type="button" class="secondary" aria-current=move || (page.get() == Some(Screen::Keys)).then_some("page") on:click=move |_| state.go(Screen::Keys)>{tx("Signing keys")}</button>
                    <button type="button" class="secondary" aria-current=move || (page.get() == Some(Screen::Verify)).then_some("page") on:click=move |_| state.go(Screen::Verify)>{tx("Verify or import a bundle")}</button>
                </nav>
            </Show>
        </header>
        {move || match page.get() {
            None => view! { <OnDemand screen=LazyScreen::Editor /> }.into_any(),
            Some(Screen::Keys) => view! { <OnDemand screen=LazyScreen::Keys /> }.into_any(),
            Some(Screen::Verify) => view! { <OnDemand screen=LazyScreen::Verify /> }.into_any(),
            Some(_) => view! { <DraftsPage /> }.into_any(),
        }}
    }
}

/// The language menu, each language named in itself. Switching re-renders the text in place, once
/// the language's catalogue is there (fetched the first time; precached for offline use).
#[component]
fn LanguageSwitch() -> impl IntoView {
    let current = crate::i18n::lang_signal();
    let failed = RwSignal::new(None::<String>);
    // The last language asked for: a slower earlier load must not switch back to its language.
    let asked = StoredValue::new(current.get_untracked());
    let options = Lang::ALL
        .map(|l| view! { <option value=l.code() prop:selected=move || current.get() == l>{l.native_name()}</option> });
    let switch = move |ev: leptos::ev::Event| {
        let select = event_target::<web_sys::HtmlSelectElement>(&ev);
        let Some(lang) = Lang::from_code(&select.value()) else {
            return;
        };
        asked.set_value(lang);
        leptos::task::spawn_local(async move {
            let loaded = crate::i18n::load(lang).await;
            if asked.try_get_value() != Some(lang) {
                return;
            }
            match loaded {
                Ok(()) => {
                    failed.set(None);
                    crate::i18n::set_lang(lang);
                }
                Err(reason) => {
                    select.set_value(current.get_untracked().code());
                    failed.set(Some(reason));
                }
            }
        });
    };
    view! {
        <div class="language-switch">
            <label for="language">{tx("Language")}</label>
            <select id="language" on:change=switch>{options}</select>
            {move || failed.get().map(|reason| view! {
                <p class="message error" role="alert">{move || format!("{} ({reason})", t("This language could not be loaded; connect to the internet once and try again."))}</p>
            })}
        </div>
    }
}
