//! Drafts on the device: each draft one record (its JSON) in IndexedDB, written durably, so a save
//! that has resolved survives a crash the next moment (see `records` and `idb`). A 100-site draft
//! is about 155 KB. The list of drafts is read from the records themselves, never kept separately,
//! so it cannot disagree with them. Beside each draft, written in the same transaction, is what the
//! list shows of it (`mgl_domain::summary`), made when it was saved.

use super::records::DRAFTS;
use super::window;
use mgl_domain::summary::Summary;
use mgl_domain::Draft;
use wasm_bindgen_futures::JsFuture;

/// Reads a draft's JSON (`Draft::from_json`). The reader is a pointer into a module loaded on demand
/// (`chunks::draft_parser`): the first screen lists drafts from their summaries, not their JSON.
pub type ParseDraft = fn(&str) -> Result<Draft, String>;

/// Saves a draft's JSON (`Draft::to_json`) and its summary for the list, in one transaction;
/// resolves once both are on disk. The error says what happened in the user's words (storage full,
/// storage disabled or cleared).
pub async fn save_json(id: &str, json: &str, summary: &Summary) -> Result<(), String> {
    DRAFTS
        .put_with_note(id, json, Some(&summary.to_json()))
        .await
}

/// Saves a draft that is not open (a duplicate), with the summary the list can show at once; the
/// list counts it.
pub async fn save(draft: &Draft) -> Result<(), String> {
    save_json(&draft.id, &draft.to_json(), &Summary::uncounted(draft)).await
}

/// Keeps the summary the list made of a stored draft.
pub async fn save_summary(id: &str, summary: &Summary) -> Result<(), String> {
    DRAFTS.put_note(id, &summary.to_json()).await
}

/// Leaves a draft's JSON where the next start moves it into IndexedDB from: for a page that is
/// closing, whose IndexedDB writes may not finish (see `AppState::save_on_leaving`).
pub fn keep_until_next_start(id: &str, json: &str) {
    DRAFTS.put_until_next_start(id, json);
}

/// The JSON of draft `id`, if it is on this device.
pub async fn load_json(id: &str) -> Option<String> {
    DRAFTS.get(id).await.ok()?
}

pub async fn delete(id: &str) -> Result<(), String> {
    DRAFTS.delete(id).await
}

pub async fn exists(id: &str) -> bool {
    matches!(DRAFTS.get(id).await, Ok(Some(_)))
}

/// A stored draft: its id, its JSON, and the summary stored with it (which may be of other rules or
/// another day: see `Summary::is_current`).
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub id: String,
    pub json: String,
    pub summary: Option<Summary>,
}

impl Stored {
    /// The draft, named by the id it is stored under (so that saving it again replaces this entry).
    pub fn read(&self, parse: ParseDraft) -> Option<Draft> {
        let mut draft = parse(&self.json).ok()?;
        draft.id.clone_from(&self.id);
        Some(draft)
    }

    pub fn updated_ms(&self) -> f64 {
        self.summary
            .as_ref()
            .map_or_else(|| Draft::updated_ms_of(&self.json), |s| s.updated_ms)
    }
}

/// The drafts on this device, and why some may be missing from the list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    /// Most recently edited first.
    pub drafts: Vec<Stored>,
    /// Why the device's storage could not be read (the drafts listed then are those the previous
    /// version of the app kept elsewhere, if any).
    pub problem: Option<String>,
}

pub async fn list() -> Listing {
    let (entries, problem) = match DRAFTS.all().await {
        Ok(entries) => (entries, None),
        Err((reason, fallback)) => (fallback, Some(reason)),
    };
    let mut drafts: Vec<Stored> = entries
        .into_iter()
        .map(|entry| Stored {
            summary: entry.note.as_deref().and_then(Summary::from_json),
            id: entry.id,
            json: entry.json,
        })
        .collect();
    drafts.sort_by(|a, b| b.updated_ms().total_cmp(&a.updated_ms()));
    Listing { drafts, problem }
}

/// Whether the browser keeps the app's storage when space runs low (`navigator.storage`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Kept until the user deletes it.
    Yes,
    /// Not yet: the browser would ask the user (Firefox does; Chromium decides by itself).
    Askable,
    /// Not kept, and asking will not change it (refused, a private window, no storage API).
    No,
}

/// What the browser promises now, asking it only where that shows the user nothing: a question
/// that pops up at start, before the user did anything, cannot be understood (and Firefox leaves
/// it pending until answered, so the app would say nothing at all).
pub async fn persistence() -> Kept {
    let storage = window().navigator().storage();
    if promised(storage.persisted()).await == Some(true) {
        return Kept::Yes;
    }
    match permission_state("persistent-storage").await.as_deref() {
        Some("granted") => ask_persistence().await,
        Some("denied") => Kept::No,
        _ => Kept::Askable,
    }
}

/// Asks the browser to keep the app's storage; Firefox asks the user, so call this on their click.
pub async fn ask_persistence() -> Kept {
    match promised(window().navigator().storage().persist()).await {
        Some(true) => Kept::Yes,
        _ => Kept::No,
    }
}

async fn promised(promise: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> Option<bool> {
    JsFuture::from(promise.ok()?).await.ok()?.as_bool()
}

/// A permission's state ("granted", "denied", "prompt"), or `None` where the browser cannot say.
async fn permission_state(name: &str) -> Option<String> {
    let permissions = window().navigator().permissions().ok()?;
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"name".into(), &name.into()).ok()?;
    let status = JsFuture::from(permissions.query(&descriptor).ok()?)
        .await
        .ok()?;
    js_sys::Reflect::get(&status, &"state".into())
        .ok()?
        .as_string()
}

/// Deletes from the device those of these attached files that no draft lists any more. When the
/// drafts cannot all be read, nothing is deleted: a file in use must never go.
pub async fn delete_unused_files(candidates: Vec<String>, parse: ParseDraft) {
    let listing = list().await;
    if listing.problem.is_some() {
        return;
    }
    let mut in_use = std::collections::HashSet::new();
    for stored in &listing.drafts {
        match stored.read(parse) {
            Some(draft) => in_use.extend(draft.files.into_iter().map(|f| f.sha256)),
            // A draft that cannot be read may list any file.
            None => return,
        }
    }
    for sha in candidates.into_iter().filter(|s| !in_use.contains(s)) {
        let _ = super::file_store::delete(&sha).await;
    }
}
