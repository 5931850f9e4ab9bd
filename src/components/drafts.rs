//! The drafts on this device: start a new application, open, duplicate, save as a file, delete (with
//! confirmation), or open a draft saved as a file.

use crate::browser::{clock, files, storage};
use crate::components::save_status::save_draft_as_file;
use crate::i18n::{t, translated, tx};
use crate::state::use_state;
use leptos::prelude::*;
use mgl_domain::{validate, CountryProfile, Draft, Step};
use wasm_bindgen::JsCast;

#[derive(Clone, PartialEq)]
struct DraftSummary {
    draft: Draft,
    complete_steps: usize,
    documents: mgl_domain::attachments::Completeness,
}

fn summarise(draft: Draft, today: mgl_domain::Date) -> DraftSummary {
    let profile =
        CountryProfile::bundled(&draft.profile).unwrap_or_else(CountryProfile::default_profile);
    let complete_steps = validate(&draft, &profile, today).complete_steps();
    let documents = mgl_domain::attachments::completeness(&draft);
    DraftSummary {
        draft,
        complete_steps,
        documents,
    }
}

#[component]
pub fn DraftsPage() -> impl IntoView {
    let state = use_state();
    // Read from the device's storage, again whenever the drafts change; `None` until the first read
    // is done. (A signal filled by a task rather than a LocalResource, whose machinery would add
    // about 15 KB to the first load.)
    let listing = RwSignal::new(None::<(Vec<DraftSummary>, Option<String>)>);
    let reads = StoredValue::new(0u32);
    Effect::new(move |_| {
        state.drafts_changed.track();
        reads.update_value(|n| *n += 1);
        let this_read = reads.get_value();
        leptos::task::spawn_local(async move {
            let storage::Listing { drafts, problem } = storage::list().await;
            let summaries: Vec<DraftSummary> = drafts
                .into_iter()
                .map(|d| summarise(d, state.today))
                .collect();
            // A read started later holds the newer list.
            if reads.try_get_value() == Some(this_read) {
                listing.try_set(Some((summaries, problem)));
            }
        });
    });
    // `None` until the first read is done: neither the list nor "no application yet" shows before.
    let drafts = Memo::new(move |_| listing.with(|l| l.as_ref().map(|(drafts, _)| drafts.clone())));
    let problem = move || listing.with(|l| l.as_ref().and_then(|(_, problem)| problem.clone()));
    let confirm_delete = RwSignal::new(None::<String>);
    let open_error = RwSignal::new(None::<String>);
    // A duplicate or a deletion the device's storage refused.
    let store_error = RwSignal::new(None::<String>);

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().expect("input").unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let result = files::read_text(&file)
                .await
                .and_then(|text| Draft::from_json(&text));
            match result {
                Ok(mut draft) => {
                    // A file opened twice, or a copy of a draft already here, becomes a new draft.
                    if draft.id.is_empty() || storage::exists(&draft.id).await {
                        draft.id = clock::new_id();
                    }
                    if draft.profile.is_empty() {
                        draft.profile = mgl_domain::profile::DEFAULT_PROFILE_ID.to_owned();
                    }
                    draft.updated_ms = clock::now_ms();
                    open_error.try_set(None);
                    state.open_new(draft, Step::Applicant);
                }
                Err(reason) => _ = open_error.try_set(Some(format!("{}: {reason}", file.name()))),
            }
        });
    };

    let rows = move || {
        drafts
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|summary| {
                let DraftSummary { draft, complete_steps, documents } = summary;
                let id = draft.id.clone();
                let title = draft.title().to_owned();
                let (open_draft, dup_draft, file_draft) = (draft.clone(), draft.clone(), draft.clone());
                let (delete_id, confirm_id, yes_id) = (id.clone(), id.clone(), id.clone());
                let asking = move || confirm_delete.get().as_deref() == Some(confirm_id.as_str());
                view! {
                    <tr data-draft-id=id.clone()>
                        <td><button type="button" class="link" on:click=move |_| state.open(open_draft.clone(), Step::Applicant)>{title.clone()}</button></td>
                        <td class="number">{draft.sites.len()}</td>
                        <td>{clock::format_local(draft.updated_ms)}</td>
                        <td>
                            <progress max=Step::ALL.len() value=complete_steps></progress>
                            " " {move || format!("{complete_steps} {} {}", t("of"), Step::ALL.len())} " " {tx("steps complete")}
                            <br />
                            <span class="documents-count">{move || format!("{} {} {} {}", documents.attached, t("of"), documents.required, t("required documents attached"))}</span>
                        </td>
                        <td class="actions">
                            <button type="button" class="secondary" on:click=move |_| {
                                let mut copy = dup_draft.clone();
                                copy.id = clock::new_id();
                                copy.applicant.organisation = format!("{} ({})", copy.title(), t("copy"));
                                copy.created_ms = clock::now_ms();
                                copy.updated_ms = copy.created_ms;
                                leptos::task::spawn_local(async move {
                                    store_error.try_set(storage::save(&copy).await.err());
                                    state.drafts_changed.try_update(|n| *n += 1);
                                });
                            }>{tx("Duplicate")}</button>
                            <button type="button" class="secondary" on:click=move |_| {
                                if let Err(reason) = save_draft_as_file(&file_draft) {
                                    open_error.set(Some(reason));
                                }
                            }>{tx("Save as file")}</button>
                            <Show when=asking.clone() fallback=move || {
                                let id = delete_id.clone();
                                view! { <button type="button" class="danger" on:click=move |_| confirm_delete.set(Some(id.clone()))>{tx("Delete")}</button> }
                            }>
                                <span class="confirm" role="alert">
                                    {tx("Delete this draft for good?")} " "
                                    <button type="button" class="danger" on:click={
                                        let id = yes_id.clone();
                                        move |_| {
                                            let id = id.clone();
                                            leptos::task::spawn_local(async move {
                                                let files: Vec<String> = storage::load(&id).await.map(|d| d.files.into_iter().map(|f| f.sha256).collect()).unwrap_or_default();
                                                match storage::delete(&id).await {
                                                    Ok(()) => storage::delete_unused_files(files).await,
                                                    Err(reason) => _ = store_error.try_set(Some(reason)),
                                                }
                                                confirm_delete.try_set(None);
                                                state.drafts_changed.try_update(|n| *n += 1);
                                            });
                                        }
                                    }>{tx("Yes, delete")}</button> " "
                                    <button type="button" class="secondary" on:click=move |_| confirm_delete.set(None)>{tx("Keep it")}</button>
                                </span>
                            </Show>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <main class="drafts" id="main" tabindex="-1">
            <h2>{tx("Applications on this device")}</h2>
            {(crate::browser::window().location().protocol().ok().as_deref() == Some("file:")).then(|| view! {
                <p class="message warning" data-testid="file-notice">{tx("This app was opened from a file. Its drafts are kept in this browser's storage for files on this computer, not with the file itself: use \"Save as file\" to move a draft to another computer.")}</p>
            })}
            <p class="lead">{tx("Prepare an application for a mini-grid licence (Appendix I of the Regulations for Mini-Grids), for one mini-grid or a portfolio of sites. Everything stays on this device until you hand the application over yourself.")}</p>
            <div class="drafts-actions">
                <button type="button" class="primary" on:click=move |_| state.create()>{tx("Start a new application")}</button>
                <label class="file-button">
                    {tx("Open a draft saved as a file")}
                    <input type="file" accept=".json,application/json" on:change=on_file />
                </label>
            </div>
            {move || open_error.get().map(|e| view! { <p class="message error" role="alert">{tx("This file could not be opened.")} " " {e}</p> })}
            {move || store_error.get().map(|e| view! { <p class="message error" role="alert">{translated(&e)}</p> })}
            {move || problem().map(|p| view! { <p class="message error" role="alert">{tx("The applications on this device could not be read:")} " " {translated(&p)}</p> })}
            // The fallback is built once, maybe while the list is still being read: what it says
            // follows the read.
            <Show when=move || drafts.with(|d| d.as_ref().is_some_and(|d| !d.is_empty()))
                fallback=move || view! { {move || drafts.with(Option::is_some).then(|| view! { <p class="empty">{tx("No application on this device yet.")}</p> })} }>
                <table class="draft-list">
                    <thead><tr>
                        <th scope="col">{tx("Organisation")}</th>
                        <th scope="col">{tx("Sites")}</th>
                        <th scope="col">{tx("Last edited")}</th>
                        <th scope="col">{tx("Complete")}</th>
                        <th scope="col"><span class="visually-hidden">{tx("Actions")}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </Show>
        </main>
    }
}
