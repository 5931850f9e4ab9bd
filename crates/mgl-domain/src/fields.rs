//! One definition per answer of Appendix I: its key, step, section, label (the form's own words), help,
//! kind (which says how it is read and checked), whether it is required and when it applies, and how
//! to reach it in the draft. The UI, the validation messages, the CLI and the printout all come from
//! these tables, so a rule is written once.

use crate::draft::{
    Draft, ExistingLicence, Site, INCORPORATED_TRUSTEE, INTERCONNECTED, ISOLATED, NO, YES,
};
use crate::draft::{PARTNERSHIP, PRIVATE_LLC, PUBLIC_LLC};
use crate::parse::{parse_quantity, Axis};

/// The steps of the guided form, in the order of Appendix I.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    Applicant,
    LegalStatus,
    Nature,
    Business,
    Project,
    Sites,
    Funding,
    Declaration,
}

impl Step {
    pub const ALL: [Step; 8] = [
        Step::Applicant,
        Step::LegalStatus,
        Step::Nature,
        Step::Business,
        Step::Project,
        Step::Sites,
        Step::Funding,
        Step::Declaration,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Step::Applicant => "Particulars of applicant and contact person",
            Step::LegalStatus => "Legal status of applicant",
            Step::Nature => "Nature of application",
            Step::Business => "Main business activities",
            Step::Project => "Description of project",
            Step::Sites => "Sites of the mini-grids",
            Step::Funding => "Revenue and sources of funding",
            Step::Declaration => "Declaration by the applicant",
        }
    }

    /// Appendix I section the step covers.
    pub fn section(self) -> &'static str {
        match self {
            Step::Applicant => "1",
            Step::LegalStatus => "2",
            Step::Nature => "3",
            Step::Business => "4",
            Step::Project => "5",
            Step::Sites => "5.1–5.4",
            Step::Funding => "5.5",
            Step::Declaration => "6",
        }
    }

    /// A short, stable name used in URLs and tests.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Applicant => "applicant",
            Step::LegalStatus => "legal-status",
            Step::Nature => "nature",
            Step::Business => "business",
            Step::Project => "project",
            Step::Sites => "sites",
            Step::Funding => "funding",
            Step::Declaration => "declaration",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    pub fn number(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap() + 1
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub code: &'static str,
    pub label: &'static str,
}

const fn choice(code: &'static str, label: &'static str) -> Choice {
    Choice { code, label }
}

pub const YES_NO: &[Choice] = &[choice(YES, "Yes"), choice(NO, "No")];

pub const LEGAL_STATUSES: &[Choice] = &[
    choice("sole_proprietorship", "a. Sole Proprietorship"),
    choice(PARTNERSHIP, "b. Partnership"),
    choice(PUBLIC_LLC, "c. Public Limited Liability Company"),
    choice(PRIVATE_LLC, "d. Private Limited Liability Company"),
    choice("cooperative", "e. Cooperative Society"),
    choice(INCORPORATED_TRUSTEE, "f. Incorporated Trustee"),
    choice("other", "g. Other (please specify)"),
];

pub const APPLICATION_KINDS: &[Choice] = &[
    choice("fresh", "Fresh application"),
    choice("renewal", "Renewal"),
];

pub const CONNECTIONS: &[Choice] = &[
    choice(
        ISOLATED,
        "Isolated: not connected to a Distribution Network Operator's network",
    ),
    choice(
        INTERCONNECTED,
        "Interconnected with a Distribution Network Operator's network",
    ),
];

pub const TARIFF_BASES: &[Choice] = &[
    choice("per_kwh", "per kWh"),
    choice("flat_per_w", "flat rate per W"),
];

pub const CAPITAL_ORIGINS: &[Choice] = &[
    choice("local", "Local"),
    choice("foreign", "Foreign"),
    choice("both", "Both local and foreign"),
];

