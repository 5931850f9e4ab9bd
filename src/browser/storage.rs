//! Drafts on the device. Each draft is one JSON entry in the browser's local storage under
//! `mgl.draft.<id>`: written synchronously, so a crash right after a save loses nothing, and small (a
//! 100-site draft is about 200 KB). The list of drafts is read from the keys themselves, never kept
//! separately, so it cannot disagree with them. (Attached files, which are large, will live in
//! IndexedDB as Blobs.)

use super::{files::js_error, window};
use mgl_domain::Draft;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const PREFIX: &str = "mgl.draft.";

pub(crate) fn local_storage() -> Result<web_sys::Storage, String> {
    window()
        .local_storage()
        .map_err(js_error)?
        .ok_or_else(|| "This browser does not allow the app to keep data on the device.".to_owned())
}

/// Saves a draft. The error says what happened in the user's words (storage full, storage disabled).
pub fn save(draft: &Draft) -> Result<(), String> {
    let storage = local_storage()?;
    storage
        .set_item(&format!("{PREFIX}{}", draft.id), &draft.to_json())
        .map_err(|e| {
            let quota = e
                .dyn_ref::<web_sys::DomException>()
                .is_some_and(|d| d.name() == "QuotaExceededError");
            if quota {
                "The browser's storage for this app is full.".to_owned()
            } else {
                format!("The browser refused to store the draft ({}).", js_error(e))
            }
        })
}

pub fn load(id: &str) -> Option<Draft> {
    let json = local_storage()
        .ok()?
        .get_item(&format!("{PREFIX}{id}"))
        .ok()??;
    Draft::from_json(&json).ok()
}

pub fn delete(id: &str) -> Result<(), String> {
    local_storage()?
        .remove_item(&format!("{PREFIX}{id}"))
        .map_err(js_error)
}

pub fn exists(id: &str) -> bool {
    local_storage()
        .ok()
        .and_then(|s| s.get_item(&format!("{PREFIX}{id}")).ok().flatten())
        .is_some()
}

/// Every draft on this device, most recently edited first. Entries that cannot be read are skipped.
pub fn list() -> Vec<Draft> {
    let Ok(storage) = local_storage() else {
        return vec![];
    };
    let count = storage.length().unwrap_or(0);
    let mut drafts: Vec<Draft> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(PREFIX))
        .filter_map(|key| storage.get_item(&key).ok().flatten())
        .filter_map(|json| Draft::from_json(&json).ok())
        .collect();
    drafts.sort_by(|a, b| b.updated_ms.total_cmp(&a.updated_ms));
    drafts
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
