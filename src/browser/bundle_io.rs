//! Bundles in the browser: export assembles the zip as a Blob from parts (the attachments' own
//! Blobs from IndexedDB, and small byte arrays for headers and documents), so only 1 MiB chunks of
//! an attachment pass through wasm memory, to check its hash and compute its CRC. Reading a bundle
//! works on Blob slices the same way, and importing stores the attachments' slices directly.
//!
//! `open` is the async twin of `mgl_domain::bundle::verify::read_bag` (which reads synchronously
//! for `mgl`): same steps, same domain checks, only the reads differ.

use super::file_store::{self, for_each_chunk, read_slice};
use super::files::js_error;
use super::keystore::StoredKey;
use crate::i18n::lang_untracked;
use mgl_domain::bundle::bag::TAG_MANIFEST;
use mgl_domain::bundle::export::{export, needs_bytes, Options, Part, Prepared, Signer};
use mgl_domain::bundle::keys::{self, PublicKeyInfo, BROWSER_MAX_KDF_MEMORY};
use mgl_domain::bundle::payload::{plan, Source};
use mgl_domain::bundle::verify::{
    bag_paths, io_error, keeps_content, verify_bag, Layout, ReadFile, Verdict,
};
use mgl_domain::bundle::zip::{
    data_offset, find_end, local_header_len, read_directory, Crc32, Entry, EntryReader, STORED,
    TAIL_LEN,
};
use mgl_domain::bundle::BundleError;
use mgl_domain::hash::ContentHasher;
use mgl_domain::{CountryProfile, Date, Draft};
use std::collections::HashMap;
use web_sys::{Blob, BlobPropertyBag};

/// A signer chosen on the Review step: a key on this device, its role, and the passphrase typed.
pub struct ChosenSigner {
    pub role: &'static str,
    pub key: StoredKey,
    pub passphrase: String,
}

pub struct Exported {
    pub file_name: String,
    pub blob: Blob,
    pub size: u64,
    pub application_id: String,
    pub signed_by: Vec<PublicKeyInfo>,
}

fn blob_of(parts: &js_sys::Array, mime: &str) -> Result<Blob, String> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_blob_sequence_and_options(parts, &options).map_err(js_error)
}

/// The chosen keys, unlocked; a wrong passphrase is said with the key's name.
fn unlock(chosen: &[ChosenSigner], lang: mgl_domain::Lang) -> Result<Vec<Signer>, String> {
    let mut signers = Vec::new();
    for chosen in chosen {
        let (secret, public) = keys::unlock(
            &chosen.key.secret_file,
            &chosen.passphrase,
            BROWSER_MAX_KDF_MEMORY,
        )
        .map_err(|e| {
            format!(
                "{}: {}",
                chosen.key.label,
                BundleError::from(e).render(lang)
            )
        })?;
        signers.push(Signer {
            role: chosen.role.to_owned(),
            secret,
            public,
        });
    }
    Ok(signers)
}

