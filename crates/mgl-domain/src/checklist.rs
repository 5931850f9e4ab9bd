//! The documents an application needs (Section 4.1(2) for the company, 4.1(3) for each mini-grid,
//! Appendix I 2.1 and 5.1), as a pure function of the application: each item with its scope (the
//! company or a site), whether it is required, optional on the Authority's request, or not
//! applicable, and why. The app's Attachments step, the completeness matrix and `mgl` all ask this.

use crate::draft::{Draft, Site, INTERCONNECTED, ISOLATED, NO, YES};
use crate::draft::{INCORPORATED_TRUSTEE, PARTNERSHIP, PRIVATE_LLC, PUBLIC_LLC};
use crate::fields::is_positive;
use crate::i18n::Lang;
use crate::message::{text, Text};
use serde::Serialize;

/// Which kinds of file a requirement accepts (checked from the file's content when attached).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Accepts {
    /// PDF, JPEG, PNG: documents and scans.
    Documents,
    /// Also GeoJSON, KML, KMZ: the geo-referenced network depiction.
    DocumentsAndMaps,
    /// Also DOCX, XLSX, ODT, ODS: plans and the tariff tool.
    DocumentsAndOffice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Company,
    Site,
}

/// One kind of document the Regulation asks for, with the rule that says when it is needed.
#[derive(Debug, Serialize)]
pub struct Requirement {
    /// Stable code, used in file paths: `certificate-of-incorporation`.
    pub code: &'static str,
    pub section: &'static str,
    pub title: &'static str,
    /// Whether it is asked of the company or of each site, and when: written (in bundles' checklist)
    /// as its level.
    #[serde(rename = "level", serialize_with = "level_of")]
    pub need: NeedRule,
    pub accepts: Accepts,
}

/// When a requirement is needed and why, from the company's answers or one site's.
#[derive(Clone, Copy, Debug)]
pub enum NeedRule {
    ForCompany(fn(&Draft) -> (Need, Text)),
    ForEachSite(fn(&Site) -> (Need, Text)),
}

impl NeedRule {
    pub fn level(self) -> Level {
        match self {
            NeedRule::ForCompany(_) => Level::Company,
            NeedRule::ForEachSite(_) => Level::Site,
        }
    }
}

impl Requirement {
    pub fn level(&self) -> Level {
        self.need.level()
    }
}

/// Requirements are one per code.
impl PartialEq for Requirement {
    fn eq(&self, other: &Requirement) -> bool {
        self.code == other.code
    }
}

fn level_of<S: serde::Serializer>(rule: &NeedRule, serializer: S) -> Result<S::Ok, S::Error> {
    rule.level().serialize(serializer)
}

const fn req(
    code: &'static str,
    section: &'static str,
    title: &'static str,
    need: NeedRule,
    accepts: Accepts,
) -> Requirement {
    Requirement {
        code,
        section,
        title,
        need,
        accepts,
    }
}

use Accepts::{Documents, DocumentsAndMaps, DocumentsAndOffice};
use NeedRule::{ForCompany, ForEachSite};

