//! The draft: exactly what the user typed, kept even when it is invalid. Every answer is a `String`
//! (choices hold an option code, checkboxes "yes" or ""), so nothing typed is ever lost to parsing.
//! Validation (`validate.rs`) reads a draft and reports every problem at once.

use crate::message::{text, Arg};
use serde::{Deserialize, Serialize};

mod files;
mod lenient;
mod tariff;
pub use files::{Attachment, FileRecord};
pub use tariff::{AssetRow, IndexationRow, SalesRow, SubsidyRow, TariffDraft};

pub const SCHEMA_VERSION: u32 = 1;

/// Yes/no answers are stored as these codes ("" when not answered yet).
pub const YES: &str = "yes";
pub const NO: &str = "no";
/// The title of a draft whose organisation is not given yet.
pub const UNTITLED: &str = "Untitled application";

// The choice codes that rules read (the choice tables of `fields` are written with them, so a code
// the rules name is always one the form offers).
/// A site's connection: not connected to a Distribution Network Operator's network.
pub const ISOLATED: &str = "isolated";
/// A site's connection: interconnected with a Distribution Network Operator's network.
pub const INTERCONNECTED: &str = "interconnected";
/// Legal statuses of Appendix I 2.1 that some documents depend on.
pub const PARTNERSHIP: &str = "partnership";
pub const PUBLIC_LLC: &str = "public_llc";
pub const PRIVATE_LLC: &str = "private_llc";
pub const INCORPORATED_TRUSTEE: &str = "incorporated_trustee";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub schema_version: u32,
    /// Stable id of this draft on the device (and later of the application).
    pub id: String,
    /// The application's id once it has been set by an import ("NG-MG-K7P2QX9A"); empty means
    /// "derived from `id`" (see `Draft::application_id`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub application_id: String,
    /// Country profile id (`profiles/<id>.json`).
    pub profile: String,
    /// Milliseconds since 1970, set by whoever saves the draft.
    pub created_ms: f64,
    pub updated_ms: f64,
    pub applicant: Applicant,
    pub legal_status: LegalStatus,
    pub nature: Nature,
    pub business: Business,
    pub project: Project,
    pub sites: Vec<Site>,
    pub funding: Funding,
    pub declaration: Declaration,
    /// The files kept with the draft (each once, by content) and which requirement each fulfils.
    pub files: Vec<FileRecord>,
    pub attachments: Vec<Attachment>,
    /// The tariff calculation's inputs as typed (Section 6); `None` until the user opens it.
    pub tariff: Option<TariffDraft>,
}

/// Appendix I, opening sentence and section 1.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Applicant {
    pub principal_officer: String,
    pub organisation: String,
    pub physical_address: String,
    pub postal_address: String,
    pub tel: String,
    pub fax: String,
    pub mobile: String,
    pub email: String,
    pub website: String,
    pub contact_name: String,
    pub contact_mobile: String,
    pub contact_email: String,
}

/// Appendix I 2.1.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LegalStatus {
    pub status: String,
    pub other: String,
}

/// Appendix I section 3.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Nature {
    /// "fresh" or "renewal" (3.1).
    pub kind: String,
    /// The number of the licence being renewed.
    pub renewal_licence_number: String,
    /// 3.2, yes/no.
    pub has_existing_licences: String,
    pub existing_licences: Vec<ExistingLicence>,
    /// 3.3, yes/no.
    pub ever_refused: String,
    pub refusal_details: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExistingLicence {
    pub nature: String,
    pub date_issued: String,
    pub number: String,
}

/// Appendix I section 4.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Business {
    pub activities: String,
}

/// Appendix I section 5, the parts common to all sites.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    pub description: String,
    /// yes/no: in operation before the regulation came into force (3.4).
    pub pre_existing: String,
    /// yes/no: apply for a Full Licence although a Simplified one would do (3.2(4)).
    pub voluntary_full_licence: String,
}

