//! The licence decision at its boundaries, on each basis of the Simplified Licence limit.

mod common;
use common::*;
use mgl_domain::message::Text;
use mgl_domain::profile::LimitBasis;
use mgl_domain::{decide, CountryProfile, Draft, Lang, LicenceKind, Outcome};

/// The example draft with its two sites set to the given connection, Distributed Power and Generation
/// Capacity in kW.
fn portfolio(sites: &[(&str, f64, f64)]) -> Draft {
    let mut draft = example();
    let template = draft.sites[0].clone();
    draft.sites = sites
        .iter()
        .enumerate()
        .map(|(i, (connection, power, capacity))| {
            let mut site = template.clone();
            site.id = format!("s{i}");
            site.connection = connection.to_string();
            site.distributed_power_kw = power.to_string();
            site.generation_capacity_kw = capacity.to_string();
            site
        })
        .collect();
    draft
}

fn profile_with(basis: LimitBasis) -> CountryProfile {
    let mut p = profile();
    p.simplified_limit_basis = basis;
    p
}

fn outcome(draft: &Draft, basis: LimitBasis) -> Outcome {
    decide(draft, &profile_with(basis)).outcome
}

use LimitBasis::{EachSite, Total};
const SIMPLIFIED: Outcome = Outcome::Licence(LicenceKind::Simplified);
const FULL: Outcome = Outcome::Licence(LicenceKind::Full);
const INTERCONNECTED: Outcome = Outcome::Licence(LicenceKind::Interconnected);

#[test]
fn a_single_isolated_site_at_and_just_above_100_kw() {
    for basis in [Total, EachSite] {
        assert_eq!(
            outcome(&portfolio(&[("isolated", 100.0, 120.0)]), basis),
            SIMPLIFIED
        );
        assert_eq!(
            outcome(&portfolio(&[("isolated", 100.001, 120.0)]), basis),
            FULL
        );
    }
}

#[test]
fn a_portfolio_on_the_total_basis_adds_the_sites_up() {
    let two_sixties = portfolio(&[("isolated", 60.0, 70.0), ("isolated", 40.0, 50.0)]);
    assert_eq!(outcome(&two_sixties, Total), SIMPLIFIED, "60 + 40 = 100 kW");
    let over = portfolio(&[("isolated", 60.0, 70.0), ("isolated", 40.5, 50.0)]);
    assert_eq!(outcome(&over, Total), FULL, "100.5 kW in total");
    assert_eq!(
        outcome(&over, EachSite),
        SIMPLIFIED,
        "each site is below 100 kW"
    );
}

#[test]
fn on_the_each_site_basis_the_largest_site_decides() {
    let draft = portfolio(&[
        ("isolated", 100.0, 120.0),
        ("isolated", 100.0, 120.0),
        ("isolated", 100.0, 120.0),
    ]);
    assert_eq!(outcome(&draft, EachSite), SIMPLIFIED);
    assert_eq!(outcome(&draft, Total), FULL);
    let one_big = portfolio(&[("isolated", 101.0, 120.0), ("isolated", 5.0, 10.0)]);
    assert_eq!(outcome(&one_big, EachSite), FULL);
}

#[test]
fn five_megawatts_is_the_end_of_the_regulation() {
    for basis in [Total, EachSite] {
        assert_eq!(
            outcome(&portfolio(&[("isolated", 5000.0, 5000.0)]), basis),
            FULL
        );
        assert_eq!(
            outcome(&portfolio(&[("isolated", 5000.1, 5000.0)]), basis),
            Outcome::OutsideRegulation
        );
        assert_eq!(
            outcome(
                &portfolio(&[("isolated", 3000.0, 4000.0), ("isolated", 2500.0, 3000.0)]),
                basis
            ),
            Outcome::OutsideRegulation,
            "5.5 MW of Distributed Power in total"
        );
        assert_eq!(
            outcome(&portfolio(&[("isolated", 50.0, 5000.5)]), basis),
            Outcome::OutsideRegulation,
            "a site above 5 MW Generation Capacity is not a Mini-Grid"
        );
    }
}

#[test]
fn interconnected_mini_grids_go_by_generation_capacity_up_to_5_mw() {
    assert_eq!(
        outcome(&portfolio(&[("interconnected", 3000.0, 5000.0)]), Total),
        INTERCONNECTED
    );
    assert_eq!(
        outcome(&portfolio(&[("interconnected", 50.0, 60.0)]), Total),
        INTERCONNECTED,
        "even when small"
    );
    let over = portfolio(&[
        ("interconnected", 0.0, 2500.0),
        ("interconnected", 0.0, 2500.5),
    ]);
    assert_eq!(outcome(&over, Total), Outcome::OutsideRegulation);
    let decision = decide(&over, &profile());
    assert!(
        words(&decision.reasons)[0].contains("5 000.5 kW"),
        "{:?}",
        words(&decision.reasons)
    );
}

