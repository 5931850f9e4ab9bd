//! The tariff inputs as the user typed them (strings, kept even when invalid), and their reading
//! into a `TariffInput`, with every problem at the path of its answer. Prefilled from the form.

use crate::draft::{AssetRow, Draft, SalesRow, TariffDraft, NO};
use crate::i18n::Lang;
use crate::message::{Message, Text};
use crate::parse::parse_quantity;
use crate::tariff::{
    Asset, CompensationBasis, IndexYear, Opex, Sales, Split, Subsidy, TariffInput,
};

/// The asset classes the issue lists, offered in a new tariff with typical lifetimes.
pub const DEFAULT_ASSETS: [(&str, &str); 7] = [
    ("PV array", "20"),
    ("Batteries", "8"),
    ("Inverters and chargers", "10"),
    ("Generators", "8"),
    ("Distribution network", "20"),
    ("Meters and connections", "10"),
    ("Buildings", "20"),
];

impl TariffDraft {
    /// A new tariff prefilled from the application: the classes' sales split from 5.5's expected sales
    /// in proportion to 5.4's customers (industrial customers are the productive class).
    /// The asset classes are named in `lang`: the names are the user's data from then on.
    pub fn prefilled(draft: &Draft, lang: Lang) -> TariffDraft {
        let count = |f: fn(&crate::Site) -> &String| -> f64 {
            draft
                .sites
                .iter()
                .filter_map(|s| parse_quantity(f(s), true).ok())
                .sum()
        };
        let customers = [
            count(|s| &s.customers_residential),
            count(|s| &s.customers_commercial),
            count(|s| &s.customers_industrial),
            count(|s| &s.customers_special),
        ];
        let all: f64 = customers.iter().sum();
        let sales =
            parse_quantity(&draft.funding.expected_sales_kwh_per_year, false).unwrap_or(0.0);
        let share = |i: usize| {
            if all > 0.0 && sales > 0.0 {
                format!("{}", (sales * customers[i] / all).round() as u64)
            } else {
                String::new()
            }
        };
        TariffDraft {
            assets: DEFAULT_ASSETS
                .iter()
                .map(|(name, life)| AssetRow {
                    name: crate::i18n::tr(lang, name).into(),
                    capex: String::new(),
                    lifetime_years: (*life).into(),
                })
                .collect(),
            kwh_sold: vec![SalesRow {
                year: "1".into(),
                residential: share(0),
                commercial: share(1),
                productive: share(2),
                special: share(3),
            }],
            split_mode: "multipliers".into(),
            multipliers: SalesRow {
                year: String::new(),
                residential: "1".into(),
                commercial: "1".into(),
                productive: "1".into(),
                special: "1".into(),
            },
            margin: "0.1".into(),
            compensation_basis: "net".into(),
            ..TariffDraft::default()
        }
    }