/// How an answer is read and checked, and how it is shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Text,
    LongText,
    Email,
    Phone,
    WebAddress,
    /// ISO date; `not_in_future` for dates of things that already happened.
    Date {
        not_in_future: bool,
    },
    /// A non-negative number with its unit; `whole` for counts.
    Quantity {
        unit: &'static str,
        whole: bool,
    },
    /// A non-negative amount in the profile's currency.
    Money,
    Coordinate(Axis),
    /// One of the options (radio buttons).
    Choice(&'static [Choice]),
    /// A tick box: "yes" or "".
    Checkbox,
}

/// The definition of one answer inside a `T` (the draft, a site, or an existing licence row).
pub struct Field<T: 'static> {
    /// Path of the answer inside `T`, as in the saved JSON: `applicant.email`, `latitude`.
    pub key: &'static str,
    pub step: Step,
    /// Appendix I section, e.g. "5.2".
    pub section: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// When the answer is asked at all ("if yes, state ...", "Other (specify)"); `None`: always.
    /// An answer that does not apply is kept in the draft but neither shown nor checked.
    pub applies: Option<fn(&T) -> bool>,
    pub get: fn(&T) -> &String,
    pub get_mut: fn(&mut T) -> &mut String,
}

impl<T> Field<T> {
    pub fn applies_to(&self, value: &T) -> bool {
        self.applies.is_none_or(|applies| applies(value))
    }

    /// The id of the field's input element in the page, derived from its key.
    pub fn dom_id(&self) -> String {
        dom_id(self.key)
    }
}

pub fn dom_id(key: &str) -> String {
    format!("f-{}", key.replace(['.', '[', ']', '_'], "-"))
}

/// Builds a field; `$($path).+` names the answer both for reading and for writing.
macro_rules! field {
    ($t:ty, $key:literal, $step:ident, $section:literal, $label:literal, $help:literal, $kind:expr,
     $required:expr, $applies:expr, $($path:ident).+) => {
        Field::<$t> {
            key: $key,
            step: Step::$step,
            section: $section,
            label: $label,
            help: $help,
            kind: $kind,
            required: $required,
            applies: $applies,
            get: |v: &$t| &v.$($path).+,
            get_mut: |v: &mut $t| &mut v.$($path).+,
        }
    };
}

/// A quantity answer counts as "more than zero" (for the answers that follow from it).
pub fn is_positive(text: &str) -> bool {
    parse_quantity(text, false).is_ok_and(|v| v > 0.0)
}

const REQUIRED: bool = true;
const OPTIONAL: bool = false;
const ALWAYS: Option<fn(&Draft) -> bool> = None;
const ALWAYS_SITE: Option<fn(&Site) -> bool> = None;

const KW: Kind = Kind::Quantity {
    unit: "kW",
    whole: false,
};
const METRES: Kind = Kind::Quantity {
    unit: "metres",
    whole: false,
};
const POLES: Kind = Kind::Quantity {
    unit: "poles",
    whole: true,
};
const CUSTOMERS: Kind = Kind::Quantity {
    unit: "customers",
    whole: true,
};

