//! Validation: a draft in, a report of every problem at once out (never only the first). Each problem
//! names its step, the path of the answer (as in the saved JSON), the field's label and a message in the
//! user's words. Warnings are shown but do not make a step incomplete.

use crate::date::Date;
use crate::draft::{Draft, Site, YES};
use crate::fields::{
    self, is_positive, site_total, Field, Kind, Step, CUSTOMER_KEYS, DRAFT_FIELDS,
    EXISTING_LICENCE_FIELDS, GENERATION_KEYS, LINE_KEYS, SITE_FIELDS,
};
use crate::i18n::{tr, Lang};
use crate::licence::{self, Outcome};
use crate::message::{counted, Arg, Message, Severity};
use crate::parse::{parse_coordinate, parse_quantity, Axis};
use crate::profile::CountryProfile;
use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub step: Step,
    /// The answer's path in the saved JSON: `applicant.email`, `sites[1].latitude`.
    pub path: String,
    /// The site it belongs to, by id (for links in the app).
    pub site_id: Option<String>,
    /// The field's key within its table (`latitude`), to find the input in the page.
    pub key: String,
    /// The field's label: a message id of the field tables, or a name from the country profile.
    pub label: Cow<'static, str>,
    pub severity: Severity,
    pub message: Message,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    pub fn is_clean(&self) -> bool {
        self.errors().next().is_none()
    }

    pub fn of_step(&self, step: Step) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(move |p| p.step == step)
    }

    pub fn step_has_errors(&self, step: Step) -> bool {
        self.of_step(step).any(|p| p.severity == Severity::Error)
    }

    /// Steps with no errors, out of all steps: the completeness shown in the drafts list.
    pub fn complete_steps(&self) -> usize {
        Step::ALL
            .iter()
            .filter(|s| !self.step_has_errors(**s))
            .count()
    }

    pub fn at_path<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Problem> + 'a {
        self.problems.iter().filter(move |p| p.path == path)
    }
}

/// Checks the whole draft against the rules of Appendix I and the country profile. `today` is the
/// applicant's date, for dates that cannot be in the future.
pub fn validate(draft: &Draft, profile: &CountryProfile, today: Date) -> Report {
    validate_with(draft, profile, today, |i, site| {
        validate_site(site, i, profile, today)
    })
}

fn problem(
    step: Step,
    path: String,
    site_id: Option<&str>,
    key: &str,
    label: Cow<'static, str>,
    severity: Severity,
    message: Message,
) -> Problem {
    Problem {
        step,
        path,
        site_id: site_id.map(str::to_owned),
        key: key.to_owned(),
        label,
        severity,
        message,
    }
}

/// [`validate`] with the sites' problems given by `site_problems` (fresh, or remembered).
fn validate_with(
    draft: &Draft,
    profile: &CountryProfile,
    today: Date,
    mut site_problems: impl FnMut(usize, &Site) -> Vec<Problem>,
) -> Report {
    let mut report = Report::default();
    // A macro, not a closure: a closure would hold `report` borrowed across the sites' loop.
    macro_rules! push {
        ($($arg:expr),* $(,)?) => {
            report.problems.push(problem($($arg),*))
        };
    }

    for field in DRAFT_FIELDS {
        if let Some((severity, message)) = check_field(field, draft, today) {
            push!(
                field.step,
                field.key.to_owned(),
                None,
                field.key,
                field.label.into(),
                severity,
                message,
            );
        }
    }

    if draft.nature.has_existing_licences == YES {
        if draft.nature.existing_licences.is_empty() {
            let key = "nature.existing_licences";
            push!(
                Step::Nature,
                key.into(),
                None,
                key,
                "Existing Licences".into(),
                Severity::Error,
                Message::NoExistingLicence,
            );
        }
        for (i, licence) in draft.nature.existing_licences.iter().enumerate() {
            for field in EXISTING_LICENCE_FIELDS {
                if let Some((severity, message)) = check_field(field, licence, today) {
                    let path = format!("nature.existing_licences[{i}].{}", field.key);
                    push!(
                        Step::Nature,
                        path.clone(),
                        None,
                        &path,
                        field.label.into(),
                        severity,
                        message,
                    );
                }
            }
        }
    }

    if draft.sites.is_empty() {
        push!(
            Step::Sites,
            "sites".into(),
            None,
            "sites",
            "Sites".into(),
            Severity::Error,
            Message::NoSites,
        );
    }
    for (i, site) in draft.sites.iter().enumerate() {
        report.problems.extend(site_problems(i, site));
    }

    let decision = licence::decide(draft, profile);
    if let Outcome::OutsideRegulation | Outcome::MixedPortfolio = decision.outcome {
        push!(
            Step::Sites,
            "sites".into(),
            None,
            "sites",
            "Type of licence".into(),
            Severity::Error,
            Message::Licence(decision.summary),
        );
    }
    report
}

