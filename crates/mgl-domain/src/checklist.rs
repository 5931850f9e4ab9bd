//! The documents an application needs (Section 4.1(2) for the company, 4.1(3) for each mini-grid,
//! Appendix I 2.1 and 5.1), as a pure function of the application: each item with its scope (the
//! company or a site), whether it is required, optional on the Authority's request, or not
//! applicable, and why. The app's Attachments step, the completeness matrix and `mgl` all ask this.

use crate::draft::{Draft, Site, YES};
use crate::fields::is_positive;
use crate::i18n::{tr, Lang};
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

/// One kind of document the Regulation asks for.
#[derive(Debug, PartialEq, Serialize)]
pub struct Requirement {
    /// Stable code, used in file paths: `certificate-of-incorporation`.
    pub code: &'static str,
    pub section: &'static str,
    pub title: &'static str,
    pub level: Level,
    pub accepts: Accepts,
}

const fn req(
    code: &'static str,
    section: &'static str,
    title: &'static str,
    level: Level,
    accepts: Accepts,
) -> Requirement {
    Requirement {
        code,
        section,
        title,
        level,
        accepts,
    }
}

use Accepts::{Documents, DocumentsAndMaps, DocumentsAndOffice};
use Level::{Company, Site as PerSite};

/// Every requirement, company ones first, in the order of the Regulation.
pub static REQUIREMENTS: &[Requirement] = &[
    req("sworn-declaration", "4.1(1), App. I 6", "Declaration by the applicant, signed, sealed and sworn (scan of the printed page)", Company, Documents),
    req("certificate-of-incorporation", "4.1(2)(a), 2.1", "Certificate of incorporation", Company, Documents),
    req("memorandum-and-articles", "2.1", "Memorandum and Articles of Association", Company, Documents),
    req("deed-of-partnership", "2.1", "Deed of Partnership", Company, Documents),
    req("deed-of-trust", "2.1", "Deed of Trust", Company, Documents),
    req("company-profile", "4.1(2)(b)", "Company profile introducing the key personnel related to the Mini-Grid", Company, DocumentsAndOffice),
    req("tax-clearance", "4.1(2)(c)", "Valid tax clearance certificate", Company, Documents),
    req("operations-plan", "4.1(2)(d)", "Operations and Management plan for the Mini-Grid project", Company, DocumentsAndOffice),
    req("tariff-tool", "4.1(2)(e)", "Filled tariff calculation tool, with all entries substantiated by references and evidence", Company, DocumentsAndOffice),
    req("fee-payment", "4.1(2)(f)", "Proof that the Licence application fee has been paid", Company, Documents),
    req("customer-agreement", "4.1(2)(g)", "Draft Customer Agreement", Company, DocumentsAndOffice),
    req("rollout-plan", "4.1(2)(h)", "Roll-out and construction plan", Company, DocumentsAndOffice),
    req("funding", "4.1(2)(i)", "Debt and equity contribution and sources of funding", Company, DocumentsAndOffice),
    req("loan-agreement", "4.1(2)(i), 5.5", "Loan agreement", Company, Documents),
    req("proof-of-commitment", "2(5)", "Proof of commitment (letters of intent from investors, endorsement letters)", Company, Documents),
    req("epc-testimonies", "4.2(3)", "Testimonies of 2 clients of the EPC contractor, and the draft EPC contract", Company, DocumentsAndOffice),
    req("om-contractor-evidence", "4.3(3)", "Evidence and testimonies of 2 clients of the operation and maintenance contractor", Company, DocumentsAndOffice),
    req("network-depiction", "4.1(3)(a)", "Geo-referenced depiction of the distribution network, with the location and dimensions of the power station plot", PerSite, DocumentsAndMaps),
    req("feasibility-study", "4.1(3)(b)", "Technical and feasibility study with a qualified demand forecast", PerSite, DocumentsAndOffice),
    req("technical-specification", "4.1(3)(c)", "Technical specification of the facility", PerSite, DocumentsAndOffice),
    req("environmental-certificate", "4.1(3)(d)", "Environmental and social impact certificate", PerSite, Documents),
    req("land-title", "4.1(3)(e), 5.1", "Land lease or property certificate (title document to the land)", PerSite, Documents),
    req("maps-and-drawings", "5.1", "Relevant maps and drawings of the site", PerSite, DocumentsAndMaps),
    req("land-use-permit", "4.1(3)(f)", "Land use and land planning permit", PerSite, Documents),
    req("right-of-way", "4.1(3)(g)", "Right of way certificate", PerSite, Documents),
    req("community-contract", "4.1(3)(h)", "Community Contract", PerSite, Documents),
    req("tripartite-agreement", "4.1(3)(i), 3.3", "Tripartite Agreement", PerSite, Documents),
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
    let mut items = Vec::new();
    for requirement in REQUIREMENTS.iter().filter(|r| r.level == Level::Company) {
        let (need, reason) = company_need(requirement.code, draft, lang);
        items.push(Item {
            requirement,
            site_id: None,
            need,
            reason,
        });
    }
    for site in &draft.sites {
        for requirement in REQUIREMENTS.iter().filter(|r| r.level == Level::Site) {
            let (need, reason) = site_need(requirement.code, site, lang);
            items.push(Item {
                requirement,
                site_id: Some(site.id.clone()),
                need,
                reason,
            });
        }
    }
    items
}