/// Answers that belong to the application as a whole.
pub static DRAFT_FIELDS: &[Field<Draft>] = &[
    field!(Draft, "applicant.principal_officer", Applicant, "Appendix I", "Name of the principal officer of the company",
        "The person who certifies and applies for the licence on the applicant's behalf (Section 4.1(1)).",
        Kind::Text, REQUIRED, ALWAYS, applicant.principal_officer),
    field!(Draft, "applicant.organisation", Applicant, "1", "Organisation", "The applicant's registered name.",
        Kind::Text, REQUIRED, ALWAYS, applicant.organisation),
    field!(Draft, "applicant.physical_address", Applicant, "1", "Physical address", "",
        Kind::LongText, REQUIRED, ALWAYS, applicant.physical_address),
    field!(Draft, "applicant.postal_address", Applicant, "1", "Postal address", "If different from the physical address.",
        Kind::LongText, OPTIONAL, ALWAYS, applicant.postal_address),
    field!(Draft, "applicant.tel", Applicant, "1", "Tel", "", Kind::Phone, OPTIONAL, ALWAYS, applicant.tel),
    field!(Draft, "applicant.fax", Applicant, "1", "Fax", "", Kind::Phone, OPTIONAL, ALWAYS, applicant.fax),
    field!(Draft, "applicant.mobile", Applicant, "1", "Mobile Phone", "", Kind::Phone, REQUIRED, ALWAYS, applicant.mobile),
    field!(Draft, "applicant.email", Applicant, "1", "E-mail", "", Kind::Email, REQUIRED, ALWAYS, applicant.email),
    field!(Draft, "applicant.website", Applicant, "1", "Website Address", "", Kind::WebAddress, OPTIONAL, ALWAYS, applicant.website),
    field!(Draft, "applicant.contact_name", Applicant, "1", "Name of Contact Person", "",
        Kind::Text, REQUIRED, ALWAYS, applicant.contact_name),
    field!(Draft, "applicant.contact_mobile", Applicant, "1", "Mobile Phone of Contact Person", "",
        Kind::Phone, REQUIRED, ALWAYS, applicant.contact_mobile),
    field!(Draft, "applicant.contact_email", Applicant, "1", "E-mail of Contact Person", "",
        Kind::Email, REQUIRED, ALWAYS, applicant.contact_email),
    field!(Draft, "legal_status.status", LegalStatus, "2.1", "Legal status of Applicant", "",
        Kind::Choice(LEGAL_STATUSES), REQUIRED, ALWAYS, legal_status.status),
    field!(Draft, "legal_status.other", LegalStatus, "2.1", "Other legal status (please specify)", "",
        Kind::Text, REQUIRED, Some(|d: &Draft| d.legal_status.status == "other"), legal_status.other),
    field!(Draft, "nature.kind", Nature, "3.1", "Is the application a fresh application or a renewal?", "",
        Kind::Choice(APPLICATION_KINDS), REQUIRED, ALWAYS, nature.kind),
    field!(Draft, "nature.renewal_licence_number", Nature, "3.1", "Number of the licence to be renewed", "",
        Kind::Text, REQUIRED, Some(|d: &Draft| d.nature.kind == "renewal"), nature.renewal_licence_number),
    field!(Draft, "nature.has_existing_licences", Nature, "3.2",
        "Does the Applicant have an existing Licence issued by the Authority for other systems?", "",
        Kind::Choice(YES_NO), REQUIRED, ALWAYS, nature.has_existing_licences),
    field!(Draft, "nature.ever_refused", Nature, "3.3",
        "Has the Applicant ever been refused a Licence or had its Licence suspended and/or cancelled by the Authority?", "",
        Kind::Choice(YES_NO), REQUIRED, ALWAYS, nature.ever_refused),
    field!(Draft, "nature.refusal_details", Nature, "3.3", "Details of the refusal, suspension, and/or cancellation", "",
        Kind::LongText, REQUIRED, Some(|d: &Draft| d.nature.ever_refused == YES), nature.refusal_details),
    field!(Draft, "business.activities", Business, "4",
        "Main business activities the Applicant is currently engaged in", "",
        Kind::LongText, REQUIRED, ALWAYS, business.activities),
    field!(Draft, "project.description", Project, "5", "Detailed description of the project",
        "What will be built or is operated, for whom, and how it will be run.",
        Kind::LongText, REQUIRED, ALWAYS, project.description),
    field!(Draft, "project.pre_existing", Project, "3.4",
        "Were the mini-grids already in operation before this Regulation came into force?", "",
        Kind::Choice(YES_NO), REQUIRED, ALWAYS, project.pre_existing),
    field!(Draft, "project.voluntary_full_licence", Project, "3.2(4)",
        "Apply for a Full Licence instead of a Simplified Licence",
        "Mini-grids up to the Simplified Licence limit may voluntarily apply for a Full Licence: its tariff needs the Authority's approval, and compensation can be enforced if the main grid arrives.",
        Kind::Checkbox, OPTIONAL, ALWAYS, project.voluntary_full_licence),
    field!(Draft, "funding.expected_sales_kwh_per_year", Funding, "5.5", "Expected electricity sales", "",
        Kind::Quantity { unit: "kWh/year", whole: false }, REQUIRED, ALWAYS, funding.expected_sales_kwh_per_year),
    field!(Draft, "funding.tariff_basis", Funding, "5.5", "The electricity tariff is", "",
        Kind::Choice(TARIFF_BASES), REQUIRED, ALWAYS, funding.tariff_basis),
    field!(Draft, "funding.tariff", Funding, "5.5", "Electricity tariff",
        "In the currency per kWh, or as a flat rate per W, as chosen above.",
        Kind::Money, REQUIRED, ALWAYS, funding.tariff),
    field!(Draft, "funding.share_capital", Funding, "5.5", "Share Capital contribution", "",
        Kind::Money, OPTIONAL, ALWAYS, funding.share_capital),
    field!(Draft, "funding.share_capital_origin", Funding, "5.5", "Is the share capital foreign or local?", "",
        Kind::Choice(CAPITAL_ORIGINS), REQUIRED, Some(|d: &Draft| is_positive(&d.funding.share_capital)),
        funding.share_capital_origin),
    field!(Draft, "funding.loan_capital", Funding, "5.5", "Loan capital", "", Kind::Money, OPTIONAL, ALWAYS, funding.loan_capital),
    field!(Draft, "funding.loan_source", Funding, "5.5", "Source of the loan capital", "",
        Kind::Text, REQUIRED, Some(|d: &Draft| is_positive(&d.funding.loan_capital)), funding.loan_source),
    field!(Draft, "funding.loan_evidence", Funding, "5.5", "Evidence of the loan capital",
        "Name the document that proves the loan (for example the signed loan agreement) and attach it.",
        Kind::Text, REQUIRED, Some(|d: &Draft| is_positive(&d.funding.loan_capital)), funding.loan_evidence),
    field!(Draft, "funding.others", Funding, "5.5", "Other sources of funding (specify)", "",
        Kind::LongText, OPTIONAL, ALWAYS, funding.others),
    field!(Draft, "declaration.date", Declaration, "6", "Dated", "The day the declaration is signed.",
        Kind::Date { not_in_future: true }, REQUIRED, ALWAYS, declaration.date),
    field!(Draft, "declaration.signatory_1", Declaration, "6", "Name of the first signatory",
        "The seal is affixed in the presence of the two signatories.", Kind::Text, REQUIRED, ALWAYS, declaration.signatory_1),
    field!(Draft, "declaration.signatory_2", Declaration, "6", "Name of the second signatory", "",
        Kind::Text, REQUIRED, ALWAYS, declaration.signatory_2),
];

