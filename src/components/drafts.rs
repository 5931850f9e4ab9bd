//! The drafts on this device: start a new application, open, duplicate, save as a file, delete (with
//! confirmation), or open a draft saved as a file.

use crate::browser::storage::Stored;
use crate::browser::{clock, files, storage};
use crate::chunks;
use crate::components::save_status::{save_draft_as_file, StorageKept};
use crate::i18n::{t, translated, tx};
use crate::state::{use_state, Screen};
use leptos::prelude::*;
use mgl_domain::summary::Summary;
use mgl_domain::{Date, Draft, Step};
use std::collections::HashMap;

/// Open, duplicate and save as a file read the draft first (its reader loads then).
fn with_stored_draft(
    stored: StoredValue<Stored>,
    error: RwSignal<Option<String>>,
    then: Box<dyn FnOnce(Draft)>,
) {
    leptos::task::spawn_local(async move {
        match chunks::read_stored(&stored.get_value()).await {
            Some(draft) => then(draft),
            None => _ = error.try_set(Some(t("This draft could not be read.").to_owned())),
        }
    });
}

/// Summarises a stored draft for this list, and keeps the summary with it while the list shows.
/// `None` if the draft cannot be read, or the code that summarises cannot be loaded.
async fn summarise(
    stored: Stored,
    today: Date,
    still_listing: impl Fn() -> bool,
) -> Option<Summary> {
    let id = stored.id.clone();
    let summary = chunks::summarise_stored(stored, today).await.ok()??;
    // Checked just before the write is made: a save of the draft, if it is opened, comes after.
    if still_listing() {
        let _ = storage::save_summary(&id, &summary).await;
    }
    Some(summary)
}

/// What the list shows of a draft it could not summarise (the code that summarises, or parses,
/// could not be loaded): its organisation and time, read from its JSON text without the parser
/// (kept small: this is in the first load).
fn unsummarised(stored: &Stored) -> Summary {
    let json = stored.json.as_str();
    let organisation = json
        .find("\"applicant\":{")
        .and_then(|at| json_string(&json[at..], "\"organisation\":\""))
        .filter(|o| !o.trim().is_empty());
    Summary {
        title: organisation.unwrap_or_else(|| mgl_domain::draft::UNTITLED.to_owned()),
        updated_ms: json_whole_number(json, "\"updated_ms\":").unwrap_or(0.0),
        ..Summary::default()
    }
}

