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
use crate::licence::{self, Decision, Outcome};
use crate::message::{counted, Arg, Message, PositionFix, Severity};
use crate::parse::{parse_coordinate, parse_quantity, Axis};
use crate::portfolio;
use crate::profile::CountryProfile;
use std::borrow::Cow;
use std::sync::Arc;

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

/// Every problem of a draft, in the order of the form: the company's answers, then the sites'.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Steps 1 to 4 and the existing licences.
    company: Arc<Vec<Problem>>,
    /// The sites' problems in parts: none at all, each site's, and the licence the sites make.
    /// Shared by the reports of a draft whose sites did not change, and each site's part by the
    /// reports of a draft where another site changed (`SiteCache`): a keystroke in a company answer
    /// costs the same with 5 sites or 200, and one in a site copies no other site's problems.
    sites: Arc<Vec<Arc<[Problem]>>>,
}

impl PartialEq for Report {
    fn eq(&self, other: &Report) -> bool {
        let same_part = |a: &Arc<[Problem]>, b: &Arc<[Problem]>| Arc::ptr_eq(a, b) || a == b;
        (Arc::ptr_eq(&self.company, &other.company) || self.company == other.company)
            && (Arc::ptr_eq(&self.sites, &other.sites)
                || self.sites.len() == other.sites.len()
                    && self
                        .sites
                        .iter()
                        .zip(other.sites.iter())
                        .all(|(a, b)| same_part(a, b)))
    }
}

impl Report {
    /// Every problem, in the order of the form.
    pub fn problems(&self) -> impl Iterator<Item = &Problem> {
        self.company
            .iter()
            .chain(self.sites.iter().flat_map(|part| part.iter()))
    }

    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems().filter(|p| p.severity == Severity::Error)
    }

    pub fn is_clean(&self) -> bool {
        self.errors().next().is_none()
    }

    pub fn of_step(&self, step: Step) -> impl Iterator<Item = &Problem> {
        self.problems().filter(move |p| p.step == step)
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
        self.problems().filter(move |p| p.path == path)
    }
}