/// One row of the list of existing licences (3.2), asked when the applicant has some.
pub static EXISTING_LICENCE_FIELDS: &[Field<ExistingLicence>] = &[
    field!(
        ExistingLicence,
        "nature",
        Nature,
        "3.2",
        "Nature of the Licence",
        "",
        Kind::Text,
        REQUIRED,
        None,
        nature
    ),
    field!(
        ExistingLicence,
        "date_issued",
        Nature,
        "3.2",
        "Date issued",
        "",
        Kind::Date {
            not_in_future: true
        },
        REQUIRED,
        None,
        date_issued
    ),
    field!(
        ExistingLicence,
        "number",
        Nature,
        "3.2",
        "Licence number",
        "",
        Kind::Text,
        REQUIRED,
        None,
        number
    ),
];

/// Answers asked for each site. The location by administrative levels is asked besides these, one
/// answer per level of the country profile (`Site::location`).
pub static SITE_FIELDS: &[Field<Site>] = &[
    field!(Site, "name", Sites, "5.1", "Name of the site", "The village or place the mini-grid serves.",
        Kind::Text, REQUIRED, ALWAYS_SITE, name),
    field!(Site, "connection", Sites, "5", "Is this mini-grid isolated or interconnected?",
        "Interconnected: connected to a Distribution Network Operator's network (Section 1.4).",
        Kind::Choice(CONNECTIONS), REQUIRED, ALWAYS_SITE, connection),
    field!(Site, "latitude", Sites, "5.1", "Latitude", "GPS, decimal degrees (9.0765) or degrees, minutes, seconds (9°4'35\"N).",
        Kind::Coordinate(Axis::Latitude), REQUIRED, ALWAYS_SITE, latitude),
    field!(Site, "longitude", Sites, "5.1", "Longitude", "GPS, decimal degrees (7.4951) or degrees, minutes, seconds (7°29'42\"E).",
        Kind::Coordinate(Axis::Longitude), REQUIRED, ALWAYS_SITE, longitude),
    field!(Site, "solar_kwp", Sites, "5.2", "Solar", "Leave empty or 0 for a type the site does not have.",
        Kind::Quantity { unit: "kWp", whole: false }, OPTIONAL, ALWAYS_SITE, solar_kwp),
    field!(Site, "wind_kw", Sites, "5.2", "Wind", "", KW, OPTIONAL, ALWAYS_SITE, wind_kw),
    field!(Site, "biomass_kw", Sites, "5.2", "Biomass", "", KW, OPTIONAL, ALWAYS_SITE, biomass_kw),
    field!(Site, "hydro_kw", Sites, "5.2", "Hydro", "", KW, OPTIONAL, ALWAYS_SITE, hydro_kw),
    field!(Site, "diesel_kw", Sites, "5.2", "Diesel", "", KW, OPTIONAL, ALWAYS_SITE, diesel_kw),
    field!(Site, "storage_kw", Sites, "5.2", "Storage", "", KW, OPTIONAL, ALWAYS_SITE, storage_kw),
    field!(Site, "inverters_kw", Sites, "5.2", "Inverters", "", KW, OPTIONAL, ALWAYS_SITE, inverters_kw),
    field!(Site, "plant_latitude", Sites, "5.2", "Location of the Power Plant: latitude", "",
        Kind::Coordinate(Axis::Latitude), REQUIRED, ALWAYS_SITE, plant_latitude),
    field!(Site, "plant_longitude", Sites, "5.2", "Location of the Power Plant: longitude", "",
        Kind::Coordinate(Axis::Longitude), REQUIRED, ALWAYS_SITE, plant_longitude),
    field!(Site, "plant_is_new", Sites, "5.2", "Is the Power Plant new?", "",
        Kind::Choice(YES_NO), REQUIRED, ALWAYS_SITE, plant_is_new),
    field!(Site, "plant_years_in_operation", Sites, "5.2", "Number of years the plant has been in operation", "",
        Kind::Quantity { unit: "years", whole: true }, REQUIRED, Some(|s: &Site| s.plant_is_new == NO),
        plant_years_in_operation),
    field!(Site, "distributed_power_kw", Sites, "1.4", "Distributed Power",
        "The active power fed into the local distribution network, on average over any 15 minutes of operation (Section 1.4). It decides between a Simplified and a Full Licence.",
        KW, REQUIRED, ALWAYS_SITE, distributed_power_kw),
    field!(Site, "generation_capacity_kw", Sites, "1.4", "Generation Capacity",
        "The guaranteed active power the plant can supply for at least one hour at a power factor of 0.8 (Section 1.4). A mini-grid has at most 5 MW.",
        KW, REQUIRED, ALWAYS_SITE, generation_capacity_kw),
    field!(Site, "line_mv_single_phase_m", Sites, "5.3", "Single phase MV", "", METRES, OPTIONAL, ALWAYS_SITE, line_mv_single_phase_m),
    field!(Site, "line_mv_three_phase_m", Sites, "5.3", "Three-phase MV", "", METRES, OPTIONAL, ALWAYS_SITE, line_mv_three_phase_m),
    field!(Site, "line_lv_single_phase_m", Sites, "5.3", "Single phase LV", "", METRES, OPTIONAL, ALWAYS_SITE, line_lv_single_phase_m),
    field!(Site, "line_lv_three_phase_m", Sites, "5.3", "Three-phase LV", "", METRES, OPTIONAL, ALWAYS_SITE, line_lv_three_phase_m),
    field!(Site, "lines_overhead", Sites, "5.3", "Overhead", "", Kind::Checkbox, OPTIONAL, ALWAYS_SITE, lines_overhead),
    field!(Site, "lines_underground", Sites, "5.3", "Underground", "", Kind::Checkbox, OPTIONAL, ALWAYS_SITE, lines_underground),
    field!(Site, "poles_cement", Sites, "5.3", "Cement poles", "", POLES, OPTIONAL, ALWAYS_SITE, poles_cement),
    field!(Site, "poles_wood", Sites, "5.3", "Wood poles", "", POLES, OPTIONAL, ALWAYS_SITE, poles_wood),
    field!(Site, "poles_other", Sites, "5.3", "Other poles", "", POLES, OPTIONAL, ALWAYS_SITE, poles_other),
    field!(Site, "poles_other_kind", Sites, "5.3", "Other poles (state)", "What the other poles are made of.",
        Kind::Text, REQUIRED, Some(|s: &Site| is_positive(&s.poles_other)), poles_other_kind),
    field!(Site, "transformers_count", Sites, "5.3", "Transformers: number", "",
        Kind::Quantity { unit: "transformers", whole: true }, OPTIONAL, ALWAYS_SITE, transformers_count),
    field!(Site, "transformers_rating_kw", Sites, "5.3", "Transformers: rating", "",
        KW, REQUIRED, Some(|s: &Site| is_positive(&s.transformers_count)), transformers_rating_kw),
    field!(Site, "customers_residential", Sites, "5.4", "Residential customers", "", CUSTOMERS, OPTIONAL, ALWAYS_SITE, customers_residential),
    field!(Site, "customers_commercial", Sites, "5.4", "Commercial customers", "", CUSTOMERS, OPTIONAL, ALWAYS_SITE, customers_commercial),
    field!(Site, "customers_industrial", Sites, "5.4", "Industrial customers", "", CUSTOMERS, OPTIONAL, ALWAYS_SITE, customers_industrial),
    field!(Site, "customers_special", Sites, "5.4", "Special customers", "For example schools, health centres, water pumping.",
        CUSTOMERS, OPTIONAL, ALWAYS_SITE, customers_special),
    field!(Site, "customers_special_kind", Sites, "5.4", "Special customers (state)", "What the special customers are.",
        Kind::Text, REQUIRED, Some(|s: &Site| is_positive(&s.customers_special)), customers_special_kind),
    field!(Site, "needs_land_use_permit", Sites, "4.1(3)(f)",
        "Does the site need a land use and land planning permit from the Regional or Local Administration?",
        "If yes, the permit is one of the site's documents.", Kind::Choice(YES_NO), REQUIRED, ALWAYS_SITE, needs_land_use_permit),
    field!(Site, "needs_right_of_way", Sites, "4.1(3)(g)",
        "Does the network need a right of way certificate?", "If yes, the certificate is one of the site's documents.",
        Kind::Choice(YES_NO), REQUIRED, ALWAYS_SITE, needs_right_of_way),
    field!(Site, "has_community_contract", Sites, "4.1(3)(h)",
        "Is there a Community Contract with the community of this site?",
        "The agreement on rights of way, use of community land and supply (Section 1.4). If yes, it is one of the site's documents.",
        Kind::Choice(YES_NO), REQUIRED, ALWAYS_SITE, has_community_contract),
];