/// Builds the signed bundle of a draft. `progress` gets a fraction of the attachments read.
pub async fn export_bundle(
    draft: &Draft,
    profile: &CountryProfile,
    chosen: &[ChosenSigner],
    incomplete: Option<String>,
    today: Date,
    now_ms: f64,
    progress: impl Fn(f64),
) -> Result<Exported, String> {
    // Unlock first: a wrong passphrase is said before minutes of reading.
    // One language for the whole export, whatever the user switches to while it runs.
    let lang = lang_untracked();
    let signers = unlock(chosen, lang)?;

    let payload = plan(draft, profile, today, lang);
    let total: f64 = payload
        .iter()
        .filter(|f| matches!(f.source, Source::Attached(_)))
        .map(|f| f.size() as f64)
        .sum::<f64>()
        .max(1.0);
    let mut done = 0.0;
    let mut blobs: HashMap<String, Blob> = HashMap::new();
    let mut prepared: HashMap<String, Prepared> = HashMap::new();
    for file in &payload {
        let Source::Attached(record) = &file.source else {
            continue;
        };
        if prepared.contains_key(&record.sha256) {
            continue;
        }
        let blob = file_store::get(&record.sha256)
            .await?
            .ok_or_else(|| BundleError::NotOnDevice(record.name.clone()).render(lang))?;
        let mut hasher = ContentHasher::new();
        let mut crc = Crc32::default();
        let mut bytes = Vec::new();
        let keep = needs_bytes(file);
        let base = done;
        for_each_chunk(
            &blob,
            0.0,
            blob.size(),
            |chunk| {
                hasher.update(chunk);
                crc.update(chunk);
                if keep {
                    bytes.extend_from_slice(chunk);
                }
                Ok(())
            },
            |f| progress((base + f * record.size as f64) / total),
        )
        .await?;
        done += record.size as f64;
        if hasher.finish_hex() != record.sha256 {
            return Err(mgl_domain::bundle::export::attachment_changed(record).render(lang));
        }
        let p = if keep {
            Prepared::Bytes(bytes)
        } else {
            Prepared::Crc(crc.finish())
        };
        prepared.insert(record.sha256.clone(), p);
        blobs.insert(record.sha256.clone(), blob);
    }

    let agent = format!("Mini-grid licence app {}", env!("CARGO_PKG_VERSION"));
    let out = export(
        draft,
        profile,
        &prepared,
        &signers,
        &Options {
            bagging_date: today,
            signed_at_unix: (now_ms / 1000.0) as i64,
            software_agent: &agent,
            incomplete,
            lang,
        },
    )
    .map_err(|e| e.render(lang))?;
    let parts = js_sys::Array::new();
    for part in &out.parts {
        match part {
            Part::Bytes(bytes) => parts.push(&js_sys::Uint8Array::from(bytes.as_slice())),
            Part::Attachment(record) => parts.push(&blobs[&record.sha256]),
        };
    }
    let blob = blob_of(&parts, "application/zip")?;
    Ok(Exported {
        file_name: out.file_name,
        size: blob.size() as u64,
        blob,
        application_id: out.application_id,
        signed_by: out.signed_by,
    })
}

/// Where a file's data sits in the bundle, to import it without reading it into memory.
pub struct Located {
    pub path: String,
    pub entry: Entry,
    pub data_start: f64,
}

/// A bundle read and checked.
pub struct Opened {
    pub verdict: Verdict,
    pub files: Vec<Located>,
    pub blob: Blob,
    /// Where its entries are, and its tag manifest: what adding a signature needs.
    pub layout: Option<Layout>,
    pub tag_manifest: Option<Vec<u8>>,
}

async fn read_bag(
    blob: &Blob,
    progress: &impl Fn(f64),
) -> Result<(Layout, Vec<ReadFile>, Vec<Located>), BundleError> {
    let len = blob.size() as u64;
    let tail_len = TAIL_LEN.min(len);
    let tail = read_slice(blob, (len - tail_len) as f64, len as f64)
        .await
        .map_err(io_error)?;
    let end = find_end(&tail, len)?;
    let cd = read_slice(
        blob,
        end.cd_offset as f64,
        (end.cd_offset + end.cd_size) as f64,
    )
    .await
    .map_err(io_error)?;
    let entries = read_directory(&cd, &end, len)?;
    let (folder, paths) = bag_paths(&entries)?;
    let layout = Layout {
        end,
        entries: entries.clone(),
        folder,
        paths: paths.clone(),
    };
    let mut files = Vec::new();
    let mut located = Vec::new();
    let mut done = 0.0;
    for (entry, path) in entries.into_iter().zip(paths) {
        let Some(path) = path else { continue };
        let at = entry.header_offset as f64;
        let header = read_slice(blob, at, at + local_header_len(&entry) as f64)
            .await
            .map_err(io_error)?;
        let start = data_offset(&entry, &header)? as f64;
        let keep = keeps_content(&path, entry.size);
        let mut hasher = ContentHasher::new();
        let mut content = Vec::new();
        let mut sink = |bytes: &[u8]| {
            hasher.update(bytes);
            if keep {
                content.extend_from_slice(bytes);
            }
        };
        let mut reader = EntryReader::new(&entry);
        let base = done;
        // The reader's own error (a damaged or lying entry) is kept as it is, to be told in words.
        let mut failure = None;
        let read = for_each_chunk(
            blob,
            start,
            start + entry.compressed as f64,
            |chunk| {
                reader.feed(chunk, &mut sink).map_err(|e| {
                    failure = Some(e);
                    String::new()
                })
            },
            |f| progress((base + f * entry.compressed as f64) / len as f64),
        )
        .await;
        if let Some(error) = failure {
            return Err(error.into());
        }
        read.map_err(io_error)?;
        reader.finish(&mut sink)?;
        done += entry.compressed as f64;
        files.push(ReadFile {
            path: path.clone(),
            sha256: hasher.finish_hex(),
            size: entry.size,
            content: keep.then_some(content),
        });
        located.push(Located {
            path,
            entry,
            data_start: start,
        });
    }
    Ok((layout, files, located))
}

