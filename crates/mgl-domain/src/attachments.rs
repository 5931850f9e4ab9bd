//! Files attached to the checklist's items. A file is kept once per draft, by its SHA-256 (so a
//! company-wide study reused for several sites is stored once), and each attachment links a
//! requirement and a scope (the company or a site) to a file. Checks happen when a file is attached:
//! empty, too large, or of a type the requirement does not accept (told from the file's content).

use crate::checklist::{checklist, requirement, Accepts, Need, Requirement};
use crate::draft::{Attachment, Draft, FileRecord};
use crate::filetype::{sniff, FileType, Unrecognised};
use crate::format::{fill, format_number_in, format_size};
use crate::i18n::{tr, Lang};
use crate::profile::CountryProfile;

pub fn accepted_types(accepts: Accepts) -> &'static [FileType] {
    use FileType::*;
    match accepts {
        Accepts::Documents => &[Pdf, Jpeg, Png],
        Accepts::DocumentsAndMaps => &[Pdf, Jpeg, Png, GeoJson, Kml, Kmz],
        Accepts::DocumentsAndOffice => &[Pdf, Jpeg, Png, Docx, Xlsx, Odt, Ods],
    }
}

/// "PDF, JPEG or PNG".
pub fn accepted_labels(accepts: Accepts, lang: Lang) -> String {
    let labels: Vec<&str> = accepted_types(accepts).iter().map(|t| t.label()).collect();
    match labels.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {} {last}", rest.join(", "), tr(lang, "or"))
        }
        _ => labels.join(""),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum AttachError {
    Empty,
    TooLarge {
        size: u64,
        limit: u64,
    },
    NotAccepted {
        found: Result<FileType, Unrecognised>,
        accepts: Accepts,
    },
}

impl AttachError {
    pub fn render(&self, lang: Lang) -> String {
        let mb = |bytes: u64| format_number_in((bytes as f64 / 100_000.0).round() / 10.0, lang);
        match self {
            AttachError::Empty => tr(lang, "This file is empty (0 bytes): it was perhaps not saved or not copied completely.").to_owned(),
            AttachError::TooLarge { size, limit } => fill(
                tr(lang, "This file is {size} MB, more than the {limit} MB allowed for one file. Scan at a lower resolution or split the document."),
                &[("size", &mb(*size)), ("limit", &mb(*limit))],
            ),
            AttachError::NotAccepted { found, accepts } => {
                let what = match found {
                    Ok(t) => fill(tr(lang, "a {type} file"), &[("type", t.label())]),
                    Err(Unrecognised::Program) => tr(lang, "a program, not a document").to_owned(),
                    Err(Unrecognised::OtherZip) => tr(lang, "a zip archive of another kind").to_owned(),
                    Err(_) => tr(lang, "of a kind this app does not know").to_owned(),
                };
                fill(
                    tr(lang, "This file is {what}, whatever its name says. This document is accepted as {accepted}."),
                    &[("what", &what), ("accepted", &accepted_labels(*accepts, lang))],
                )
            }
        }
    }
}