/// The fields of a step, for a draft or a site table.
pub fn fields_of<T>(
    table: &'static [Field<T>],
    step: Step,
) -> impl Iterator<Item = &'static Field<T>> {
    table.iter().filter(move |f| f.step == step)
}

pub fn draft_field(key: &str) -> Option<&'static Field<Draft>> {
    DRAFT_FIELDS.iter().find(|f| f.key == key)
}

pub fn site_field(key: &str) -> Option<&'static Field<Site>> {
    SITE_FIELDS.iter().find(|f| f.key == key)
}

/// The five generation types of 5.2 that make up the total.
pub const GENERATION_KEYS: [&str; 5] = [
    "solar_kwp",
    "wind_kw",
    "biomass_kw",
    "hydro_kw",
    "diesel_kw",
];
/// The four line types of 5.3 that make up the total length.
pub const LINE_KEYS: [&str; 4] = [
    "line_mv_single_phase_m",
    "line_mv_three_phase_m",
    "line_lv_single_phase_m",
    "line_lv_three_phase_m",
];
pub const POLE_KEYS: [&str; 3] = ["poles_cement", "poles_wood", "poles_other"];
pub const CUSTOMER_KEYS: [&str; 4] = [
    "customers_residential",
    "customers_commercial",
    "customers_industrial",
    "customers_special",
];