/// Opens and checks a bundle the user picked. `trusted` is the `.pub` file they gave, if any.
pub async fn open(blob: Blob, trusted: Option<String>, progress: impl Fn(f64)) -> Opened {
    match read_bag(&blob, &progress).await {
        Ok((layout, files, located)) => Opened {
            verdict: verify_bag(&layout.folder, &files, trusted.as_deref()),
            tag_manifest: files
                .iter()
                .find(|f| f.path == TAG_MANIFEST)
                .and_then(|f| f.content.clone()),
            layout: Some(layout),
            files: located,
            blob,
        },
        Err(error) => Opened {
            verdict: Verdict::unreadable(&error),
            files: Vec::new(),
            blob,
            layout: None,
            tag_manifest: None,
        },
    }
}

/// Makes the bundle's application a new draft on this device, its attachments stored with it.
/// Stored attachments go from the bundle's Blob to IndexedDB as slices, never through wasm memory.
/// The opened bundle with the chosen keys' signatures added: its bytes up to its directory, as
/// they are (a slice of its Blob), then the new signature entries and directory. Only an intact
/// bundle is signed further.
pub fn cosign(opened: &Opened, chosen: &[ChosenSigner], now_ms: f64) -> Result<Exported, String> {
    let lang = lang_untracked();
    let (Some(layout), Some(tag_manifest), true) = (
        &opened.layout,
        &opened.tag_manifest,
        opened.verdict.intact(),
    ) else {
        return Err(crate::i18n::t("Only an intact bundle can be signed further.").to_owned());
    };
    let signers = unlock(chosen, lang)?;
    let application_id = opened.verdict.application_id.clone().unwrap_or_default();
    let added = mgl_domain::bundle::export::cosign(
        layout,
        tag_manifest,
        &application_id,
        &signers,
        (now_ms / 1000.0) as i64,
    )
    .map_err(|e| e.render(lang))?;
    let kept = opened
        .blob
        .slice_with_f64_and_f64(0.0, added.keep as f64)
        .map_err(js_error)?;
    let parts = js_sys::Array::of2(&kept, &js_sys::Uint8Array::from(added.tail.as_slice()));
    let blob = blob_of(&parts, "application/zip")?;
    Ok(Exported {
        file_name: format!("{}.zip", layout.folder),
        size: blob.size() as u64,
        blob,
        application_id,
        signed_by: added.signed_by,
    })
}

pub async fn import(opened: &Opened, new_id: String, now_ms: f64) -> Result<Draft, String> {
    let mut draft = opened
        .verdict
        .draft
        .clone()
        .ok_or("The bundle's application cannot be read.")?;
    for (path, sha256) in &opened.verdict.attachments {
        if file_store::has(sha256).await {
            continue;
        }
        let file = opened
            .files
            .iter()
            .find(|f| &f.path == path)
            .ok_or_else(|| format!("{path} is missing from the bundle."))?;
        let end = file.data_start + file.entry.compressed as f64;
        let blob = if file.entry.method == STORED {
            opened
                .blob
                .slice_with_f64_and_f64(file.data_start, end)
                .map_err(js_error)?
        } else {
            let compressed = read_slice(&opened.blob, file.data_start, end).await?;
            let mut reader = EntryReader::new(&file.entry);
            let mut bytes = Vec::new();
            reader
                .feed(&compressed, &mut |b| bytes.extend_from_slice(b))
                .and_then(|_| reader.finish(&mut |b| bytes.extend_from_slice(b)))
                .map_err(|e| BundleError::from(e).render(lang_untracked()))?;
            let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
            blob_of(&parts, "")?
        };
        file_store::put(sha256, &blob).await?;
    }
    draft.id = new_id;
    draft.created_ms = now_ms;
    draft.updated_ms = now_ms;
    Ok(draft)
}