/// What keeps an application from being complete, in one line ("2 answers to fix, 1 document
/// missing"), or `None` when nothing does: the review screen and `mgl bundle` say it, and a bundle
/// exported anyway records it in bag-info.txt.
pub fn incompleteness(errors: usize, missing_documents: usize) -> Option<Arg> {
    (errors + missing_documents > 0).then(|| {
        Arg::List(vec![
            counted("{n} answer to fix", "{n} answers to fix", errors as u64).into(),
            counted(
                "{n} document missing",
                "{n} documents missing",
                missing_documents as u64,
            )
            .into(),
        ])
    })
}

/// The problems of one site (at `index` in the list), on its own: a site's answers never depend on
/// another site's, which lets the app recheck only the site that changed.
pub fn validate_site(site: &Site, i: usize, profile: &CountryProfile, today: Date) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |step,
                    path: String,
                    site_id: Option<&str>,
                    key: &str,
                    label: Cow<'static, str>,
                    severity,
                    message| {
        problems.push(problem(step, path, site_id, key, label, severity, message))
    };
    let site_id = Some(site.id.as_str());
    let path = |key: &str| format!("sites[{i}].{key}");
    for field in SITE_FIELDS {
        if let Some((severity, message)) = check_field(field, site, today) {
            push(
                Step::Sites,
                path(field.key),
                site_id,
                field.key,
                field.label.into(),
                severity,
                message,
            );
        }
    }
    for (level, name) in profile.admin_levels.iter().enumerate() {
        let answered = site
            .location
            .get(level)
            .is_some_and(|v| !v.trim().is_empty());
        if !answered {
            let key = format!("location[{level}]");
            let label = Cow::Owned(name.clone());
            push(
                Step::Sites,
                path(&key),
                site_id,
                &key,
                label,
                Severity::Error,
                Message::Required,
            );
        }
    }
    for rule in SITE_RULES {
        if let Some(message) = (rule.check)(site, profile) {
            let label = match rule.label {
                Some(group) => group,
                None => fields::site_field(rule.at).map_or("", |f| f.label),
            };
            push(
                Step::Sites,
                path(rule.at),
                site_id,
                rule.at,
                label.into(),
                rule.severity,
                message,
            );
        }
    }
    problems
}

/// A rule across several answers of one site: the answer its problem is shown at, the label it is
/// shown with (the group of answers it is about, or that answer's own label), the answers it reads,
/// how much it matters, and the check. Every site rule is a row here; `validate_site` reads them.
pub struct SiteRule {
    pub at: &'static str,
    /// `None`: the label of the answer at `at`.
    pub label: Option<&'static str>,
    /// The answers the check reads (a test holds each to be a site field).
    pub reads: &'static [&'static str],
    pub severity: Severity,
    pub check: fn(&Site, &CountryProfile) -> Option<Message>,
}

pub static SITE_RULES: &[SiteRule] = &[
    SiteRule {
        at: "latitude",
        label: None,
        reads: &["latitude", "longitude"],
        severity: Severity::Warning,
        check: |site, profile| position_warning(&site.latitude, &site.longitude, profile),
    },
    SiteRule {
        at: "plant_latitude",
        label: None,
        reads: &["plant_latitude", "plant_longitude"],
        severity: Severity::Warning,
        check: |site, profile| {
            position_warning(&site.plant_latitude, &site.plant_longitude, profile)
        },
    },
    SiteRule {
        at: "solar_kwp",
        label: Some("Generation"),
        reads: &GENERATION_KEYS,
        severity: Severity::Error,
        check: |site, _| {
            (readable_total(site, &GENERATION_KEYS)? <= 0.0).then_some(Message::NoGeneration)
        },
    },
    SiteRule {
        at: "generation_capacity_kw",
        label: None,
        reads: &[
            "generation_capacity_kw",
            "solar_kwp",
            "wind_kw",
            "biomass_kw",
            "hydro_kw",
            "diesel_kw",
        ],
        severity: Severity::Warning,
        check: |site, _| {
            let installed = site_total(site, &GENERATION_KEYS);
            let capacity = parse_quantity(&site.generation_capacity_kw, false).ok()?;
            (installed > 0.0 && capacity > installed).then_some(
                Message::GenerationCapacityAboveInstalled {
                    capacity,
                    installed,
                },
            )
        },
    },
    SiteRule {
        at: "lines_overhead",
        label: Some("Type of Lines"),
        reads: &[
            "lines_overhead",
            "lines_underground",
            "line_mv_single_phase_m",
            "line_mv_three_phase_m",
            "line_lv_single_phase_m",
            "line_lv_three_phase_m",
        ],
        severity: Severity::Error,
        check: |site, _| {
            let has_lines = site_total(site, &LINE_KEYS) > 0.0;
            (has_lines && site.lines_overhead != YES && site.lines_underground != YES)
                .then_some(Message::NoLineType)
        },
    },
    SiteRule {
        at: "customers_residential",
        label: Some("Number of customers"),
        reads: &CUSTOMER_KEYS,
        severity: Severity::Warning,
        check: |site, _| {
            (readable_total(site, &CUSTOMER_KEYS)? < 2.0).then_some(Message::FewCustomers)
        },
    },
];

