//! The tariff inputs as the user typed them (strings, kept even when invalid), and their reading
//! into a `TariffInput`, with every problem at the path of its answer. Prefilled from the form.

use crate::draft::{AssetRow, Draft, IndexationRow, SalesRow, SubsidyRow, TariffDraft, NO};
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

/// The unit shown beside a tariff answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TariffUnit {
    None,
    /// The profile's currency.
    Money,
    /// The profile's currency per kWh.
    MoneyPerKwh,
}

/// How a tariff answer is read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reading {
    /// Kept as typed (an asset class's name).
    Text,
    /// A number; `whole` for a year or a count. Empty, it is a problem when `required`, and
    /// otherwise reads as `empty`: 0, 1 for an index or a multiplier, or `None` when its absence
    /// means something (no horizon: the longest lifetime).
    Number {
        required: bool,
        whole: bool,
        empty: Option<f64>,
    },
}

/// One answer of the tariff calculation (Section 6), on its own or as a column of a table of rows:
/// its key in the saved JSON, its label and unit, how it is read. The one definition of each input,
/// read by `to_input` and by the tariff screen.
pub struct TariffAnswer<T: 'static> {
    /// Within the tariff (`wacc`, `multipliers.residential`) or its row (`capex`).
    pub key: &'static str,
    pub label: &'static str,
    pub unit: TariffUnit,
    pub reading: Reading,
    pub get: fn(&T) -> &String,
    pub get_mut: fn(&mut T) -> &mut String,
}

/// A table of rows of the tariff (assets, indices, subsidies, sales by year).
pub struct TariffTable<R: 'static> {
    /// Its key in the saved JSON: `assets`.
    pub key: &'static str,
    /// What the workbook and the list of changes call it: "Asset classes".
    pub title: &'static str,
    pub rows: fn(&TariffDraft) -> &Vec<R>,
    pub rows_mut: fn(&mut TariffDraft) -> &mut Vec<R>,
    pub columns: &'static [TariffAnswer<R>],
}

impl TariffAnswer<TariffDraft> {
    /// The answer's path, as the problems name it: `tariff.wacc`.
    pub fn path(&self) -> String {
        format!("tariff.{}", self.key)
    }
}

impl<R> TariffTable<R> {
    /// The path of a cell: `tariff.assets[2].capex`.
    pub fn path(&self, row: usize, column: &TariffAnswer<R>) -> String {
        format!("tariff.{}[{row}].{}", self.key, column.key)
    }
}

macro_rules! answer {
    ($t:ty, $key:literal, $($field:ident).+, $label:literal, $unit:ident, $reading:expr) => {
        TariffAnswer::<$t> {
            key: $key,
            label: $label,
            unit: TariffUnit::$unit,
            reading: $reading,
            get: |v: &$t| &v.$($field).+,
            get_mut: |v: &mut $t| &mut v.$($field).+,
        }
    };
}

const fn number(required: bool, whole: bool, empty: Option<f64>) -> Reading {
    Reading::Number {
        required,
        whole,
        empty,
    }
}
const REQUIRED: Reading = number(true, false, None);
const REQUIRED_YEAR: Reading = number(true, true, None);
const ZERO_IF_EMPTY: Reading = number(false, false, Some(0.0));
const ONE_IF_EMPTY: Reading = number(false, false, Some(1.0));
const OPTIONAL_YEARS: Reading = number(false, true, None);

