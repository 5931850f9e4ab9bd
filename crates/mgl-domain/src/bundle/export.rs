//! Putting a bundle together: payload, tag files, signatures and zip, as a list of parts that the
//! caller writes out in order (attachments are named, not copied, so the browser can hand their
//! Blobs straight to the output).

use super::bag::{self, BagInfo, Digest};
use super::keys::{self, PublicKeyInfo, SecretKey};
use super::payload::{self, PayloadFile, Source};
use super::zip::ZipWriter;
use super::BundleError;
use crate::draft::Draft;
use crate::draft::FileRecord;
use crate::hash::sha256_hex;
use crate::profile::CountryProfile;
use std::collections::HashMap;

/// An unlocked key that signs the bundle, and the role it signs in (`applicant`, `ngo`).
pub struct Signer {
    pub role: String,
    pub secret: SecretKey,
    pub public: super::keys::PublicKey,
}

/// What the caller found when it read an attachment before the export: its CRC-32 for a stored
/// entry, or its bytes when the format deflates it (text such as GeoJSON).
pub enum Prepared {
    Crc(u32),
    Bytes(Vec<u8>),
}

/// One piece of the zip, in order.
pub enum Part {
    Bytes(Vec<u8>),
    /// The attachment's bytes, exactly `size` of them.
    Attachment(FileRecord),
}

pub struct Export {
    /// `NG-MG-K7P2QX9A-2026-11-22.zip`
    pub file_name: String,
    pub application_id: String,
    pub parts: Vec<Part>,
    pub size: u64,
    pub signed_by: Vec<PublicKeyInfo>,
}

/// Which attachments the caller must read in full (deflated) rather than only checksum.
pub fn needs_bytes(file: &PayloadFile) -> bool {
    matches!(file.source, Source::Attached(_)) && file.deflate()
}

pub struct Options<'a> {
    pub bagging_date: crate::Date,
    /// Time of signing, seconds since 1970, written in each trusted comment as UTC.
    pub signed_at_unix: i64,
    pub software_agent: &'a str,
    /// Why the application is incomplete, when the user chose to export it anyway.
    pub incomplete: Option<String>,
    /// The language the app's documents are written in (the user's language at export).
    pub lang: crate::Lang,
}

/// Builds the bundle of `draft`. `prepared` holds, by SHA-256, what the caller read of each
/// attachment (see `needs_bytes`).
pub fn export(
    draft: &Draft,
    profile: &CountryProfile,
    prepared: &HashMap<String, Prepared>,
    signers: &[Signer],
    options: &Options,
) -> Result<Export, BundleError> {
    let application_id = draft.application_id(profile);
    let folder = payload::folder_name(&application_id, &options.bagging_date);
    let plan = payload::plan(draft, profile, options.bagging_date, options.lang);
    let digests: Vec<Digest> = plan
        .iter()
        .map(|f| Digest {
            path: f.path.clone(),
            sha256: match &f.source {
                Source::Made(bytes) => sha256_hex(bytes),
                Source::Attached(record) => record.sha256.clone(),
            },
            size: f.size(),
        })
        .collect();
    let info = BagInfo {
        organisation: draft.applicant.organisation.clone(),
        contact_name: draft.applicant.contact_name.clone(),
        contact_email: draft.applicant.contact_email.clone(),
        application_id: application_id.clone(),
        bagging_date: options.bagging_date.to_string(),
        software_agent: options.software_agent.to_owned(),
        profile_name: profile.name.clone(),
        profile_version: profile.version,
        incomplete: options.incomplete.clone(),
        language: options.lang,
    };
    let tags = bag::tag_files(&info, &digests);
    let tag_manifest = &tags.last().expect("four tag files").1;

    let mut zip = ZipWriter::default();
    let mut parts = Vec::new();
    let mut size = 0u64;
    let push = |parts: &mut Vec<Part>, part: Part, size: &mut u64| {
        *size += match &part {
            Part::Bytes(b) => b.len() as u64,
            Part::Attachment(r) => r.size,
        };
        parts.push(part);
    };
    for (name, bytes) in &tags {
        let part = zip.add_bytes(&format!("{folder}/{name}"), bytes, true)?;
        push(&mut parts, Part::Bytes(part), &mut size);
    }
    for file in &plan {
        let name = format!("{folder}/{}", file.path);
        match &file.source {
            Source::Made(bytes) => {
                let part = zip.add_bytes(&name, bytes, true)?;
                push(&mut parts, Part::Bytes(part), &mut size);
            }
            Source::Attached(record) => match prepared.get(&record.sha256) {
                Some(Prepared::Bytes(bytes)) => {
                    if sha256_hex(bytes) != record.sha256 {
                        return Err(changed(record));
                    }
                    let part = zip.add_bytes(&name, bytes, file.deflate())?;
                    push(&mut parts, Part::Bytes(part), &mut size);
                }
                Some(Prepared::Crc(crc)) => {
                    let header = zip.add_external(&name, record.size, *crc)?;
                    push(&mut parts, Part::Bytes(header), &mut size);
                    push(&mut parts, Part::Attachment(record.clone()), &mut size);
                }
                None => return Err(BundleError::NotOnDevice(record.name.clone())),
            },
        }
    }
    let mut signed_by = Vec::new();
    for signer in signers {
        let (entries, key) = add_signature(
            &mut zip,
            &folder,
            signer,
            &application_id,
            options.signed_at_unix,
            tag_manifest,
        )?;
        push(&mut parts, Part::Bytes(entries), &mut size);
        signed_by.push(key);
    }
    let directory = zip.finish()?;
    push(&mut parts, Part::Bytes(directory), &mut size);
    Ok(Export {
        file_name: format!("{folder}.zip"),
        application_id,
        parts,
        size,
        signed_by,
    })
}