/// Checks the whole draft against the rules of Appendix I and the country profile. `today` is the
/// applicant's date, for dates that cannot be in the future.
pub fn validate(draft: &Draft, profile: &CountryProfile, today: Date) -> Report {
    let decision = licence::decide(draft, profile);
    Report {
        company: Arc::new(company_problems(draft, today)),
        sites: Arc::new(sites_problems(draft, &decision, |i, site| {
            let problems = validate_site(site, i, profile, today).into();
            (problems, portfolio::Mark::of(site))
        })),
    }
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

/// The problems of the company's answers: steps 1 to 4 and the existing licences.
fn company_problems(draft: &Draft, today: Date) -> Vec<Problem> {
    let mut problems = Vec::new();
    for field in DRAFT_FIELDS {
        if let Some((severity, message)) = check_field(field, draft, today) {
            problems.push(problem(
                field.step,
                field.key.to_owned(),
                None,
                field.key,
                field.label.into(),
                severity,
                message,
            ));
        }
    }

    if draft.nature.has_existing_licences == YES {
        if draft.nature.existing_licences.is_empty() {
            let key = "nature.existing_licences";
            problems.push(problem(
                Step::Nature,
                key.into(),
                None,
                key,
                "Existing Licences".into(),
                Severity::Error,
                Message::NoExistingLicence,
            ));
        }
        for (i, licence) in draft.nature.existing_licences.iter().enumerate() {
            for field in EXISTING_LICENCE_FIELDS {
                if let Some((severity, message)) = check_field(field, licence, today) {
                    let path = format!("nature.existing_licences[{i}].{}", field.key);
                    problems.push(problem(
                        Step::Nature,
                        path.clone(),
                        None,
                        &path,
                        field.label.into(),
                        severity,
                        message,
                    ));
                }
            }
        }
    }
    problems
}

/// The problems of the sites, in parts: none at all, each site's (given by `site_problems`, fresh
/// or remembered), and a licence the sites make impossible (`decision`, of this draft).
fn sites_problems(
    draft: &Draft,
    decision: &Decision,
    mut site_problems: impl FnMut(usize, &Site) -> (Arc<[Problem]>, portfolio::Mark),
) -> Vec<Arc<[Problem]>> {
    let mut parts = Vec::with_capacity(draft.sites.len() + 2);
    if draft.sites.is_empty() {
        parts.push(Arc::from([problem(
            Step::Sites,
            "sites".into(),
            None,
            "sites",
            "Sites".into(),
            Severity::Error,
            Message::NoSites,
        )]));
    }
    let mut marks = Vec::with_capacity(draft.sites.len());
    for (i, site) in draft.sites.iter().enumerate() {
        let (problems, mark) = site_problems(i, site);
        parts.push(problems);
        marks.push(mark);
    }
    let look_alikes = look_alike_problems(&draft.sites, &marks);
    if !look_alikes.is_empty() {
        parts.push(Arc::from(look_alikes));
    }
    if let Outcome::OutsideRegulation | Outcome::MixedPortfolio = decision.outcome {
        parts.push(Arc::from([problem(
            Step::Sites,
            "sites".into(),
            None,
            "sites",
            "Type of licence".into(),
            Severity::Error,
            Message::Licence(decision.summary.clone()),
        )]));
    }
    parts
}

/// A site that looks like another of the draft, warned at both, naming the other: at the name when
/// the name and location are the same, at the latitude when the coordinates are within
/// `portfolio::NEAR_SITE_METRES`. These are the only problems that read more than one site.
fn look_alike_problems(sites: &[Site], marks: &[portfolio::Mark]) -> Vec<Problem> {
    // The first few by name, then how many more: a register where one site was copied 50 times
    // gets a message a person can read.
    const NAMED: usize = 3;
    let names = |others: &mut dyn ExactSizeIterator<Item = usize>| {
        let more = others.len().saturating_sub(NAMED) as u64;
        let mut names: Vec<Arg> = others
            .take(NAMED)
            .map(|j| sites[j].display_name(j))
            .collect();
        if more > 0 {
            names.push(counted("{n} other site", "{n} other sites", more).into());
        }
        names
    };
    let mut problems = Vec::new();
    for (i, found) in portfolio::look_alikes(marks).into_iter().enumerate() {
        let site = &sites[i];
        let mut warn = |key: &str, message| {
            let label = fields::site_field(key).map_or("", |f| f.label);
            problems.push(problem(
                Step::Sites,
                format!("sites[{i}].{key}"),
                Some(&site.id),
                key,
                label.into(),
                Severity::Warning,
                message,
            ))
        };
        if !found.same_name_and_location.is_empty() {
            let others = names(&mut found.same_name_and_location.into_iter());
            warn("name", Message::SameNameAndLocation { sites: others });
        }
        if !found.near.is_empty() {
            let others = names(&mut found.near.into_iter().map(|(j, _)| j));
            warn(
                "latitude",
                Message::NearAnotherSite {
                    metres: portfolio::NEAR_SITE_METRES,
                    sites: others,
                },
            );
        }
    }
    problems
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
        at: "plant_latitude",
        label: None,
        reads: &["latitude", "longitude", "plant_latitude", "plant_longitude"],
        severity: Severity::Warning,
        check: |site, profile| {
            let km = portfolio::plant_distance_metres(site)? / 1000.0;
            (km > profile.max_plant_distance_km).then(|| Message::PlantFarFromSite {
                km,
                limit_km: profile.max_plant_distance_km,
            })
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
/// country (its outline, else its box), with the slip that would put it inside.
fn position_warning(latitude: &str, longitude: &str, profile: &CountryProfile) -> Option<Message> {
    let lat = parse_coordinate(latitude, Axis::Latitude).ok()?;
    let lon = parse_coordinate(longitude, Axis::Longitude).ok()?;
    if lat == 0.0 && lon == 0.0 {
        Some(Message::ZeroZero)
    } else if !profile.lies_in_country(lat, lon) {
        let country = profile.country_name.clone();
        // The slips that put a point far away: the two exchanged, a sign lost or added.
        let fixes = [
            (PositionFix::Swapped, lon, lat),
            (PositionFix::LatitudeSign, -lat, lon),
            (PositionFix::LongitudeSign, lat, -lon),
            (PositionFix::BothSigns, -lat, -lon),
        ];
        Some(
            match fixes
                .iter()
                .find(|(_, lat, lon)| profile.lies_in_country(*lat, *lon))
            {
                Some(&(fix, _, _)) => Message::OutsideCountryUnless { country, fix },
                None => Message::OutsideCountry { country },
            },
        )
    } else {
        None
    }
}

/// The checks of each site, remembered between calls: a portfolio of 100 sites rechecks only the
/// site that changed, and none when a company answer changed. Gives exactly the report and the
/// decision of [`validate`] and [`licence::decide`] (tested).
#[derive(Default)]
pub struct SiteCache {
    /// Each site as last checked, at its position (a site's problems name its position), with
    /// its problems and what the look-alike rules compare of it.
    entries: Vec<(Site, Arc<[Problem]>, portfolio::Mark)>,
    profile: Option<CountryProfile>,
    today: Option<Date>,
    /// The last sites' problems and decision, with the company answers the decision read.
    last: Option<([String; 2], Arc<Vec<Arc<[Problem]>>>, Decision)>,
    /// The last company's problems.
    company: Option<Arc<Vec<Problem>>>,
}

impl SiteCache {
    /// [`validate`], comparing each site with the one last checked.
    pub fn validate(&mut self, draft: &Draft, profile: &CountryProfile, today: Date) -> Report {
        self.check(draft, profile, today, Changes::ANY).0
    }

    /// [`validate`] and [`licence::decide`], told by the caller what may have changed since the
    /// last call: the rest is not looked at (comparing every site of 50 took longer than checking
    /// one, and checking the company's answers longer than a site's).
    pub fn check(
        &mut self,
        draft: &Draft,
        profile: &CountryProfile,
        today: Date,
        changes: Changes,
    ) -> (Report, Decision) {
        if self.profile.as_ref() != Some(profile) || self.today != Some(today) {
            self.entries.clear();
            self.last = None;
            self.company = None;
            self.profile = Some(profile.clone());
            self.today = Some(today);
        }
        let company = match &self.company {
            Some(company) if !changes.company => Arc::clone(company),
            _ => Arc::new(company_problems(draft, today)),
        };
        self.company = Some(Arc::clone(&company));
        let changed = changes.sites;
        let answers = licence::company_answers(draft);
        let known = self.entries.len() == draft.sites.len();
        if let (SitesChanged::None, true, Some((last_answers, sites, decision))) =
            (changed, known, &self.last)
        {
            if answers == last_answers.each_ref().map(String::as_str) {
                let report = Report {
                    company,
                    sites: Arc::clone(sites),
                };
                return (report, decision.clone());
            }
        }
        // Whether the site at a position may differ from the entry of that position.
        let may_differ = |i: usize| match changed {
            SitesChanged::Only(changed) if known => i == changed,
            SitesChanged::None if known => false,
            _ => true,
        };
        // The sites come in order: the entry of the same position is the next one.
        let mut before = std::mem::take(&mut self.entries).into_iter();
        let entries = &mut self.entries;
        let decision = licence::decide(draft, profile);
        let sites = Arc::new(sites_problems(draft, &decision, |i, site| {
            let entry = match before.next() {
                Some(entry) if !may_differ(i) || entry.0 == *site => entry,
                _ => (
                    site.clone(),
                    Arc::from(validate_site(site, i, profile, today)),
                    portfolio::Mark::of(site),
                ),
            };
            let found = (Arc::clone(&entry.1), entry.2.clone());
            entries.push(entry);
            found
        }));
        self.last = Some((
            answers.map(str::to_owned),
            Arc::clone(&sites),
            decision.clone(),
        ));
        (Report { company, sites }, decision)
    }
}

/// What may have changed since the last `SiteCache::check`, as the caller knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Changes {
    /// The company's answers (steps 1 to 4, the existing licences).
    pub company: bool,
    pub sites: SitesChanged,
}

impl Changes {
    /// Anything: every answer is looked at.
    pub const ANY: Changes = Changes {
        company: true,
        sites: SitesChanged::Unknown,
    };
    /// Nothing since the last check.
    pub const NONE: Changes = Changes {
        company: false,
        sites: SitesChanged::None,
    };

    /// What changed over two edits, this one first.
    pub fn and(self, then: Changes) -> Changes {
        Changes {
            company: self.company || then.company,
            sites: self.sites.and(then.sites),
        }
    }
}

/// Which sites may have changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SitesChanged {
    /// Any of them, or their number or order: each is compared with the one last checked.
    Unknown,
    /// None.
    None,
    /// At most the answers of the site at this position.
    Only(usize),
}

impl SitesChanged {
    /// What changed over two edits, this one first.
    pub fn and(self, then: SitesChanged) -> SitesChanged {
        match (self, then) {
            (SitesChanged::None, then) => then,
            (this, SitesChanged::None) => this,
            (SitesChanged::Only(a), SitesChanged::Only(b)) if a == b => self,
            _ => SitesChanged::Unknown,
        }
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
    /// The field's label, to be said in the reader's language.
    pub fn label_arg(&self) -> Arg {
        match &self.label {
            Cow::Borrowed(msgid) => Arg::Text(crate::message::text(msgid)),
            Cow::Owned(name) => Arg::Verbatim(name.clone()),
        }
    }

    /// The field's label in `lang`.
    pub fn label_in(&self, lang: Lang) -> &str {
        match &self.label {
            Cow::Borrowed(msgid) => tr(lang, msgid),
            Cow::Owned(name) => name,
        }
    }
}