pub static WACC: TariffAnswer<TariffDraft> = answer!(
    TariffDraft,
    "wacc",
    wacc,
    "WACC (nominal, pre-tax, as a decimal: 0.12 for 12 %)",
    None,
    REQUIRED
);
pub static DEVELOPMENT_COST: TariffAnswer<TariffDraft> = answer!(
    TariffDraft,
    "development_cost",
    development_cost,
    "Development cost",
    Money,
    ZERO_IF_EMPTY
);
pub static GRANTS: TariffAnswer<TariffDraft> = answer!(
    TariffDraft,
    "grants",
    grants,
    "Grants",
    Money,
    ZERO_IF_EMPTY
);
pub static OPEX_FUEL: TariffAnswer<TariffDraft> = answer!(
    TariffDraft,
    "opex_fuel",
    opex_fuel,
    "Fuel opex",
    Money,
    ZERO_IF_EMPTY
);
pub static OPEX_NON_FUEL: TariffAnswer<TariffDraft> = answer!(
    TariffDraft,
    "opex_non_fuel",
    opex_non_fuel,
    "Non-fuel opex",
    Money,
    ZERO_IF_EMPTY
);
pub static HORIZON_YEARS: TariffAnswer<TariffDraft> = answer!(
    TariffDraft,
    "horizon_years",
    horizon_years,
    "Horizon (years; empty: the longest lifetime)",
    None,
    OPTIONAL_YEARS
);
pub static COMPENSATION_YEAR: TariffAnswer<TariffDraft> = answer!(
    TariffDraft,
    "compensation_year",
    compensation_year,
    "Main grid arrives at the end of year (optional)",
    None,
    OPTIONAL_YEARS
);
pub static DIESEL_ALTERNATIVE: TariffAnswer<TariffDraft> = answer!(
    TariffDraft,
    "diesel_alternative_per_kwh",
    diesel_alternative_per_kwh,
    "Cost of the diesel alternative",
    MoneyPerKwh,
    REQUIRED
);
pub static MARGIN: TariffAnswer<TariffDraft> = answer!(
    TariffDraft,
    "margin",
    margin,
    "Margin below the diesel alternative (0 to 1)",
    None,
    REQUIRED
);
/// The classes' multipliers of the average tariff (6.2), in the order of `SalesRow`'s classes.
pub static MULTIPLIERS: [TariffAnswer<TariffDraft>; 4] = [
    answer!(
        TariffDraft,
        "multipliers.residential",
        multipliers.residential,
        "Residential multiplier",
        None,
        ONE_IF_EMPTY
    ),
    answer!(
        TariffDraft,
        "multipliers.commercial",
        multipliers.commercial,
        "Commercial multiplier",
        None,
        ONE_IF_EMPTY
    ),
    answer!(
        TariffDraft,
        "multipliers.productive",
        multipliers.productive,
        "Productive multiplier",
        None,
        ONE_IF_EMPTY
    ),
    answer!(
        TariffDraft,
        "multipliers.special",
        multipliers.special,
        "Special multiplier",
        None,
        ONE_IF_EMPTY
    ),
];

/// Every answer of the tariff on its own, in the order of the screen.
pub static ANSWERS: [&TariffAnswer<TariffDraft>; 13] = [
    &WACC,
    &DEVELOPMENT_COST,
    &GRANTS,
    &OPEX_FUEL,
    &OPEX_NON_FUEL,
    &MULTIPLIERS[0],
    &MULTIPLIERS[1],
    &MULTIPLIERS[2],
    &MULTIPLIERS[3],
    &DIESEL_ALTERNATIVE,
    &MARGIN,
    &HORIZON_YEARS,
    &COMPENSATION_YEAR,
];