/// Every requirement, company ones first, in the order of the Regulation.
pub static REQUIREMENTS: &[Requirement] = &[
    req("sworn-declaration", "4.1(1), App. I 6", "Declaration by the applicant, signed, sealed and sworn (scan of the printed page)", ForCompany(signed_by_principal_officer), Documents),
    req("certificate-of-incorporation", "4.1(2)(a), 2.1", "Certificate of incorporation", ForCompany(every_application), Documents),
    req("memorandum-and-articles", "2.1", "Memorandum and Articles of Association", ForCompany(limited_company), Documents),
    req("deed-of-partnership", "2.1", "Deed of Partnership", ForCompany(partnership), Documents),
    req("deed-of-trust", "2.1", "Deed of Trust", ForCompany(trustees), Documents),
    req("company-profile", "4.1(2)(b)", "Company profile introducing the key personnel related to the Mini-Grid", ForCompany(every_application), DocumentsAndOffice),
    req("tax-clearance", "4.1(2)(c)", "Valid tax clearance certificate", ForCompany(every_application), Documents),
    req("operations-plan", "4.1(2)(d)", "Operations and Management plan for the Mini-Grid project", ForCompany(every_application), DocumentsAndOffice),
    req("tariff-tool", "4.1(2)(e)", "Filled tariff calculation tool, with all entries substantiated by references and evidence", ForCompany(tariff_tool), DocumentsAndOffice),
    req("fee-payment", "4.1(2)(f)", "Proof that the Licence application fee has been paid", ForCompany(every_application), Documents),
    req("customer-agreement", "4.1(2)(g)", "Draft Customer Agreement", ForCompany(every_application), DocumentsAndOffice),
    req("rollout-plan", "4.1(2)(h)", "Roll-out and construction plan", ForCompany(every_application), DocumentsAndOffice),
    req("funding", "4.1(2)(i)", "Debt and equity contribution and sources of funding", ForCompany(every_application), DocumentsAndOffice),
    req("loan-agreement", "4.1(2)(i), 5.5", "Loan agreement", ForCompany(loan_capital), Documents),
    req("proof-of-commitment", "2(5)", "Proof of commitment (letters of intent from investors, endorsement letters)", ForCompany(on_request), Documents),
    req("epc-testimonies", "4.2(3)", "Testimonies of 2 clients of the EPC contractor, and the draft EPC contract", ForCompany(on_request), DocumentsAndOffice),
    req("om-contractor-evidence", "4.3(3)", "Evidence and testimonies of 2 clients of the operation and maintenance contractor", ForCompany(on_request), DocumentsAndOffice),
    req("network-depiction", "4.1(3)(a)", "Geo-referenced depiction of the distribution network, with the location and dimensions of the power station plot", ForEachSite(every_mini_grid), DocumentsAndMaps),
    req("feasibility-study", "4.1(3)(b)", "Technical and feasibility study with a qualified demand forecast", ForEachSite(every_mini_grid), DocumentsAndOffice),
    req("technical-specification", "4.1(3)(c)", "Technical specification of the facility", ForEachSite(every_mini_grid), DocumentsAndOffice),
    req("environmental-certificate", "4.1(3)(d)", "Environmental and social impact certificate", ForEachSite(every_mini_grid), Documents),
    req("land-title", "4.1(3)(e), 5.1", "Land lease or property certificate (title document to the land)", ForEachSite(every_mini_grid), Documents),
    req("maps-and-drawings", "5.1", "Relevant maps and drawings of the site", ForEachSite(every_mini_grid), DocumentsAndMaps),
    req("land-use-permit", "4.1(3)(f)", "Land use and land planning permit", ForEachSite(land_use_permit), Documents),
    req("right-of-way", "4.1(3)(g)", "Right of way certificate", ForEachSite(right_of_way), Documents),
    req("community-contract", "4.1(3)(h)", "Community Contract", ForEachSite(community_contract), Documents),
    req("tripartite-agreement", "4.1(3)(i), 3.3", "Tripartite Agreement", ForEachSite(tripartite_agreement), Documents),
];

pub fn requirement(code: &str) -> Option<&'static Requirement> {
    REQUIREMENTS.iter().find(|r| r.code == code)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Required,
    /// Only when the Authority asks for it: may be attached, never missing.
    OnRequest,
    NotApplicable,
    /// Depends on an answer not given yet.
    Undecided,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    pub requirement: &'static Requirement,
    /// `None` for the company, the site's id otherwise.
    pub site_id: Option<String>,
    pub need: Need,
    /// Why it is required or not, in the user's language.
    pub reason: String,
}

/// The checklist of an application: every company requirement once, every site requirement per site.
pub fn checklist(draft: &Draft, lang: Lang) -> Vec<Item> {
    let item = |requirement, site_id: Option<&str>, (need, reason): (Need, Text)| Item {
        requirement,
        site_id: site_id.map(str::to_owned),
        need,
        reason: reason.render(lang),
    };
    let mut items: Vec<Item> = REQUIREMENTS
        .iter()
        .filter_map(|r| match r.need {
            NeedRule::ForCompany(rule) => Some(item(r, None, rule(draft))),
            NeedRule::ForEachSite(_) => None,
        })
        .collect();
    for site in &draft.sites {
        items.extend(REQUIREMENTS.iter().filter_map(|r| match r.need {
            NeedRule::ForEachSite(rule) => Some(item(r, Some(&site.id), rule(site))),
            NeedRule::ForCompany(_) => None,
        }));
    }
    items
}

