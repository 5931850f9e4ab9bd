//! Every rule of Appendix I as the app, the printout and `mgl check` apply it.

mod common;
use common::*;
use mgl_domain::fields::Step;
use mgl_domain::{Draft, Severity};

#[test]
fn the_example_two_site_draft_is_clean() {
    let report = check(&example());
    assert!(report.problems().next().is_none(), "{:#?}", paths(&report));
    assert_eq!(report.complete_steps(), Step::ALL.len());
}

#[test]
fn an_empty_draft_reports_every_required_answer_at_once() {
    let draft = Draft::new("x".into(), "ng", 4, 0.0);
    let report = check(&draft);
    for path in [
        "applicant.principal_officer",
        "applicant.organisation",
        "applicant.email",
        "legal_status.status",
        "nature.kind",
        "business.activities",
        "project.description",
        "sites[0].name",
        "sites[0].location[0]",
        "sites[0].location[3]",
        "sites[0].latitude",
        "sites[0].distributed_power_kw",
        "funding.expected_sales_kwh_per_year",
        "declaration.date",
        "declaration.signatory_2",
    ] {
        assert!(
            has(&report, path, "required"),
            "{path} not reported: {:#?}",
            paths(&report)
        );
    }
    // Optional answers are not required.
    for path in [
        "applicant.fax",
        "applicant.website",
        "applicant.postal_address",
        "sites[0].wind_kw",
    ] {
        assert_eq!(report.at_path(path).count(), 0, "{path}");
    }
    // Conditional answers that do not apply are not asked.
    for path in [
        "legal_status.other",
        "nature.renewal_licence_number",
        "nature.refusal_details",
        "funding.loan_source",
    ] {
        assert_eq!(report.at_path(path).count(), 0, "{path}");
    }
    assert_eq!(report.complete_steps(), 0);
}

#[test]
fn no_sites_is_a_problem() {
    let mut draft = example();
    draft.sites.clear();
    assert!(has(&check(&draft), "sites", "at least one site"));
}

#[test]
fn formats_are_checked_at_their_field() {
    let mut draft = example();
    draft.applicant.email = "info@sunrise".into();
    draft.applicant.contact_email = "chinedu okafor@x.ng".into();
    draft.applicant.mobile = "0803 CALL ME".into();
    draft.applicant.tel = "+234 (9) 461".into();
    draft.applicant.website = "sunrise power".into();
    let report = check(&draft);
    assert!(has(&report, "applicant.email", "e-mail address"));
    assert!(has(&report, "applicant.contact_email", "e-mail address"));
    assert!(has(&report, "applicant.mobile", "phone number"));
    assert!(has(&report, "applicant.tel", "phone number"));
    assert!(has(&report, "applicant.website", "web address"));
    assert!(report.step_has_errors(Step::Applicant));
    assert!(!report.step_has_errors(Step::Funding));
}

#[test]
fn other_legal_status_needs_what_it_is() {
    let mut draft = example();
    draft.legal_status.status = "other".into();
    assert!(has(&check(&draft), "legal_status.other", "required"));
    draft.legal_status.other = "Community trust".into();
    assert_eq!(check(&draft).at_path("legal_status.other").count(), 0);
    draft.legal_status.status = "limited".into();
    assert!(has(&check(&draft), "legal_status.status", "Choose one"));
}

#[test]
fn a_renewal_needs_the_existing_licence_number() {
    let mut draft = example();
    draft.nature.kind = "renewal".into();
    assert!(has(
        &check(&draft),
        "nature.renewal_licence_number",
        "required"
    ));
    draft.nature.renewal_licence_number = "MG/FL/2021/007".into();
    assert!(check(&draft).is_clean());
}

#[test]
fn existing_licences_are_asked_when_the_applicant_has_some() {
    let mut draft = example();
    draft.nature.existing_licences[0].number = " ".into();
    draft.nature.existing_licences[0].date_issued = "2027-01-01".into();
    let report = check(&draft);
    assert!(has(
        &report,
        "nature.existing_licences[0].number",
        "required"
    ));
    assert!(has(
        &report,
        "nature.existing_licences[0].date_issued",
        "future"
    ));
    draft.nature.existing_licences.clear();
    assert!(has(
        &check(&draft),
        "nature.existing_licences",
        "Add the existing licence"
    ));
    draft.nature.has_existing_licences = "no".into();
    assert!(
        check(&draft).is_clean(),
        "the list is not asked when the answer is no"
    );
}

