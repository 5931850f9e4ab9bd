//! What the list of drafts shows of a draft: its title, sites, when it was edited, and how far it
//! is (steps complete, required documents that have what they need). Made when the draft is saved,
//! from the report the form has anyway, and stored beside the draft in the same transaction, so
//! that the list (the first screen) needs neither the draft's reader nor the validation, checklist
//! and tariff code. A summary made by other rules (another build of this crate) or on another day
//! (a date may have fallen due) is not used: the list summarises that draft again.

use crate::attachments::completeness;
use crate::validate::{validate, Report};
use crate::{CountryProfile, Date, Draft};
use serde::{Deserialize, Serialize};

/// The rules this build counts with: a digest of the domain's sources and profiles (build.rs).
pub const RULES_STAMP: &str = env!("MGL_RULES_STAMP");

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// `Draft::title`.
    pub title: String,
    pub sites: usize,
    pub updated_ms: f64,
    pub complete_steps: usize,
    pub documents_required: usize,
    pub documents_attached: usize,
    /// [`RULES_STAMP`] of the build that counted.
    pub rules: String,
    /// The day it was counted (ISO).
    pub day: String,
}

impl Summary {
    /// Summarises `draft`, whose `report` (from `validate`) the caller has.
    pub fn count(draft: &Draft, report: &Report, today: Date) -> Summary {
        let documents = completeness(draft);
        Summary {
            title: draft.title().to_owned(),
            sites: draft.sites.len(),
            updated_ms: draft.updated_ms,
            complete_steps: report.complete_steps(),
            documents_required: documents.required,
            documents_attached: documents.attached,
            rules: RULES_STAMP.to_owned(),
            day: today.to_string(),
        }
    }

    /// What can be said of a draft without its rules (the code that counts is not loaded yet):
    /// its title, sites and when it was edited. Never current, so the list counts it.
    pub fn uncounted(draft: &Draft) -> Summary {
        Summary {
            title: draft.title().to_owned(),
            sites: draft.sites.len(),
            updated_ms: draft.updated_ms,
            ..Summary::default()
        }
    }

    /// Summarises a draft that is not open (the list of drafts, for a summary not current).
    pub fn of(draft: &Draft, profile: &CountryProfile, today: Date) -> Summary {
        Summary::count(draft, &validate(draft, profile, today), today)
    }

    /// Whether this summary was made by these rules today.
    pub fn is_current(&self, today: Date) -> bool {
        self.rules == RULES_STAMP && self.day == today.to_string()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// `None` for anything that is not a summary this crate wrote.
    pub fn from_json(json: &str) -> Option<Summary> {
        serde_json::from_str(json).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Draft {
        Draft::from_json(include_str!("../../../examples/two-site-draft.json")).unwrap()
    }

    #[test]
    fn summarises_what_the_list_showed_before() {
        let draft = example();
        let profile = CountryProfile::default_profile();
        let today = Date::parse_iso("2026-11-22").unwrap();
        let report = validate(&draft, &profile, today);
        let summary = Summary::count(&draft, &report, today);
        assert_eq!(summary, Summary::of(&draft, &profile, today));
        assert_eq!(summary.title, draft.title());
        assert_eq!((summary.sites, summary.updated_ms), (2, draft.updated_ms));
        assert_eq!(summary.complete_steps, report.complete_steps());
        let documents = completeness(&draft);
        assert_eq!(
            (summary.documents_required, summary.documents_attached),
            (documents.required, documents.attached)
        );
        assert!(summary.documents_required > 0);
        assert_eq!(Summary::from_json(&summary.to_json()), Some(summary));
    }

    #[test]
    fn a_summary_of_other_rules_or_another_day_is_not_current() {
        let draft = example();
        let profile = CountryProfile::default_profile();
        let today = Date::parse_iso("2026-11-22").unwrap();
        let summary = Summary::of(&draft, &profile, today);
        assert!(summary.is_current(today));
        assert!(!summary.is_current(Date::parse_iso("2026-11-23").unwrap()));
        let other_rules = Summary {
            rules: "another build".into(),
            ..summary.clone()
        };
        assert!(!other_rules.is_current(today));
        let uncounted = Summary::uncounted(&draft);
        assert_eq!(
            (
                uncounted.title.as_str(),
                uncounted.sites,
                uncounted.updated_ms
            ),
            (summary.title.as_str(), summary.sites, summary.updated_ms)
        );
        assert!(!uncounted.is_current(today));
        assert_eq!(Summary::from_json("{\"complete_steps\": 3}"), None);
    }
}