/// Checks a file before it is attached to `requirement`: its size and its first bytes.
pub fn check_file(
    requirement: &Requirement,
    size: u64,
    head: &[u8],
    profile: &CountryProfile,
) -> Result<FileType, AttachError> {
    if size == 0 {
        return Err(AttachError::Empty);
    }
    let limit = profile.max_file_bytes();
    if size > limit {
        return Err(AttachError::TooLarge { size, limit });
    }
    match sniff(head) {
        Ok(t) if accepted_types(requirement.accepts).contains(&t) => Ok(t),
        Err(Unrecognised::Empty) => Err(AttachError::Empty),
        found => Err(AttachError::NotAccepted {
            found,
            accepts: requirement.accepts,
        }),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum AttachWarning {
    /// The same content is attached to other requirements: perhaps the wrong file was picked.
    SameFileElsewhere { requirements: Vec<&'static str> },
    /// All files together are more than the profile's warning level.
    TotalAbove { total: u64, limit: u64 },
}

impl AttachWarning {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            AttachWarning::SameFileElsewhere { requirements } => fill(
                tr(lang, "The same file is also attached as: {others}. Check that this is the right file."),
                &[("others", &requirements.iter().map(|r| tr(lang, r)).collect::<Vec<_>>().join("; "))],
            ),
            AttachWarning::TotalAbove { total, limit } => fill(
                tr(lang, "All attachments together are {total}, more than {limit}: the bundle will be slow to hand over on a poor connection."),
                &[("total", &format_size(*total, lang)), ("limit", &format_size(*limit, lang))],
            ),
        }
    }
}

fn same_scope(a: &Attachment, code: &str, site_id: Option<&str>) -> bool {
    a.requirement == code && a.site_id == site_id.unwrap_or("")
}

/// Attaches a checked file to a requirement (for the company when `site_id` is `None`). A file with
/// the same content already in the draft is reused, not kept twice.
pub fn attach(
    draft: &mut Draft,
    code: &str,
    site_id: Option<&str>,
    file: FileRecord,
    profile: &CountryProfile,
) -> Vec<AttachWarning> {
    let mut warnings = Vec::new();
    let mut others: Vec<&'static str> = draft
        .attachments
        .iter()
        .filter(|a| a.sha256 == file.sha256 && a.requirement != code)
        .filter_map(|a| requirement(&a.requirement).map(|r| r.title))
        .collect();
    others.dedup();
    if !others.is_empty() {
        warnings.push(AttachWarning::SameFileElsewhere {
            requirements: others,
        });
    }
    let sha256 = file.sha256.clone();
    if !draft.files.iter().any(|f| f.sha256 == sha256) {
        draft.files.push(file);
    }
    if !draft
        .attachments
        .iter()
        .any(|a| same_scope(a, code, site_id) && a.sha256 == sha256)
    {
        draft.attachments.push(Attachment {
            requirement: code.to_owned(),
            site_id: site_id.unwrap_or("").to_owned(),
            sha256,
        });
    }
    let (total, limit) = (total_bytes(draft), profile.total_warning_bytes());
    if total > limit {
        warnings.push(AttachWarning::TotalAbove { total, limit });
    }
    warnings
}

/// Removes a file from a requirement. Returns `true` when no requirement uses the file any more (its
/// record is dropped, and its bytes can be deleted from the device).
pub fn detach(draft: &mut Draft, code: &str, site_id: Option<&str>, sha256: &str) -> bool {
    draft
        .attachments
        .retain(|a| !(same_scope(a, code, site_id) && a.sha256 == sha256));
    let unused = !draft.attachments.iter().any(|a| a.sha256 == sha256);
    if unused {
        draft.files.retain(|f| f.sha256 != sha256);
    }
    unused
}

/// The files attached to a requirement, in the order they were attached.
pub fn attached<'a>(draft: &'a Draft, code: &str, site_id: Option<&str>) -> Vec<&'a FileRecord> {
    draft
        .attachments
        .iter()
        .filter(|a| same_scope(a, code, site_id))
        .filter_map(|a| draft.files.iter().find(|f| f.sha256 == a.sha256))
        .collect()
}

/// Bytes of all distinct files of the draft.
pub fn total_bytes(draft: &Draft) -> u64 {
    draft.files.iter().map(|f| f.size).sum()
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Completeness {
    pub required: usize,
    pub attached: usize,
}

/// The filled tariff calculation tool (4.1(2)(e)) is the app's own tariff calculation once it
/// computes: no file to attach then.
pub fn filled_by_app(draft: &Draft, code: &str) -> bool {
    code == "tariff-tool"
        && draft.tariff.as_ref().is_some_and(|t| {
            matches!(
                crate::tariff_draft::compute(t, ""),
                crate::tariff_draft::Computation::Results(..)
            )
        })
}

/// Whether an item has what it needs: a file, or (the tariff tool) the app's calculation.
pub fn fulfilled(draft: &Draft, code: &str, site_id: Option<&str>) -> bool {
    draft
        .attachments
        .iter()
        .any(|a| same_scope(a, code, site_id))
        || filled_by_app(draft, code)
}

/// What the draft holds for its requirements, for looking up every item of its checklist: a
/// portfolio of 50 sites has hundreds of items and of attachments, and scanning the attachments
/// for each item took milliseconds at every save.
struct Holdings<'a> {
    draft: &'a Draft,
    attached: std::collections::HashSet<(&'a str, &'a str)>,
}