/// The string after the first `key` (`"name":"`) in `json`, as serde_json writes it; escapes but
/// `\uXXXX` undone (a name with one shows it as written).
fn json_string(json: &str, key: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = json[json.find(key)? + key.len()..].chars();
    while let Some(c) = chars.next() {
        match c {
            // The quote written by its code: tests/i18n.rs reads a quote in quotes as a string's start.
            '\u{22}' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'u' => out.push_str("\\u"),
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// The whole part of the number after the first `key` in `json` (a time in ms). Read as an
/// integer: parsing a float would bring its code (some 14 KB brotli) into the first load.
fn json_whole_number(json: &str, key: &str) -> Option<f64> {
    let digits: String = json[json.find(key)? + key.len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse::<u64>().ok().map(|ms| ms as f64)
}

#[component]
pub fn DraftsPage() -> impl IntoView {
    let state = use_state();
    // Read from the device's storage, again whenever the drafts change; `None` until the first read
    // is done. Each draft listed has its summary (what this list shows of it), maybe made by other
    // rules or on another day. (A signal filled by a task rather than a LocalResource, whose
    // machinery would add about 15 KB to the first load.)
    let listing = RwSignal::new(None::<(Vec<Stored>, Option<String>)>);
    // The summaries made by these rules today, by id: their counts show. Apart from the list, so
    // that a count arriving changes its cell, not the whole table.
    let current = RwSignal::new(HashMap::<String, Summary>::new());
    // Drafts that could not be counted (the code that counts could not be loaded, on a first visit
    // cut off before the app was kept for offline use; or the draft does not read): their counts
    // are left out rather than "Counting…" forever.
    let not_counted = RwSignal::new(std::collections::HashSet::<String>::new());
    let reads = StoredValue::new(0u32);
    Effect::new(move |_| {
        state.drafts_changed.track();
        reads.update_value(|n| *n += 1);
        let this_read = reads.get_value();
        leptos::task::spawn_local(async move {
            let storage::Listing {
                mut drafts,
                problem,
            } = storage::list().await;
            // A read started later holds the newer list; a summary is kept only while this list
            // shows (an opened draft's own save makes its summary).
            let still_listing = move || {
                reads.try_get_value() == Some(this_read)
                    && state.screen.try_get_untracked() == Some(Screen::Drafts)
            };
            // A draft without a summary (saved by an older version, or moved in from the copy a
            // closing page left) is listed at once by what its text says, and one summarised by
            // other rules or on another day by its stored summary; the counts of both follow once
            // made (the code that counts may take a while to load, or never load offline: the
            // list never waits for it).
            let today = state.today;
            let mut to_count = Vec::new();
            for stored in &mut drafts {
                match &stored.summary {
                    Some(summary) if summary.is_current(today) => {}
                    Some(_) => to_count.push(stored.clone()),
                    None => {
                        to_count.push(stored.clone());
                        stored.summary = Some(unsummarised(stored));
                    }
                }
            }
            if !still_listing() {
                return;
            }
            current.try_set(
                drafts
                    .iter()
                    .filter_map(|d| Some((d.id.clone(), d.summary.clone()?)))
                    .filter(|(_, summary)| summary.is_current(today))
                    .collect(),
            );
            listing.try_set(Some((drafts, problem)));
            for stored in to_count {
                let id = stored.id.clone();
                let Some(summary) = summarise(stored, today, still_listing).await else {
                    not_counted.try_update(|n| n.insert(id));
                    continue;
                };
                current.try_update(|c| c.insert(id, summary));
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
        let Some(file) = files::picked_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = match files::read_text(&file).await {
                Ok(text) => chunks::parse_draft(&text).await,
                Err(reason) => Err(reason),
            };
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
            .map(|stored| {
                let id = stored.id.clone();
                let shown = stored.summary.clone().unwrap_or_default();
                let counts_id = id.clone();
                let counts = move || current.with(|c| c.get(&counts_id).cloned());
                let shown_id = id.clone();
                let stored = StoredValue::new(stored);
                let with_draft = move |then: Box<dyn FnOnce(Draft)>| with_stored_draft(stored, store_error, then);
                let (delete_id, confirm_id, yes_id) = (id.clone(), id.clone(), id.clone());
                let asking = move || confirm_delete.get().as_deref() == Some(confirm_id.as_str());
                view! {
                    <tr data-draft-id=id.clone()>
                        <td><button type="button" class="link" on:click=move |_| with_draft(Box::new(move |draft| state.open(draft, Step::Applicant)))>{let title_id = id.clone(); let listed_title = shown.title.clone(); move || current.with(|c| c.get(&title_id).map_or(listed_title.clone(), |c| c.title.clone()))}</button></td>
                        <td class="number">{let sites_id = id.clone(); move || current.with(|c| c.get(&sites_id).map_or(shown.sites, |c| c.sites))}</td>
                        <td>{clock::format_local(shown.updated_ms)}</td>
                        <td>{move || match counts() {
                            None if not_counted.with(|n| n.contains(&shown_id)) => ().into_any(),
                            None => view! { <span class="muted">{t("Counting…")}</span> }.into_any(),
                            Some(p) => view! {
                                <progress max=Step::ALL.len() value=p.complete_steps></progress>
                                " " {format!("{} {} {}", p.complete_steps, t("of"), Step::ALL.len())} " " {t("steps complete")}
                                <br />
                                <span class="documents-count">{format!("{} {} {} {}", p.documents_attached, t("of"), p.documents_required, t("required documents attached"))}</span>
                            }.into_any(),
                        }}</td>
                        <td class="actions">
                            <button type="button" class="secondary" on:click=move |_| with_draft(Box::new(move |mut copy| {
                                copy.id = clock::new_id();
                                copy.applicant.organisation = format!("{} ({})", copy.title(), t("copy"));
                                copy.created_ms = clock::now_ms();
                                copy.updated_ms = copy.created_ms;
                                leptos::task::spawn_local(async move {
                                    store_error.try_set(storage::save(&copy).await.err());
                                    state.drafts_changed.try_update(|n| *n += 1);
                                });
                            }))>{tx("Duplicate")}</button>
                            <button type="button" class="secondary" on:click=move |_| with_draft(Box::new(move |draft| {
                                if let Err(reason) = save_draft_as_file(&draft) {
                                    store_error.set(Some(reason));
                                }
                            }))>{tx("Save as file")}</button>
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
                                                // Without the reader, the draft goes and its files stay.
                                                let parse = chunks::draft_parser().await.ok();
                                                let files: Vec<String> = parse.and_then(|parse| stored.get_value().read(parse)).map(|d| d.files.into_iter().map(|f| f.sha256).collect()).unwrap_or_default();
                                                match storage::delete(&id).await {
                                                    Ok(()) => if let Some(parse) = parse { storage::delete_unused_files(files, parse).await },
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
            <StorageKept />
        </main>
    }
}
