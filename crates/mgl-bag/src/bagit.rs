//! BagIt (RFC 8493, version 1.0): the tag files' names, the manifests written and read, and the
//! `label: value` lines of `bag-info.txt`. What the labels say is the caller's.

use crate::hash::sha256_hex;
use crate::{reason, Error};

pub const BAGIT_TXT: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
pub const BAGIT: &str = "bagit.txt";
pub const BAG_INFO: &str = "bag-info.txt";
pub const MANIFEST: &str = "manifest-sha256.txt";
pub const TAG_MANIFEST: &str = "tagmanifest-sha256.txt";
pub const SIGNATURES: &str = "signatures/";

/// One payload file as the manifest lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Digest {
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

/// `<sha256>  <path>` lines, in the order given.
pub fn manifest(entries: &[Digest]) -> String {
    entries
        .iter()
        .map(|d| format!("{}  {}\n", d.sha256, d.path))
        .collect()
}

/// The four tag files, in the zip's order: `bagit.txt`, `bag-info.txt` (its text given), the payload
/// manifest of `payload` (in path order), and the tag manifest of the three.
pub fn tag_files(bag_info: String, payload: &[Digest]) -> Vec<(String, Vec<u8>)> {
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
pub fn parse_manifest(name: &str, manifest: &str) -> Result<Vec<(String, String)>, Error> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (n, line) in manifest.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || {
            Error::Bag(
                reason("Line {line} of {name} is not \"<sha256> <path>\".")
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
            return Err(Error::Bag(
                reason("{name} lists {path} twice.")
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
