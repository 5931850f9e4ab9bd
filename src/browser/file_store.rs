//! Attached files on the device, in IndexedDB, as Blobs (never base64): one object store keyed by the
//! file's SHA-256, shared by all drafts, so a file used twice is stored once; written durably (see
//! `idb`). Files are read in 1 MiB chunks for hashing, so wasm memory does not grow with the size
//! of a file.

use super::idb::Database;
use super::{files::js_error, window};
use mgl_domain::filetype::SNIFF_BYTES;
use mgl_domain::hash::ContentHasher;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

static DATABASE: Database = Database {
    name: "mgl-files",
    version: 1,
    stores: &[STORE],
    on_open: None,
};
const STORE: &str = "files";
/// Chunk size for hashing: large enough for speed, small enough to keep memory flat.
pub const CHUNK_BYTES: usize = 1024 * 1024;

/// Keeps a file's bytes under its hash; resolves once they are on disk (a strict transaction, as
/// the draft that lists the file is). Writing the same content again is harmless.
pub async fn put(sha256: &str, blob: &Blob) -> Result<(), String> {
    let key = JsValue::from_str(sha256);
    DATABASE
        .run(&[STORE], true, &|s| {
            Ok(vec![s[0].put_with_key(blob, &key)?])
        })
        .await
        .map(drop)
}

/// The file with this hash, if it is on this device.
pub async fn get(sha256: &str) -> Result<Option<Blob>, String> {
    let key = JsValue::from_str(sha256);
    let values = DATABASE
        .run(&[STORE], false, &|s| Ok(vec![s[0].get(&key)?]))
        .await?;
    Ok(values
        .into_iter()
        .next()
        .and_then(|v| v.dyn_into::<Blob>().ok()))
}

pub async fn has(sha256: &str) -> bool {
    matches!(get(sha256).await, Ok(Some(_)))
}

/// Which of these files are not on this device (a draft opened from a file made on another laptop).
pub async fn absent(hashes: Vec<String>) -> std::collections::HashSet<String> {
    let mut missing = std::collections::HashSet::new();
    for sha in hashes {
        if !has(&sha).await {
            missing.insert(sha);
        }
    }
    missing
}

pub async fn delete(sha256: &str) -> Result<(), String> {
    let key = JsValue::from_str(sha256);
    DATABASE
        .run(&[STORE], true, &|s| Ok(vec![s[0].delete(&key)?]))
        .await
        .map(drop)
}

/// The first bytes of a file, to tell its type.
pub async fn head(blob: &Blob) -> Result<Vec<u8>, String> {
    read_slice(blob, 0.0, blob.size().min(SNIFF_BYTES as f64)).await
}

/// The bytes `start..end` of a file.
pub async fn read_slice(blob: &Blob, start: f64, end: f64) -> Result<Vec<u8>, String> {
    let slice = blob.slice_with_f64_and_f64(start, end).map_err(js_error)?;
    let buffer = JsFuture::from(slice.array_buffer())
        .await
        .map_err(js_error)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Hands the bytes `start..end` of a file to `each` in chunks, through one reused buffer, so that
/// wasm memory does not grow with the file; `progress` gets the fraction done.
pub async fn for_each_chunk(
    blob: &Blob,
    start: f64,
    end: f64,
    mut each: impl FnMut(&[u8]) -> Result<(), String>,
    progress: impl Fn(f64),
) -> Result<(), String> {
    let mut buffer = vec![0u8; CHUNK_BYTES.min((end - start).max(0.0) as usize)];
    let mut offset = start;
    while offset < end {
        let stop = (offset + CHUNK_BYTES as f64).min(end);
        let slice = blob
            .slice_with_f64_and_f64(offset, stop)
            .map_err(js_error)?;
        let chunk = js_sys::Uint8Array::new(
            &JsFuture::from(slice.array_buffer())
                .await
                .map_err(js_error)?,
        );
        let n = chunk.length() as usize;
        chunk.copy_to(&mut buffer[..n]);
        each(&buffer[..n])?;
        offset = stop;
        progress((offset - start) / (end - start));
    }
    Ok(())
}

/// SHA-256 of a file, read in chunks; `progress` gets the fraction done.
pub async fn sha256(blob: &Blob, progress: impl Fn(f64)) -> Result<String, String> {
    let mut hasher = ContentHasher::new();
    for_each_chunk(
        blob,
        0.0,
        blob.size(),
        |chunk| {
            hasher.update(chunk);
            Ok(())
        },
        progress,
    )
    .await?;
    Ok(hasher.finish_hex())
}

/// (used, available) bytes of the device's storage for this app, when the browser says.
pub async fn estimate() -> Option<(f64, f64)> {
    let promise = window().navigator().storage().estimate().ok()?;
    let estimate: web_sys::StorageEstimate = JsFuture::from(promise).await.ok()?.unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}
