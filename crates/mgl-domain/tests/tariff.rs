//! The tariff method of Section 6, on the issue's worked example and on its invariants.

use mgl_domain::tariff::*;
use mgl_domain::Lang;

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

fn one_asset(capex: f64, lifetime: f64, wacc: f64) -> TariffInput {
    TariffInput {
        currency: "USD".into(),
        wacc,
        assets: vec![Asset {
            name: "PV array".into(),
            capex,
            lifetime_years: lifetime,
        }],
        development_cost: 0.0,
        grants: 0.0,
        opex: Opex {
            fuel: 0.0,
            non_fuel: 5_000.0,
        },
        indexation: vec![],
        subsidies: vec![],
        kwh_sold: vec![Sales {
            year: 1,
            residential: 50_000.0,
            ..Sales::default()
        }],
        capitalise_first_three_years_opex: false,
        horizon_years: None,
        split: Split::default(),
        compensation_year: Some(3),
        compensation_basis: CompensationBasis::Net,
    }
}

fn calc(input: &TariffInput) -> TariffResults {
    calculate(input).unwrap()
}

#[test]
fn the_worked_example_of_the_issue() {
    let results = calc(&one_asset(100_000.0, 20.0, 0.10));
    assert!(
        close(results.annual_capital_charge, 11_745.9625, 5e-5),
        "{}",
        results.annual_capital_charge
    );
    assert_eq!(results.years.len(), 20, "horizon: the longest lifetime");
    for y in &results.years {
        assert!(
            close(y.depreciation + y.return_on_capital, 11_745.9625, 5e-5),
            "year {}",
            y.year
        );
        assert!(
            close(y.revenue_requirement, 16_745.9625, 5e-5),
            "year {}",
            y.year
        );
        assert!(
            close(y.average_tariff, 0.3349, 5e-5),
            "year {}: {}",
            y.year,
            y.average_tariff
        );
    }
    assert!(
        close(results.years[2].closing_value, 94_220.8642, 5e-5),
        "{}",
        results.years[2].closing_value
    );
    let compensation = results.compensation.unwrap();
    assert_eq!(compensation.year, 3);
    assert!(
        close(compensation.total, 110_966.8267, 5e-5),
        "{}",
        compensation.total
    );
    assert!(close(results.levelised_tariff, 0.3349, 5e-5));
}

fn portfolio() -> TariffInput {
    TariffInput {
        currency: "NGN".into(),
        wacc: 0.12,
        assets: vec![
            Asset {
                name: "PV array".into(),
                capex: 60_000.0,
                lifetime_years: 20.0,
            },
            Asset {
                name: "Batteries".into(),
                capex: 25_000.0,
                lifetime_years: 8.0,
            },
            Asset {
                name: "Inverters".into(),
                capex: 10_000.0,
                lifetime_years: 10.0,
            },
            Asset {
                name: "Meters".into(),
                capex: 5_000.0,
                lifetime_years: 1.0,
            },
        ],
        development_cost: 8_000.0,
        grants: 30_000.0,
        opex: Opex {
            fuel: 2_000.0,
            non_fuel: 6_000.0,
        },
        indexation: vec![
            IndexYear {
                year: 2,
                diesel_index: 1.1,
                cpi_index: 1.05,
            },
            IndexYear {
                year: 5,
                diesel_index: 1.3,
                cpi_index: 1.2,
            },
        ],
        subsidies: vec![Subsidy {
            year: 1,
            amount: 1_000.0,
        }],
        kwh_sold: vec![
            Sales {
                year: 1,
                residential: 30_000.0,
                commercial: 10_000.0,
                productive: 8_000.0,
                special: 2_000.0,
            },
            Sales {
                year: 3,
                residential: 40_000.0,
                commercial: 12_000.0,
                productive: 10_000.0,
                special: 2_000.0,
            },
        ],
        capitalise_first_three_years_opex: true,
        horizon_years: None,
        split: Split::Multipliers {
            residential: 0.8,
            commercial: 1.2,
            productive: 1.0,
            special: 1.0,
        },
        compensation_year: Some(5),
        compensation_basis: CompensationBasis::Net,
    }
}

#[test]
fn depreciation_adds_up_to_the_capital_base_and_charges_are_worth_it_at_the_wacc() {
    for r in [0.0, 0.05, 0.12, 0.3] {
        let mut input = portfolio();
        input.wacc = r;
        let results = calc(&input);
        let total_depreciation: f64 = results.years.iter().map(|y| y.depreciation).sum();
        assert!(
            close(
                total_depreciation,
                results.capital_base,
                1e-6 * results.capital_base
            ),
            "r = {r}"
        );
        let npv: f64 = results
            .years
            .iter()
            .map(|y| (y.depreciation + y.return_on_capital) / (1.0 + r).powi(y.year as i32))
            .sum();
        assert!(
            close(npv, results.capital_base, 1e-6 * results.capital_base),
            "r = {r}: {npv} vs {}",
            results.capital_base
        );
        assert!(close(
            results.years.last().unwrap().closing_value,
            0.0,
            1e-6
        ));
    }
}