/// The total of a site's answers, when each reads (one that does not has its own problem, which
/// is enough: a total of the others would mislead).
fn readable_total(site: &Site, keys: &[&str]) -> Option<f64> {
    keys.iter()
        .all(|k| site_field_error(site, k).is_none())
        .then(|| site_total(site, keys))
}

/// A readable position that is probably wrong: 0, 0 (a missing GPS reading), or outside the
/// country's box.
fn position_warning(latitude: &str, longitude: &str, profile: &CountryProfile) -> Option<Message> {
    let lat = parse_coordinate(latitude, Axis::Latitude).ok()?;
    let lon = parse_coordinate(longitude, Axis::Longitude).ok()?;
    if lat == 0.0 && lon == 0.0 {
        Some(Message::ZeroZero)
    } else if !profile.bounding_box.contains(lat, lon) {
        Some(Message::OutsideCountry {
            country: profile.country_name.clone(),
        })
    } else {
        None
    }
}

/// The checks of each site, remembered between calls: a portfolio of 100 sites rechecks only the
/// site that changed. Gives exactly the report of [`validate`] (tested).
#[derive(Default)]
pub struct SiteCache {
    entries: std::collections::HashMap<String, (Site, usize, Vec<Problem>)>,
    profile: Option<CountryProfile>,
    today: Option<Date>,
}

impl SiteCache {
    pub fn validate(&mut self, draft: &Draft, profile: &CountryProfile, today: Date) -> Report {
        if self.profile.as_ref() != Some(profile) || self.today != Some(today) {
            self.entries.clear();
            self.profile = Some(profile.clone());
            self.today = Some(today);
        }
        self.entries
            .retain(|id, _| draft.sites.iter().any(|s| &s.id == id));
        let entries = &mut self.entries;
        validate_with(draft, profile, today, |i, site| {
            match entries.get(&site.id) {
                Some((cached, index, problems)) if *index == i && cached == site => {
                    problems.clone()
                }
                _ => {
                    let problems = validate_site(site, i, profile, today);
                    entries.insert(site.id.clone(), (site.clone(), i, problems.clone()));
                    problems
                }
            }
        })
    }
}

fn site_field_error(site: &Site, key: &str) -> Option<(Severity, Message)> {
    fields::site_field(key)
        .and_then(|field| check_field(field, site, Date::new(9999, 12, 31).unwrap()))
}

/// The problem with one answer on its own, if any: required, format, range.
pub fn check_field<T>(field: &Field<T>, value: &T, today: Date) -> Option<(Severity, Message)> {
    if !field.applies_to(value) {
        return None;
    }
    let text = (field.get)(value).trim();
    if text.is_empty() {
        return field
            .required
            .then_some((Severity::Error, Message::Required));
    }
    check_value(field.kind, text, today).map(|m| (Severity::Error, m))
}

/// The problem with a non-empty answer of a given kind, if any.
pub fn check_value(kind: Kind, text: &str, today: Date) -> Option<Message> {
    match kind {
        Kind::Text | Kind::LongText | Kind::Checkbox => None,
        Kind::Email => (!crate::parse::is_email(text)).then_some(Message::Email),
        Kind::Phone => (!crate::parse::is_phone(text)).then_some(Message::Phone),
        Kind::WebAddress => (!crate::parse::is_web_address(text)).then_some(Message::WebAddress),
        Kind::Date { not_in_future } => match Date::parse_iso(text) {
            None => Some(Message::Date),
            Some(date) if not_in_future && date > today => Some(Message::DateInFuture),
            Some(_) => None,
        },
        Kind::Quantity { whole, .. } => parse_quantity(text, whole).err().map(Message::Number),
        Kind::Money => parse_quantity(text, false).err().map(Message::Number),
        Kind::Coordinate(axis) => parse_coordinate(text, axis)
            .err()
            .map(|e| Message::Coordinate(axis, e)),
        Kind::Choice(options) => {
            (!options.iter().any(|o| o.code == text)).then_some(Message::ChooseOne)
        }
    }
}

/// Whether any answer of a step was given: a step with none is "not started" rather than "has problems".
pub fn step_started(draft: &Draft, step: Step) -> bool {
    let any_draft =
        fields::fields_of(DRAFT_FIELDS, step).any(|f| !(f.get)(draft).trim().is_empty());
    let any_site = step == Step::Sites
        && draft.sites.iter().any(|s| {
            SITE_FIELDS.iter().any(|f| !(f.get)(s).trim().is_empty())
                || s.location.iter().any(|l| !l.trim().is_empty())
        });
    any_draft || any_site || (step == Step::Nature && !draft.nature.existing_licences.is_empty())
}

/// Whether a positive answer was given (re-exported for the UI's conditional sections).
pub fn positive(text: &str) -> bool {
    is_positive(text)
}

impl Problem {
    /// The field's label in `lang`.
    pub fn label_in(&self, lang: Lang) -> &str {
        match &self.label {
            Cow::Borrowed(msgid) => tr(lang, msgid),
            Cow::Owned(name) => name,
        }
    }
}
