//! Signing keys on this device, one record each in IndexedDB (see `records`), written durably:
//! each as minisign's passphrase-encrypted secret-key file, never in plain text, with its public
//! key and a label. Unlocking happens only for the moment of signing
//! (`mgl_domain::bundle::keys::unlock`).

use super::records::KEYS;
use serde::{Deserialize, Serialize};

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

/// Stores a key; resolves once it is on disk.
pub async fn save(key: &StoredKey) -> Result<(), String> {
    let json = serde_json::to_string(key).map_err(|e| e.to_string())?;
    KEYS.put(&key.key_id, &json).await
}

pub async fn delete(key_id: &str) -> Result<(), String> {
    KEYS.delete(key_id).await
}

/// Every key on this device, oldest first (the keys still readable when the storage is not).
pub async fn list() -> Vec<StoredKey> {
    let entries = KEYS.all().await.unwrap_or_else(|(_, fallback)| fallback);
    let mut keys: Vec<StoredKey> = entries
        .iter()
        .filter_map(|entry| serde_json::from_str(&entry.json).ok())
        .collect();
    keys.sort_by(|a, b| a.created_ms.total_cmp(&b.created_ms));
    keys
}
