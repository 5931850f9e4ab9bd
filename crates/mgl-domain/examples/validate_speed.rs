//! Prints how long validation and the licence decision take on a portfolio of many sites (native).
//!   cargo run --release -p mgl-domain --example validate_speed -- 100
use mgl_domain::{decide, validate, CountryProfile, Date, Draft};
use std::time::Instant;

fn main() {
    let sites: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    let example = Draft::from_json(include_str!("../../../examples/two-site-draft.json")).unwrap();
    let mut draft = example.clone();
    draft.sites = (0..sites)
        .map(|i| {
            let mut s = example.sites[i % 2].clone();
            s.id = format!("s{i}");
            if i % 3 == 0 {
                s.latitude.clear();
            }
            s
        })
        .collect();
    let profile = CountryProfile::default_profile();
    let today = Date::new(2026, 11, 22).unwrap();
    let mut times = Vec::new();
    for _ in 0..200 {
        let start = Instant::now();
        let report = validate(&draft, &profile, today);
        let decision = decide(&draft, &profile);
        std::hint::black_box((report, decision));
        times.push(start.elapsed().as_secs_f64() * 1e6);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{sites} sites: validate + decide median {:.0} µs, p95 {:.0} µs",
        times[100], times[190]
    );
    // As the app does: one site changes per keystroke, the others' checks are remembered.
    let mut cache = mgl_domain::validate::SiteCache::default();
    cache.validate(&draft, &profile, today);
    let mut cached = Vec::new();
    for i in 0..200 {
        draft.sites[sites / 2].name = format!("Village {i}");
        let start = Instant::now();
        std::hint::black_box(cache.validate(&draft, &profile, today));
        std::hint::black_box(decide(&draft, &profile));
        cached.push(start.elapsed().as_secs_f64() * 1e6);
    }
    cached.sort_by(f64::total_cmp);
    println!(
        "{sites} sites, one site changed: validate (cached) + decide median {:.0} µs, p95 {:.0} µs",
        cached[100], cached[190]
    );
    let mut decided = Vec::new();
    for _ in 0..200 {
        let start = Instant::now();
        std::hint::black_box(decide(&draft, &profile));
        decided.push(start.elapsed().as_secs_f64() * 1e6);
    }
    decided.sort_by(f64::total_cmp);
    println!("{sites} sites: decide alone median {:.0} µs", decided[100]);
    // A company answer typed, as the app did before the sites' revision: every site compared.
    let mut compared = Vec::new();
    for i in 0..200 {
        draft.applicant.organisation = format!("Sunrise {i}");
        let start = Instant::now();
        std::hint::black_box(cache.validate(&draft, &profile, today));
        std::hint::black_box(decide(&draft, &profile));
        compared.push(start.elapsed().as_secs_f64() * 1e6);
    }
    compared.sort_by(f64::total_cmp);
    println!(
        "{sites} sites, a company answer changed: validate (each site compared) + decide median {:.0} µs, p95 {:.0} µs",
        compared[100], compared[190]
    );
    // As the app does when a company answer is typed: the sites' revision stays, no site is looked at.
    let mut company = Vec::new();
    use mgl_domain::validate::{Changes, SitesChanged};
    for i in 0..200 {
        draft.applicant.organisation = format!("Sunrise {i}");
        let start = Instant::now();
        std::hint::black_box(cache.check(
            &draft,
            &profile,
            today,
            Changes {
                company: true,
                sites: SitesChanged::None,
            },
        ));
        company.push(start.elapsed().as_secs_f64() * 1e6);
    }
    company.sort_by(f64::total_cmp);
    println!(
        "{sites} sites, a company answer changed: validate + decide (sites remembered) median {:.0} µs, p95 {:.0} µs",
        company[100], company[190]
    );
    // As the app does when a site's answer is typed: only that site is looked at.
    let mut one = Vec::new();
    for i in 0..200 {
        draft.sites[sites / 2].name = format!("Village {i}");
        let start = Instant::now();
        std::hint::black_box(cache.check(
            &draft,
            &profile,
            today,
            Changes {
                company: false,
                sites: SitesChanged::Only(sites / 2),
            },
        ));
        one.push(start.elapsed().as_secs_f64() * 1e6);
    }
    one.sort_by(f64::total_cmp);
    println!(
        "{sites} sites, one site changed, the cache told which: validate + decide median {:.0} µs, p95 {:.0} µs",
        one[100], one[190]
    );
    let start = Instant::now();
    let json = draft.to_json();
    let back = Draft::from_json(&json).unwrap();
    println!(
        "to_json + from_json: {:.0} µs for {} KB",
        start.elapsed().as_secs_f64() * 1e6,
        json.len() / 1024
    );
    std::hint::black_box(back);
}
