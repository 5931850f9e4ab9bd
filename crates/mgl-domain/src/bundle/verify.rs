//! Checking a bundle as the Authority's officer would: each check passes or fails with its
//! reasons. The caller reads the zip (`zip::find_end`, `read_directory`, then each entry through
//! `EntryReader`), hashing every file and keeping the bytes of those `keeps_content` names; this
//! module decides.

use super::bag::{self, label, parse_labels, parse_manifest};
use super::keys::{self, PublicKeyInfo};
use super::payload::{self, Source};
use super::zip::{Entry, MAX_DEFLATED_SIZE};
use super::BundleError;
use crate::draft::Draft;
use crate::hash::sha256_hex;
use crate::profile::CountryProfile;
use crate::validate::{validate, Severity};
use std::collections::BTreeMap;

/// One file of the bag as the caller read it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadFile {
    /// Path inside the bag folder: `data/application.json`.
    pub path: String,
    pub sha256: String,
    pub size: u64,
    /// The bytes, for the files `keeps_content` names.
    pub content: Option<Vec<u8>>,
}

/// Whether the caller should keep a file's bytes for the checks: everything but attachments.
pub fn keeps_content(path: &str, size: u64) -> bool {
    !path.starts_with("data/attachments/") && size <= MAX_DEFLATED_SIZE
}

/// The bag folder of an archive and each file's path inside it. Every entry must sit in one
/// folder at the top of the zip.
pub fn bag_paths(entries: &[Entry]) -> Result<(String, Vec<Option<String>>), BundleError> {
    let first = entries
        .iter()
        .find(|e| !e.is_dir)
        .ok_or_else(|| BundleError::NotZip("it is empty".into()))?;
    let folder = first
        .name
        .split_once('/')
        .map(|(f, _)| f.to_owned())
        .ok_or_else(|| {
            BundleError::Bag(format!(
                "\"{}\" is not inside the bundle's folder.",
                first.name
            ))
        })?;
    let prefix = format!("{folder}/");
    let mut paths = Vec::with_capacity(entries.len());
    for entry in entries {
        match entry.name.strip_prefix(&prefix) {
            Some(rest) if entry.is_dir || rest.is_empty() => paths.push(None),
            Some(rest) => paths.push(Some(rest.to_owned())),
            None if entry.is_dir && prefix.starts_with(&entry.name) => paths.push(None),
            None => {
                return Err(BundleError::Bag(format!(
                    "\"{}\" is outside the bundle's folder \"{folder}\".",
                    entry.name
                )))
            }
        }
    }
    Ok((folder, paths))
}

#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub title: String,
    pub passed: bool,
    pub details: Vec<String>,
}

impl Check {
    fn new(title: &str, problems: Vec<String>, fine: Vec<String>) -> Check {
        Check {
            title: title.to_owned(),
            passed: problems.is_empty(),
            details: if problems.is_empty() { fine } else { problems },
        }
    }
}

/// The outcome: every check, and what the bundle holds when it could be read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Verdict {
    pub folder: String,
    pub application_id: Option<String>,
    pub checks: Vec<Check>,
    /// The application, when `application.json` could be read.
    pub draft: Option<Draft>,
    /// Which bag path holds each attachment (by SHA-256), for importing.
    pub attachments: Vec<(String, String)>,
    pub signers: Vec<(PublicKeyInfo, String)>,
}

impl Verdict {
    pub fn passed(&self) -> bool {
        !self.checks.is_empty() && self.checks.iter().all(|c| c.passed)
    }

    /// Whether the bundle is safe, signed and unchanged: the first five checks (zip, bag,
    /// signatures, tag manifest, payload), which `verify` always makes first and in this order.
    /// An intact bundle may still hold an incomplete application; it can be imported to finish it.
    pub fn intact(&self) -> bool {
        self.checks.len() >= INTEGRITY_CHECKS
            && self.checks[..INTEGRITY_CHECKS].iter().all(|c| c.passed)
            && self.draft.is_some()
    }

    /// The verdict on an archive that could not even be opened safely.
    pub fn unreadable(error: &BundleError) -> Verdict {
        Verdict {
            checks: vec![Check {
                title: ZIP_SAFE.into(),
                passed: false,
                details: vec![error.to_string()],
            }],
            ..Verdict::default()
        }
    }
}