#[test]
fn capitalised_opex_enters_the_base_and_leaves_the_first_three_years() {
    let input = portfolio();
    let r = input.wacc;
    let opex =
        |fuel_index: f64, cpi: f64, subsidy: f64| 2_000.0 * fuel_index + 6_000.0 * cpi - subsidy;
    let expected_k = opex(1.0, 1.0, 1_000.0) / (1.0 + r)
        + opex(1.1, 1.05, 0.0) / (1.0 + r).powi(2)
        + opex(1.0, 1.0, 0.0) / (1.0 + r).powi(3);
    let results = calc(&input);
    assert!(close(results.capitalised_opex, expected_k, 1e-9));
    assert!(close(
        results.capital_base,
        100_000.0 + 8_000.0 + expected_k - 30_000.0,
        1e-6
    ));
    assert!(results.years[..3].iter().all(|y| y.opex == 0.0));
    assert!(
        close(results.years[3].opex, opex(1.0, 1.0, 0.0), 1e-9),
        "year 4: index 1.0 (missing year)"
    );
    assert!(
        close(results.years[4].opex, opex(1.3, 1.2, 0.0), 1e-9),
        "year 5: indexed"
    );
    assert!(
        results
            .warnings
            .iter()
            .any(|w| w.render(Lang::En).contains("in year 4")),
        "{:?}",
        results.warnings
    );

    let mut off = portfolio();
    off.capitalise_first_three_years_opex = false;
    let results = calc(&off);
    assert_eq!(results.capitalised_opex, 0.0);
    assert!(
        close(results.years[0].opex, opex(1.0, 1.0, 1_000.0), 1e-9),
        "net of the subsidy"
    );
}

#[test]
fn sales_after_the_last_entry_repeat_it() {
    let results = calc(&portfolio());
    assert_eq!(results.years[1].kwh_sold, 50_000.0, "year 2 takes year 1");
    assert_eq!(results.years[19].kwh_sold, 64_000.0, "year 20 takes year 3");
}

#[test]
fn assets_drop_out_after_their_lifetime() {
    let mut input = one_asset(90_000.0, 20.0, 0.1);
    input.assets.push(Asset {
        name: "Meters".into(),
        capex: 10_000.0,
        lifetime_years: 1.0,
    });
    let results = calc(&input);
    let charge = |y: &YearResult| y.depreciation + y.return_on_capital;
    let pv_charge = 90_000.0 * crf(0.1, 20.0);
    assert!(
        close(charge(&results.years[0]), pv_charge + 10_000.0 * 1.1, 1e-6),
        "year 1: the meters are recovered with their return"
    );
    assert!(
        results.years[1..]
            .iter()
            .all(|y| close(charge(y), pv_charge, 1e-6)),
        "then only the PV array"
    );
    assert!(close(
        results.annual_capital_charge,
        charge(&results.years[0]),
        1e-6
    ));
}

#[test]
fn zero_interest_is_straight_line_and_a_one_year_life_is_recovered_at_once() {
    let results = calc(&one_asset(100_000.0, 20.0, 0.0));
    assert!(results
        .years
        .iter()
        .all(|y| close(y.depreciation, 5_000.0, 1e-9) && y.return_on_capital == 0.0));
    assert!(close(results.annual_capital_charge, 5_000.0, 1e-9));
    let mut input = one_asset(10_000.0, 1.0, 0.1);
    input.compensation_year = Some(1);
    let results = calc(&input);
    assert_eq!(results.years.len(), 1);
    assert!(close(
        results.compensation.unwrap().remaining_value,
        0.0,
        1e-9
    ));
    assert!(close(results.years[0].depreciation, 10_000.0, 1e-9));
    assert!(close(results.years[0].return_on_capital, 1_000.0, 1e-9));
    assert!(close(results.years[0].closing_value, 0.0, 1e-9));
}

