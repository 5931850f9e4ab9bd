//! Drafts on the device: each draft one record (its JSON) in IndexedDB, written durably, so a save
//! that has resolved survives a crash the next moment (see `records` and `idb`). A 100-site draft
//! is about 155 KB. The list of drafts is read from the records themselves, never kept separately,
//! so it cannot disagree with them.

use super::files::js_error;
use super::records::DRAFTS;
use super::window;
use mgl_domain::Draft;
use wasm_bindgen_futures::JsFuture;

/// Saves a draft's JSON (`Draft::to_json`); resolves once it is on disk. The error says what
/// happened in the user's words (storage full, storage disabled or cleared).
pub async fn save_json(id: &str, json: &str) -> Result<(), String> {
    DRAFTS.put(id, json).await
}

pub async fn save(draft: &Draft) -> Result<(), String> {
    save_json(&draft.id, &draft.to_json()).await
}

/// Leaves a draft's JSON where the next start moves it into IndexedDB from: for a page that is
/// closing, whose IndexedDB writes may not finish (see `AppState::save_on_leaving`).
pub fn keep_until_next_start(id: &str, json: &str) {
    DRAFTS.put_until_next_start(id, json);
}

/// The draft `id`, if it is on this device and can be read.
pub async fn load(id: &str) -> Option<Draft> {
    let json = DRAFTS.get(id).await.ok()??;
    read(id, &json)
}

pub async fn delete(id: &str) -> Result<(), String> {
    DRAFTS.delete(id).await
}

pub async fn exists(id: &str) -> bool {
    matches!(DRAFTS.get(id).await, Ok(Some(_)))
}

/// The drafts on this device, and why some may be missing from the list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    /// Most recently edited first. Entries that cannot be read are skipped.
    pub drafts: Vec<Draft>,
    /// Why the device's storage could not be read (the drafts listed then are those the previous
    /// version of the app kept elsewhere, if any).
    pub problem: Option<String>,
}

pub async fn list() -> Listing {
    let (entries, problem) = match DRAFTS.all().await {
        Ok(entries) => (entries, None),
        Err((reason, fallback)) => (fallback, Some(reason)),
    };
    let mut drafts: Vec<Draft> = entries
        .iter()
        .filter_map(|(id, json)| read(id, json))
        .collect();
    drafts.sort_by(|a, b| b.updated_ms.total_cmp(&a.updated_ms));
    Listing { drafts, problem }
}

/// A stored draft, named by the id it is stored under (so that saving it again replaces this entry).
fn read(id: &str, json: &str) -> Option<Draft> {
    let mut draft = Draft::from_json(json).ok()?;
    draft.id = id.to_owned();
    Some(draft)
}

/// Asks the browser not to clear the app's storage when space runs low. `Ok(true)` when granted.
pub async fn request_persistence() -> Result<bool, String> {
    let storage = window().navigator().storage();
    let already = JsFuture::from(storage.persisted().map_err(js_error)?)
        .await
        .map_err(js_error)?;
    if already.as_bool() == Some(true) {
        return Ok(true);
    }
    let granted = JsFuture::from(storage.persist().map_err(js_error)?)
        .await
        .map_err(js_error)?;
    Ok(granted.as_bool() == Some(true))
}

/// Deletes from the device those of these attached files that no draft lists any more. When the
/// drafts cannot all be read, nothing is deleted: a file in use must never go.
pub async fn delete_unused_files(candidates: Vec<String>) {
    let listing = list().await;
    if listing.problem.is_some() {
        return;
    }
    let in_use: std::collections::HashSet<String> = listing
        .drafts
        .into_iter()
        .flat_map(|d| d.files.into_iter().map(|f| f.sha256))
        .collect();
    for sha in candidates.into_iter().filter(|s| !in_use.contains(s)) {
        let _ = super::file_store::delete(&sha).await;
    }
}
