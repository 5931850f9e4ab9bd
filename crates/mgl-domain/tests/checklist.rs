//! The checklist of documents, for each legal status, funding and site configuration.

mod common;
use common::*;
use mgl_domain::checklist::{checklist, requirement, Level, Need, REQUIREMENTS};
use mgl_domain::{Draft, Lang};

fn need(draft: &Draft, code: &str, site: Option<&str>) -> Need {
    checklist(draft, Lang::En)
        .into_iter()
        .find(|i| i.requirement.code == code && i.site_id.as_deref() == site)
        .unwrap_or_else(|| panic!("no item {code} for {site:?}"))
        .need
}

#[test]
fn company_items_once_and_site_items_per_site() {
    let draft = example();
    let items = checklist(&draft, Lang::En);
    let company = REQUIREMENTS
        .iter()
        .filter(|r| r.level() == Level::Company)
        .count();
    let per_site = REQUIREMENTS
        .iter()
        .filter(|r| r.level() == Level::Site)
        .count();
    assert_eq!(items.len(), company + 2 * per_site);
    assert!(items.iter().all(|i| !i.reason.is_empty()));
    assert!(
        items
            .iter()
            .filter(|i| i.site_id.as_deref() == Some("a7k3q9-s2"))
            .count()
            == per_site
    );
}

#[test]
fn legal_status_documents_follow_the_status() {
    let mut draft = example();
    for (status, memorandum, partnership, trust) in [
        (
            "private_llc",
            Need::Required,
            Need::NotApplicable,
            Need::NotApplicable,
        ),
        (
            "public_llc",
            Need::Required,
            Need::NotApplicable,
            Need::NotApplicable,
        ),
        (
            "partnership",
            Need::NotApplicable,
            Need::Required,
            Need::NotApplicable,
        ),
        (
            "incorporated_trustee",
            Need::NotApplicable,
            Need::NotApplicable,
            Need::Required,
        ),
        (
            "cooperative",
            Need::NotApplicable,
            Need::NotApplicable,
            Need::NotApplicable,
        ),
        ("", Need::Undecided, Need::Undecided, Need::Undecided),
    ] {
        draft.legal_status.status = status.into();
        assert_eq!(
            need(&draft, "memorandum-and-articles", None),
            memorandum,
            "{status}"
        );
        assert_eq!(
            need(&draft, "deed-of-partnership", None),
            partnership,
            "{status}"
        );
        assert_eq!(need(&draft, "deed-of-trust", None), trust, "{status}");
        assert_eq!(
            need(&draft, "certificate-of-incorporation", None),
            Need::Required,
            "4.1(2)(a) always"
        );
    }
}

#[test]
fn the_loan_agreement_is_required_exactly_when_loan_capital_is_declared() {
    let mut draft = example();
    assert_eq!(need(&draft, "loan-agreement", None), Need::Required);
    draft.funding.loan_capital = "0".into();
    assert_eq!(need(&draft, "loan-agreement", None), Need::NotApplicable);
    draft.funding.loan_capital = "".into();
    assert_eq!(need(&draft, "loan-agreement", None), Need::NotApplicable);
}

#[test]
fn the_tripartite_agreement_follows_each_sites_connection() {
    let mut draft = example();
    assert_eq!(
        need(&draft, "tripartite-agreement", Some("a7k3q9-s1")),
        Need::NotApplicable
    );
    draft.sites[1].connection = "interconnected".into();
    assert_eq!(
        need(&draft, "tripartite-agreement", Some("a7k3q9-s2")),
        Need::Required
    );
    assert_eq!(
        need(&draft, "tripartite-agreement", Some("a7k3q9-s1")),
        Need::NotApplicable
    );
    draft.sites[0].connection = "".into();
    assert_eq!(
        need(&draft, "tripartite-agreement", Some("a7k3q9-s1")),
        Need::Undecided
    );
}

#[test]
fn where_applicable_documents_follow_the_sites_answers() {
    let mut draft = example();
    assert_eq!(
        need(&draft, "land-use-permit", Some("a7k3q9-s1")),
        Need::Required
    );
    assert_eq!(
        need(&draft, "land-use-permit", Some("a7k3q9-s2")),
        Need::NotApplicable
    );
    assert_eq!(
        need(&draft, "right-of-way", Some("a7k3q9-s1")),
        Need::NotApplicable
    );
    assert_eq!(
        need(&draft, "right-of-way", Some("a7k3q9-s2")),
        Need::Required
    );
    draft.sites[0].has_community_contract = "".into();
    assert_eq!(
        need(&draft, "community-contract", Some("a7k3q9-s1")),
        Need::Undecided
    );
    assert!(
        has(
            &check(&draft),
            "sites[0].has_community_contract",
            "required"
        ),
        "the question itself is required"
    );
}

#[test]
fn documents_on_request_are_never_required() {
    let draft = example();
    for code in [
        "proof-of-commitment",
        "epc-testimonies",
        "om-contractor-evidence",
    ] {
        assert_eq!(need(&draft, code, None), Need::OnRequest);
    }
    assert_eq!(
        requirement("network-depiction").unwrap().accepts,
        mgl_domain::checklist::Accepts::DocumentsAndMaps
    );
}