impl<'a> Holdings<'a> {
    fn of(draft: &'a Draft) -> Holdings<'a> {
        let attached = draft
            .attachments
            .iter()
            .map(|a| (a.requirement.as_str(), a.site_id.as_str()))
            .collect();
        Holdings { draft, attached }
    }

    /// [`fulfilled`], looked up.
    fn fulfilled(&self, code: &str, site_id: Option<&str>) -> bool {
        self.attached.contains(&(code, site_id.unwrap_or(""))) || filled_by_app(self.draft, code)
    }
}

/// How many required documents have what they need: "12 of 31 required documents attached".
pub fn completeness(draft: &Draft) -> Completeness {
    let holdings = Holdings::of(draft);
    let items = checklist(draft, Lang::En);
    let required: Vec<_> = items.iter().filter(|i| i.need == Need::Required).collect();
    let attached = required
        .iter()
        .filter(|i| holdings.fulfilled(i.requirement.code, i.site_id.as_deref()))
        .count();
    Completeness {
        required: required.len(),
        attached,
    }
}

/// A required document with no file: where it is (path), what it is, and the message.
#[derive(Clone, Debug, PartialEq)]
pub struct MissingDocument {
    /// `attachments.company.tax-clearance` or `attachments.sites[1].land-title`.
    pub path: String,
    pub title: &'static str,
    pub site_id: Option<String>,
}

pub fn missing_documents(draft: &Draft) -> Vec<MissingDocument> {
    let holdings = Holdings::of(draft);
    checklist(draft, Lang::En)
        .into_iter()
        .filter(|i| i.need == Need::Required)
        .filter(|i| !holdings.fulfilled(i.requirement.code, i.site_id.as_deref()))
        .map(|i| {
            let path = match &i.site_id {
                None => format!("attachments.company.{}", i.requirement.code),
                Some(id) => {
                    let index = draft.site_index(id).unwrap_or(0);
                    format!("attachments.sites[{index}].{}", i.requirement.code)
                }
            };
            MissingDocument {
                path,
                title: i.requirement.title,
                site_id: i.site_id,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Draft;

    #[test]
    fn the_looked_up_holdings_count_as_each_item_checked_on_its_own() {
        let mut draft =
            Draft::from_json(include_str!("../../../examples/two-site-draft.json")).unwrap();
        // Some items without their file, one attachment for a site that is not there.
        draft
            .attachments
            .retain(|a| !a.requirement.starts_with('l'));
        draft.attachments.truncate(draft.attachments.len() - 3);
        if let Some(a) = draft.attachments.first().cloned() {
            draft.attachments.push(Attachment {
                site_id: "no-such-site".into(),
                ..a
            });
        }
        let items = checklist(&draft, Lang::En);
        let required: Vec<_> = items.iter().filter(|i| i.need == Need::Required).collect();
        let one_by_one = required
            .iter()
            .filter(|i| fulfilled(&draft, i.requirement.code, i.site_id.as_deref()))
            .count();
        let counted = completeness(&draft);
        assert_eq!(
            (counted.required, counted.attached),
            (required.len(), one_by_one)
        );
        assert!(counted.attached < counted.required);
        assert_eq!(
            missing_documents(&draft).len(),
            counted.required - counted.attached
        );
    }

    fn record(sha: &str, size: u64) -> FileRecord {
        FileRecord {
            sha256: sha.repeat(64 / sha.len()),
            name: format!("{sha}.pdf"),
            size,
            file_type: Some(FileType::Pdf),
            added_ms: 0.0,
        }
    }

    fn profile() -> CountryProfile {
        CountryProfile::default_profile()
    }

    #[test]
    fn files_are_checked_by_size_and_content_not_by_name() {
        let p = profile();
        let tax = requirement("tax-clearance").unwrap();
        assert_eq!(check_file(tax, 0, b"", &p), Err(AttachError::Empty));
        assert_eq!(check_file(tax, 10, b"%PDF-1.7", &p), Ok(FileType::Pdf));
        let too_big = p.max_file_bytes() + 1;
        assert!(matches!(
            check_file(tax, too_big, b"%PDF-1.7", &p),
            Err(AttachError::TooLarge { .. })
        ));
        let exe = check_file(tax, 10, b"MZ\x90\x00", &p).unwrap_err();
        assert!(
            exe.render(Lang::En).contains("a program, not a document"),
            "{}",
            exe.render(Lang::En)
        );
        assert!(exe.render(Lang::En).contains("PDF, JPEG or PNG"));
        let kml = b"<?xml version=\"1.0\"?><kml>";
        assert!(matches!(
            check_file(tax, 10, kml, &p),
            Err(AttachError::NotAccepted {
                found: Ok(FileType::Kml),
                ..
            })
        ));
        assert_eq!(
            check_file(requirement("network-depiction").unwrap(), 10, kml, &p),
            Ok(FileType::Kml)
        );
    }

    #[test]
    fn a_file_reused_for_several_sites_is_kept_once() {
        let mut draft = Draft::new("d".into(), "ng", 4, 0.0);
        draft.duplicate_site(0);
        let (s1, s2) = (draft.sites[0].id.clone(), draft.sites[1].id.clone());
        let study = record("ab", 1000);
        assert!(attach(
            &mut draft,
            "feasibility-study",
            Some(&s1),
            study.clone(),
            &profile()
        )
        .is_empty());
        assert!(
            attach(
                &mut draft,
                "feasibility-study",
                Some(&s2),
                study.clone(),
                &profile()
            )
            .is_empty(),
            "reuse across sites is fine"
        );
        attach(
            &mut draft,
            "feasibility-study",
            Some(&s2),
            study.clone(),
            &profile(),
        );
        assert_eq!(draft.files.len(), 1);
        assert_eq!(draft.attachments.len(), 2);
        assert_eq!(total_bytes(&draft), 1000);
        assert!(
            !detach(&mut draft, "feasibility-study", Some(&s1), &study.sha256),
            "still used by site 2"
        );
        assert!(detach(
            &mut draft,
            "feasibility-study",
            Some(&s2),
            &study.sha256
        ));
        assert!(draft.files.is_empty());
    }

    #[test]
    fn the_same_file_for_two_different_documents_is_warned_about() {
        let mut draft = Draft::new("d".into(), "ng", 4, 0.0);
        let scan = record("cd", 10);
        attach(&mut draft, "tax-clearance", None, scan.clone(), &profile());
        let warnings = attach(&mut draft, "fee-payment", None, scan, &profile());
        assert_eq!(
            warnings,
            [AttachWarning::SameFileElsewhere {
                requirements: vec!["Valid tax clearance certificate"]
            }]
        );
        assert!(warnings[0]
            .render(Lang::En)
            .contains("also attached as: Valid tax clearance certificate"));
    }

    #[test]
    fn a_total_above_the_profiles_level_is_warned_about() {
        let mut draft = Draft::new("d".into(), "ng", 4, 0.0);
        let p = profile();
        let big = p.max_file_bytes();
        for (i, code) in [
            "tax-clearance",
            "fee-payment",
            "rollout-plan",
            "funding",
            "company-profile",
            "operations-plan",
            "customer-agreement",
            "tariff-tool",
            "certificate-of-incorporation",
        ]
        .iter()
        .enumerate()
        {
            let warnings = attach(&mut draft, code, None, record(&format!("{i:02}"), big), &p);
            let over = (i as u64 + 1) * big > p.total_warning_bytes();
            assert_eq!(
                warnings
                    .iter()
                    .any(|w| matches!(w, AttachWarning::TotalAbove { .. })),
                over,
                "file {i}"
            );
        }
    }

    #[test]
    fn completeness_counts_required_documents_with_a_file() {
        let mut draft = Draft::new("d".into(), "ng", 4, 0.0);
        draft.legal_status.status = "cooperative".into();
        let before = completeness(&draft);
        assert_eq!(before.attached, 0);
        assert_eq!(missing_documents(&draft).len(), before.required);
        attach(
            &mut draft,
            "tax-clearance",
            None,
            record("ef", 5),
            &profile(),
        );
        let site = draft.sites[0].id.clone();
        attach(
            &mut draft,
            "land-title",
            Some(&site),
            record("01", 5),
            &profile(),
        );
        attach(
            &mut draft,
            "proof-of-commitment",
            None,
            record("02", 5),
            &profile(),
        );
        let after = completeness(&draft);
        assert_eq!(
            after,
            Completeness {
                required: before.required,
                attached: 2
            },
            "documents on request do not count"
        );
        let missing = missing_documents(&draft);
        assert!(missing
            .iter()
            .any(|m| m.path == "attachments.sites[0].feasibility-study"));
        assert!(!missing
            .iter()
            .any(|m| m.path == "attachments.company.tax-clearance"));
    }

    #[test]
    fn the_apps_tariff_calculation_is_the_filled_tariff_tool() {
        use crate::draft::{SalesRow, TariffDraft};
        let mut draft = Draft::new("d".into(), "ng", 4, 0.0);
        let tariff_missing = |d: &Draft| {
            missing_documents(d)
                .iter()
                .any(|m| m.path == "attachments.company.tariff-tool")
        };
        assert!(tariff_missing(&draft));
        let mut tariff = TariffDraft::prefilled(&draft, Lang::En);
        tariff.wacc = "0.1".into();
        tariff.assets[0].capex = "1000".into();
        tariff.kwh_sold = vec![SalesRow {
            year: "1".into(),
            residential: "100".into(),
            ..SalesRow::default()
        }];
        draft.tariff = Some(tariff.clone());
        assert!(!tariff_missing(&draft));
        tariff.wacc = "".into();
        draft.tariff = Some(tariff);
        assert!(tariff_missing(&draft), "only once it computes");
    }
}