#[test]
fn refusal_details_are_required_exactly_when_refused() {
    let mut draft = example();
    draft.nature.ever_refused = "yes".into();
    assert!(has(&check(&draft), "nature.refusal_details", "required"));
    draft.nature.refusal_details = "Refused in 2019 for missing documents.".into();
    assert!(check(&draft).is_clean());
}

#[test]
fn the_declaration_date_is_not_in_the_future() {
    let mut draft = example();
    draft.declaration.date = "2026-11-22".into();
    assert!(check(&draft).is_clean(), "today is fine");
    draft.declaration.date = "2026-11-23".into();
    assert!(has(&check(&draft), "declaration.date", "future"));
    draft.declaration.date = "22/11/2026".into();
    assert!(has(&check(&draft), "declaration.date", "year-month-day"));
}

#[test]
fn coordinates_are_ranged_and_checked_against_the_country() {
    let mut draft = example();
    draft.sites[0].latitude = "95".into();
    draft.sites[0].longitude = "181".into();
    draft.sites[1].plant_latitude = "9.5 E".into();
    let report = check(&draft);
    assert!(has(&report, "sites[0].latitude", "between -90 and 90"));
    assert!(has(&report, "sites[0].longitude", "between -180 and 180"));
    assert!(has(
        &report,
        "sites[1].plant_latitude",
        "north (N) or south (S)"
    ));

    let mut draft = example();
    draft.sites[0].latitude = "0".into();
    draft.sites[0].longitude = "0".into();
    draft.sites[1].latitude = "51.5".into(); // London
    let report = check(&draft);
    let zero = report.at_path("sites[0].latitude").next().unwrap();
    assert_eq!(zero.severity, Severity::Warning);
    assert!(has(&report, "sites[0].latitude", "GPS reading missing"));
    assert!(has(
        &report,
        "sites[1].latitude",
        "outside Federal Republic of Nigeria"
    ));
    assert!(report.is_clean(), "warnings do not block");
}

#[test]
fn a_point_outside_the_country_says_which_slip_would_put_it_inside() {
    // Kuchi is at 9.81 N, 6.92 E, Sokoto at 13.06 N, 5.24 E: each slip of the pen, and what the
    // warning says of it. Sokoto the other way round is in Cameroon, inside Nigeria's box: only the
    // outline sees it.
    for (latitude, longitude, says) in [
        (
            "5.24",
            "13.06",
            "latitude and longitude the other way round",
        ),
        ("-9.81", "6.92", "other side of the equator"),
        ("9°48'36\"S", "6.92", "other side of the equator"),
        ("9.81", "-6.92", "other side of the Greenwich meridian"),
        (
            "-9.81",
            "6°55'W",
            "other sign of both latitude and longitude",
        ),
        (
            "51.5",
            "-0.12",
            "outside Federal Republic of Nigeria: check the coordinates.",
        ),
    ] {
        let mut draft = example();
        draft.sites[0].latitude = latitude.into();
        draft.sites[0].longitude = longitude.into();
        let report = check(&draft);
        assert!(
            has(&report, "sites[0].latitude", says),
            "{latitude}, {longitude}: {:?}",
            report.at_path("sites[0].latitude").collect::<Vec<_>>()
        );
    }
}

#[test]
fn without_its_outline_a_country_is_its_box() {
    // A profile whose outline is not here (the app before it is fetched, a profile of its own).
    let profile = mgl_domain::CountryProfile {
        outline: None,
        ..profile()
    };
    let mut draft = example();
    // North of the box; the other way round (9.3 N, 14.5 E) inside it, though in Cameroon: the box
    // alone takes the swap for the fix.
    draft.sites[0].latitude = "14.5".into();
    draft.sites[0].longitude = "9.3".into();
    // In Cameroon, inside the box: not flagged without the outline, flagged with it.
    draft.sites[1].latitude = "10.59".into();
    draft.sites[1].longitude = "14.32".into();
    let boxed = mgl_domain::validate(&draft, &profile, today());
    assert!(has(
        &boxed,
        "sites[0].latitude",
        "latitude and longitude the other way round"
    ));
    assert_eq!(boxed.at_path("sites[1].latitude").count(), 0);
    let outlined = check(&draft);
    assert!(has(
        &outlined,
        "sites[1].latitude",
        "outside Federal Republic of Nigeria"
    ));
}

