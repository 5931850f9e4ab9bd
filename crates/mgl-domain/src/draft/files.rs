//! The files kept with a draft, and which requirement each fulfils: data only (`attachments` checks
//! and attaches them).

use crate::filetype::FileType;
use serde::{Deserialize, Serialize};

/// A file kept with the draft. The bytes live on the device (the app's IndexedDB) or in a folder
/// (`mgl`), found by `sha256`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileRecord {
    /// Lower-case hex SHA-256 of the content.
    pub sha256: String,
    /// The name it had when first attached.
    pub name: String,
    pub size: u64,
    pub file_type: Option<FileType>,
    pub added_ms: f64,
}

impl FileRecord {
    /// The first 12 hex digits, enough for a person to compare two files.
    pub fn short_hash(&self) -> &str {
        &self.sha256[..self.sha256.len().min(12)]
    }
}

/// A requirement of the checklist, for the company (`site_id` empty) or a site, fulfilled by a file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Attachment {
    pub requirement: String,
    pub site_id: String,
    pub sha256: String,
}
