//! "Verify a bundle": an officer (or the applicant) opens a .zip and sees each check pass or fail;
//! when the bundle is intact, its application can be imported as a new draft to continue working.

use crate::browser::bundle_io::{self, Opened};
use crate::browser::{clock, files, storage};
use crate::i18n::{t, translated, tx};
use crate::state::use_state;
use leptos::prelude::*;
use mgl_domain::Step;
use std::sync::Arc;
use wasm_bindgen::JsCast;

fn picked_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = ev.target()?.unchecked_into();
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let state = use_state();
    let trusted = RwSignal::new(None::<(String, String)>);
    let progress = RwSignal::new(None::<f64>);
    // The last bundle opened: Arc because the Blob it holds is not Sync, and views need Send + Sync.
    let opened = RwSignal::new_local(None::<Arc<Opened>>);
    let bundle_name = RwSignal::new(String::new());
    let import_error = RwSignal::new(None::<String>);
    let importing = RwSignal::new(false);

    let check = move |file: web_sys::File| {
        bundle_name.set(file.name());
        import_error.set(None);
        opened.set(None);
        progress.set(Some(0.0));
        let key = trusted.get_untracked().map(|(_, text)| text);
        leptos::task::spawn_local(async move {
            let result =
                bundle_io::open(file.into(), key, move |f| _ = progress.try_set(Some(f))).await;
            progress.try_set(None);
            opened.try_set(Some(Arc::new(result)));
        });
    };
    let on_bundle = move |ev: leptos::ev::Event| {
        if let Some(file) = picked_file(&ev) {
            check(file);
        }
    };
    let on_key = move |ev: leptos::ev::Event| {
        let Some(file) = picked_file(&ev) else { return };
        leptos::task::spawn_local(async move {
            if let Ok(text) = files::read_text(&file).await {
                trusted.try_set(Some((file.name(), text)));
            }
        });
    };
    let import = move |_| {
        let Some(bundle) = opened.get_untracked() else {
            return;
        };
        importing.try_set(true);
        leptos::task::spawn_local(async move {
            let result = bundle_io::import(&bundle, clock::new_id(), clock::now_ms()).await;
            importing.try_set(false);
            match result.and_then(|draft| storage::save(&draft).map(|_| draft)) {
                Ok(draft) => {
                    state.drafts_changed.update(|n| *n += 1);
                    state.open(draft, Step::Applicant);
                    state.go(crate::state::Screen::Review);
                }
                Err(e) => _ = import_error.try_set(Some(e)),
            }
        });
    };

    let results = move || {
        opened.get().map(|bundle| {
            let verdict = &bundle.verdict;
            let passed = verdict.passed();
            let intact = verdict.intact();
            let checks = verdict
                .checks
                .iter()
                .map(|c| {
                    let class = if c.passed { "check passed" } else { "check failed" };
                    let details = c.details.iter().map(|d| view! { <li>{translated(d)}</li> }).collect_view();
                    view! {
                        <li class=class>
                            <span class="check-mark" aria-hidden="true">{if c.passed { "✓" } else { "✗" }}</span>
                            <strong>{translated(&c.title)}</strong>
                            <span class="visually-hidden">{if c.passed { t(": passed") } else { t(": FAILED") }}</span>
                            <ul class="check-details">{details}</ul>
                        </li>
                    }
                })
                .collect_view();
            let id = verdict.application_id.clone().unwrap_or_default();
            view! {
                <section class="verdict" aria-live="polite">
                    <h3 class=if passed { "verdict-ok" } else { "verdict-failed" } data-testid="verdict">
                        {if passed { t("The bundle passes every check.") } else { t("The bundle fails verification.") }}
                    </h3>
                    <p>{bundle_name.get()} " · " {tx("Application")} " " <code>{id}</code></p>
                    <ol class="checks">{checks}</ol>
                    {intact.then(|| view! {
                        <p class="help">{tx("The bundle is intact and signed: its application can be continued on this device as a new draft, with its attachments.")}</p>
                        <button type="button" class="primary" prop:disabled=move || importing.get() on:click=import>
                            {move || if importing.get() { t("Importing…") } else { t("Import as a new draft") }}
                        </button>
                    })}
                    {move || import_error.get().map(|e| view! { <p class="message error" role="alert">{translated(&e)}</p> })}
                </section>
            }
        })
    };

    view! {
        <main class="drafts verify" id="main">
            <h2>{tx("Verify or import a bundle")}</h2>
            <p class="lead">{tx("Open a signed bundle (.zip) to check it as the Authority will: that the zip is safe, who signed it, that no file changed or is missing, that the application is complete and valid, and that its tariff recomputes to the stated results. Nothing is sent anywhere.")}</p>
            <div class="field">
                <span class="label">{tx("The signer's public key (optional)")}</span>
                <p class="help">{tx("With the applicant's .pub file, the bundle must be signed by that key. Without it, signatures are checked with the keys inside the bundle: compare their fingerprints with the sworn declaration.")}</p>
                <label class="file-button secondary-button">
                    {move || match trusted.get() { Some((name, _)) => format!("{} {name}", t("Key:")), None => t("Choose a public key (.pub)").to_owned() }}
                    <input type="file" accept=".pub,text/plain" on:change=on_key />
                </label>
            </div>
            <label class="file-button primary-button">
                {tx("Open a bundle (.zip)")}
                <input type="file" accept=".zip,application/zip" on:change=on_bundle data-testid="bundle-input" />
            </label>
            {move || progress.get().map(|f| view! {
                <p role="status">{tx("Checking…")} " " <progress max="1" value=f></progress> " " {format!("{:.0} %", f * 100.0)}</p>
            })}
            {results}
        </main>
    }
}