/// One mini-grid of the portfolio (Appendix I 5.1 to 5.4).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Site {
    /// Stable id, kept when sites are reordered; attachments are filed under it.
    pub id: String,
    pub name: String,
    /// "isolated" or "interconnected" (with a Distribution Network Operator's network).
    pub connection: String,
    /// One answer per administrative level of the country profile, largest first.
    pub location: Vec<String>,
    pub latitude: String,
    pub longitude: String,
    // 5.2 Generation
    pub solar_kwp: String,
    pub wind_kw: String,
    pub biomass_kw: String,
    pub hydro_kw: String,
    pub diesel_kw: String,
    pub storage_kw: String,
    pub inverters_kw: String,
    pub plant_latitude: String,
    pub plant_longitude: String,
    /// yes/no.
    pub plant_is_new: String,
    pub plant_years_in_operation: String,
    /// 1.4 Distributed Power, kW.
    pub distributed_power_kw: String,
    /// 1.4 Generation Capacity, kW.
    pub generation_capacity_kw: String,
    // 5.3 Distribution
    pub line_mv_single_phase_m: String,
    pub line_mv_three_phase_m: String,
    pub line_lv_single_phase_m: String,
    pub line_lv_three_phase_m: String,
    /// Checkboxes: "yes" or "".
    pub lines_overhead: String,
    pub lines_underground: String,
    pub poles_cement: String,
    pub poles_wood: String,
    pub poles_other: String,
    pub poles_other_kind: String,
    pub transformers_count: String,
    pub transformers_rating_kw: String,
    // 5.4 Customers
    pub customers_residential: String,
    pub customers_commercial: String,
    pub customers_industrial: String,
    pub customers_special: String,
    pub customers_special_kind: String,
    // 4.1(3) "where applicable": yes/no, deciding whether the document is required.
    pub needs_land_use_permit: String,
    pub needs_right_of_way: String,
    pub has_community_contract: String,
}

/// Appendix I 5.5.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Funding {
    pub expected_sales_kwh_per_year: String,
    /// "per_kwh" or "flat_per_w".
    pub tariff_basis: String,
    pub tariff: String,
    pub share_capital: String,
    /// "local", "foreign" or "both".
    pub share_capital_origin: String,
    pub loan_capital: String,
    pub loan_source: String,
    pub loan_evidence: String,
    pub others: String,
}

/// Appendix I section 6. The seal, signatures and notary block are left for ink.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Declaration {
    /// ISO date.
    pub date: String,
    pub signatory_1: String,
    pub signatory_2: String,
}

impl Site {
    /// The site as people know it, everywhere it is named (the sites list, the licence's reasons,
    /// the printout, the verifier): its name, or "Site 3" (its place in the list) until it has one.
    pub fn display_name(&self, index: usize) -> Arg {
        match self.name.trim() {
            "" => Arg::Text(text("Site {n}").with("n", index + 1)),
            name => Arg::Verbatim(name.to_owned()),
        }
    }
}

impl Draft {
    /// A new, empty draft with one empty site.
    pub fn new(id: String, profile_id: &str, admin_levels: usize, now_ms: f64) -> Draft {
        Draft {
            schema_version: SCHEMA_VERSION,
            profile: profile_id.to_owned(),
            created_ms: now_ms,
            updated_ms: now_ms,
            sites: vec![Site::new(format!("{id}-s1"), admin_levels)],
            id,
            ..Draft::default()
        }
    }

    /// Parses a draft saved by the app, by hand or by another tool. Unknown fields are ignored,
    /// missing ones empty; an answer written as a JSON number or boolean is kept as its text
    /// (`lenient`).
    pub fn from_json(json: &str) -> Result<Draft, String> {
        let unreadable =
            |e| format!("This file is not a draft application that this app can read ({e}).");
        // The app's own drafts read directly; a value of another type (a number where the app
        // writes text) is read again, leniently (twice as slow, and only for such files).
        let draft = match serde_json::from_str::<Draft>(json) {
            Ok(draft) => draft,
            Err(e) if e.is_data() => {
                let value: serde_json::Value = serde_json::from_str(json).map_err(unreadable)?;
                Draft::deserialize(lenient::Lenient(value)).map_err(unreadable)?
            }
            Err(e) => return Err(unreadable(e)),
        };
        if draft.schema_version > SCHEMA_VERSION {
            return Err(format!(
                "This draft was saved by a newer version of the app (format {}, this app reads up to {}). Please update the app.",
                draft.schema_version, SCHEMA_VERSION
            ));
        }
        Ok(draft)
    }

    /// When a saved draft was last edited, read without reading the rest of it (0 when the text is
    /// not a draft): the first screen compares copies by it, and the draft's whole reader is not
    /// part of that screen's code.
    pub fn updated_ms_of(json: &str) -> f64 {
        #[derive(Deserialize)]
        struct Edited {
            #[serde(default)]
            updated_ms: f64,
        }
        serde_json::from_str::<Edited>(json).map_or(0.0, |e| e.updated_ms)
    }