#[test]
fn class_tariffs_are_revenue_neutral_in_both_modes() {
    let mut input = portfolio();
    for split in [
        Split::Multipliers {
            residential: 0.8,
            commercial: 1.2,
            productive: 1.0,
            special: 1.0,
        },
        Split::DieselBenchmark {
            diesel_alternative_per_kwh: 0.45,
            margin: 0.1,
        },
    ] {
        input.split = split.clone();
        let results = calc(&input);
        for y in &results.years {
            let s = input
                .kwh_sold
                .iter()
                .rev()
                .find(|s| s.year <= y.year)
                .unwrap_or(&input.kwh_sold[0]);
            let c = &y.class_tariffs;
            let revenue = c.residential * s.residential
                + c.commercial * s.commercial
                + c.productive * s.productive
                + c.special * s.special;
            assert!(
                close(revenue, y.revenue_requirement, 1e-6 * y.revenue_requirement),
                "{split:?} year {}",
                y.year
            );
        }
    }
    input.split = Split::DieselBenchmark {
        diesel_alternative_per_kwh: 0.45,
        margin: 0.1,
    };
    let results = calc(&input);
    assert!(close(
        results.years[0].class_tariffs.productive,
        0.405,
        1e-12
    ));
    assert_eq!(
        results.years[0].class_tariffs.commercial,
        results.years[0].average_tariff
    );
}

#[test]
fn residential_above_the_average_is_warned_about() {
    let mut input = portfolio();
    input.split = Split::DieselBenchmark {
        diesel_alternative_per_kwh: 0.01,
        margin: 0.0,
    };
    let results = calc(&input);
    assert!(results.years[0].class_tariffs.residential > results.years[0].average_tariff);
    assert_eq!(
        results
            .warnings
            .iter()
            .filter(|w| w
                .render(Lang::En)
                .contains("Residential customers would pay more"))
            .count(),
        1
    );
}

#[test]
fn the_compensation_adds_the_grant_funded_share_back_when_gross() {
    let mut input = portfolio();
    let net = calc(&input).compensation.unwrap();
    input.compensation_basis = CompensationBasis::Gross;
    let results = calc(&input);
    let gross = results.compensation.unwrap();
    let ratio = (results.capital_base + 30_000.0) / results.capital_base;
    assert!(close(
        gross.remaining_value,
        net.remaining_value * ratio,
        1e-6
    ));
    assert_eq!(
        gross.last_12_months_revenue,
        results.years[4].revenue_requirement
    );
}

#[test]
fn inputs_that_cannot_give_a_tariff_are_errors_in_words() {
    let mut input = one_asset(100_000.0, 20.0, 0.1);
    input.kwh_sold = vec![
        Sales {
            year: 1,
            residential: 100.0,
            ..Sales::default()
        },
        Sales {
            year: 3,
            ..Sales::default()
        },
    ];
    assert_eq!(
        calculate(&input).unwrap_err().render(Lang::En),
        "No kWh are sold in year 3: the tariff cannot be computed. Enter the expected sales."
    );
    let cases: Vec<(Box<dyn Fn(&mut TariffInput)>, &str)> = vec![
        (
            Box::new(|i| i.wacc = -0.1),
            "WACC must be a number of 0 or more",
        ),
        (
            Box::new(|i| i.wacc = f64::NAN),
            "WACC must be a number of 0 or more",
        ),
        (
            Box::new(|i| i.assets[0].capex = 1e306),
            "numbers too large to compute",
        ),
        (Box::new(|i| i.assets.clear()), "at least one asset class"),
        (
            Box::new(|i| i.assets[0].lifetime_years = 0.0),
            "lifetime of PV array must be a whole number",
        ),
        (
            Box::new(|i| i.assets[0].lifetime_years = 7.5),
            "lifetime of PV array must be a whole number",
        ),
        (Box::new(|i| i.assets[0].capex = 0.0), "total capital cost"),
        (
            Box::new(|i| i.grants = 200_000.0),
            "grants are larger than the capital",
        ),
        (
            Box::new(|i| i.compensation_year = Some(21)),
            "between 1 and the horizon (20)",
        ),
        (
            Box::new(|i| i.horizon_years = Some(0)),
            "horizon must be between 1 and 100",
        ),
        (Box::new(|i| i.kwh_sold.clear()), "kWh sold per year"),
    ];
    for (change, expected) in cases {
        let mut input = one_asset(100_000.0, 20.0, 0.1);
        change(&mut input);
        let error = calculate(&input).unwrap_err().render(Lang::En);
        assert!(error.contains(expected), "{error}");
    }
}