// The need rules of the rows above, company ones then site ones.

fn every_application(_: &Draft) -> (Need, Text) {
    (
        Need::Required,
        text("Required with every application (Section 4.1(2))."),
    )
}

fn signed_by_principal_officer(_: &Draft) -> (Need, Text) {
    (Need::Required, text("The application is signed by a principal officer (Section 4.1(1)): print the declaration page from Review and export, have it signed, sealed and sworn, and attach its scan."))
}

fn tariff_tool(_: &Draft) -> (Need, Text) {
    (Need::Required, text("Required with every application (Section 4.1(2)(e)): the app's Tariff calculation fills it in, or attach your own."))
}

fn on_request(_: &Draft) -> (Need, Text) {
    (
        Need::OnRequest,
        text("Only when the Authority asks for it."),
    )
}

/// Needed for some legal statuses of Appendix I 2.1 only.
fn by_status(draft: &Draft, statuses: &[&str], yes: Text, no: Text) -> (Need, Text) {
    match draft.legal_status.status.as_str() {
        "" => (
            Need::Undecided,
            text("Depends on the legal status (step 2)."),
        ),
        status if statuses.contains(&status) => (Need::Required, yes),
        _ => (Need::NotApplicable, no),
    }
}

fn limited_company(draft: &Draft) -> (Need, Text) {
    by_status(
        draft,
        &[PUBLIC_LLC, PRIVATE_LLC],
        text("Required for a limited liability company (Appendix I 2.1)."),
        text("Only for limited liability companies (Appendix I 2.1)."),
    )
}

fn partnership(draft: &Draft) -> (Need, Text) {
    by_status(
        draft,
        &[PARTNERSHIP],
        text("Required for a partnership (Appendix I 2.1)."),
        text("Only for partnerships (Appendix I 2.1)."),
    )
}

fn trustees(draft: &Draft) -> (Need, Text) {
    by_status(
        draft,
        &[INCORPORATED_TRUSTEE],
        text("Required for incorporated trustees (Appendix I 2.1)."),
        text("Only for incorporated trustees (Appendix I 2.1)."),
    )
}

fn loan_capital(draft: &Draft) -> (Need, Text) {
    if is_positive(&draft.funding.loan_capital) {
        (
            Need::Required,
            text("Loan capital is declared in 5.5: attach the loan agreement (4.1(2)(i))."),
        )
    } else {
        (
            Need::NotApplicable,
            text("No loan capital is declared in 5.5."),
        )
    }
}

fn every_mini_grid(_: &Site) -> (Need, Text) {
    (
        Need::Required,
        text("Required for each mini-grid (Section 4.1(3))."),
    )
}

/// Needed when the site's yes/no answer is yes.
fn asked(answer: &str, yes: Text, no: Text) -> (Need, Text) {
    match answer {
        YES => (Need::Required, yes),
        NO => (Need::NotApplicable, no),
        _ => (
            Need::Undecided,
            text("Answer the question for this site first."),
        ),
    }
}

fn land_use_permit(site: &Site) -> (Need, Text) {
    asked(
        &site.needs_land_use_permit,
        text("The site needs a land use and planning permit (4.1(3)(f))."),
        text("The site needs no land use and planning permit."),
    )
}

fn right_of_way(site: &Site) -> (Need, Text) {
    asked(
        &site.needs_right_of_way,
        text("The network crosses land that needs a right of way (4.1(3)(g))."),
        text("The network needs no right of way certificate."),
    )
}

fn community_contract(site: &Site) -> (Need, Text) {
    asked(
        &site.has_community_contract,
        text("A Community Contract governs this site (4.1(3)(h))."),
        text("No Community Contract for this site."),
    )
}

fn tripartite_agreement(site: &Site) -> (Need, Text) {
    match site.connection.as_str() {
        INTERCONNECTED => (
            Need::Required,
            text("Required for an interconnected mini-grid (Sections 3.3(1) and 4.1(3)(i))."),
        ),
        ISOLATED => (
            Need::NotApplicable,
            text("Only for interconnected mini-grids: this one is isolated."),
        ),
        _ => (
            Need::Undecided,
            text("Depends on whether the site is isolated or interconnected."),
        ),
    }
}
