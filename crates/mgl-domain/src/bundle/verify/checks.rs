//! The checks of a bundle, one function each, in the order the officer reads them: the integrity
//! checks (the zip is safe, it is a bag, it is signed, its tag manifest and its payload are
//! unchanged), then the content checks (the application is complete, the documents the app made
//! recompute). Each says its kind with the check it returns.

use super::super::bag::{self, label, parse_labels, parse_manifest};
use super::super::keys::{self, PublicKeyInfo};
use super::super::payload::{self, Source};
use super::super::{reason, BundleError, ContainerError};
use super::{Check, CheckKind, ReadFile, Verdict, ZIP_SAFE};
use crate::draft::Draft;
use crate::hash::sha256_hex;
use crate::i18n::Lang;
use crate::message::{counted, text, Arg, Text};
use crate::profile::CountryProfile;
use crate::validate::validate;
use std::collections::BTreeMap;

use CheckKind::{Content, Integrity};

/// A bag read safely from its zip, as the checks look at it.
pub(super) struct Bag<'a> {
    pub files: &'a [ReadFile],
    pub by_path: BTreeMap<&'a str, &'a ReadFile>,
    /// bag-info.txt's labels.
    pub info: Vec<(String, String)>,
}

impl<'a> Bag<'a> {
    pub fn new(files: &'a [ReadFile]) -> Bag<'a> {
        let by_path: BTreeMap<&str, &ReadFile> =
            files.iter().map(|f| (f.path.as_str(), f)).collect();
        let mut bag = Bag {
            files,
            by_path,
            info: Vec::new(),
        };
        bag.info = bag
            .file_text(bag::BAG_INFO)
            .map(|t| parse_labels(&t))
            .unwrap_or_default();
        bag
    }

    /// A file's bytes as text, when the bag holds it (and its bytes were kept).
    pub fn file_text(&self, path: &str) -> Option<String> {
        self.by_path
            .get(path)
            .and_then(|f| f.content.as_ref())
            .map(|c| String::from_utf8_lossy(c).into_owned())
    }

    pub fn label(&self, name: &str) -> Option<&str> {
        label(&self.info, name)
    }

    pub fn tag_manifest(&self) -> Option<&'a [u8]> {
        self.by_path
            .get(bag::TAG_MANIFEST)
            .and_then(|f| f.content.as_deref())
    }

    /// A manifest's (path, sha256) lines, with what is wrong with it (missing, malformed, a file
    /// whose hash differs) added to `problems`; `missing` says it is not there.
    fn checked_manifest(
        &self,
        path: &str,
        missing: Text,
        problems: &mut Vec<Text>,
    ) -> Vec<(String, String)> {
        let listed = match self.file_text(path) {
            None => {
                problems.push(missing);
                vec![]
            }
            Some(content) => parse_manifest(path, &content).unwrap_or_else(|e| {
                problems.push(BundleError::from(e).text());
                vec![]
            }),
        };
        compare_hashes(&self.by_path, &listed, problems);
        listed
    }
}

/// A text shown as it is (the reason a file could not be read, in the reader's words already).
fn as_is(said: String) -> Text {
    text("{said}").with("said", said)
}

/// Integrity: the zip was opened with every safety rule (the reader refuses an unsafe one).
pub(super) fn zip_is_safe(bag: &Bag) -> Check {
    Check::new(
        Integrity,
        text(ZIP_SAFE),
        vec![],
        vec![text("{n} files, no unsafe name, link, bomb or lying size.")
            .with("n", bag.files.len().to_string())],
    )
}

/// Integrity: bagit.txt declares BagIt 1.0 and bag-info.txt says what the bag is.
pub(super) fn is_a_bag(bag: &Bag) -> Check {
    let mut problems = vec![];
    match bag.file_text(bag::BAGIT) {
        None => problems.push(text("bagit.txt is missing.")),
        Some(bagit) if label(&parse_labels(&bagit), "BagIt-Version") != Some("1.0") => {
            problems.push(text("bagit.txt does not declare BagIt-Version 1.0."))
        }
        Some(_) => {}
    }
    if bag.info.is_empty() {
        problems.push(text("bag-info.txt is missing or empty.").clone());
    }
    Check::new(
        Integrity,
        text("It is a BagIt 1.0 bag"),
        problems,
        vec![text("Application {id}, bagged {date} by {agent}.")
            .with("id", bag.label("External-Identifier").unwrap_or("?"))
            .with("date", bag.label("Bagging-Date").unwrap_or("?"))
            .with("agent", bag.label("Bag-Software-Agent").unwrap_or("?"))],
    )
}