/// Name, capex, lifetime: a row the user left empty is no asset; one with a cost needs its lifetime.
pub static ASSETS: TariffTable<AssetRow> = TariffTable {
    key: "assets",
    title: "Asset classes",
    rows: |t| &t.assets,
    rows_mut: |t| &mut t.assets,
    columns: &[
        answer!(AssetRow, "name", name, "Asset class", None, Reading::Text),
        answer!(AssetRow, "capex", capex, "Capex", Money, ZERO_IF_EMPTY),
        answer!(
            AssetRow,
            "lifetime_years",
            lifetime_years,
            "Lifetime (years)",
            None,
            REQUIRED_YEAR
        ),
    ],
};
pub static SUBSIDIES: TariffTable<SubsidyRow> = TariffTable {
    key: "subsidies",
    title: "Subsidies by year",
    rows: |t| &t.subsidies,
    rows_mut: |t| &mut t.subsidies,
    columns: &[
        answer!(SubsidyRow, "year", year, "Year", None, REQUIRED_YEAR),
        answer!(SubsidyRow, "a", amount, "Amount", Money, REQUIRED),
    ],
};
pub static INDEXATION: TariffTable<IndexationRow> = TariffTable {
    key: "indexation",
    title: "Indexation by year",
    rows: |t| &t.indexation,
    rows_mut: |t| &mut t.indexation,
    columns: &[
        answer!(IndexationRow, "year", year, "Year", None, REQUIRED_YEAR),
        answer!(
            IndexationRow,
            "a",
            diesel_index,
            "Diesel index",
            None,
            ONE_IF_EMPTY
        ),
        answer!(
            IndexationRow,
            "b",
            cpi_index,
            "CPI index",
            None,
            ONE_IF_EMPTY
        ),
    ],
};
pub static KWH_SOLD: TariffTable<SalesRow> = TariffTable {
    key: "kwh_sold",
    title: "kWh sold by year",
    rows: |t| &t.kwh_sold,
    rows_mut: |t| &mut t.kwh_sold,
    columns: &[
        answer!(SalesRow, "year", year, "Year", None, REQUIRED_YEAR),
        answer!(
            SalesRow,
            "residential",
            residential,
            "Residential kWh",
            None,
            ZERO_IF_EMPTY
        ),
        answer!(
            SalesRow,
            "commercial",
            commercial,
            "Commercial kWh",
            None,
            ZERO_IF_EMPTY
        ),
        answer!(
            SalesRow,
            "productive",
            productive,
            "Productive kWh",
            None,
            ZERO_IF_EMPTY
        ),
        answer!(
            SalesRow,
            "special",
            special,
            "Special kWh",
            None,
            ZERO_IF_EMPTY
        ),
    ],
};

/// Reads answers into numbers, gathering every problem at its path.
struct Reader {
    problems: Vec<(String, Message)>,
}

impl Reader {
    /// The number an answer holds (`None`: empty, and its absence means something).
    fn read<T>(&mut self, answer: &TariffAnswer<T>, value: &T, path: String) -> Option<f64> {
        let Reading::Number {
            required,
            whole,
            empty,
        } = answer.reading
        else {
            return None;
        };
        let text = (answer.get)(value).trim();
        if text.is_empty() {
            if required {
                self.problems.push((path, Message::Required));
                return Some(0.0);
            }
            return empty;
        }
        match parse_quantity(text, whole) {
            Ok(v) => Some(v),
            Err(e) => {
                self.problems.push((path, Message::Number(e)));
                Some(0.0)
            }
        }
    }

    /// A number on its own; 0 when empty (`to_input` reads the optional ones with `read`).
    fn scalar(&mut self, answer: &TariffAnswer<TariffDraft>, tariff: &TariffDraft) -> f64 {
        self.read(answer, tariff, answer.path()).unwrap_or(0.0)
    }