    /// Reads the typed inputs. Every problem at once, each at the path of its answer.
    pub fn to_input(&self, currency: &str) -> Result<TariffInput, Vec<(String, Message)>> {
        let mut problems = Vec::new();
        let mut number = |path: String, text: &str, required: bool, whole: bool| -> f64 {
            let text = text.trim();
            if text.is_empty() {
                if required {
                    problems.push((path, Message::Required));
                }
                return 0.0;
            }
            match parse_quantity(text, whole) {
                Ok(v) => v,
                Err(e) => {
                    problems.push((path, Message::Number(e)));
                    0.0
                }
            }
        };
        let wacc = number("tariff.wacc".into(), &self.wacc, true, false);
        let mut assets = Vec::new();
        for (i, row) in self.assets.iter().enumerate() {
            // A row left entirely empty is ignored; a row with a cost needs its lifetime.
            if row.capex.trim().is_empty() && row.name.trim().is_empty() {
                continue;
            }
            let capex = number(
                format!("tariff.assets[{i}].capex"),
                &row.capex,
                false,
                false,
            );
            if capex == 0.0 && row.capex.trim().is_empty() {
                continue;
            }
            let lifetime_years = number(
                format!("tariff.assets[{i}].lifetime_years"),
                &row.lifetime_years,
                true,
                true,
            );
            assets.push(Asset {
                name: row.name.trim().to_owned(),
                capex,
                lifetime_years,
            });
        }
        let development_cost = number(
            "tariff.development_cost".into(),
            &self.development_cost,
            false,
            false,
        );
        let grants = number("tariff.grants".into(), &self.grants, false, false);
        let fuel = number("tariff.opex_fuel".into(), &self.opex_fuel, false, false);
        let non_fuel = number(
            "tariff.opex_non_fuel".into(),
            &self.opex_non_fuel,
            false,
            false,
        );
        let mut indexation = Vec::new();
        for (i, row) in self.indexation.iter().enumerate() {
            let year = number(
                format!("tariff.indexation[{i}].year"),
                &row.year,
                true,
                true,
            ) as u32;
            let diesel_index = if row.a.trim().is_empty() {
                1.0
            } else {
                number(format!("tariff.indexation[{i}].a"), &row.a, false, false)
            };
            let cpi_index = if row.b.trim().is_empty() {
                1.0
            } else {
                number(format!("tariff.indexation[{i}].b"), &row.b, false, false)
            };
            indexation.push(IndexYear {
                year,
                diesel_index,
                cpi_index,
            });
        }
        let mut subsidies = Vec::new();
        for (i, row) in self.subsidies.iter().enumerate() {
            let year = number(format!("tariff.subsidies[{i}].year"), &row.year, true, true) as u32;
            let amount = number(format!("tariff.subsidies[{i}].a"), &row.a, true, false);
            subsidies.push(Subsidy { year, amount });
        }
        let mut kwh_sold = Vec::new();
        for (i, row) in self.kwh_sold.iter().enumerate() {
            let path = |k: &str| format!("tariff.kwh_sold[{i}].{k}");
            kwh_sold.push(Sales {
                year: number(path("year"), &row.year, true, true) as u32,
                residential: number(path("residential"), &row.residential, false, false),
                commercial: number(path("commercial"), &row.commercial, false, false),
                productive: number(path("productive"), &row.productive, false, false),
                special: number(path("special"), &row.special, false, false),
            });
        }
        let horizon_years = (!self.horizon_years.trim().is_empty()).then(|| {
            number(
                "tariff.horizon_years".into(),
                &self.horizon_years,
                false,
                true,
            ) as u32
        });
        let split = if self.split_mode == "diesel_benchmark" {
            Split::DieselBenchmark {
                diesel_alternative_per_kwh: number(
                    "tariff.diesel_alternative_per_kwh".into(),
                    &self.diesel_alternative_per_kwh,
                    true,
                    false,
                ),
                margin: number("tariff.margin".into(), &self.margin, true, false),
            }
        } else {
            let mut m = |k: &str, text: &str| {
                if text.trim().is_empty() {
                    1.0
                } else {
                    number(format!("tariff.multipliers.{k}"), text, false, false)
                }
            };
            Split::Multipliers {
                residential: m("residential", &self.multipliers.residential),
                commercial: m("commercial", &self.multipliers.commercial),
                productive: m("productive", &self.multipliers.productive),
                special: m("special", &self.multipliers.special),
            }
        };
        let compensation_year = (!self.compensation_year.trim().is_empty()).then(|| {
            number(
                "tariff.compensation_year".into(),
                &self.compensation_year,
                false,
                true,
            ) as u32
        });
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(TariffInput {
            currency: currency.to_owned(),
            wacc,
            assets,
            development_cost,
            grants,
            opex: Opex { fuel, non_fuel },
            indexation,
            subsidies,
            kwh_sold,
            capitalise_first_three_years_opex: self.capitalise_first_three_years_opex != NO,
            horizon_years,
            split,
            compensation_year,
            compensation_basis: if self.compensation_basis == "gross" {
                CompensationBasis::Gross
            } else {
                CompensationBasis::Net
            },
        })
    }
}

/// The outcome of the typed inputs: problems at their answers, or the method's error, or results.
pub enum Computation {
    Problems(Vec<(String, Message)>),
    Error(Text),
    Results(TariffInput, crate::tariff::TariffResults),
}

pub fn compute(tariff: &TariffDraft, currency: &str, lang: Lang) -> Computation {
    match tariff.to_input(currency) {
        Err(problems) => Computation::Problems(problems),
        Ok(input) => match crate::tariff::calculate(&input, lang) {
            Ok(results) => Computation::Results(input, results),
            Err(e) => Computation::Error(e),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_tariff_reads_into_the_methods_input() {
        let mut t = TariffDraft::prefilled(&Draft::default(), Lang::En);
        t.wacc = "0.10".into();
        t.assets[0].capex = "100 000".into();
        t.assets[0].lifetime_years = "20".into();
        t.opex_non_fuel = "5000".into();
        t.kwh_sold = vec![SalesRow {
            year: "1".into(),
            residential: "50000".into(),
            ..SalesRow::default()
        }];
        t.capitalise_first_three_years_opex = "no".into();
        let input = t.to_input("USD").unwrap();
        assert_eq!(input.assets.len(), 1, "empty rows are ignored");
        assert_eq!(input.assets[0].capex, 100_000.0);
        let Computation::Results(_, results) = compute(&t, "USD", Lang::En) else {
            panic!()
        };
        assert!((results.years[0].average_tariff - 0.3349).abs() < 5e-5);
    }

    #[test]
    fn every_problem_is_at_its_answer_and_nothing_typed_is_lost() {
        let mut t = TariffDraft::prefilled(&Draft::default(), Lang::En);
        t.assets[1].capex = "12,000".into();
        t.assets[1].lifetime_years = "".into();
        t.kwh_sold[0].residential = "-5".into();
        let problems = t.to_input("USD").unwrap_err();
        let paths: Vec<&str> = problems.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "tariff.wacc",
                "tariff.assets[1].capex",
                "tariff.assets[1].lifetime_years",
                "tariff.kwh_sold[0].residential"
            ]
        );
        assert_eq!(t.assets[1].capex, "12,000");
    }

    #[test]
    fn prefilled_from_the_application() {
        let draft =
            Draft::from_json(include_str!("../../../examples/two-site-draft.json")).unwrap();
        let t = TariffDraft::prefilled(&draft, Lang::En);
        let row = &t.kwh_sold[0];
        // 210 000 kWh over 550 residential, 72 commercial, 4 industrial, 2 special customers.
        assert_eq!(row.residential, "183917");
        assert_eq!(row.productive, "1338");
        assert_eq!(t.assets.len(), 7);
    }
}