/// Integrity: the tag manifest lists and matches bagit.txt, bag-info.txt, the manifest and every
/// other tag file.
pub(super) fn tag_manifest_matches(bag: &Bag) -> Check {
    let mut problems = vec![];
    let tag_listed = bag.checked_manifest(
        bag::TAG_MANIFEST,
        text("tagmanifest-sha256.txt is missing."),
        &mut problems,
    );
    for required in [bag::BAGIT, bag::BAG_INFO, bag::MANIFEST] {
        if !tag_listed.iter().any(|(p, _)| p == required) {
            problems.push(text("The tag manifest does not list {file}.").with("file", required));
        }
    }
    for file in bag.files {
        let is_tag = !file.path.starts_with("data/")
            && !file.path.starts_with(bag::SIGNATURES)
            && file.path != bag::TAG_MANIFEST;
        if is_tag && !tag_listed.iter().any(|(p, _)| *p == file.path) {
            problems.push(
                text("{path} is not listed in the tag manifest.").with("path", file.path.as_str()),
            );
        }
    }
    Check::new(
        Integrity,
        text("The tag manifest matches bagit.txt, bag-info.txt and the manifest"),
        problems,
        vec![text("{n} tag files checked.").with("n", tag_listed.len().to_string())],
    )
}

/// Integrity: every payload file is listed, present and unchanged, nothing extra, Payload-Oxum
/// right.
pub(super) fn payload_matches(bag: &Bag) -> Check {
    let mut problems = vec![];
    let listed = bag.checked_manifest(
        bag::MANIFEST,
        text("manifest-sha256.txt is missing."),
        &mut problems,
    );
    let payload: Vec<&ReadFile> = bag
        .files
        .iter()
        .filter(|f| f.path.starts_with("data/"))
        .collect();
    for file in &payload {
        if !listed.iter().any(|(p, _)| *p == file.path) {
            problems.push(
                text("{path} is in the bundle but not in its manifest (an extra file).")
                    .with("path", file.path.as_str()),
            );
        }
    }
    let oxum = format!(
        "{}.{}",
        payload.iter().map(|f| f.size).sum::<u64>(),
        payload.len()
    );
    if bag.label("Payload-Oxum") != Some(oxum.as_str()) {
        problems.push(
            text("Payload-Oxum says {said}, the payload is {oxum} (bytes.files).")
                .with(
                    "said",
                    bag.label("Payload-Oxum")
                        .map_or(Arg::Text(text("nothing")), Arg::from),
                )
                .with("oxum", oxum.as_str()),
        );
    }
    Check::new(
        Integrity,
        text("Every payload file is present, unchanged, and listed"),
        problems,
        vec![text("{n} payload files, {oxum} (bytes.files).")
            .with("n", listed.len().to_string())
            .with("oxum", oxum.as_str())],
    )
}

/// Content: the application reads, validates, and the documents the app made from it (checklist,
/// tariff) recompute to the same bytes. Also fills in what the verdict holds (the draft, where each
/// attachment is).
pub(super) fn application_checks(bag: &Bag, verdict: &mut Verdict) {
    let title = text("The application is complete and valid");
    let draft = bag
        .file_text("data/application.json")
        .ok_or_else(|| text("data/application.json is missing."))
        .and_then(|json| payload::draft_from_application_json(json.as_bytes()).map_err(as_is));
    let draft = match draft {
        Ok(draft) => draft,
        Err(why) => {
            verdict
                .checks
                .push(Check::new(Content, title, vec![why], vec![]));
            return;
        }
    };
    let profile =
        CountryProfile::bundled(&draft.profile).unwrap_or_else(CountryProfile::default_profile);
    let today = bag
        .label("Bagging-Date")
        .and_then(crate::Date::parse_iso)
        .unwrap_or_else(|| crate::Date::from_days_since_epoch(0));
    let report = validate(&draft, &profile, today);
    let mut problems: Vec<Text> = report
        .errors()
        .map(|p| {
            text("{label}: {message}")
                .with("label", p.label_arg())
                .with("message", p.message.clone())
        })
        .collect();
    if problems.len() > 12 {
        let more = problems.len() - 12;
        problems.truncate(12);
        problems.push(text("and {more} more.").with("more", more.to_string()));
    }
    if let Some(why) = bag.label("Application-Incomplete-Reason") {
        problems.insert(
            0,
            text("The applicant exported it as incomplete: {why}").with("why", why),
        );
    }
    verdict.checks.push(Check::new(
        Content,
        title,
        problems,
        vec![counted(
            "{n} site, no problem found.",
            "{n} sites, no problem found.",
            draft.sites.len() as u64,
        )],
    ));
    // Bundles written before the label existed are in English.
    let written_in = bag
        .label("Application-Language")
        .and_then(Lang::from_code)
        .unwrap_or_default();
    let recomputed = payload::plan(&draft, &profile, today, written_in);
    verdict.checks.push(check_recomputed(
        &bag.by_path,
        &recomputed,
        "data/checklist.json",
        text("The checklist is complete and matches the application"),
        &draft,
    ));
    verdict.checks.push(check_recomputed(
        &bag.by_path,
        &recomputed,
        "data/tariff/results.json",
        text("The tariff recomputes to the stated results"),
        &draft,
    ));
    verdict.checks.push(check_workbook(bag, &recomputed));
    verdict.attachments = recomputed
        .iter()
        .filter_map(|f| match &f.source {
            Source::Attached(r) => Some((f.path.clone(), r.sha256.clone())),
            Source::Made(_) => None,
        })
        .collect();
    verdict.draft = Some(draft);
}