#[test]
fn mixing_isolated_and_interconnected_sites_is_refused() {
    let draft = portfolio(&[("isolated", 30.0, 40.0), ("interconnected", 30.0, 40.0)]);
    assert_eq!(outcome(&draft, Total), Outcome::MixedPortfolio);
    assert!(has(&check(&draft), "sites", "cannot be in one application"));
}

#[test]
fn a_simplified_applicant_may_choose_a_full_licence() {
    let mut draft = portfolio(&[("isolated", 80.0, 90.0)]);
    let decision = decide(&draft, &profile());
    assert!(decision.may_choose_full);
    assert!(words(&decision.consequences)
        .iter()
        .any(|c| c.contains("need no approval")));
    assert!(words(&decision.consequences)
        .iter()
        .any(|c| c.contains("No compensation")));
    draft.project.voluntary_full_licence = "yes".into();
    let decision = decide(&draft, &profile());
    assert_eq!(decision.outcome, FULL);
    assert!(words(&decision.reasons)[0].contains("3.2(4)"));
    assert!(words(&decision.consequences)
        .iter()
        .any(|c| c.contains("need the Authority's approval")));
    assert!(words(&decision.consequences)
        .iter()
        .any(|c| c.contains("Compensation can be enforced")));
    let big = portfolio(&[("isolated", 180.0, 200.0)]);
    assert!(!decide(&big, &profile()).may_choose_full);
}

#[test]
fn missing_answers_leave_the_decision_open_and_say_what_is_missing() {
    let mut draft = portfolio(&[("isolated", 30.0, 40.0), ("isolated", 30.0, 40.0)]);
    draft.sites[1].connection.clear();
    draft.sites[1].name = "Gurmana".into();
    let decision = decide(&draft, &profile());
    assert_eq!(decision.outcome, Outcome::Undetermined);
    assert!(
        words(&decision.reasons)[0].contains("Gurmana"),
        "{:?}",
        words(&decision.reasons)
    );
    draft.sites[1].connection = "isolated".into();
    draft.sites[0].distributed_power_kw = "lots".into();
    draft.sites[0].name = "".into();
    let decision = decide(&draft, &profile());
    assert_eq!(decision.outcome, Outcome::Undetermined);
    assert!(
        words(&decision.reasons)[0].contains("Site 1"),
        "{:?}",
        words(&decision.reasons)
    );
    assert_eq!(
        decide(&Draft::default(), &profile()).outcome,
        Outcome::Undetermined
    );
}

#[test]
fn pre_existing_mini_grids_are_told_of_the_six_month_deadline() {
    let mut draft = example();
    draft.project.pre_existing = "yes".into();
    let mut p = profile();
    let decision = decide(&draft, &p);
    assert!(
        words(&decision.consequences)
            .iter()
            .any(|c| c.contains("within 6 months")),
        "{:?}",
        words(&decision.consequences)
    );
    p.regulation_in_force = Some("2026-05-21".into());
    let decision = decide(&draft, &p);
    assert!(
        words(&decision.consequences)
            .iter()
            .any(|c| c.contains("by 2026-11-23")),
        "{:?}",
        words(&decision.consequences)
    );
}

#[test]
fn the_example_gets_a_simplified_licence_on_the_total_basis() {
    let decision = decide(&example(), &profile());
    assert_eq!(decision.outcome, SIMPLIFIED);
    assert!(
        words(&decision.reasons)[0].contains("80 kW"),
        "45 + 35 kW: {:?}",
        words(&decision.reasons)
    );
}

/// A decision's texts as an English reader sees them.
fn words(texts: &[Text]) -> Vec<String> {
    texts.iter().map(|t| t.render(Lang::En)).collect()
}

#[test]
fn a_site_above_5_mw_is_told_outside_the_regulation_in_the_readers_language() {
    let draft = portfolio(&[("isolated", 30.0, 40.0), ("isolated", 30.0, 6000.0)]);
    assert_eq!(outcome(&draft, Total), Outcome::OutsideRegulation);
    let report = check(&draft);
    let problem = report
        .at_path("sites")
        .find(|p| p.message.render(Lang::En).contains("does not apply"))
        .expect("the report says the Regulation does not apply");
    let english = problem.message.render(Lang::En);
    for lang in [Lang::Fr, Lang::Pt] {
        let shown = problem.message.render(lang);
        assert_ne!(shown, english, "not translated into {lang:?}");
        assert_eq!(
            Some(shown.as_str()),
            mgl_domain::i18n::translation(lang, &english)
        );
    }
}
