//! Prints how long validation and the licence decision take on a portfolio of many sites (native).
//!   cargo run --release -p mgl-domain --example validate_speed -- 100
use mgl_domain::{decide, validate, CountryProfile, Date, Draft, Lang};
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
