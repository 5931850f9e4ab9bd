//! Review and export: every remaining problem with a link to fix it (answers, documents, tariff),
//! the declaration page to print with the signing key's fingerprint, then the signed bundle,
//! exported in one click when complete, or after an explicit choice when not.

use crate::browser::bundle_io::{self, ChosenSigner};
use crate::browser::keystore::{self, StoredKey};
use crate::browser::{clock, files};
use crate::components::keys::SignerRole;
use crate::components::licence_panel::LicencePanel;
use crate::components::step_summary::StepSummary;
use crate::i18n::{lang, t, translated, tx};
use crate::state::{use_state, Screen};
use leptos::prelude::*;
use mgl_domain::attachments::missing_documents;
use mgl_domain::format::format_size;
use mgl_domain::message::counted;
use mgl_domain::tariff_draft::{compute, Computation};
use mgl_domain::validate::incompleteness;
use mgl_domain::Step;

/// One key on the device as the Review step offers it: signs or not, in which role, passphrase.
#[derive(Clone)]
struct KeyChoice {
    key: StoredKey,
    sign: RwSignal<bool>,
    role: RwSignal<&'static str>,
    passphrase: RwSignal<String>,
}

#[component]
pub fn Review() -> impl IntoView {
    let state = use_state();
    let steps_with_problems = Memo::new(move |_| {
        state.report().with(|r| {
            Step::ALL
                .iter()
                .copied()
                .filter(|s| r.of_step(*s).next().is_some())
                .collect::<Vec<_>>()
        })
    });
    let missing = Memo::new(move |_| {
        state.draft.with(|d| {
            missing_documents(d)
                .into_iter()
                .map(|m| {
                    let scope = match m.site_id.as_deref().and_then(|id| d.site_index(id)) {
                        Some(i) => format!("{} {} ({})", t("Site"), i + 1, d.sites[i].name.trim()),
                        None => t("Company").to_owned(),
                    };
                    format!("{scope}: {}", t(m.title))
                })
                .collect::<Vec<_>>()
        })
    });
    let tariff_warnings = Memo::new(move |_| {
        state.draft.with(|d| match &d.tariff {
            None => Vec::new(),
            Some(tariff) => match compute(tariff, &state.profile.with(|p| p.currency.clone())) {
                Computation::Results(_, results) => {
                    results.warnings.iter().map(|w| w.render(lang())).collect()
                }
                Computation::Problems(p) => vec![counted(
                    "{n} tariff input to fix or complete.",
                    "{n} tariff inputs to fix or complete.",
                    p.len() as u64,
                )
                .render(lang())],
                Computation::Error(e) => vec![e.render(lang())],
            },
        })
    });
    // Files the draft lists but this device lacks (a draft opened from a file): they block export.
    let not_here = RwSignal::new(0usize);
    Effect::new(move |_| {
        let hashes: Vec<String> = state
            .draft
            .with(|d| d.files.iter().map(|f| f.sha256.clone()).collect());
        leptos::task::spawn_local(async move {
            let n = crate::browser::file_store::absent(hashes).await.len();
            not_here.try_set(n);
        });
    });
    let errors = move || state.report().with(|r| r.errors().count());
    let complete =
        Memo::new(move |_| errors() == 0 && missing.with(Vec::is_empty) && not_here.get() == 0);
    // What keeps the application itself from being complete (files absent from this device do
    // not: exporting without them cannot work, and says so).
    let incompleteness =
        move || incompleteness(errors(), missing.with(Vec::len)).map(|why| why.render(lang()));
    let app_id = move || {
        state
            .draft
            .with(|d| state.profile.with(|p| d.application_id(p)))
    };

    // The keys on this device, as choices; `None` until they are read.
    let choices = RwSignal::new(None::<Vec<KeyChoice>>);
    let owner = Owner::current();
    leptos::task::spawn_local(async move {
        let keys = keystore::list().await;
        // The choices' signals belong to this page, like the rest of its state.
        let make = move || {
            keys.into_iter()
                .enumerate()
                .map(|(i, key)| KeyChoice {
                    key,
                    sign: RwSignal::new(i == 0),
                    role: RwSignal::new(if i == 0 { "applicant" } else { "ngo" }),
                    passphrase: RwSignal::new(String::new()),
                })
                .collect::<Vec<_>>()
        };
        let made = match &owner {
            Some(owner) => owner.with(make),
            None => make(),
        };
        choices.try_set(Some(made));
    });
    let has_keys = move || choices.with(|c| c.as_ref().is_some_and(|c| !c.is_empty()));
    let applicant_fingerprint = move || {
        choices.with(|c| {
            c.iter()
                .flatten()
                .find(|k| k.sign.get() && k.role.get() == "applicant")
                .map(|k| k.key.fingerprint.clone())
        })
    };

    let print_declaration = move |_| {
        let fingerprint = applicant_fingerprint();
        let html = state.draft.with(|d| {
            state.profile.with(|p| {
                mgl_domain::printout::declaration_page(d, p, fingerprint.as_deref(), lang())
            })
        });
        let name = files::safe_file_name(&format!("{} declaration", app_id()), "html");
        files::show_printable(&html, &name);
    };

    let export_anyway = RwSignal::new(false);
    let progress = RwSignal::new(None::<f64>);
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let export = move |_| {
        outcome.set(None);
        let chosen: Vec<ChosenSigner> = choices.with_untracked(|c| {
            c.iter()
                .flatten()
                .filter(|k| k.sign.get_untracked())
                .map(|k| ChosenSigner {
                    role: k.role.get_untracked(),
                    key: k.key.clone(),
                    passphrase: k.passphrase.get_untracked(),
                })
                .collect()
        });
        if chosen.is_empty() {
            outcome.set(Some(Err(t("Choose at least one key to sign with.").into())));
            return;
        }
        let incomplete = untrack(incompleteness);
        if incomplete.is_some() && !export_anyway.get_untracked() {
            outcome.set(Some(Err(t("The application is not complete: fix what is listed above, or tick \"Export anyway\".").into())));
            return;
        }
        state.save_now();
        let draft = state.draft.get_untracked();
        let profile = state.profile.get_untracked();
        progress.set(Some(0.0));
        leptos::task::spawn_local(async move {
            let result = bundle_io::export_bundle(
                &draft,
                &profile,
                &chosen,
                incomplete,
                state.today,
                clock::now_ms(),
                move |f| _ = progress.try_set(Some(f)),
            )
            .await;
            progress.try_set(None);
            outcome.try_set(Some(result.and_then(|out| {
                files::download_blob(&out.file_name, &out.blob)?;
                let keys: Vec<String> = out.signed_by.iter().map(|k| k.key_id.clone()).collect();
                Ok(format!(
                    "{} {} ({}), {} {}.",
                    t("Saved"),
                    out.file_name,
                    format_size(out.size, crate::i18n::lang_untracked()),
                    t("signed by key"),
                    keys.join(", ")
                ))
            })));
        });
    };

    let key_rows = move || {
        choices.with(|c| {
            c.iter()
                .flatten()
                .map(|choice| {
                    let KeyChoice { key, sign, role, passphrase } = choice.clone();
                    let id = key.key_id.clone();
                    let sign_id = format!("sign-{id}");
                    let pass_id = format!("pass-{id}");
                    let role_name = format!("role-{id}");
                    let label = StoredValue::new(key.label.clone());
                    view! {
                        <li class="key-card">
                            <label class="choice">
                                <input type="checkbox" id=sign_id prop:checked=move || sign.get() on:change=move |ev| sign.set(event_target_checked(&ev)) />
                                <span><strong>{move || format!("{} {}", t("Sign with"), label.get_value())}</strong> " " <code class="key-id">{id.clone()}</code></span>
                            </label>
                            <Show when=move || sign.get()>
                                <SignerRole role=role name=role_name.clone() />
                                <div class="field">
                                    <label for=pass_id.clone()>{move || format!("{} {}", t("Passphrase of"), label.get_value())}</label>
                                    <input type="password" id=pass_id.clone() autocomplete="current-password" prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev)) />
                                </div>
                            </Show>
                        </li>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <h2 id="step-title" tabindex="-1">
            <span class="section">{tx("Application")} " " {app_id}</span>
            {tx("Review and export")}
        </h2>
        <LicencePanel />
        <section class="review-problems">
            <h3>{tx("What is left to do")}</h3>
            <Show when=move || !complete.get() fallback=|| view! { <p class="summary-ok">{tx("Every answer is valid and every required document is attached.")}</p> }>
                {move || steps_with_problems.get().into_iter().map(|step| view! {
                    <h4>{move || format!("{} {} · {}", t("Section"), step.section(), t(step.title()))}</h4>
                    <StepSummary step=step />
                }).collect_view()}
                <Show when=move || { not_here.get() > 0 }>
                    <div class="step-summary">
                        <p class="message error">{move || counted("{n} attached file is not on this device (the draft was made on another device): attach it again before exporting.", "{n} attached files are not on this device (the draft was made on another device): attach them again before exporting.", not_here.get() as u64).render(lang())}</p>
                        <button type="button" class="secondary" on:click=move |_| state.go(Screen::Documents)>{tx("Attach the documents")}</button>
                    </div>
                </Show>
                <Show when=move || missing.with(|m| !m.is_empty())>
                    <div class="step-summary">
                        <h4>{move || format!("{} {}", missing.with(Vec::len), t("required documents not attached"))}</h4>
                        <ul>{move || missing.get().into_iter().map(|m| view! { <li class="error">{m}</li> }).collect_view()}</ul>
                        <button type="button" class="secondary" on:click=move |_| state.go(Screen::Documents)>{tx("Attach the documents")}</button>
                    </div>
                </Show>
            </Show>
            <Show when=move || tariff_warnings.with(|w| !w.is_empty())>
                <div class="tariff-review">
                    <h4>{tx("Tariff calculation")}</h4>
                    <ul>{move || tariff_warnings.get().into_iter().map(|w| view! { <li class="message warning">{w}</li> }).collect_view()}</ul>
                    <button type="button" class="secondary" on:click=move |_| state.go(Screen::Tariff)>{tx("Open the tariff calculation")}</button>
                </div>
            </Show>
        </section>

        <section class="group export">
            <h3>{tx("Sign and export the bundle")}</h3>
            <p class="help">{tx("The bundle is one .zip file with the application, its checklist, its tariff and every attachment, signed with your key. Hand it to the Authority yourself (USB stick, e-mail); nothing is sent from this app.")}</p>
            {move || match choices.with(|c| c.as_ref().map(Vec::is_empty)) {
                None => ().into_any(),
                Some(false) => view! { <ul class="key-list">{key_rows}</ul> }.into_any(),
                Some(true) => view! {
                    <p class="message warning">{tx("There is no signing key on this device yet.")} " "
                        <button type="button" class="link" on:click=move |_| state.go(Screen::Keys)>{tx("Create or import a signing key")}</button>
                    </p>
                }.into_any(),
            }}
            <p>
                <button type="button" class="secondary" on:click=print_declaration>{tx("Print the declaration page (with the key's fingerprint)")}</button>
            </p>
            <p class="help">{tx("The principal officer signs, seals and swears the printed declaration; attach its scan as the declaration document before exporting.")}</p>
            <Show when=move || incompleteness().is_some()>
                <label class="choice export-anyway">
                    <input type="checkbox" prop:checked=move || export_anyway.get() on:change=move |ev| export_anyway.set(event_target_checked(&ev)) />
                    <span>{move || format!("{} ({})", t("Export anyway, marked as incomplete"), incompleteness().unwrap_or_default())}</span>
                </label>
            </Show>
            <button type="button" class="primary" prop:disabled=move || progress.get().is_some() || !has_keys() on:click=export>
                {tx("Export the signed bundle")}
            </button>
            {move || progress.get().map(|f| view! {
                <p role="status">{tx("Reading the attachments…")} " " <progress max="1" value=f></progress> " " {format!("{:.0} %", f * 100.0)}</p>
            })}
            {move || outcome.get().map(|o| match o {
                Ok(text) => view! { <p class="message ok" role="status" data-testid="export-done">{text}</p> }.into_any(),
                Err(e) => view! { <p class="message error" role="alert">{translated(&e)}</p> }.into_any(),
            })}
        </section>
    }
}