#[test]
fn quantities_are_non_negative_and_counts_whole() {
    let mut draft = example();
    draft.sites[0].solar_kwp = "-60".into();
    draft.sites[0].poles_cement = "80.5".into();
    draft.sites[0].customers_residential = "3,100".into();
    draft.sites[0].line_lv_single_phase_m = "1.2 km".into();
    let report = check(&draft);
    assert!(has(&report, "sites[0].solar_kwp", "negative"));
    assert!(has(&report, "sites[0].poles_cement", "whole number"));
    assert!(has(
        &report,
        "sites[0].customers_residential",
        "thousands separator"
    ));
    assert!(has(
        &report,
        "sites[0].line_lv_single_phase_m",
        "without the unit"
    ));
}

#[test]
fn other_poles_special_customers_and_transformers_need_their_details() {
    let mut draft = example();
    draft.sites[0].poles_other = "4".into();
    draft.sites[0].customers_special = "2".into();
    draft.sites[0].customers_special_kind = "".into();
    draft.sites[0].transformers_count = "1".into();
    let report = check(&draft);
    assert!(has(&report, "sites[0].poles_other_kind", "required"));
    assert!(has(&report, "sites[0].customers_special_kind", "required"));
    assert!(has(&report, "sites[0].transformers_rating_kw", "required"));
}

#[test]
fn a_plant_in_operation_states_its_years() {
    let mut draft = example();
    draft.sites[1].plant_years_in_operation = "".into();
    assert!(has(
        &check(&draft),
        "sites[1].plant_years_in_operation",
        "required"
    ));
    draft.sites[1].plant_years_in_operation = "2.5".into();
    assert!(has(
        &check(&draft),
        "sites[1].plant_years_in_operation",
        "whole number"
    ));
    draft.sites[1].plant_is_new = "yes".into();
    assert!(check(&draft).is_clean());
}

#[test]
fn site_consistency_rules() {
    let mut draft = example();
    for key in ["solar_kwp", "diesel_kw"] {
        *(mgl_domain::fields::site_field(key).unwrap().get_mut)(&mut draft.sites[0]) =
            String::new();
    }
    draft.sites[1].lines_overhead = "".into();
    draft.sites[1].generation_capacity_kw = "70".into();
    let report = check(&draft);
    assert!(has(
        &report,
        "sites[0].solar_kwp",
        "at least one type of generation"
    ));
    assert!(has(
        &report,
        "sites[1].lines_overhead",
        "overhead, underground or both"
    ));
    assert!(has(
        &report,
        "sites[1].generation_capacity_kw",
        "more than the generation installed"
    ));
}

#[test]
fn loan_capital_needs_its_source_and_evidence_and_share_capital_its_origin() {
    let mut draft = example();
    draft.funding.loan_source = "".into();
    draft.funding.loan_evidence = "".into();
    draft.funding.share_capital_origin = "".into();
    let report = check(&draft);
    assert!(has(&report, "funding.loan_source", "required"));
    assert!(has(&report, "funding.loan_evidence", "required"));
    assert!(has(&report, "funding.share_capital_origin", "required"));
    draft.funding.loan_capital = "0".into();
    draft.funding.share_capital = "".into();
    assert!(check(&draft).is_clean());
}

#[test]
fn the_location_follows_the_profiles_administrative_levels() {
    let mut draft = example();
    let mut profile = profile();
    profile.admin_levels = vec!["Region".into(), "District".into(), "Village".into()];
    draft.sites[0].location = vec!["Dodoma".into(), "".into()];
    let report = mgl_domain::validate(&draft, &profile, today());
    let missing: Vec<_> = report
        .at_path("sites[0].location[1]")
        .map(|p| p.label.to_string())
        .collect();
    assert_eq!(missing, ["District"]);
    assert!(has(&report, "sites[0].location[2]", "required"));
    assert_eq!(report.at_path("sites[0].location[3]").count(), 0);
}

#[test]
fn the_site_cache_gives_exactly_the_report_of_a_full_check() {
    let mut cache = mgl_domain::validate::SiteCache::default();
    let mut draft = example();
    for _ in 0..3 {
        draft.duplicate_site(0);
    }
    let same = |draft: &Draft, cache: &mut mgl_domain::validate::SiteCache| {
        assert_eq!(cache.validate(draft, &profile(), today()), check(draft));
    };
    same(&draft, &mut cache);
    draft.sites[2].latitude = "95".into();
    same(&draft, &mut cache);
    draft.move_site(2, 0);
    same(&draft, &mut cache);
    let removed = draft.sites.remove(1);
    same(&draft, &mut cache);
    draft.sites.push(removed);
    draft.sites[0].name.clear();
    same(&draft, &mut cache);
    draft.applicant.email = "x".into();
    same(&draft, &mut cache);
    let mut other = profile();
    other.admin_levels.push("Hamlet".into());
    assert_eq!(
        cache.validate(&draft, &other, today()),
        mgl_domain::validate(&draft, &other, today())
    );
}