pub const ZIP_SAFE: &str = "The zip file is safe to open";
/// How many of the checks, first in the list, are about integrity rather than content.
pub const INTEGRITY_CHECKS: usize = 5;

/// All checks on a bag read safely from its zip. `trusted` is the key the officer expects (its
/// `.pub` file); without it, signatures are checked with the keys in the bundle and said so.
pub fn verify(folder: &str, files: &[ReadFile], trusted: Option<&str>) -> Verdict {
    let mut verdict = Verdict {
        folder: folder.to_owned(),
        ..Verdict::default()
    };
    verdict.checks.push(Check::new(
        ZIP_SAFE,
        vec![],
        vec![format!(
            "{} files, no unsafe name, link, bomb or lying size.",
            files.len()
        )],
    ));
    let by_path: BTreeMap<&str, &ReadFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let text = |path: &str| -> Option<String> {
        by_path
            .get(path)
            .and_then(|f| f.content.as_ref())
            .map(|c| String::from_utf8_lossy(c).into_owned())
    };

    // BagIt declaration.
    let mut problems = vec![];
    match text(bag::BAGIT) {
        None => problems.push("bagit.txt is missing.".to_owned()),
        Some(t) if label(&parse_labels(&t), "BagIt-Version") != Some("1.0") => {
            problems.push("bagit.txt does not declare BagIt-Version 1.0.".to_owned())
        }
        Some(_) => {}
    }
    let info = text(bag::BAG_INFO)
        .map(|t| parse_labels(&t))
        .unwrap_or_default();
    if info.is_empty() {
        problems.push("bag-info.txt is missing or empty.".to_owned());
    }
    let application_id = label(&info, "External-Identifier").map(str::to_owned);
    verdict.application_id = application_id.clone();
    verdict.checks.push(Check::new(
        "It is a BagIt 1.0 bag",
        problems,
        vec![format!(
            "Application {}, bagged {} by {}.",
            application_id.as_deref().unwrap_or("?"),
            label(&info, "Bagging-Date").unwrap_or("?"),
            label(&info, "Bag-Software-Agent").unwrap_or("?")
        )],
    ));

    // Signatures of the tag manifest.
    let tag_manifest = by_path
        .get(bag::TAG_MANIFEST)
        .and_then(|f| f.content.clone());
    verdict.checks.push(check_signatures(
        &by_path,
        tag_manifest.as_deref(),
        trusted,
        application_id.as_deref(),
        &mut verdict.signers,
    ));

    // Tag manifest.
    let mut problems = vec![];
    let tag_listed = match tag_manifest.as_deref().map(String::from_utf8_lossy) {
        None => {
            problems.push("tagmanifest-sha256.txt is missing.".to_owned());
            vec![]
        }
        Some(t) => parse_manifest(bag::TAG_MANIFEST, &t).unwrap_or_else(|e| {
            problems.push(e.to_string());
            vec![]
        }),
    };
    compare_hashes(&by_path, &tag_listed, &mut problems);
    for required in [bag::BAGIT, bag::BAG_INFO, bag::MANIFEST] {
        if !tag_listed.iter().any(|(p, _)| p == required) {
            problems.push(format!("The tag manifest does not list {required}."));
        }
    }
    for file in files {
        let is_tag = !file.path.starts_with("data/")
            && !file.path.starts_with(bag::SIGNATURES)
            && file.path != bag::TAG_MANIFEST;
        if is_tag && !tag_listed.iter().any(|(p, _)| *p == file.path) {
            problems.push(format!("{} is not listed in the tag manifest.", file.path));
        }
    }
    verdict.checks.push(Check::new(
        "The tag manifest matches bagit.txt, bag-info.txt and the manifest",
        problems,
        vec![format!("{} tag files checked.", tag_listed.len())],
    ));

    // Payload manifest: every hash, nothing missing, nothing extra, Payload-Oxum.
    let mut problems = vec![];
    let listed = match text(bag::MANIFEST) {
        None => {
            problems.push("manifest-sha256.txt is missing.".to_owned());
            vec![]
        }
        Some(t) => parse_manifest(bag::MANIFEST, &t).unwrap_or_else(|e| {
            problems.push(e.to_string());
            vec![]
        }),
    };
    compare_hashes(&by_path, &listed, &mut problems);
    let payload: Vec<&ReadFile> = files
        .iter()
        .filter(|f| f.path.starts_with("data/"))
        .collect();
    for file in &payload {
        if !listed.iter().any(|(p, _)| *p == file.path) {
            problems.push(format!(
                "{} is in the bundle but not in its manifest (an extra file).",
                file.path
            ));
        }
    }
    let oxum = format!(
        "{}.{}",
        payload.iter().map(|f| f.size).sum::<u64>(),
        payload.len()
    );
    if label(&info, "Payload-Oxum") != Some(oxum.as_str()) {
        problems.push(format!(
            "Payload-Oxum says {}, the payload is {oxum} (bytes.files).",
            label(&info, "Payload-Oxum").unwrap_or("nothing")
        ));
    }
    verdict.checks.push(Check::new(
        "Every payload file is present, unchanged, and listed",
        problems,
        vec![format!(
            "{} payload files, {oxum} (bytes.files).",
            listed.len()
        )],
    ));

    // The application itself: it reads, it validates, the app's documents recompute.
    let draft = text("data/application.json")
        .ok_or_else(|| "data/application.json is missing.".to_owned())
        .and_then(|t| payload::draft_from_application_json(t.as_bytes()));
    let profile = draft.as_ref().ok().map(|d| {
        CountryProfile::bundled(&d.profile).unwrap_or_else(CountryProfile::default_profile)
    });
    match (&draft, &profile) {
        (Ok(draft), Some(profile)) => {
            let today = label(&info, "Bagging-Date")
                .and_then(crate::Date::parse_iso)
                .unwrap_or_else(|| crate::Date::from_days_since_epoch(0));
            let report = validate(draft, profile, today);
            let errors: Vec<String> = report
                .problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .map(|p| {
                    format!(
                        "{}: {}",
                        p.label_in(crate::Lang::En),
                        p.message.render(crate::Lang::En)
                    )
                })
                .collect();
            let mut problems = errors.clone();
            if problems.len() > 12 {
                let more = problems.len() - 12;
                problems.truncate(12);
                problems.push(format!("and {more} more."));
            }
            if let Some(why) = label(&info, "Application-Incomplete-Reason") {
                problems.insert(0, format!("The applicant exported it as incomplete: {why}"));
            }
            verdict.checks.push(Check::new(
                "The application is complete and valid",
                problems,
                vec![format!("{} site(s), no problem found.", draft.sites.len())],
            ));
            // Bundles written before the label existed are in English.
            let lang = label(&info, "Application-Language")
                .and_then(crate::Lang::from_code)
                .unwrap_or_default();
            let recomputed = payload::plan(draft, profile, today, lang);
            verdict.checks.push(check_recomputed(
                &by_path,
                &recomputed,
                "data/checklist.json",
                "The checklist is complete and matches the application",
                draft,
            ));
            verdict.checks.push(check_recomputed(
                &by_path,
                &recomputed,
                "data/tariff/results.json",
                "The tariff recomputes to the stated results",
                draft,
            ));
            verdict.attachments = recomputed
                .iter()
                .filter_map(|f| match &f.source {
                    Source::Attached(r) => Some((f.path.clone(), r.sha256.clone())),
                    Source::Made(_) => None,
                })
                .collect();
        }
        (Err(why), _) => verdict.checks.push(Check::new(
            "The application is complete and valid",
            vec![why.clone()],
            vec![],
        )),
        _ => {}
    }
    verdict.draft = draft.ok();
    verdict
}