/// Signs the tag manifest as `signer` and writes `signatures/<role>-<key id>.minisig` and its
/// `.pub` into `zip`; returns those two entries' bytes.
fn add_signature(
    zip: &mut ZipWriter,
    folder: &str,
    signer: &Signer,
    application_id: &str,
    signed_at_unix: i64,
    tag_manifest: &[u8],
) -> Result<(Vec<u8>, PublicKeyInfo), BundleError> {
    let key = PublicKeyInfo::of(&signer.public);
    let signed_at = crate::date::utc_timestamp(signed_at_unix);
    let comment = format!(
        "application:{application_id} role:{} time:{signed_at}",
        signer.role
    );
    let signature = keys::sign(&signer.secret, &signer.public, tag_manifest, &comment)?;
    let stem = format!("{folder}/{}{}-{}", bag::SIGNATURES, signer.role, key.key_id);
    let mut out = zip.add_bytes(&format!("{stem}.minisig"), signature.as_bytes(), false)?;
    out.extend(zip.add_bytes(&format!("{stem}.pub"), key.pub_file.as_bytes(), false)?);
    Ok((out, key))
}

/// A bundle with more signatures: the first `keep` bytes of the original archive (every entry as
/// it was, so nothing signed before changes), then `tail` (the new signature entries and a central
/// directory listing all).
pub struct Cosigned {
    pub keep: u64,
    pub tail: Vec<u8>,
    pub signed_by: Vec<PublicKeyInfo>,
}

/// Adds `signers`' signatures to a bundle someone else signed (an NGO's laptop, then the
/// applicant's): the caller reads the archive's layout (`verify::read_layout`) and has checked that
/// the bundle is intact (`Verdict::intact`) and which application it holds. A key that has already
/// signed the bundle is refused.
pub fn cosign(
    layout: &super::verify::Layout,
    tag_manifest: &[u8],
    application_id: &str,
    signers: &[Signer],
    signed_at_unix: i64,
) -> Result<Cosigned, BundleError> {
    let folder = &layout.folder;
    let mut zip = ZipWriter::resume(&layout.entries, layout.end.cd_offset)?;
    let mut tail = Vec::new();
    let mut signed_by = Vec::new();
    for signer in signers {
        let key_id = PublicKeyInfo::of(&signer.public).key_id;
        let signatures = format!("{folder}/{}", bag::SIGNATURES);
        let already = layout.entries.iter().any(|e| {
            e.name.starts_with(&signatures) && e.name.ends_with(&format!("-{key_id}.minisig"))
        }) || signed_by.iter().any(|k: &PublicKeyInfo| k.key_id == key_id);
        if already {
            return Err(BundleError::AlreadySigned(key_id));
        }
        let (entries, key) = add_signature(
            &mut zip,
            folder,
            signer,
            application_id,
            signed_at_unix,
            tag_manifest,
        )?;
        tail.extend(entries);
        signed_by.push(key);
    }
    tail.extend(zip.finish()?);
    Ok(Cosigned {
        keep: layout.end.cd_offset,
        tail,
        signed_by,
    })
}

fn changed(record: &FileRecord) -> BundleError {
    BundleError::FileChanged(record.name.clone())
}

/// The error to give when an attachment read for the export does not hash to its record.
pub fn attachment_changed(record: &FileRecord) -> BundleError {
    changed(record)
}
