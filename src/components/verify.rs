//! "Verify a bundle": an officer (or the applicant) opens a .zip and sees each check pass or fail;
//! when the bundle is intact, its application can be imported as a new draft to continue working.

use crate::browser::bundle_io::{self, ChosenSigner, Opened};
use crate::browser::{clock, files, keystore};
use crate::components::keys::{next_frame, SignerRole};
use crate::i18n::{lang, t, translated, tx};
use crate::state::use_state;
use leptos::prelude::*;
use mgl_domain::Step;
use std::sync::Arc;

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
        if let Some(file) = files::picked_file(&ev) {
            check(file);
        }
    };
    let on_key = move |ev: leptos::ev::Event| {
        let Some(file) = files::picked_file(&ev) else {
            return;
        };
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
            match result {
                Ok(draft) => {
                    state.open_new(draft, Step::Applicant);
                    state.go(crate::state::Screen::Review);
                }
                Err(e) => _ = import_error.try_set(Some(e)),
            }
        });
    };

    // Adding a signature to an intact bundle (the applicant's, after an NGO made and signed it).
    let keys = RwSignal::new(Vec::<keystore::StoredKey>::new());
    let cosign_key = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        let stored = keystore::list().await;
        cosign_key.try_set(stored.first().map(|k| k.key_id.clone()));
        keys.try_set(stored);
    });
    let cosign_role = RwSignal::new("applicant");
    let cosign_pass = RwSignal::new(String::new());
    let cosign_outcome = RwSignal::new(None::<Result<String, String>>);
    let signing = RwSignal::new(false);
    let sign = move |_| {
        let (Some(bundle), Some(key_id)) = (opened.get_untracked(), cosign_key.get_untracked())
        else {
            return;
        };
        let Some(key) = keys.with_untracked(|k| k.iter().find(|k| k.key_id == key_id).cloned())
        else {
            return;
        };
        let chosen = ChosenSigner {
            role: cosign_role.get_untracked(),
            key,
            passphrase: cosign_pass.get_untracked(),
        };
        signing.set(true);
        cosign_outcome.set(None);
        leptos::task::spawn_local(async move {
            next_frame().await;
            let result = bundle_io::cosign(&bundle, &[chosen], clock::now_ms()).and_then(|out| {
                files::download_blob(&out.file_name, &out.blob)?;
                Ok(format!(
                    "{} {}",
                    t("Saved with the signature of key"),
                    key_id
                ))
            });
            signing.try_set(false);
            if result.is_ok() {
                cosign_pass.try_set(String::new());
            }
            cosign_outcome.try_set(Some(result));
        });
    };
    let cosign_view = move || {
        let choices = keys.with(|k| {
            k.iter()
                .map(|key| {
                    let id = key.key_id.clone();
                    let selected = id.clone();
                    view! { <option value=id.clone() prop:selected=move || cosign_key.get().as_deref() == Some(selected.as_str())>{format!("{} ({id})", key.label)}</option> }
                })
                .collect_view()
        });
        let has_keys = keys.with(|k| !k.is_empty());
        view! {
            <section class="group cosign" aria-labelledby="cosign-title">
                <h3 id="cosign-title">{tx("Add a signature")}</h3>
                <p class="help">{tx("Sign this bundle too, for example as the applicant after the assisting organisation made it: every file stays as it is and your signature is added beside the others.")}</p>
                {if has_keys {
                    view! {
                        <div class="field">
                            <label for="cosign-key">{tx("Signing key")}</label>
                            <select id="cosign-key" on:change=move |ev| cosign_key.set(Some(event_target_value(&ev)))>{choices}</select>
                        </div>
                        <SignerRole role=cosign_role name="cosign-role".to_owned() />
                        <div class="field">
                            <label for="cosign-pass">{tx("Passphrase")}</label>
                            <input type="password" id="cosign-pass" autocomplete="current-password" prop:value=move || cosign_pass.get() on:input=move |ev| cosign_pass.set(event_target_value(&ev)) />
                        </div>
                        <button type="button" class="primary" prop:disabled=move || signing.get() on:click=sign>
                            {move || if signing.get() { t("Signing…") } else { t("Sign and save the bundle") }}
                        </button>
                    }
                    .into_any()
                } else {
                    view! { <p>{tx("There is no signing key on this device yet.")}</p> }.into_any()
                }}
                {move || cosign_outcome.get().map(|r| match r {
                    Ok(text) => view! { <p class="message ok" role="status" data-testid="cosign-done">{text}</p> }.into_any(),
                    Err(e) => view! { <p class="message error" role="alert">{translated(&e)}</p> }.into_any(),
                })}
            </section>
        }
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
                    // Said in the language of the moment, and again when it changes.
                    let details = c.details.iter().cloned().map(|d| view! { <li>{move || d.render(lang())}</li> }).collect_view();
                    let title = c.title.clone();
                    view! {
                        <li class=class>
                            <span class="check-mark" aria-hidden="true">{if c.passed { "✓" } else { "✗" }}</span>
                            <strong>{move || title.render(lang())}</strong>
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
                    {intact.then(cosign_view)}
                </section>
            }
        })
    };

    view! {
        <main class="drafts verify" id="main" tabindex="-1">
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