fn compare_hashes(
    by_path: &BTreeMap<&str, &ReadFile>,
    listed: &[(String, String)],
    problems: &mut Vec<String>,
) {
    for (path, hash) in listed {
        match by_path.get(path.as_str()) {
            None => problems.push(format!("{path} is listed but missing.")),
            Some(f) if f.sha256 != *hash => {
                problems.push(format!("{path} was changed (its SHA-256 differs)."))
            }
            Some(_) => {}
        }
    }
}

fn check_signatures(
    by_path: &BTreeMap<&str, &ReadFile>,
    tag_manifest: Option<&[u8]>,
    trusted: Option<&str>,
    application_id: Option<&str>,
    signers: &mut Vec<(PublicKeyInfo, String)>,
) -> Check {
    let title = "The tag manifest is signed";
    let Some(data) = tag_manifest else {
        return Check::new(
            title,
            vec!["There is no tag manifest to check signatures on.".into()],
            vec![],
        );
    };
    let trusted = match trusted.map(PublicKeyInfo::parse).transpose() {
        Ok(t) => t,
        Err(e) => return Check::new(title, vec![format!("The key you gave: {e}")], vec![]),
    };
    let mut problems = vec![];
    let mut fine = vec![];
    let mut trusted_signed = false;
    let signatures: Vec<(&&str, &&ReadFile)> = by_path
        .iter()
        .filter(|(p, _)| p.starts_with(bag::SIGNATURES) && p.ends_with(".minisig"))
        .collect();
    if signatures.is_empty() {
        problems.push("The bundle holds no signature.".to_owned());
    }
    for (path, file) in signatures {
        let sig_text =
            String::from_utf8_lossy(file.content.as_deref().unwrap_or_default()).into_owned();
        let key_id = keys::signature_key_id(&sig_text).unwrap_or_default();
        let pub_path = format!("{}.pub", path.trim_end_matches(".minisig"));
        let key = match &trusted {
            Some((pk, info)) if info.key_id == key_id => Ok(pk.clone()),
            _ => by_path
                .get(pub_path.as_str())
                .and_then(|f| f.content.as_deref())
                .ok_or_else(|| BundleError::Key(format!("its public key {pub_path} is missing")))
                .and_then(|c| PublicKeyInfo::parse(&String::from_utf8_lossy(c)).map(|(pk, _)| pk)),
        };
        match key.and_then(|pk| keys::verify(&pk, &sig_text, data)) {
            Ok(signed) => {
                let is_trusted = trusted
                    .as_ref()
                    .is_some_and(|(_, t)| t.key_id == signed.key.key_id);
                trusted_signed |= is_trusted;
                if let Some(id) = application_id {
                    if !signed
                        .trusted_comment
                        .contains(&format!("application:{id} "))
                    {
                        problems.push(format!(
                            "{path}: its trusted comment names another application: {}",
                            signed.trusted_comment
                        ));
                    }
                }
                fine.push(format!(
                    "{path}: good signature by key {} (fingerprint {}){}; trusted comment: {}",
                    signed.key.key_id,
                    signed.key.fingerprint,
                    if is_trusted {
                        ", the key you trust"
                    } else if trusted.is_some() {
                        ", not the key you trust"
                    } else {
                        ""
                    },
                    signed.trusted_comment
                ));
                signers.push((signed.key, signed.trusted_comment));
            }
            Err(e) => problems.push(format!("{path}: {e}")),
        }
    }
    match &trusted {
        Some((_, t)) if !trusted_signed => problems.push(format!(
            "No signature is by the key you trust ({}, fingerprint {}).",
            t.key_id, t.fingerprint
        )),
        None => fine.push("No key was given to trust: the signatures were checked with the public keys inside the bundle. Compare their fingerprints with the sworn declaration.".into()),
        _ => {}
    }
    if !problems.is_empty() {
        problems.extend(fine);
        return Check {
            title: title.into(),
            passed: false,
            details: problems,
        };
    }
    Check::new(title, vec![], fine)
}

