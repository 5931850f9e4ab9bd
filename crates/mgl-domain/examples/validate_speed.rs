//! Prints how long validation and the licence decision take on a portfolio of many sites (native).
//!   cargo run --release -p mgl-domain --example validate_speed -- 100
use mgl_domain::{decide, validate, CountryProfile, Date, Draft};
use std::time::Instant;

const RUNS: usize = 200;

/// Microseconds `work` took.
fn timed(work: impl FnOnce()) -> f64 {
    let start = Instant::now();
    work();
    start.elapsed().as_secs_f64() * 1e6
}

fn print_times(what: &str, mut times: Vec<f64>) {
    times.sort_by(f64::total_cmp);
    println!(
        "{what}: median {:.0} µs, p95 {:.0} µs",
        times[RUNS / 2],
        times[RUNS * 95 / 100]
    );
}

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
            // Villages of their own, a kilometre or more apart, as a real portfolio's are.
            s.name = format!("Village {i}");
            s.latitude = format!("{:.4}", 9.5 + i as f64 * 0.01);
            if i % 3 == 0 {
                s.latitude.clear();
            }
            s
        })
        .collect();
    let profile = CountryProfile::default_profile();
    let today = Date::new(2026, 11, 22).unwrap();
    use mgl_domain::validate::{Changes, SitesChanged};
    let company_changed = Changes {
        company: true,
        sites: SitesChanged::None,
    };
    let one_site_changed = Changes {
        company: false,
        sites: SitesChanged::Only(sites / 2),
    };
    let mut cache = mgl_domain::validate::SiteCache::default();
    let times = (0..RUNS)
        .map(|_| {
            timed(|| {
                std::hint::black_box((validate(&draft, &profile, today), decide(&draft, &profile)));
            })
        })
        .collect();
    print_times(&format!("{sites} sites: validate + decide"), times);
    // One site changes per keystroke, the others' checks remembered (each site compared).
    cache.validate(&draft, &profile, today);
    let times = (0..RUNS)
        .map(|i| {
            draft.sites[sites / 2].name = format!("Village {i}");
            timed(|| {
                std::hint::black_box((
                    cache.validate(&draft, &profile, today),
                    decide(&draft, &profile),
                ));
            })
        })
        .collect();
    print_times(
        &format!("{sites} sites, one site changed: validate (cached) + decide"),
        times,
    );
    let times = (0..RUNS)
        .map(|_| timed(|| drop(std::hint::black_box(decide(&draft, &profile)))))
        .collect();
    print_times(&format!("{sites} sites: decide alone"), times);
    // A company answer typed, every site compared (as the app did before `Changes`).
    let times = (0..RUNS)
        .map(|i| {
            draft.applicant.organisation = format!("Sunrise {i}");
            timed(|| {
                std::hint::black_box((
                    cache.validate(&draft, &profile, today),
                    decide(&draft, &profile),
                ));
            })
        })
        .collect();
    print_times(
        &format!("{sites} sites, a company answer changed: validate (each site compared) + decide"),
        times,
    );
    // As the app does when a company answer is typed: no site is looked at.
    let times = (0..RUNS)
        .map(|i| {
            draft.applicant.organisation = format!("Sunrise {i}");
            timed(|| {
                drop(std::hint::black_box(cache.check(
                    &draft,
                    &profile,
                    today,
                    company_changed,
                )))
            })
        })
        .collect();
    print_times(
        &format!("{sites} sites, a company answer changed: validate + decide (sites remembered)"),
        times,
    );
    // As the app does when a site's answer is typed: only that site is looked at.
    let times = (0..RUNS)
        .map(|i| {
            draft.sites[sites / 2].name = format!("Village {i}");
            timed(|| {
                drop(std::hint::black_box(cache.check(
                    &draft,
                    &profile,
                    today,
                    one_site_changed,
                )))
            })
        })
        .collect();
    print_times(
        &format!("{sites} sites, one site changed, the cache told which: validate + decide"),
        times,
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