    /// The application's id: "NG-MG-K7P2QX9A", the country, "MG" and the draft's id, unless an
    /// import set it (`application_id`).
    pub fn application_id(&self, profile: &crate::profile::CountryProfile) -> String {
        if !self.application_id.is_empty() {
            return self.application_id.clone();
        }
        format!(
            "{}-MG-{}",
            profile.country_code.to_ascii_uppercase(),
            self.id.to_ascii_uppercase()
        )
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a draft is plain strings and numbers")
    }

    /// An id for a new site, unique within this draft.
    pub fn next_site_id(&self) -> String {
        let mut n = self.sites.len() + 1;
        loop {
            let candidate = format!("{}-s{n}", self.id);
            if !self.sites.iter().any(|s| s.id == candidate) {
                return candidate;
            }
            n += 1;
        }
    }

    pub fn site_index(&self, site_id: &str) -> Option<usize> {
        self.sites.iter().position(|s| s.id == site_id)
    }

    /// Adds a copy of a site (a portfolio of similar villages) right after it, with a new id and name.
    pub fn duplicate_site(&mut self, index: usize) -> Option<usize> {
        let mut copy = self.sites.get(index)?.clone();
        copy.id = self.next_site_id();
        copy.name = if copy.name.trim().is_empty() {
            String::new()
        } else {
            format!("{} (copy)", copy.name)
        };
        self.sites.insert(index + 1, copy);
        Some(index + 1)
    }

    pub fn move_site(&mut self, from: usize, to: usize) {
        if from < self.sites.len() && to < self.sites.len() {
            let site = self.sites.remove(from);
            self.sites.insert(to, site);
        }
    }

    /// Display name of the organisation, or a placeholder.
    pub fn title(&self) -> &str {
        let organisation = self.applicant.organisation.trim();
        if organisation.is_empty() {
            UNTITLED
        } else {
            organisation
        }
    }
}

impl Site {
    pub fn new(id: String, admin_levels: usize) -> Site {
        Site {
            id,
            location: vec![String::new(); admin_levels],
            ..Site::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_a_draft_was_edited_is_read_from_its_json_alone() {
        let mut draft = Draft::new("d1".into(), "ng", 4, 1.0);
        draft.updated_ms = 1_764_000_000_123.0;
        assert_eq!(Draft::updated_ms_of(&draft.to_json()), draft.updated_ms);
        assert_eq!(Draft::updated_ms_of("{\"sites\": []}"), 0.0);
        assert_eq!(Draft::updated_ms_of("not a draft"), 0.0);
    }

    #[test]
    fn json_round_trip_keeps_everything_typed_even_when_invalid() {
        let mut draft = Draft::new("d1".into(), "ng", 4, 1.0);
        draft.applicant.email = "not an email".into();
        draft.sites[0].solar_kwp = "-12,5 kW?".into();
        let back = Draft::from_json(&draft.to_json()).unwrap();
        assert_eq!(back, draft);
    }

    #[test]
    fn reading_tolerates_missing_fields_and_refuses_newer_formats_and_garbage() {
        let draft =
            Draft::from_json(r#"{"id":"x","applicant":{"organisation":"Sunrise"}}"#).unwrap();
        assert_eq!(draft.applicant.organisation, "Sunrise");
        assert!(draft.sites.is_empty());
        let err = Draft::from_json(r#"{"schema_version": 99}"#).unwrap_err();
        assert!(err.contains("newer version"), "{err}");
        assert!(Draft::from_json("%PDF-1.4")
            .unwrap_err()
            .contains("not a draft"));
    }

    #[test]
    fn duplicating_a_site_gives_a_new_id_and_keeps_its_answers() {
        let mut draft = Draft::new("d".into(), "ng", 4, 0.0);
        draft.sites[0].name = "Village A".into();
        draft.sites[0].solar_kwp = "30".into();
        let at = draft.duplicate_site(0).unwrap();
        assert_eq!(at, 1);
        assert_ne!(draft.sites[1].id, draft.sites[0].id);
        assert_eq!(draft.sites[1].name, "Village A (copy)");
        assert_eq!(draft.sites[1].solar_kwp, "30");
        draft.move_site(1, 0);
        assert_eq!(draft.sites[0].name, "Village A (copy)");
        draft.sites.remove(0);
        assert_ne!(draft.next_site_id(), draft.sites[0].id);
    }
}