/// A document the app makes from the application must be the bytes it would make now.
fn check_recomputed(
    by_path: &BTreeMap<&str, &ReadFile>,
    recomputed: &[payload::PayloadFile],
    path: &str,
    title: &str,
    draft: &Draft,
) -> Check {
    let expected = recomputed.iter().find(|f| f.path == path);
    let found = by_path.get(path).and_then(|f| f.content.as_deref());
    let mut problems = vec![];
    let mut fine = vec![];
    match (expected, found) {
        (None, None) if path.starts_with("data/tariff/") => {
            if draft.tariff.is_some() {
                problems.push(
                    "The tariff's inputs do not compute, so there are no results to check.".into(),
                );
            } else {
                fine.push("The application holds no tariff calculation of the app: the filled tariff tool is one of its attachments.".into());
            }
        }
        (Some(_), None) => problems.push(format!("{path} is missing.")),
        (None, Some(_)) => problems.push(format!(
            "{path} should not be there: the application's inputs do not produce it."
        )),
        (Some(e), Some(found)) => {
            let Source::Made(bytes) = &e.source else {
                unreachable!("made documents only")
            };
            if bytes.as_slice() != found {
                problems.push(format!("{path} differs from what the application's own inputs give (recomputed SHA-256 {}).", &sha256_hex(bytes)[..12]));
            } else {
                fine.push(format!(
                    "{path} is exactly what the application's inputs give."
                ));
            }
        }
        (None, None) => {}
    }
    if path == "data/checklist.json" {
        let missing = crate::attachments::missing_documents(draft);
        for m in missing.iter().take(12) {
            let scope = match &m.site_id {
                None => "the company".to_owned(),
                Some(id) => draft
                    .site_index(id)
                    .map(|i| format!("site {} ({})", i + 1, draft.sites[i].name.trim()))
                    .unwrap_or_else(|| id.clone()),
            };
            problems.push(format!("Missing: {} for {scope}.", m.title));
        }
        if missing.len() > 12 {
            problems.push(format!(
                "and {} more missing documents.",
                missing.len() - 12
            ));
        }
    }
    Check::new(title, problems, fine)
}