/// The tariff workbook (format 1.1 on) holds the bundle's tariff inputs: read back as the app
/// reads a workbook, its entries give `data/tariff/inputs.json`. Its formulas are the workbook's
/// own; its entries are what an officer negotiates from, so they are what is checked.
fn check_workbook(bag: &Bag, recomputed: &[payload::PayloadFile]) -> Check {
    use crate::tariff_workbook::{changes, holds, read};
    let title = text("The tariff workbook holds the tariff's inputs");
    let path = payload::TARIFF_WORKBOOK;
    let found = bag.by_path.get(path).and_then(|f| f.content.as_deref());
    let inputs = "data/tariff/inputs.json";
    let input = bag
        .file_text(inputs)
        .and_then(|json| serde_json::from_str::<crate::tariff::TariffInput>(&json).ok());
    let expected = recomputed.iter().any(|f| f.path == path);
    // Bundles written before 1.1 hold no workbook: nothing to hold the inputs, nothing wrong.
    let version = bag.label("Bundle-Format-Version").unwrap_or("1.0");
    let before_workbooks = version == "1.0";
    let mut problems = vec![];
    let mut fine = vec![];
    match (found, input) {
        (None, _) if before_workbooks => fine.push(
            text("Bundles of format {version} hold no tariff workbook.").with("version", version),
        ),
        (None, Some(_)) => problems.push(text("{path} is missing.").with("path", path)),
        (None, None) if expected => problems.push(text("{path} is missing.").with("path", path)),
        (None, None) => fine.push(text(
            "The application holds no tariff calculation of the app, so no workbook.",
        )),
        (Some(_), None) => problems.push(
            text("{path} should not be there: the application's inputs do not produce it.")
                .with("path", path),
        ),
        (Some(bytes), Some(input)) => match read(bytes) {
            Err(why) => problems.push(text("{path}: {why}").with("path", path).with("why", why)),
            Ok(back) if holds(&back, &input) => fine.push(
                text("{path} holds the entries of {inputs}.")
                    .with("path", path)
                    .with("inputs", inputs),
            ),
            Ok(back) => {
                problems.push(
                    text("{path} holds other entries than {inputs}:")
                        .with("path", path)
                        .with("inputs", inputs),
                );
                let before = crate::draft::TariffDraft::from_input(&input);
                for change in changes(&before, &back.tariff).iter().take(12) {
                    problems.push(change.text());
                }
            }
        },
    }
    Check::new(Content, title, problems, fine)
}

fn compare_hashes(
    by_path: &BTreeMap<&str, &ReadFile>,
    listed: &[(String, String)],
    problems: &mut Vec<Text>,
) {
    for (path, hash) in listed {
        match by_path.get(path.as_str()) {
            None => problems.push(text("{path} is listed but missing.").with("path", path)),
            Some(f) if f.sha256 != *hash => {
                problems.push(text("{path} was changed (its SHA-256 differs).").with("path", path))
            }
            Some(_) => {}
        }
    }
}

