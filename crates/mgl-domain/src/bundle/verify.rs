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
use crate::format::fill;
use crate::hash::sha256_hex;
use crate::i18n::{tr, Lang};
use crate::message::{counted, text, Severity};
use crate::profile::CountryProfile;
use crate::validate::validate;
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
        .ok_or_else(|| BundleError::NotZip(text("it is empty")))?;
    let folder = first
        .name
        .split_once('/')
        .map(|(f, _)| f.to_owned())
        .ok_or_else(|| {
            BundleError::Bag(
                text("\"{name}\" is not inside the bundle\'s folder.")
                    .with("name", first.name.clone()),
            )
        })?;
    let prefix = format!("{folder}/");
    let mut paths = Vec::with_capacity(entries.len());
    for entry in entries {
        match entry.name.strip_prefix(&prefix) {
            Some(rest) if entry.is_dir || rest.is_empty() => paths.push(None),
            Some(rest) => paths.push(Some(rest.to_owned())),
            None if entry.is_dir && prefix.starts_with(&entry.name) => paths.push(None),
            None => {
                return Err(BundleError::Bag(
                    text("\"{name}\" is outside the bundle\'s folder \"{folder}\".")
                        .with("name", entry.name.clone())
                        .with("folder", folder.clone()),
                ))
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
    pub fn unreadable(error: &BundleError, lang: Lang) -> Verdict {
        Verdict {
            checks: vec![Check {
                title: tr(lang, ZIP_SAFE).into(),
                passed: false,
                details: vec![error.render(lang)],
            }],
            ..Verdict::default()
        }
    }
}

pub const ZIP_SAFE: &str = "The zip file is safe to open";
/// How many of the checks, first in the list, are about integrity rather than content.
pub const INTEGRITY_CHECKS: usize = 5;

/// All checks on a bag read safely from its zip. `trusted` is the key the officer expects (its
/// `.pub` file); without it, signatures are checked with the keys in the bundle and said so. The
/// titles and reasons are in `lang`.
pub fn verify(folder: &str, files: &[ReadFile], trusted: Option<&str>, lang: Lang) -> Verdict {
    let t = |msgid: &'static str| tr(lang, msgid);
    let mut verdict = Verdict {
        folder: folder.to_owned(),
        ..Verdict::default()
    };
    verdict.checks.push(Check::new(
        t(ZIP_SAFE),
        vec![],
        vec![fill(
            t("{n} files, no unsafe name, link, bomb or lying size."),
            &[("n", &files.len().to_string())],
        )],
    ));
    let by_path: BTreeMap<&str, &ReadFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let file_text = |path: &str| -> Option<String> {
        by_path
            .get(path)
            .and_then(|f| f.content.as_ref())
            .map(|c| String::from_utf8_lossy(c).into_owned())
    };

    // BagIt declaration.
    let mut problems = vec![];
    match file_text(bag::BAGIT) {
        None => problems.push(t("bagit.txt is missing.").to_owned()),
        Some(text) if label(&parse_labels(&text), "BagIt-Version") != Some("1.0") => {
            problems.push(t("bagit.txt does not declare BagIt-Version 1.0.").to_owned())
        }
        Some(_) => {}
    }
    let info = file_text(bag::BAG_INFO)
        .map(|t| parse_labels(&t))
        .unwrap_or_default();
    if info.is_empty() {
        problems.push(t("bag-info.txt is missing or empty.").to_owned());
    }
    let application_id = label(&info, "External-Identifier").map(str::to_owned);
    verdict.application_id = application_id.clone();
    verdict.checks.push(Check::new(
        t("It is a BagIt 1.0 bag"),
        problems,
        vec![fill(
            t("Application {id}, bagged {date} by {agent}."),
            &[
                ("id", application_id.as_deref().unwrap_or("?")),
                ("date", label(&info, "Bagging-Date").unwrap_or("?")),
                ("agent", label(&info, "Bag-Software-Agent").unwrap_or("?")),
            ],
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
        lang,
    ));

    // Tag manifest.
    let mut problems = vec![];
    let tag_listed = match tag_manifest.as_deref().map(String::from_utf8_lossy) {
        None => {
            problems.push(t("tagmanifest-sha256.txt is missing.").to_owned());
            vec![]
        }
        Some(text) => parse_manifest(bag::TAG_MANIFEST, &text).unwrap_or_else(|e| {
            problems.push(e.render(lang));
            vec![]
        }),
    };
    compare_hashes(&by_path, &tag_listed, &mut problems, lang);
    for required in [bag::BAGIT, bag::BAG_INFO, bag::MANIFEST] {
        if !tag_listed.iter().any(|(p, _)| p == required) {
            problems.push(fill(
                t("The tag manifest does not list {file}."),
                &[("file", required)],
            ));
        }
    }
    for file in files {
        let is_tag = !file.path.starts_with("data/")
            && !file.path.starts_with(bag::SIGNATURES)
            && file.path != bag::TAG_MANIFEST;
        if is_tag && !tag_listed.iter().any(|(p, _)| *p == file.path) {
            problems.push(fill(
                t("{path} is not listed in the tag manifest."),
                &[("path", &file.path)],
            ));
        }
    }
    verdict.checks.push(Check::new(
        t("The tag manifest matches bagit.txt, bag-info.txt and the manifest"),
        problems,
        vec![fill(
            t("{n} tag files checked."),
            &[("n", &tag_listed.len().to_string())],
        )],
    ));

    // Payload manifest: every hash, nothing missing, nothing extra, Payload-Oxum.
    let mut problems = vec![];
    let listed = match file_text(bag::MANIFEST) {
        None => {
            problems.push(t("manifest-sha256.txt is missing.").to_owned());
            vec![]
        }
        Some(text) => parse_manifest(bag::MANIFEST, &text).unwrap_or_else(|e| {
            problems.push(e.render(lang));
            vec![]
        }),
    };
    compare_hashes(&by_path, &listed, &mut problems, lang);
    let payload: Vec<&ReadFile> = files
        .iter()
        .filter(|f| f.path.starts_with("data/"))
        .collect();
    for file in &payload {
        if !listed.iter().any(|(p, _)| *p == file.path) {
            problems.push(fill(
                t("{path} is in the bundle but not in its manifest (an extra file)."),
                &[("path", &file.path)],
            ));
        }
    }
    let oxum = format!(
        "{}.{}",
        payload.iter().map(|f| f.size).sum::<u64>(),
        payload.len()
    );
    if label(&info, "Payload-Oxum") != Some(oxum.as_str()) {
        problems.push(fill(
            t("Payload-Oxum says {said}, the payload is {oxum} (bytes.files)."),
            &[
                ("said", label(&info, "Payload-Oxum").unwrap_or(t("nothing"))),
                ("oxum", &oxum),
            ],
        ));
    }
    verdict.checks.push(Check::new(
        t("Every payload file is present, unchanged, and listed"),
        problems,
        vec![fill(
            t("{n} payload files, {oxum} (bytes.files)."),
            &[("n", &listed.len().to_string()), ("oxum", &oxum)],
        )],
    ));

    // The application itself: it reads, it validates, the app's documents recompute.
    let draft = file_text("data/application.json")
        .ok_or_else(|| t("data/application.json is missing.").to_owned())
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
                .map(|p| format!("{}: {}", p.label_in(lang), p.message.render(lang)))
                .collect();
            let mut problems = errors.clone();
            if problems.len() > 12 {
                let more = problems.len() - 12;
                problems.truncate(12);
                problems.push(fill(t("and {more} more."), &[("more", &more.to_string())]));
            }
            if let Some(why) = label(&info, "Application-Incomplete-Reason") {
                problems.insert(
                    0,
                    fill(
                        t("The applicant exported it as incomplete: {why}"),
                        &[("why", why)],
                    ),
                );
            }
            verdict.checks.push(Check::new(
                t("The application is complete and valid"),
                problems,
                vec![counted(
                    "{n} site, no problem found.",
                    "{n} sites, no problem found.",
                    draft.sites.len() as u64,
                )
                .render(lang)],
            ));
            // Bundles written before the label existed are in English.
            let written_in = label(&info, "Application-Language")
                .and_then(Lang::from_code)
                .unwrap_or_default();
            let recomputed = payload::plan(draft, profile, today, written_in);
            verdict.checks.push(check_recomputed(
                &by_path,
                &recomputed,
                "data/checklist.json",
                t("The checklist is complete and matches the application"),
                draft,
                lang,
            ));
            verdict.checks.push(check_recomputed(
                &by_path,
                &recomputed,
                "data/tariff/results.json",
                t("The tariff recomputes to the stated results"),
                draft,
                lang,
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
            t("The application is complete and valid"),
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
    lang: Lang,
) {
    for (path, hash) in listed {
        match by_path.get(path.as_str()) {
            None => problems.push(fill(
                tr(lang, "{path} is listed but missing."),
                &[("path", path)],
            )),
            Some(f) if f.sha256 != *hash => problems.push(fill(
                tr(lang, "{path} was changed (its SHA-256 differs)."),
                &[("path", path)],
            )),
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
    lang: Lang,
) -> Check {
    let t = |msgid: &'static str| tr(lang, msgid);
    let title = t("The tag manifest is signed");
    let Some(data) = tag_manifest else {
        return Check::new(
            title,
            vec![t("There is no tag manifest to check signatures on.").into()],
            vec![],
        );
    };
    let trusted = match trusted.map(PublicKeyInfo::parse).transpose() {
        Ok(key) => key,
        Err(e) => {
            let why = fill(t("The key you gave: {why}"), &[("why", &e.render(lang))]);
            return Check::new(title, vec![why], vec![]);
        }
    };
    let mut problems = vec![];
    let mut fine = vec![];
    let mut trusted_signed = false;
    let signatures: Vec<(&&str, &&ReadFile)> = by_path
        .iter()
        .filter(|(p, _)| p.starts_with(bag::SIGNATURES) && p.ends_with(".minisig"))
        .collect();
    if signatures.is_empty() {
        problems.push(t("The bundle holds no signature.").to_owned());
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
                .ok_or_else(|| {
                    BundleError::Key(
                        text("its public key {path} is missing").with("path", pub_path.clone()),
                    )
                })
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
                        problems.push(fill(
                            t("{path}: its trusted comment names another application: {comment}"),
                            &[("path", path), ("comment", &signed.trusted_comment)],
                        ));
                    }
                }
                let trust = if is_trusted {
                    t(", the key you trust")
                } else if trusted.is_some() {
                    t(", not the key you trust")
                } else {
                    ""
                };
                fine.push(fill(
                    t("{path}: good signature by key {key} (fingerprint {fingerprint}){trust}; trusted comment: {comment}"),
                    &[
                        ("path", path),
                        ("key", &signed.key.key_id),
                        ("fingerprint", &signed.key.fingerprint),
                        ("trust", trust),
                        ("comment", &signed.trusted_comment),
                    ],
                ));
                signers.push((signed.key, signed.trusted_comment));
            }
            Err(e) => problems.push(format!("{path}: {}", e.render(lang))),
        }
    }
    match &trusted {
        Some((_, key)) if !trusted_signed => problems.push(fill(
            t("No signature is by the key you trust ({key}, fingerprint {fingerprint})."),
            &[("key", &key.key_id), ("fingerprint", &key.fingerprint)],
        )),
        None => fine.push(t("No key was given to trust: the signatures were checked with the public keys inside the bundle. Compare their fingerprints with the sworn declaration.").into()),
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
    lang: Lang,
) -> Check {
    let t = |msgid: &'static str| tr(lang, msgid);
    let expected = recomputed.iter().find(|f| f.path == path);
    let found = by_path.get(path).and_then(|f| f.content.as_deref());
    let mut problems = vec![];
    let mut fine = vec![];
    match (expected, found) {
        (None, None) if path.starts_with("data/tariff/") => {
            if draft.tariff.is_some() {
                problems.push(
                    t("The tariff's inputs do not compute, so there are no results to check.")
                        .into(),
                );
            } else {
                fine.push(t("The application holds no tariff calculation of the app: the filled tariff tool is one of its attachments.").into());
            }
        }
        (Some(_), None) => problems.push(fill(t("{path} is missing."), &[("path", path)])),
        (None, Some(_)) => problems.push(fill(
            t("{path} should not be there: the application's inputs do not produce it."),
            &[("path", path)],
        )),
        (Some(e), Some(found)) => {
            let Source::Made(bytes) = &e.source else {
                unreachable!("made documents only")
            };
            if bytes.as_slice() != found {
                problems.push(fill(
                    t("{path} differs from what the application's own inputs give (recomputed SHA-256 {sha})."),
                    &[("path", path), ("sha", &sha256_hex(bytes)[..12])],
                ));
            } else {
                fine.push(fill(
                    t("{path} is exactly what the application's inputs give."),
                    &[("path", path)],
                ));
            }
        }
        (None, None) => {}
    }
    if path == "data/checklist.json" {
        let missing = crate::attachments::missing_documents(draft);
        for m in missing.iter().take(12) {
            let scope = match &m.site_id {
                None => t("the company").to_owned(),
                Some(id) => draft
                    .site_index(id)
                    .map(|i| {
                        fill(
                            t("site {n} ({name})"),
                            &[
                                ("n", &(i + 1).to_string()),
                                ("name", draft.sites[i].name.trim()),
                            ],
                        )
                    })
                    .unwrap_or_else(|| id.clone()),
            };
            problems.push(fill(
                t("Missing: {document} for {scope}."),
                &[("document", t(m.title)), ("scope", &scope)],
            ));
        }
        if missing.len() > 12 {
            problems.push(
                counted(
                    "and {n} more missing document.",
                    "and {n} more missing documents.",
                    (missing.len() - 12) as u64,
                )
                .render(lang),
            );
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

/// Where everything is in an archive: its end record, every entry of its directory (checked), and
/// the bag's folder with each entry's path inside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub end: super::zip::EndRecord,
    pub entries: Vec<Entry>,
    pub folder: String,
    pub paths: Vec<Option<String>>,
}

/// A bundle whose bytes could not be read (a file or a browser Blob): the reader's own words.
pub fn io_error(e: String) -> BundleError {
    BundleError::Corrupt(text("it cannot be read ({error})").with("error", e))
}

/// Reads and checks an archive's directory (names, links, counts, sizes, ratios, overlaps),
/// without reading any entry.
pub fn read_layout(src: &mut dyn RandomAccess) -> Result<Layout, BundleError> {
    use super::zip::{find_end, read_directory, TAIL_LEN};
    let len = src.len();
    let tail_len = TAIL_LEN.min(len);
    let tail = src
        .read_at(len - tail_len, tail_len as usize)
        .map_err(io_error)?;
    let end = find_end(&tail, len)?;
    let cd = src
        .read_at(end.cd_offset, end.cd_size as usize)
        .map_err(io_error)?;
    let entries = read_directory(&cd, &end, len)?;
    let (folder, paths) = bag_paths(&entries)?;
    Ok(Layout {
        end,
        entries,
        folder,
        paths,
    })
}

/// Opens an archive safely and reads every file of its bag (hash, size, and the bytes of the
/// files `keeps_content` names). Fails on the first unsafe thing.
pub fn read_bag(src: &mut dyn RandomAccess) -> Result<(String, Vec<ReadFile>), BundleError> {
    use super::zip::{data_offset, local_header_len, EntryReader};
    let io = io_error;
    let Layout {
        entries,
        folder,
        paths,
        ..
    } = read_layout(src)?;
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

/// Every check on an archive: its safety first, then the bag; said in `lang`.
pub fn verify_archive(src: &mut dyn RandomAccess, trusted: Option<&str>, lang: Lang) -> Verdict {
    match read_bag(src) {
        Ok((folder, files)) => verify(&folder, &files, trusted, lang),
        Err(e) => Verdict::unreadable(&e, lang),
    }
}
