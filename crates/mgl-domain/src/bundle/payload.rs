//! What goes under the bag's `data/`: the documents made from the draft (bytes in memory) and the
//! attachments (named here, read by the caller from the device or a folder), each at its path.
//! A pure function of the draft: the same draft gives the same paths and the same bytes.

use crate::attachments::{self, filled_by_app};
use crate::checklist::{checklist, Need};
use crate::draft::Draft;
use crate::draft::FileRecord;
use crate::i18n::Lang;
use crate::printout::application_html;
use crate::profile::CountryProfile;
use crate::tariff_draft::{compute, Computation};
use crate::validate::validate;
use serde::Serialize;

/// One payload file.
#[derive(Clone, Debug, PartialEq)]
pub struct PayloadFile {
    /// Path inside the bag: `data/...`.
    pub path: String,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// A document made from the draft, deflated in the zip.
    Made(Vec<u8>),
    /// An attached file, found by its hash; stored in the zip when already compressed.
    Attached(FileRecord),
}

impl PayloadFile {
    pub fn size(&self) -> u64 {
        match &self.source {
            Source::Made(bytes) => bytes.len() as u64,
            Source::Attached(f) => f.size,
        }
    }
    /// Whether the zip should deflate it: our text documents yes, compressed formats no.
    pub fn deflate(&self) -> bool {
        match &self.source {
            Source::Made(_) => true,
            Source::Attached(f) => !f.file_type.is_some_and(|t| t.is_compressed()),
        }
    }
}

/// The bag's folder: the application id and the date (YYYY-MM-DD).
pub fn folder_name(application_id: &str, date: &crate::Date) -> String {
    format!("{application_id}-{date}")
}

/// A file name made from what the user typed: ASCII letters, digits and dashes (the bundle
/// format's alphabet); at most 60 characters before the extension.
pub fn safe_file_name(stem: &str, extension: &str) -> String {
    file_name_keeping(stem, extension, |c| c.is_ascii_alphanumeric(), "file")
}

/// A file name of the characters `keep` accepts, runs of others made one dash, `fallback` when
/// nothing is left.
pub fn file_name_keeping(
    stem: &str,
    extension: &str,
    keep: fn(char) -> bool,
    fallback: &str,
) -> String {
    let mut name: String = stem
        .chars()
        .map(|c| if keep(c) { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if let Some((cut, _)) = name.char_indices().nth(60) {
        name.truncate(cut);
    }
    if name.is_empty() {
        name = fallback.into();
    }
    format!("{name}.{extension}")
}

/// `application.json`: typed (not `serde_json::Value`), so that the wasm reuses the draft's own
/// (de)serialisation code instead of a second copy of it for `Value`.
#[derive(Serialize, serde::Deserialize)]
struct ApplicationDoc<D> {
    bundle_format: String,
    application_id: String,
    profile: ProfileRef,
    application: D,
}

#[derive(Serialize, serde::Deserialize)]
struct ProfileRef {
    id: String,
    version: u32,
}

/// The draft as it goes into `application.json`: the device's own id and times left out, so that
/// a bundle imported and exported again holds the same bytes.
pub fn application_json(draft: &Draft, profile: &CountryProfile) -> Vec<u8> {
    let mut clean = draft.clone();
    clean.application_id = draft.application_id(profile);
    clean.id = String::new();
    clean.created_ms = 0.0;
    clean.updated_ms = 0.0;
    pretty(&ApplicationDoc {
        bundle_format: super::FORMAT_VERSION.to_owned(),
        application_id: clean.application_id.clone(),
        profile: ProfileRef {
            id: profile.id.clone(),
            version: profile.version,
        },
        application: clean,
    })
}

/// Reads `application.json` back into a draft (the caller gives it a local id and times).
pub fn draft_from_application_json(bytes: &[u8]) -> Result<Draft, String> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| "application.json is not UTF-8 text".to_owned())?;
    serde_json::from_str::<ApplicationDoc<Draft>>(text)
        .map(|doc| doc.application)
        .map_err(|e| format!("application.json cannot be read: {e}"))
}

#[derive(Serialize)]
struct ChecklistFile {
    path: String,
    name: String,
    size: u64,
    media_type: Option<&'static str>,
    sha256: String,
}