/// Sum of the site's answers under `keys`, reading empty or unreadable answers as 0 (they are reported
/// by validation at their own field).
pub fn site_total(site: &Site, keys: &[&str]) -> f64 {
    keys.iter()
        .filter_map(|key| site_field(key))
        .filter_map(|f| parse_quantity((f.get)(site), false).ok())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn keys_are_unique_and_match_the_saved_json() {
        let mut draft = Draft::default();
        let mut seen = HashSet::new();
        for f in DRAFT_FIELDS {
            assert!(seen.insert(f.key), "duplicate key {}", f.key);
            *(f.get_mut)(&mut draft) = format!("<{}>", f.key);
        }
        let json: serde_json::Value = serde_json::from_str(&draft.to_json()).unwrap();
        for f in DRAFT_FIELDS {
            let pointer = format!("/{}", f.key.replace('.', "/"));
            assert_eq!(
                json.pointer(&pointer).and_then(|v| v.as_str()),
                Some(format!("<{}>", f.key).as_str())
            );
        }
        let mut site = Site::default();
        for f in SITE_FIELDS {
            *(f.get_mut)(&mut site) = format!("<{}>", f.key);
        }
        let json = serde_json::to_value(&site).unwrap();
        for f in SITE_FIELDS {
            assert_eq!(
                json[f.key].as_str(),
                Some(format!("<{}>", f.key).as_str()),
                "{}",
                f.key
            );
        }
    }

    #[test]
    fn site_totals_ignore_empty_and_unreadable_answers() {
        let mut site = Site::default();
        site.solar_kwp = "30".into();
        site.diesel_kw = "20.5".into();
        site.wind_kw = "abc".into();
        assert_eq!(site_total(&site, &GENERATION_KEYS), 50.5);
        assert_eq!(site_total(&site, &LINE_KEYS), 0.0);
    }

    #[test]
    fn conditional_answers_apply_exactly_when_their_condition_holds() {
        let other = draft_field("legal_status.other").unwrap();
        let mut draft = Draft::default();
        assert!(!other.applies_to(&draft));
        draft.legal_status.status = "other".into();
        assert!(other.applies_to(&draft));
        let kind = site_field("poles_other_kind").unwrap();
        let mut site = Site::default();
        site.poles_other = "0".into();
        assert!(!kind.applies_to(&site));
        site.poles_other = "3".into();
        assert!(kind.applies_to(&site));
    }
}
