//! Attached files on the device, in IndexedDB, as Blobs (never base64): one object store keyed by the
//! file's SHA-256, shared by all drafts, so a file used twice is stored once. Files are read in 1 MiB
//! chunks for hashing, so wasm memory does not grow with the size of a file.

use super::{files::js_error, window};
use mgl_domain::filetype::SNIFF_BYTES;
use mgl_domain::hash::ContentHasher;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, IdbDatabase, IdbRequest, IdbTransactionMode};

const DATABASE: &str = "mgl-files";
const STORE: &str = "files";
/// Chunk size for hashing: large enough for speed, small enough to keep memory flat.
pub const CHUNK_BYTES: usize = 1024 * 1024;

/// Resolves when an IndexedDB request succeeds (with its result) or fails (with its error's message).
async fn request(req: &IdbRequest) -> Result<JsValue, String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok_req = req.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(
                &JsValue::NULL,
                &ok_req.result().unwrap_or(JsValue::UNDEFINED),
            );
        });
        let err_req = req.clone();
        let on_error = Closure::once_into_js(move || {
            let message = err_req
                .error()
                .ok()
                .flatten()
                .map(|e| e.message())
                .unwrap_or_else(|| "IndexedDB error".into());
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&message));
        });
        req.set_onsuccess(Some(on_success.unchecked_ref()));
        req.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(js_error)
}

async fn open() -> Result<IdbDatabase, String> {
    let factory = window()
        .indexed_db()
        .map_err(js_error)?
        .ok_or("This browser does not let the app keep files on the device.")?;
    let open = factory.open_with_u32(DATABASE, 1).map_err(js_error)?;
    let upgrading = open.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Ok(db) = upgrading
            .result()
            .map(|r| r.unchecked_into::<IdbDatabase>())
        {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    open.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    Ok(request(&open).await?.unchecked_into())
}

async fn store(mode: IdbTransactionMode) -> Result<web_sys::IdbObjectStore, String> {
    let db = open().await?;
    let tx = db
        .transaction_with_str_and_mode(STORE, mode)
        .map_err(js_error)?;
    tx.object_store(STORE).map_err(js_error)
}

/// Keeps a file's bytes under its hash. Writing the same content again is harmless.
pub async fn put(sha256: &str, blob: &Blob) -> Result<(), String> {
    let store = store(IdbTransactionMode::Readwrite).await?;
    let req = store
        .put_with_key(blob, &JsValue::from_str(sha256))
        .map_err(js_error)?;
    request(&req).await.map(|_| ()).map_err(|e| {
        if e.contains("quota") || e.contains("Quota") {
            "The device's storage for this app is full: free some space or remove large attachments.".to_owned()
        } else {
            e
        }
    })
}

/// The file with this hash, if it is on this device.
pub async fn get(sha256: &str) -> Result<Option<Blob>, String> {
    let store = store(IdbTransactionMode::Readonly).await?;
    let req = store.get(&JsValue::from_str(sha256)).map_err(js_error)?;
    let value = request(&req).await?;
    Ok(value.dyn_into::<Blob>().ok())
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
    let store = store(IdbTransactionMode::Readwrite).await?;
    let req = store.delete(&JsValue::from_str(sha256)).map_err(js_error)?;
    request(&req).await.map(|_| ())
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