#[derive(Serialize)]
struct ChecklistRow {
    requirement: &'static str,
    section: &'static str,
    title: &'static str,
    /// "company" or the site's id.
    scope: String,
    need: Need,
    reason: String,
    /// "attached", "missing", "filled_by_app" or "not_needed".
    status: &'static str,
    files: Vec<ChecklistFile>,
}

/// Every payload file of a draft, in path order (the order of the manifest and the zip).
/// `today` is the bagging date: the date-dependent checks printed in `application.html` are those
/// of that day, so the verifier, reading the date from `bag-info.txt`, makes the same bytes; the same
/// goes for `lang`, recorded there as `Application-Language`.
pub fn plan(
    draft: &Draft,
    profile: &CountryProfile,
    today: crate::Date,
    lang: Lang,
) -> Vec<PayloadFile> {
    let mut files = Vec::new();
    let mut rows = Vec::new();
    let mut used_paths = std::collections::BTreeSet::new();
    for item in checklist(draft, lang) {
        let code = item.requirement.code;
        let site = item.site_id.as_deref();
        let folder = match site {
            None => format!("data/attachments/company/{code}"),
            Some(id) => format!("data/attachments/sites/{}/{code}", safe_stem(id)),
        };
        let mut listed = Vec::new();
        for record in attachments::attached(draft, code, site) {
            let (stem, ext) = split_extension(&record.name, record);
            let mut path = format!("{folder}/{}", safe_file_name(&stem, &ext));
            let mut n = 2;
            while used_paths.contains(&path) {
                path = format!("{folder}/{}", safe_file_name(&format!("{stem}-{n}"), &ext));
                n += 1;
            }
            used_paths.insert(path.clone());
            listed.push(ChecklistFile {
                path: path.clone(),
                name: record.name.clone(),
                size: record.size,
                media_type: record.file_type.map(|t| t.media_type()),
                sha256: record.sha256.clone(),
            });
            files.push(PayloadFile {
                path,
                source: Source::Attached(record.clone()),
            });
        }
        let status = if !listed.is_empty() {
            "attached"
        } else if filled_by_app(draft, code) {
            "filled_by_app"
        } else if item.need == Need::Required || item.need == Need::Undecided {
            "missing"
        } else {
            "not_needed"
        };
        rows.push(ChecklistRow {
            requirement: code,
            section: item.requirement.section,
            title: item.requirement.title,
            scope: site.unwrap_or("company").to_owned(),
            need: item.need,
            reason: item.reason,
            status,
            files: listed,
        });
    }
    let report = validate(draft, profile, today);
    files.push(made(
        "data/application.json",
        application_json(draft, profile),
    ));
    files.push(made(
        "data/application.html",
        application_html(draft, profile, &report, lang).into_bytes(),
    ));
    files.push(made("data/checklist.json", pretty(&rows)));
    if let Some(tariff) = &draft.tariff {
        if let Computation::Results(input, results) = compute(tariff, &profile.currency) {
            files.push(made("data/tariff/inputs.json", pretty(&input)));
            files.push(made(
                "data/tariff/results.json",
                pretty(&results.file(lang)),
            ));
            files.push(made(
                "data/tariff/schedule.csv",
                crate::tariff::schedule_csv(&results).into_bytes(),
            ));
            // Since format 1.1: the calculation as live formulas, for the Authority (4.7).
            files.push(made(
                TARIFF_WORKBOOK,
                crate::tariff_workbook::to_xlsx(&input, &results, lang),
            ));
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The tariff workbook's place in the bag (format 1.1 on).
pub const TARIFF_WORKBOOK: &str = "data/tariff/tariff.xlsx";

fn made(path: &str, bytes: Vec<u8>) -> PayloadFile {
    PayloadFile {
        path: path.to_owned(),
        source: Source::Made(bytes),
    }
}

pub(crate) fn pretty<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn safe_stem(text: &str) -> String {
    let name = safe_file_name(text, "x");
    name[..name.len() - 2].to_owned()
}

/// The name's stem and an extension that matches the file's real type.
fn split_extension(name: &str, record: &FileRecord) -> (String, String) {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, e.to_ascii_lowercase()),
        _ => (name, String::new()),
    };
    let ext = match record.file_type {
        Some(t) if t.extensions().iter().any(|e| e[1..] == ext) => ext,
        Some(t) => t.extensions()[0][1..].to_owned(),
        None if !ext.is_empty() => safe_stem(&ext),
        None => "bin".to_owned(),
    };
    (stem.to_owned(), ext)
}