#[test]
fn the_site_cache_told_what_changed_gives_exactly_the_report_and_decision_of_a_full_check() {
    use mgl_domain::validate::{Changes, SitesChanged};
    let company = Changes {
        company: true,
        sites: SitesChanged::None,
    };
    let site = |i| Changes {
        company: false,
        sites: SitesChanged::Only(i),
    };
    let mut cache = mgl_domain::validate::SiteCache::default();
    let mut draft = example();
    draft.duplicate_site(0);
    draft.duplicate_site(0);
    let same = |draft: &Draft, cache: &mut mgl_domain::validate::SiteCache, changed| {
        let (report, decision) = cache.check(draft, &profile(), today(), changed);
        assert_eq!(report, check(draft));
        assert_eq!(decision, mgl_domain::decide(draft, &profile()));
    };
    same(&draft, &mut cache, Changes::ANY);
    // Company answers alone: the report and decision still follow them, the decision's own
    // company answers included.
    draft.applicant.email = "not an e-mail".into();
    same(&draft, &mut cache, company);
    draft.project.voluntary_full_licence = "yes".into();
    same(&draft, &mut cache, company);
    draft.project.pre_existing = "yes".into();
    same(&draft, &mut cache, company);
    // Nothing changed.
    same(&draft, &mut cache, Changes::NONE);
    // One site's answers, twice in a row, then another's.
    draft.sites[1].generation_capacity_kw = "6000".into();
    same(&draft, &mut cache, site(1));
    draft.sites[1].latitude = "95".into();
    same(&draft, &mut cache, site(1));
    draft.sites[2].name.clear();
    same(&draft, &mut cache, site(2));
    // Two edits before one check.
    draft.sites[0].name = "Kuchi".into();
    draft.sites[2].name = "Gurmana".into();
    same(&draft, &mut cache, site(0).and(site(2)));
    // A site's answer and a company answer before one check.
    draft.sites[1].name = "Tashan".into();
    draft.applicant.email = "still not an e-mail".into();
    same(&draft, &mut cache, site(1).and(company));
    // A site removed: the caller does not know which positions moved.
    draft.sites.remove(0);
    same(&draft, &mut cache, Changes::ANY);
    // Told "no site" while the number of sites differs from the last check: looked at anyway.
    draft.sites.pop();
    same(&draft, &mut cache, company);
    assert_eq!(
        SitesChanged::None.and(SitesChanged::Only(3)),
        SitesChanged::Only(3)
    );
    assert_eq!(
        SitesChanged::Only(3).and(SitesChanged::None),
        SitesChanged::Only(3)
    );
}

#[test]
fn the_decision_reads_no_company_answer_but_those_it_names() {
    // `SiteCache` keeps a decision while the sites and `licence::company_answers` stay: any other
    // company answer changed must leave the decision as it is.
    let profile = profile();
    for base in [example(), {
        let mut d = example();
        d.project.pre_existing = "yes".into();
        d.project.voluntary_full_licence = "yes".into();
        d
    }] {
        let decision = mgl_domain::decide(&base, &profile);
        for field in mgl_domain::fields::DRAFT_FIELDS {
            for answer in ["yes", "no", "", "6000", "isolated", "interconnected"] {
                let mut draft = base.clone();
                *(field.get_mut)(&mut draft) = answer.into();
                if mgl_domain::licence::company_answers(&draft)
                    == mgl_domain::licence::company_answers(&base)
                {
                    assert_eq!(
                        mgl_domain::decide(&draft, &profile),
                        decision,
                        "{} = {answer:?} changed the decision",
                        field.key
                    );
                }
            }
        }
    }
}