    /// The numbers of row `i` of a table, in the order of its columns (text columns read as 0).
    fn row<R>(&mut self, table: &TariffTable<R>, i: usize, row: &R) -> Vec<f64> {
        table
            .columns
            .iter()
            .map(|c| self.read(c, row, table.path(i, c)).unwrap_or(0.0))
            .collect()
    }
}

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

    /// The inputs of `input` as a user would type them: to compare a tariff read from a file with
    /// the one on the screen (`tariff_workbook::changes`), or to open it there. `to_input` reads
    /// them back as the same input (its sales in the order of their years).
    pub fn from_input(input: &TariffInput) -> TariffDraft {
        let number = |v: f64| format!("{v}");
        let optional = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
        let sales_row = |s: &Sales| SalesRow {
            year: s.year.to_string(),
            residential: number(s.residential),
            commercial: number(s.commercial),
            productive: number(s.productive),
            special: number(s.special),
        };
        let mut tariff = TariffDraft {
            wacc: number(input.wacc),
            assets: input
                .assets
                .iter()
                .map(|a| AssetRow {
                    name: a.name.clone(),
                    capex: number(a.capex),
                    lifetime_years: number(a.lifetime_years),
                })
                .collect(),
            development_cost: number(input.development_cost),
            grants: number(input.grants),
            opex_fuel: number(input.opex.fuel),
            opex_non_fuel: number(input.opex.non_fuel),
            indexation: input
                .indexation
                .iter()
                .map(|i| IndexationRow {
                    year: i.year.to_string(),
                    diesel_index: number(i.diesel_index),
                    cpi_index: number(i.cpi_index),
                })
                .collect(),
            subsidies: input
                .subsidies
                .iter()
                .map(|s| SubsidyRow {
                    year: s.year.to_string(),
                    amount: number(s.amount),
                    unused: String::new(),
                })
                .collect(),
            kwh_sold: crate::tariff::sales_by_year(input)
                .iter()
                .map(sales_row)
                .collect(),
            capitalise_first_three_years_opex: if input.capitalise_first_three_years_opex {
                crate::draft::YES
            } else {
                NO
            }
            .to_owned(),
            horizon_years: optional(input.horizon_years),
            compensation_year: optional(input.compensation_year),
            compensation_basis: match input.compensation_basis {
                CompensationBasis::Net => "net",
                CompensationBasis::Gross => "gross",
            }
            .to_owned(),
            ..TariffDraft::default()
        };
        match input.split {
            Split::Multipliers {
                residential,
                commercial,
                productive,
                special,
            } => {
                tariff.split_mode = "multipliers".into();
                tariff.multipliers = SalesRow {
                    year: String::new(),
                    residential: number(residential),
                    commercial: number(commercial),
                    productive: number(productive),
                    special: number(special),
                };
            }
            Split::DieselBenchmark {
                diesel_alternative_per_kwh,
                margin,
            } => {
                tariff.split_mode = "diesel_benchmark".into();
                tariff.diesel_alternative_per_kwh = number(diesel_alternative_per_kwh);
                tariff.margin = number(margin);
            }
        }
        tariff
    }

    /// Reads the typed inputs. Every problem at once, each at the path of its answer.
    pub fn to_input(&self, currency: &str) -> Result<TariffInput, Vec<(String, Message)>> {
        let mut r = Reader {
            problems: Vec::new(),
        };
        let wacc = r.scalar(&WACC, self);
        let mut assets = Vec::new();
        for (i, row) in self.assets.iter().enumerate() {
            // A row left entirely empty is ignored; a row with a cost needs its lifetime.
            if row.capex.trim().is_empty() {
                continue;
            }
            let [_, capex, lifetime_years] = r.row(&ASSETS, i, row)[..] else {
                unreachable!("three columns")
            };
            assets.push(Asset {
                name: row.name.trim().to_owned(),
                capex,
                lifetime_years,
            });
        }
        let development_cost = r.scalar(&DEVELOPMENT_COST, self);
        let grants = r.scalar(&GRANTS, self);
        let fuel = r.scalar(&OPEX_FUEL, self);
        let non_fuel = r.scalar(&OPEX_NON_FUEL, self);
        let indexation = self
            .indexation
            .iter()
            .enumerate()
            .map(|(i, row)| match r.row(&INDEXATION, i, row)[..] {
                [year, diesel_index, cpi_index] => IndexYear {
                    year: year as u32,
                    diesel_index,
                    cpi_index,
                },
                _ => unreachable!("three columns"),
            })
            .collect();
        let subsidies = self
            .subsidies
            .iter()
            .enumerate()
            .map(|(i, row)| match r.row(&SUBSIDIES, i, row)[..] {
                [year, amount] => Subsidy {
                    year: year as u32,
                    amount,
                },
                _ => unreachable!("two columns"),
            })
            .collect();
        let kwh_sold = self
            .kwh_sold
            .iter()
            .enumerate()
            .map(|(i, row)| match r.row(&KWH_SOLD, i, row)[..] {
                [year, residential, commercial, productive, special] => Sales {
                    year: year as u32,
                    residential,
                    commercial,
                    productive,
                    special,
                },
                _ => unreachable!("five columns"),
            })
            .collect();
        let horizon_years = r
            .read(&HORIZON_YEARS, self, HORIZON_YEARS.path())
            .map(|v| v as u32);
        let split = if self.split_mode == "diesel_benchmark" {
            Split::DieselBenchmark {
                diesel_alternative_per_kwh: r.scalar(&DIESEL_ALTERNATIVE, self),
                margin: r.scalar(&MARGIN, self),
            }
        } else {
            let [residential, commercial, productive, special] =
                MULTIPLIERS.each_ref().map(|m| r.scalar(m, self));
            Split::Multipliers {
                residential,
                commercial,
                productive,
                special,
            }
        };
        let compensation_year = r
            .read(&COMPENSATION_YEAR, self, COMPENSATION_YEAR.path())
            .map(|v| v as u32);
        if !r.problems.is_empty() {
            return Err(r.problems);
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

pub fn compute(tariff: &TariffDraft, currency: &str) -> Computation {
    match tariff.to_input(currency) {
        Err(problems) => Computation::Problems(problems),
        Ok(input) => match crate::tariff::calculate(&input) {
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
        let Computation::Results(_, results) = compute(&t, "USD") else {
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

    /// The path of `key` in the saved JSON of `value` (`multipliers.residential`).
    fn at<'a>(json: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
        key.split('.').fold(json, |v, part| &v[part])
    }

    fn table_keys_are_in_the_json<R: Default + serde::Serialize>(table: &TariffTable<R>) {
        let mut row = R::default();
        for c in table.columns {
            *(c.get_mut)(&mut row) = format!("<{}>", c.key);
        }
        let json = serde_json::to_value(&row).unwrap();
        for c in table.columns {
            assert_eq!(
                at(&json, c.key),
                &format!("<{}>", c.key),
                "{}.{}",
                table.key,
                c.key
            );
        }
        let mut t = TariffDraft::default();
        (table.rows_mut)(&mut t).push(R::default());
        let json = serde_json::to_value(&t).unwrap();
        assert!(json[table.key].is_array(), "{}", table.key);
    }

    #[test]
    fn every_answer_s_key_is_where_the_saved_json_keeps_it() {
        let mut t = TariffDraft::default();
        for a in ANSWERS {
            *(a.get_mut)(&mut t) = format!("<{}>", a.key);
        }
        let json = serde_json::to_value(&t).unwrap();
        for a in ANSWERS {
            assert_eq!(at(&json, a.key), &format!("<{}>", a.key), "{}", a.key);
        }
        table_keys_are_in_the_json(&ASSETS);
        table_keys_are_in_the_json(&SUBSIDIES);
        table_keys_are_in_the_json(&INDEXATION);
        table_keys_are_in_the_json(&KWH_SOLD);
    }

    #[test]
    fn the_rows_keep_the_names_the_saved_json_had() {
        // Saved by the versions before the rows had names of their own.
        let t: TariffDraft = serde_json::from_str(
            r#"{"indexation":[{"year":"2","a":"1.1","b":"1.05"}],"subsidies":[{"year":"1","a":"500","b":""}]}"#,
        )
        .unwrap();
        assert_eq!(
            (
                t.indexation[0].diesel_index.as_str(),
                t.indexation[0].cpi_index.as_str()
            ),
            ("1.1", "1.05")
        );
        assert_eq!(t.subsidies[0].amount, "500");
        let again = serde_json::to_string(&t.indexation).unwrap();
        assert_eq!(again, r#"[{"year":"2","a":"1.1","b":"1.05"}]"#);
        let again = serde_json::to_string(&t.subsidies).unwrap();
        assert_eq!(again, r#"[{"year":"1","a":"500","b":""}]"#);
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
