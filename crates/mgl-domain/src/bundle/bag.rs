//! BagIt (RFC 8493, version 1.0) tag files: `bagit.txt`, `bag-info.txt`, the payload manifest and
//! the tag manifest, written and read.

use super::BundleError;
use crate::hash::sha256_hex;
use crate::message::text;

pub const BAGIT_TXT: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
pub const BAGIT: &str = "bagit.txt";
pub const BAG_INFO: &str = "bag-info.txt";
pub const MANIFEST: &str = "manifest-sha256.txt";
pub const TAG_MANIFEST: &str = "tagmanifest-sha256.txt";
pub const SIGNATURES: &str = "signatures/";

/// What `bag-info.txt` says about the application.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BagInfo {
    pub organisation: String,
    pub contact_name: String,
    pub contact_email: String,
    pub application_id: String,
    pub bagging_date: String,
    pub software_agent: String,
    pub profile_name: String,
    pub profile_version: u32,
    /// `None` when complete; otherwise what is missing, in one line.
    pub incomplete: Option<String>,
    /// The language of the documents the app writes (`application.html`, `checklist.json`).
    pub language: crate::Lang,
}

/// A value on one line: line breaks would start a new label (RFC 8493 2.2.2).
fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One payload file as the manifest lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Digest {
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

impl BagInfo {
    pub fn to_text(&self, payload: &[Digest]) -> String {
        let bytes: u64 = payload.iter().map(|d| d.size).sum();
        let mut lines = vec![
            ("Source-Organization", one_line(&self.organisation)),
            ("Contact-Name", one_line(&self.contact_name)),
            ("Contact-Email", one_line(&self.contact_email)),
            ("External-Identifier", one_line(&self.application_id)),
            ("Bagging-Date", self.bagging_date.clone()),
            ("Payload-Oxum", format!("{bytes}.{}", payload.len())),
            ("Bag-Software-Agent", one_line(&self.software_agent)),
            ("Bundle-Format-Version", super::FORMAT_VERSION.to_owned()),
            ("Country-Profile", one_line(&self.profile_name)),
            ("Country-Profile-Version", self.profile_version.to_string()),
            ("Application-Language", self.language.code().to_owned()),
            (
                "Application-Complete",
                if self.incomplete.is_some() {
                    "no"
                } else {
                    "yes"
                }
                .to_owned(),
            ),
        ];
        if let Some(why) = &self.incomplete {
            lines.push(("Application-Incomplete-Reason", one_line(why)));
        }
        lines
            .into_iter()
            .map(|(label, value)| format!("{label}: {value}\n"))
            .collect()
    }
}

/// `<sha256>  <path>` lines, in the order given.
pub fn manifest(entries: &[Digest]) -> String {
    entries
        .iter()
        .map(|d| format!("{}  {}\n", d.sha256, d.path))
        .collect()
}

/// The four tag files, in the zip's order, from the payload's digests (in path order).
pub fn tag_files(info: &BagInfo, payload: &[Digest]) -> Vec<(String, Vec<u8>)> {
    let bag_info = info.to_text(payload);
    let manifest_text = manifest(payload);
    let tags: Vec<Digest> = [
        (BAGIT, BAGIT_TXT),
        (BAG_INFO, bag_info.as_str()),
        (MANIFEST, manifest_text.as_str()),
    ]
    .iter()
    .map(|(path, text)| Digest {
        path: (*path).to_owned(),
        sha256: sha256_hex(text.as_bytes()),
        size: text.len() as u64,
    })
    .collect();
    vec![
        (BAGIT.to_owned(), BAGIT_TXT.as_bytes().to_vec()),
        (BAG_INFO.to_owned(), bag_info.into_bytes()),
        (MANIFEST.to_owned(), manifest_text.into_bytes()),
        (TAG_MANIFEST.to_owned(), manifest(&tags).into_bytes()),
    ]
}

/// Reads a manifest into (path, sha256) pairs, refusing malformed lines and repeated paths.
pub fn parse_manifest(name: &str, manifest: &str) -> Result<Vec<(String, String)>, BundleError> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (n, line) in manifest.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || {
            BundleError::Bag(
                text("Line {line} of {name} is not \"<sha256> <path>\".")
                    .with("line", n + 1)
                    .with("name", name),
            )
        };
        let (hash, path) = line.split_once(char::is_whitespace).ok_or_else(bad)?;
        let path = path.trim_start();
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) || path.is_empty() {
            return Err(bad());
        }
        if out.iter().any(|(p, _)| p == path) {
            return Err(BundleError::Bag(
                text("{name} lists {path} twice.")
                    .with("name", name)
                    .with("path", path),
            ));
        }
        out.push((path.to_owned(), hash.to_ascii_lowercase()));
    }
    Ok(out)
}

/// `label: value` pairs of a tag file such as `bag-info.txt`.
pub fn parse_labels(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

pub fn label<'a>(labels: &'a [(String, String)], name: &str) -> Option<&'a str> {
    labels
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}