#[test]
fn plausibility_warnings() {
    let warnings = |change: &dyn Fn(&mut TariffInput)| {
        let mut input = one_asset(100_000.0, 20.0, 0.1);
        change(&mut input);
        calc(&input)
            .warnings
            .iter()
            .map(|w| w.render(Lang::En))
            .collect::<Vec<_>>()
    };
    assert!(warnings(&|_| {}).is_empty());
    assert!(warnings(&|i| i.wacc = 15.0)
        .iter()
        .any(|w| w.contains("did you mean 0.15")));
    assert!(warnings(&|i| i.wacc = 0.02)
        .iter()
        .any(|w| w.contains("outside the usual 0.05 to 0.35")));
    assert!(warnings(&|i| i.assets[0].lifetime_years = 60.0)
        .iter()
        .any(|w| w.contains("outside the usual 1 to 50 years")));
    assert!(
        warnings(&|i| i.kwh_sold[0].residential = 50.0)
            .iter()
            .any(|w| w.contains("far outside typical mini-grid tariffs")),
        "USD: 335 per kWh"
    );
    let ngn = |i: &mut TariffInput| {
        i.currency = "NGN".into();
        i.kwh_sold[0].residential = 500.0;
    };
    assert!(
        !warnings(&ngn).iter().any(|w| w.contains("far outside")),
        "no yardstick for NGN without a diesel alternative"
    );
    assert!(
        warnings(&|i| {
            ngn(i);
            i.split = Split::DieselBenchmark {
                diesel_alternative_per_kwh: 10.0,
                margin: 0.0,
            };
        })
        .iter()
        .any(|w| w.contains("far outside")),
        "33 NGN/kWh against a diesel alternative of 10"
    );
}

#[test]
fn the_wacc_helper() {
    let w = wacc(0.3, 0.2, 0.08, 0.3).unwrap();
    assert!(close(w, 0.3 * 0.2 / 0.7 + 0.7 * 0.08, 1e-12));
    assert_eq!(wacc(1.5, 0.2, 0.08, 0.3), None);
    assert_eq!(wacc(0.5, 0.2, 0.08, 1.0), None);
}

/// Property: whatever the numbers, the result is finite values or an error, never NaN, infinity or a panic.
#[test]
fn no_input_gives_nan_infinity_or_a_panic() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let specials = [
        0.0,
        -1.0,
        1e-300,
        1e300,
        f64::NAN,
        f64::INFINITY,
        0.5,
        1.0,
        3.0,
        100.0,
        1e6,
    ];
    let value = |next: &mut dyn FnMut() -> u64| {
        let roll = next();
        if roll % 4 == 0 {
            specials[(roll >> 8) as usize % specials.len()]
        } else {
            (roll >> 11) as f64 / (1u64 << 53) as f64 * 10f64.powi((roll % 7) as i32)
        }
    };
    let mut ok = 0;
    for _ in 0..3_000 {
        let assets = (0..1 + next() % 4)
            .map(|_| Asset {
                name: "a".into(),
                capex: value(&mut next),
                lifetime_years: (next() % 60) as f64,
            })
            .collect();
        let input = TariffInput {
            currency: "X".into(),
            wacc: value(&mut next) / 10.0,
            assets,
            development_cost: value(&mut next),
            grants: value(&mut next),
            opex: Opex {
                fuel: value(&mut next),
                non_fuel: value(&mut next),
            },
            indexation: vec![IndexYear {
                year: (next() % 5) as u32,
                diesel_index: value(&mut next),
                cpi_index: value(&mut next),
            }],
            subsidies: vec![Subsidy {
                year: (next() % 5) as u32,
                amount: value(&mut next),
            }],
            kwh_sold: vec![Sales {
                year: 1,
                residential: value(&mut next),
                commercial: value(&mut next),
                productive: value(&mut next),
                special: value(&mut next),
            }],
            capitalise_first_three_years_opex: next() % 2 == 0,
            horizon_years: if next() % 3 == 0 {
                Some((next() % 120) as u32)
            } else {
                None
            },
            split: if next() % 2 == 0 {
                Split::Multipliers {
                    residential: value(&mut next),
                    commercial: value(&mut next),
                    productive: value(&mut next),
                    special: value(&mut next),
                }
            } else {
                Split::DieselBenchmark {
                    diesel_alternative_per_kwh: value(&mut next),
                    margin: value(&mut next) / 10.0,
                }
            },
            compensation_year: if next() % 2 == 0 {
                Some((next() % 30) as u32)
            } else {
                None
            },
            compensation_basis: if next() % 2 == 0 {
                CompensationBasis::Net
            } else {
                CompensationBasis::Gross
            },
        };
        if let Ok(results) = calculate(&input) {
            ok += 1;
            let json =
                serde_json::to_value(results.file(Lang::En)).expect("finite numbers serialise");
            fn all_finite(v: &serde_json::Value) -> bool {
                match v {
                    serde_json::Value::Number(n) => n.as_f64().is_some_and(f64::is_finite),
                    serde_json::Value::Null => false,
                    serde_json::Value::Array(a) => a.iter().all(all_finite),
                    serde_json::Value::Object(o) => o
                        .iter()
                        .all(|(k, v)| k == "compensation" && v.is_null() || all_finite(v)),
                    _ => true,
                }
            }
            assert!(all_finite(&json), "{input:?} gave {json}");
        }
    }
    assert!(
        ok > 100,
        "the generator must also produce valid inputs ({ok})"
    );
}