#[test]
fn a_site_entered_twice_is_warned_at_both_naming_the_other() {
    let mut draft = example();
    let (first, second) = (draft.sites[0].name.clone(), draft.sites[1].name.clone());
    // The second site typed again under the first's name and location, elsewhere.
    draft.sites[1].location = draft.sites[0].location.clone();
    draft.sites[1].name = format!("  {}", first.to_uppercase());
    let report = check(&draft);
    let at = |path: &str| {
        report
            .at_path(path)
            .map(|p| (p.severity, p.message.render(mgl_domain::Lang::En)))
            .collect::<Vec<_>>()
    };
    let told = |other: &str| {
        format!("Another site has the same name and location: {other}. Is it the same site entered twice?")
    };
    assert_eq!(
        at("sites[0].name"),
        [(
            Severity::Warning,
            told(&draft.sites[1].name.trim().to_owned())
        )]
    );
    assert_eq!(at("sites[1].name"), [(Severity::Warning, told(&first))]);
    assert!(
        report.is_clean(),
        "a warning: two grids may share a village's name"
    );

    // A copy of the first site, its coordinates barely changed: near the first, not the other.
    let mut draft = example();
    draft.duplicate_site(0);
    // 9°48'36"N is 9.81: a thousandth of a degree north is 111 m away.
    draft.sites[1].latitude = "9.811".into();
    draft.sites[1].longitude = "6.92".into();
    let report = check(&draft);
    let near = |path: &str| {
        report
            .at_path(path)
            .map(|p| p.message.render(mgl_domain::Lang::En))
            .collect::<Vec<_>>()
    };
    let copy = draft.sites[1].name.clone();
    assert_eq!(near("sites[0].latitude"), [format!("Less than 200 m from {copy}: is it the same site entered twice, or were the coordinates copied?")]);
    assert_eq!(near("sites[1].latitude"), [format!("Less than 200 m from {first}: is it the same site entered twice, or were the coordinates copied?")]);
    assert!(near("sites[2].latitude").is_empty(), "{second} is far away");
    // In French too, with the site's name as typed.
    let french = first_message(&report, "sites[1].latitude", mgl_domain::Lang::Fr);
    assert_eq!(french, format!("À moins de 200 m de {first} : est-ce le même site saisi deux fois, ou les coordonnées ont-elles été copiées ?"));

    // Moved away: no warning left at either.
    draft.sites[1].latitude = "10.5".into();
    let report = check(&draft);
    assert!(
        report.at_path("sites[0].latitude").next().is_none()
            && report.at_path("sites[1].latitude").next().is_none(),
        "{:#?}",
        paths(&report)
    );
}

#[test]
fn a_site_copied_many_times_names_three_others_then_counts_the_rest() {
    let mut draft = example();
    for _ in 0..5 {
        draft.duplicate_site(0);
    }
    let report = check(&draft);
    let told = first_message(&report, "sites[0].latitude", mgl_domain::Lang::En);
    let copy = |i: usize| draft.sites[i].name.clone();
    assert_eq!(told, format!("Less than 200 m from {}, {}, {}, 2 other sites: is it the same site entered twice, or were the coordinates copied?", copy(1), copy(2), copy(3)));
    let french = first_message(&report, "sites[0].latitude", mgl_domain::Lang::Fr);
    assert!(french.contains(", 2 autres sites :"), "{french}");
}

#[test]
fn a_power_plant_far_from_its_site_is_warned_with_the_distance_and_the_profile_s_limit() {
    let mut draft = example();
    assert!(
        check(&draft)
            .at_path("sites[0].plant_latitude")
            .next()
            .is_none(),
        "the example's plant is beside its village"
    );
    // A tenth of a degree too far north: about 21 km.
    draft.sites[0].plant_latitude = "9.9905".into();
    let report = check(&draft);
    let warning = report
        .at_path("sites[0].plant_latitude")
        .next()
        .expect("warned");
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(
        warning.message.render(mgl_domain::Lang::En),
        "The power plant is 20.1 km from the site, more than 5 km: check both positions."
    );
    assert_eq!(
        warning.message.render(mgl_domain::Lang::Fr),
        "La centrale est à 20,1 km du site, plus de 5 km : vérifiez les deux positions."
    );
    // A country whose plants may stand further away says so in its profile.
    let mut wide = profile();
    wide.max_plant_distance_km = 25.0;
    assert!(mgl_domain::validate(&draft, &wide, today())
        .at_path("sites[0].plant_latitude")
        .next()
        .is_none());
    // Without the site's own position, there is nothing to compare.
    draft.sites[0].latitude.clear();
    assert!(check(&draft)
        .at_path("sites[0].plant_latitude")
        .next()
        .is_none());
}
