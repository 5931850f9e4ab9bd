//! "Saved on this device" and whether the browser promised to keep the app's storage (StorageKept,
//! also on the list of drafts); when saving fails the user is told at once and offered the draft as
//! a file.

use crate::browser::storage::{self, Kept};
use crate::browser::{clock, files};
use crate::i18n::{t, translated, tx};
use crate::state::{use_state, SaveState};
use leptos::prelude::*;

/// Offers the open draft as a JSON file the user keeps (and can open again with "Open a file").
pub fn save_draft_as_file(draft: &mgl_domain::Draft) -> Result<(), String> {
    let name = files::safe_file_name(&format!("{} {}", draft.title(), draft.id), "json");
    files::download_text(&name, "application/json", &draft.to_json())
}

#[component]
pub fn SaveStatus() -> impl IntoView {
    let state = use_state();
    let status = move || {
        match state.save.get() {
        SaveState::Saved { at_ms } if at_ms > 0.0 => view! {
            <span class="saved">{tx("Saved on this device")} " " {clock::format_local(at_ms)}</span>
        }
        .into_any(),
        SaveState::Saved { .. } => {
            view! { <span class="saved">{tx("Saved on this device")}</span> }.into_any()
        }
        SaveState::Pending => view! { <span class="pending">{tx("Saving…")}</span> }.into_any(),
        SaveState::Failed(reason) => view! {
            <span class="failed" role="alert">
                {tx("Not saved:")} " " {translated(&reason)} " " {tx("Keep your work by saving it as a file.")} " "
                <button type="button" on:click=move |_| {
                    let _ = state.draft.with_untracked(save_draft_as_file);
                }>{tx("Save as file")}</button>
            </span>
        }
        .into_any(),
    }
    };
    view! {
        <div class="save-status" role="status" aria-live="polite" data-testid="save-status">{status}</div>
        <StorageKept />
    }
}

/// Whether the browser promised to keep the app's storage, with the question to ask it where the
/// user must agree: shown on the list of drafts and beside "Saved", so the risk is never silent.
#[component]
pub fn StorageKept() -> impl IntoView {
    let state = use_state();
    // Firefox keeps the storage only when the user agrees, so the risk is told and the question
    // offered, on the user's click (the browser's own prompt then explains it too).
    let ask = move |_| {
        leptos::task::spawn_local(async move {
            state
                .persistence
                .set(Some(storage::ask_persistence().await))
        })
    };
    let persistence = move || {
        match state.persistence.get() {
        Some(Kept::Yes) => t("Storage: kept until you delete it").into_any(),
        Some(Kept::Askable) => view! {
            {t("Storage: the browser may clear it when the disk is full, unless you ask it to keep it.")} " "
            <button type="button" on:click=ask>{tx("Ask the browser to keep it")}</button>
        }
        .into_any(),
        Some(Kept::No) => t("Storage: the browser may clear it when the disk is full. Save a file copy now and then.").into_any(),
        None => "".into_any(),
    }
    };
    view! { <div class="persistence" data-testid="persistence">{persistence}</div> }
}