fn company_need(code: &str, draft: &Draft, lang: Lang) -> (Need, String) {
    let t = |msgid| tr(lang, msgid).to_owned();
    let status = draft.legal_status.status.as_str();
    let by_status = |applies: bool, yes: &'static str, no: &'static str| {
        if status.is_empty() {
            (Need::Undecided, t("Depends on the legal status (step 2)."))
        } else if applies {
            (Need::Required, t(yes))
        } else {
            (Need::NotApplicable, t(no))
        }
    };
    match code {
        "memorandum-and-articles" => by_status(
            matches!(status, "public_llc" | "private_llc"),
            "Required for a limited liability company (Appendix I 2.1).",
            "Only for limited liability companies (Appendix I 2.1).",
        ),
        "deed-of-partnership" => by_status(
            status == "partnership",
            "Required for a partnership (Appendix I 2.1).",
            "Only for partnerships (Appendix I 2.1).",
        ),
        "deed-of-trust" => by_status(
            status == "incorporated_trustee",
            "Required for incorporated trustees (Appendix I 2.1).",
            "Only for incorporated trustees (Appendix I 2.1).",
        ),
        "loan-agreement" => {
            if is_positive(&draft.funding.loan_capital) {
                (
                    Need::Required,
                    t("Loan capital is declared in 5.5: attach the loan agreement (4.1(2)(i))."),
                )
            } else {
                (
                    Need::NotApplicable,
                    t("No loan capital is declared in 5.5."),
                )
            }
        }
        "sworn-declaration" => (
            Need::Required,
            t("The application is signed by a principal officer (Section 4.1(1)): print the declaration page from Review and export, have it signed, sealed and sworn, and attach its scan."),
        ),
        "tariff-tool" => (
            Need::Required,
            t("Required with every application (Section 4.1(2)(e)): the app's Tariff calculation fills it in, or attach your own."),
        ),
        "proof-of-commitment" | "epc-testimonies" | "om-contractor-evidence" => {
            (Need::OnRequest, t("Only when the Authority asks for it."))
        }
        _ => (
            Need::Required,
            t("Required with every application (Section 4.1(2))."),
        ),
    }
}

fn site_need(code: &str, site: &Site, lang: Lang) -> (Need, String) {
    let t = |msgid| tr(lang, msgid).to_owned();
    let asked = |answer: &str, yes: &'static str, no: &'static str| match answer {
        YES => (Need::Required, t(yes)),
        "no" => (Need::NotApplicable, t(no)),
        _ => (
            Need::Undecided,
            t("Answer the question for this site first."),
        ),
    };
    match code {
        "land-use-permit" => asked(
            &site.needs_land_use_permit,
            "The site needs a land use and planning permit (4.1(3)(f)).",
            "The site needs no land use and planning permit.",
        ),
        "right-of-way" => asked(
            &site.needs_right_of_way,
            "The network crosses land that needs a right of way (4.1(3)(g)).",
            "The network needs no right of way certificate.",
        ),
        "community-contract" => asked(
            &site.has_community_contract,
            "A Community Contract governs this site (4.1(3)(h)).",
            "No Community Contract for this site.",
        ),
        "tripartite-agreement" => match site.connection.as_str() {
            "interconnected" => (
                Need::Required,
                t("Required for an interconnected mini-grid (Sections 3.3(1) and 4.1(3)(i))."),
            ),
            "isolated" => (
                Need::NotApplicable,
                t("Only for interconnected mini-grids: this one is isolated."),
            ),
            _ => (
                Need::Undecided,
                t("Depends on whether the site is isolated or interconnected."),
            ),
        },
        _ => (
            Need::Required,
            t("Required for each mini-grid (Section 4.1(3))."),
        ),
    }
}
