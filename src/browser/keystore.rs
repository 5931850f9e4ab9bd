//! Signing keys on this device, in local storage under `mgl.key.<key id>`: each as minisign's
//! passphrase-encrypted secret-key file, never in plain text, with its public key and a label.
//! Unlocking happens only for the moment of signing (`mgl_domain::bundle::keys::unlock`).

use super::files::js_error;
use super::storage::local_storage;
use serde::{Deserialize, Serialize};

const PREFIX: &str = "mgl.key.";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredKey {
    pub key_id: String,
    /// Whose key it is, as the user named it ("Amina Bello, Sunrise Energy").
    pub label: String,
    pub fingerprint: String,
    /// minisign's encrypted secret-key file.
    pub secret_file: String,
    /// minisign's public-key file.
    pub pub_file: String,
    pub created_ms: f64,
}

pub fn save(key: &StoredKey) -> Result<(), String> {
    let json = serde_json::to_string(key).map_err(|e| e.to_string())?;
    local_storage()?
        .set_item(&format!("{PREFIX}{}", key.key_id), &json)
        .map_err(|e| format!("The browser refused to store the key ({}).", js_error(e)))
}

pub fn delete(key_id: &str) -> Result<(), String> {
    local_storage()?
        .remove_item(&format!("{PREFIX}{key_id}"))
        .map_err(js_error)
}

/// Every key on this device, oldest first.
pub fn list() -> Vec<StoredKey> {
    let Ok(storage) = local_storage() else {
        return Vec::new();
    };
    let mut keys: Vec<StoredKey> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .filter_map(|k| storage.get_item(&k).ok().flatten())
        .filter_map(|json| serde_json::from_str(&json).ok())
        .collect();
    keys.sort_by(|a, b| a.created_ms.total_cmp(&b.created_ms));
    keys
}
