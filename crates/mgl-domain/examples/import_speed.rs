//! Benchmark (not a test): reading a register of N sites and finding its problems, natively, by
//! format and by part (read, problems).
//!   cargo run --release -p mgl-domain --example import_speed -- DRAFT.json
use mgl_domain::register;
use mgl_domain::{CountryProfile, Date, Draft, Lang};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a draft of many sites");
    let draft = Draft::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let profile = CountryProfile::bundled(&draft.profile).unwrap();
    let today = Date::new(2026, 11, 22).unwrap();
    let files = [
        (
            "csv",
            register::to_csv(&draft.sites, &profile, Lang::En).into_bytes(),
        ),
        ("xlsx", register::to_xlsx(&draft.sites, &profile, Lang::En)),
        (
            "geojson",
            register::to_geojson(&draft.sites, &profile).into_bytes(),
        ),
    ];
    for (format, bytes) in files {
        let mut read = Vec::new();
        let mut check = Vec::new();
        for _ in 0..11 {
            let t = Instant::now();
            let imported = register::read(&bytes, &profile).unwrap();
            read.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            let problems = register::problems(&imported, &profile, today);
            check.push(t.elapsed().as_secs_f64() * 1e3);
            assert_eq!(imported.sites.len(), draft.sites.len());
            std::hint::black_box(problems);
        }
        if format == "xlsx" {
            let t = Instant::now();
            for _ in 0..11 {
                std::hint::black_box(register::sheet_names(&bytes).unwrap());
            }
            println!(
                "  xlsx: unzipping and reading the workbook's sheet list: {:.1} ms",
                t.elapsed().as_secs_f64() * 1e3 / 11.0
            );
        }
        read.sort_by(f64::total_cmp);
        check.sort_by(f64::total_cmp);
        println!(
            "{format}: {} sites, {} KB: read {:.1} ms, problems {:.1} ms (medians of 11)",
            draft.sites.len(),
            bytes.len() / 1024,
            read[5],
            check[5]
        );
    }
}