/// Random access to an archive's bytes: a slice, a file (`mgl`), or (async, in the app) a Blob.
pub trait RandomAccess {
    fn len(&self) -> u64;
    fn read_at(&mut self, offset: u64, len: usize) -> Result<Vec<u8>, String>;
}

impl RandomAccess for &[u8] {
    fn len(&self) -> u64 {
        <[u8]>::len(self) as u64
    }
    fn read_at(&mut self, offset: u64, len: usize) -> Result<Vec<u8>, String> {
        let start = usize::try_from(offset).map_err(|e| e.to_string())?;
        self.get(start..start.saturating_add(len))
            .map(<[u8]>::to_vec)
            .ok_or_else(|| "read past the end".to_owned())
    }
}

/// How much of a stored entry is read at a time.
pub const CHUNK: usize = 1 << 20;

/// Opens an archive safely and reads every file of its bag (hash, size, and the bytes of the
/// files `keeps_content` names). Fails on the first unsafe thing.
pub fn read_bag(src: &mut dyn RandomAccess) -> Result<(String, Vec<ReadFile>), BundleError> {
    use super::zip::{
        data_offset, find_end, local_header_len, read_directory, EntryReader, TAIL_LEN,
    };
    let len = src.len();
    let io = |e: String| BundleError::Corrupt(format!("it cannot be read ({e})"));
    let tail_len = TAIL_LEN.min(len);
    let tail = src.read_at(len - tail_len, tail_len as usize).map_err(io)?;
    let end = find_end(&tail, len)?;
    let cd = src
        .read_at(end.cd_offset, end.cd_size as usize)
        .map_err(io)?;
    let entries = read_directory(&cd, &end, len)?;
    let (folder, paths) = bag_paths(&entries)?;
    let mut files = Vec::with_capacity(entries.len());
    for (entry, path) in entries.iter().zip(paths) {
        let Some(path) = path else { continue };
        let header = src
            .read_at(entry.header_offset, local_header_len(entry))
            .map_err(io)?;
        let start = data_offset(entry, &header)?;
        let keep = keeps_content(&path, entry.size);
        let mut hasher = crate::hash::ContentHasher::new();
        let mut content = Vec::new();
        let mut sink = |bytes: &[u8]| {
            hasher.update(bytes);
            if keep {
                content.extend_from_slice(bytes);
            }
        };
        let mut reader = EntryReader::new(entry);
        let mut done = 0u64;
        while done < entry.compressed {
            let n = CHUNK.min((entry.compressed - done) as usize);
            let chunk = src.read_at(start + done, n).map_err(io)?;
            reader.feed(&chunk, &mut sink)?;
            done += n as u64;
        }
        reader.finish(&mut sink)?;
        files.push(ReadFile {
            path,
            sha256: hasher.finish_hex(),
            size: entry.size,
            content: keep.then_some(content),
        });
    }
    Ok((folder, files))
}

/// Every check on an archive: its safety first, then the bag.
pub fn verify_archive(src: &mut dyn RandomAccess, trusted: Option<&str>) -> Verdict {
    match read_bag(src) {
        Ok((folder, files)) => verify(&folder, &files, trusted),
        Err(e) => Verdict::unreadable(&e),
    }
}