/// Integrity: the tag manifest is signed, by the trusted key when one is given.
pub(super) fn check_signatures(
    by_path: &BTreeMap<&str, &ReadFile>,
    tag_manifest: Option<&[u8]>,
    trusted: Option<&str>,
    application_id: Option<&str>,
    signers: &mut Vec<(PublicKeyInfo, String)>,
) -> Check {
    let title = text("The tag manifest is signed");
    let Some(data) = tag_manifest else {
        return Check::new(
            Integrity,
            title,
            vec![text("There is no tag manifest to check signatures on.")],
            vec![],
        );
    };
    let trusted = match trusted.map(PublicKeyInfo::parse).transpose() {
        Ok(key) => key,
        Err(e) => {
            let why = text("The key you gave: {why}").with("why", BundleError::from(e).text());
            return Check::new(Integrity, title, vec![why], vec![]);
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
        problems.push(text("The bundle holds no signature."));
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
                    ContainerError::Key(
                        reason("its public key {path} is missing").with("path", pub_path.clone()),
                    )
                })
                .and_then(|c| PublicKeyInfo::parse(&String::from_utf8_lossy(c)).map(|(pk, _)| pk)),
        };
        match key.and_then(|pk| keys::check_signature(&pk, &sig_text, data)) {
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
                        problems.push(
                            text(
                                "{path}: its trusted comment names another application: {comment}",
                            )
                            .with("path", *path)
                            .with("comment", &signed.trusted_comment),
                        );
                    }
                }
                let trust = if is_trusted {
                    Arg::Text(text(", the key you trust"))
                } else if trusted.is_some() {
                    Arg::Text(text(", not the key you trust"))
                } else {
                    Arg::from("")
                };
                fine.push(
                    text("{path}: good signature by key {key} (fingerprint {fingerprint}){trust}; trusted comment: {comment}")
                        .with("path", *path)
                        .with("key", &signed.key.key_id)
                        .with("fingerprint", &signed.key.fingerprint)
                        .with("trust", trust)
                        .with("comment", &signed.trusted_comment),
                );
                signers.push((signed.key, signed.trusted_comment));
            }
            Err(e) => problems.push(
                text("{path}: {why}")
                    .with("path", *path)
                    .with("why", BundleError::from(e).text()),
            ),
        }
    }
    match &trusted {
        Some((_, key)) if !trusted_signed => problems.push(
            text("No signature is by the key you trust ({key}, fingerprint {fingerprint}).")
                .with("key", &key.key_id)
                .with("fingerprint", &key.fingerprint),
        ),
        None => fine.push(text("No key was given to trust: the signatures were checked with the public keys inside the bundle. Compare their fingerprints with the sworn declaration.")),
        _ => {}
    }
    if !problems.is_empty() {
        problems.extend(fine);
        return Check {
            kind: Integrity,
            title,
            passed: false,
            details: problems,
        };
    }
    Check::new(Integrity, title, vec![], fine)
}

/// A document the app makes from the application must be the bytes it would make now.
pub(super) fn check_recomputed(
    by_path: &BTreeMap<&str, &ReadFile>,
    recomputed: &[payload::PayloadFile],
    path: &str,
    title: Text,
    draft: &Draft,
) -> Check {
    let expected = recomputed.iter().find(|f| f.path == path);
    let found = by_path.get(path).and_then(|f| f.content.as_deref());
    let mut problems = vec![];
    let mut fine = vec![];
    match (expected, found) {
        (None, None) if path.starts_with("data/tariff/") => {
            if draft.tariff.is_some() {
                problems.push(text(
                    "The tariff's inputs do not compute, so there are no results to check.",
                ));
            } else {
                fine.push(text("The application holds no tariff calculation of the app: the filled tariff tool is one of its attachments."));
            }
        }
        (Some(_), None) => problems.push(text("{path} is missing.").with("path", path)),
        (None, Some(_)) => problems.push(
            text("{path} should not be there: the application's inputs do not produce it.")
                .with("path", path),
        ),
        (Some(e), Some(found)) => {
            let Source::Made(bytes) = &e.source else {
                unreachable!("made documents only")
            };
            if bytes.as_slice() != found {
                problems.push(
                    text("{path} differs from what the application's own inputs give (recomputed SHA-256 {sha}).")
                        .with("path", path)
                        .with("sha", &sha256_hex(bytes)[..12]),
                );
            } else {
                fine.push(
                    text("{path} is exactly what the application's inputs give.")
                        .with("path", path),
                );
            }
        }
        (None, None) => {}
    }
    if path == "data/checklist.json" {
        let missing = crate::attachments::missing_documents(draft);
        for m in missing.iter().take(12) {
            let scope = match &m.site_id {
                None => text("the company"),
                Some(id) => draft.site_index(id).map_or_else(
                    || as_is(id.clone()),
                    |i| {
                        text("site {n} ({name})")
                            .with("n", (i + 1).to_string())
                            .with("name", draft.sites[i].name.trim())
                    },
                ),
            };
            problems.push(
                text("Missing: {document} for {scope}.")
                    .with("document", text(m.title))
                    .with("scope", scope),
            );
        }
        if missing.len() > 12 {
            problems.push(counted(
                "and {n} more missing document.",
                "and {n} more missing documents.",
                (missing.len() - 12) as u64,
            ));
        }
    }
    Check::new(Content, title, problems, fine)
}
