//! The tariff calculation of Section 6 (6.1 (a) to (f), 6.2(2), 15(2)) as the method in
//! `docs/tariff.md`: capitalised opex of the first three years, a capital base net of grants spread
//! pro rata over asset classes, annuity depreciation per class, return on the remaining value at the
//! start of each year, indexed opex, revenue-neutral customer-class tariffs, and the compensation due
//! if the main grid arrives. Inputs that cannot give a number give an error in words, never NaN.

use crate::i18n::Lang;
use crate::message::{text, Arg, Text};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Asset {
    pub name: String,
    pub capex: f64,
    pub lifetime_years: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Opex {
    /// Year-0 values, indexed by the diesel index (fuel) and the CPI (non-fuel).
    pub fuel: f64,
    pub non_fuel: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexYear {
    pub year: u32,
    #[serde(default = "one")]
    pub diesel_index: f64,
    #[serde(default = "one")]
    pub cpi_index: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Subsidy {
    pub year: u32,
    pub amount: f64,
}

/// kWh sold in a year, by customer class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sales {
    pub year: u32,
    pub residential: f64,
    pub commercial: f64,
    pub productive: f64,
    pub special: f64,
}

impl Sales {
    pub fn total(&self) -> f64 {
        self.residential + self.commercial + self.productive + self.special
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Split {
    /// T_c = m_c * RR / sum_k(m_k * kWh_k).
    Multipliers {
        #[serde(default = "one")]
        residential: f64,
        #[serde(default = "one")]
        commercial: f64,
        #[serde(default = "one")]
        productive: f64,
        #[serde(default = "one")]
        special: f64,
    },
    /// Productive users pay the diesel alternative less a margin, commercial and special the average,
    /// residential the remainder.
    DieselBenchmark {
        diesel_alternative_per_kwh: f64,
        margin: f64,
    },
}

impl Default for Split {
    fn default() -> Self {
        Split::Multipliers {
            residential: 1.0,
            commercial: 1.0,
            productive: 1.0,
            special: 1.0,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompensationBasis {
    /// Remaining value net of the grant-funded share (the default).
    #[default]
    Net,
    /// The grant-funded share added back.
    Gross,
}

fn one() -> f64 {
    1.0
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TariffInput {
    #[serde(default)]
    pub currency: String,
    /// Nominal pre-tax WACC as a decimal (0.12 for 12 %).
    pub wacc: f64,
    pub assets: Vec<Asset>,
    #[serde(default)]
    pub development_cost: f64,
    #[serde(default)]
    pub grants: f64,
    #[serde(default)]
    pub opex: Opex,
    #[serde(default)]
    pub indexation: Vec<IndexYear>,
    #[serde(default)]
    pub subsidies: Vec<Subsidy>,
    pub kwh_sold: Vec<Sales>,
    #[serde(default = "yes")]
    pub capitalise_first_three_years_opex: bool,
    /// Years to compute; the longest lifetime when absent.
    #[serde(default)]
    pub horizon_years: Option<u32>,
    #[serde(default)]
    pub split: Split,
    /// The main grid arrives at the end of this year (15(2)); none when absent.
    #[serde(default)]
    pub compensation_year: Option<u32>,
    #[serde(default)]
    pub compensation_basis: CompensationBasis,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClassTariffs {
    pub residential: f64,
    pub commercial: f64,
    pub productive: f64,
    pub special: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearResult {
    pub year: u32,
    pub opening_value: f64,
    pub depreciation: f64,
    #[serde(rename = "return")]
    pub return_on_capital: f64,
    pub opex: f64,
    pub revenue_requirement: f64,
    pub kwh_sold: f64,
    pub average_tariff: f64,
    pub closing_value: f64,
    pub class_tariffs: ClassTariffs,
}

impl YearResult {
    /// The year's figures in the schedule's column order (after the year).
    pub fn figures(&self) -> [f64; 12] {
        let c = &self.class_tariffs;
        [
            self.opening_value,
            self.depreciation,
            self.return_on_capital,
            self.opex,
            self.revenue_requirement,
            self.kwh_sold,
            self.average_tariff,
            self.closing_value,
            c.residential,
            c.commercial,
            c.productive,
            c.special,
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Compensation {
    pub year: u32,
    pub remaining_value: f64,
    pub last_12_months_revenue: f64,
    pub total: f64,
}

/// The method's results. Saved (results.json) through [`TariffResults::file`], which says the
/// warnings in a language.
#[derive(Clone, Debug, PartialEq)]
pub struct TariffResults {
    pub capitalised_opex: f64,
    pub capital_base: f64,
    pub annual_capital_charge: f64,
    pub levelised_tariff: f64,
    pub years: Vec<YearResult>,
    pub compensation: Option<Compensation>,
    /// Inputs that compute but look wrong, to be said in the reader's language.
    pub warnings: Vec<Text>,
}

/// The results as results.json holds them: the warnings said in the bundle's language.
#[derive(Serialize)]
pub struct ResultsFile<'a> {
    pub capitalised_opex: f64,
    pub capital_base: f64,
    pub annual_capital_charge: f64,
    pub levelised_tariff: f64,
    pub years: &'a [YearResult],
    pub compensation: &'a Option<Compensation>,
    pub warnings: Vec<String>,
}

impl TariffResults {
    /// What results.json holds, its warnings in `lang`.
    pub fn file(&self, lang: Lang) -> ResultsFile<'_> {
        ResultsFile {
            capitalised_opex: self.capitalised_opex,
            capital_base: self.capital_base,
            annual_capital_charge: self.annual_capital_charge,
            levelised_tariff: self.levelised_tariff,
            years: &self.years,
            compensation: &self.compensation,
            warnings: self.warnings.iter().map(|w| w.render(lang)).collect(),
        }
    }
}

/// WACC (nominal, pre-tax) from the equity share E/V, cost of equity, cost of debt and tax rate:
/// E/V * Re / (1 - tax) + D/V * Rd.
pub fn wacc(
    equity_share: f64,
    cost_of_equity: f64,
    cost_of_debt: f64,
    tax_rate: f64,
) -> Option<f64> {
    let ok = (0.0..=1.0).contains(&equity_share) && (0.0..1.0).contains(&tax_rate);
    let value =
        equity_share * cost_of_equity / (1.0 - tax_rate) + (1.0 - equity_share) * cost_of_debt;
    (ok && value.is_finite()).then_some(value)
}

/// Capital recovery factor r(1+r)^n / ((1+r)^n - 1), or 1/n when r = 0.
pub fn crf(r: f64, n: f64) -> f64 {
    if r == 0.0 {
        1.0 / n
    } else {
        let g = (1.0 + r).powf(n);
        r * g / (g - 1.0)
    }
}

/// Annuity depreciation of one class in year t (1-based), 0 after its lifetime.
pub fn depreciation(c: f64, r: f64, n: u32, t: u32) -> f64 {
    if t > n {
        0.0
    } else if r == 0.0 {
        c / f64::from(n)
    } else {
        c * r * (1.0 + r).powi(t as i32 - 1) / ((1.0 + r).powi(n as i32) - 1.0)
    }
}

/// Remaining value of one class at the end of year t (t = 0: the start), 0 after its lifetime.
pub fn remaining(c: f64, r: f64, n: u32, t: u32) -> f64 {
    if t >= n {
        0.0
    } else if r == 0.0 {
        c * (1.0 - f64::from(t) / f64::from(n))
    } else {
        let g = (1.0 + r).powi(n as i32);
        c * (g - (1.0 + r).powi(t as i32)) / (g - 1.0)
    }
}

/// What the method takes for one year from the entries (6.1(c), (e)): the indices of that year (1
/// when none is given), its subsidies, the net operating cost they give, and its sales (years after
/// the last entry repeat it; years before the first take the first). `sales` sorted by year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct YearInputs {
    pub diesel_index: f64,
    pub cpi_index: f64,
    pub subsidy: f64,
    pub net_opex: f64,
    pub sales: Sales,
}

/// The entries' values for `year` (see [`YearInputs`]); the workbook's formulas do the same.
pub fn year_inputs(input: &TariffInput, sales: &[Sales], year: u32) -> YearInputs {
    let mut found = sales[0];
    for s in sales {
        if s.year <= year {
            found = *s;
        }
    }
    let (diesel_index, cpi_index) = input
        .indexation
        .iter()
        .find(|i| i.year == year)
        .map_or((1.0, 1.0), |i| (i.diesel_index, i.cpi_index));
    let subsidy = input
        .subsidies
        .iter()
        .filter(|s| s.year == year)
        .map(|s| s.amount)
        .sum::<f64>();
    YearInputs {
        diesel_index,
        cpi_index,
        subsidy,
        net_opex: input.opex.fuel * diesel_index + input.opex.non_fuel * cpi_index - subsidy,
        sales: Sales { year, ..found },
    }
}

/// The sales entries in the order the method reads them: by year.
pub fn sales_by_year(input: &TariffInput) -> Vec<Sales> {
    let mut sales = input.kwh_sold.clone();
    sales.sort_by_key(|s| s.year);
    sales
}

/// Each asset class's share of the capital base (its capex in proportion, 6.1(b)) and lifetime.
pub fn asset_shares(input: &TariffInput, capital_base: f64) -> Vec<(f64, u32)> {
    let hardware: f64 = input.assets.iter().map(|a| a.capex).sum();
    input
        .assets
        .iter()
        .map(|a| (a.capex * capital_base / hardware, a.lifetime_years as u32))
        .collect()
}

/// Computes the tariff. An input that cannot give a meaningful number is an error in words.
pub fn calculate(input: &TariffInput) -> Result<TariffResults, Text> {
    let r = input.wacc;
    let mut warnings = Vec::new();
    if !r.is_finite() || !(0.0..=100.0).contains(&r) {
        return Err(text(
            "The WACC must be a number of 0 or more, as a decimal (0.12 for 12 %).",
        ));
    }
    if r > 1.0 {
        warnings.push(
            text("A WACC of {wacc} is {percent} %: did you mean {decimal}? Type the WACC as a decimal.")
                .with("wacc", r)
                .with("percent", r * 100.0)
                .with("decimal", r / 100.0),
        );
    } else if !(0.05..=0.35).contains(&r) {
        warnings.push(
            text("A WACC of {wacc} is outside the usual 0.05 to 0.35 for mini-grids.")
                .with("wacc", r),
        );
    }
    if input.assets.is_empty() {
        return Err(text(
            "Enter at least one asset class with its capital cost and lifetime.",
        ));
    }
    let mut lifetimes = Vec::with_capacity(input.assets.len());
    for a in &input.assets {
        let name_arg = if a.name.trim().is_empty() {
            Arg::Text(text("an asset class"))
        } else {
            Arg::Verbatim(a.name.clone())
        };
        if !a.capex.is_finite() || a.capex < 0.0 {
            return Err(text("The capital cost of {name} must be 0 or more.")
                .with("name", name_arg.clone()));
        }
        let n = a.lifetime_years;
        if !n.is_finite() || n < 1.0 || n.fract() != 0.0 || n > 200.0 {
            return Err(text(
                "The lifetime of {name} must be a whole number of years, at least 1.",
            )
            .with("name", name_arg.clone()));
        }
        if n > 50.0 {
            warnings.push(
                text("A lifetime of {n} years for {name} is outside the usual 1 to 50 years.")
                    .with("n", n)
                    .with("name", name_arg.clone()),
            );
        }
        lifetimes.push(n as u32);
    }
    for (label, value) in [
        (text("development cost"), input.development_cost),
        (text("grants"), input.grants),
        (text("fuel opex"), input.opex.fuel),
        (text("non-fuel opex"), input.opex.non_fuel),
    ] {
        if !value.is_finite() || value < 0.0 {
            return Err(text("The {what} must be 0 or more.").with("what", label));
        }
    }
    let hardware: f64 = input.assets.iter().map(|a| a.capex).sum();
    if hardware <= 0.0 {
        return Err(text(
            "The total capital cost of the assets must be more than 0.",
        ));
    }
    let horizon = match input.horizon_years {
        Some(h) if (1..=100).contains(&h) => h,
        Some(_) => return Err(text("The horizon must be between 1 and 100 years.")),
        None => *lifetimes.iter().max().expect("at least one asset"),
    };
    if input.kwh_sold.is_empty() {
        return Err(text("Enter the kWh sold per year by customer class."));
    }
    let sales = sales_by_year(input);
    for s in &sales {
        let values = [s.residential, s.commercial, s.productive, s.special];
        if values.iter().any(|v| !v.is_finite() || *v < 0.0) {
            return Err(text("The kWh sold in year {year} must be 0 or more.")
                .with("year", s.year.to_string()));
        }
    }
    let net_opex = |year: u32| year_inputs(input, &sales, year).net_opex;

    let capitalise = input.capitalise_first_three_years_opex;
    let capitalised_opex: f64 = if capitalise {
        (1..=3)
            .map(|y| net_opex(y) / (1.0 + r).powi(y as i32))
            .sum()
    } else {
        0.0
    };
    let capital_base = hardware + input.development_cost + capitalised_opex - input.grants;
    if !capital_base.is_finite() || capital_base <= 0.0 {
        return Err(text("The grants are larger than the capital to recover: the capital base would be 0 or less."));
    }
    let classes = asset_shares(input, capital_base);
    let annual_capital_charge: f64 = classes.iter().map(|(c, n)| c * crf(r, f64::from(*n))).sum();

    let mut years = Vec::with_capacity(horizon as usize);
    for year in 1..=horizon {
        let opening_value: f64 = classes
            .iter()
            .map(|(c, n)| remaining(*c, r, *n, year - 1))
            .sum();
        let closing_value: f64 = classes
            .iter()
            .map(|(c, n)| remaining(*c, r, *n, year))
            .sum();
        let depreciation: f64 = classes
            .iter()
            .map(|(c, n)| depreciation(*c, r, *n, year))
            .sum();
        let return_on_capital = r * opening_value;
        let opex = if capitalise && year <= 3 {
            0.0
        } else {
            net_opex(year)
        };
        let revenue_requirement = opex + depreciation + return_on_capital;
        let sold = year_inputs(input, &sales, year).sales;
        let kwh = sold.total();
        if kwh <= 0.0 {
            return Err(text("No kWh are sold in year {year}: the tariff cannot be computed. Enter the expected sales.").with("year", year.to_string()));
        }
        let average_tariff = revenue_requirement / kwh;
        let class_tariffs = split(
            &input.split,
            revenue_requirement,
            average_tariff,
            &sold,
            year,
            &mut warnings,
        )?;
        years.push(YearResult {
            year,
            opening_value,
            depreciation,
            return_on_capital,
            opex,
            revenue_requirement,
            kwh_sold: kwh,
            average_tariff,
            closing_value,
            class_tariffs,
        });
    }
    let discount = |y: &YearResult| (1.0 + r).powi(y.year as i32);
    let pv_rr: f64 = years
        .iter()
        .map(|y| y.revenue_requirement / discount(y))
        .sum();
    let pv_kwh: f64 = years.iter().map(|y| y.kwh_sold / discount(y)).sum();
    let levelised_tariff = pv_rr / pv_kwh;

    if capitalise && years.len() >= 4 {
        let (y3, y4) = (years[2].average_tariff, years[3].average_tariff);
        if y3 > 0.0 && y4 > y3 * 1.1 {
            warnings.push(
                text("The tariff rises by {percent} % in year 4, when operating costs enter the revenue requirement after the three capitalised years (6.1(d)).")
                    .with("percent", ((y4 / y3 - 1.0) * 100.0).round()),
            );
        }
    }
    // "Far outside typical mini-grid tariffs": about 0.05 to 3 per kWh in US dollars, euros or pounds;
    // in other currencies the diesel alternative, when given, is the yardstick (three times it).
    let limit = match (&input.split, input.currency.as_str()) {
        (_, "USD" | "EUR" | "GBP") => Some((0.05, 3.0)),
        (
            Split::DieselBenchmark {
                diesel_alternative_per_kwh,
                ..
            },
            _,
        ) if *diesel_alternative_per_kwh > 0.0 => Some((0.0, 3.0 * diesel_alternative_per_kwh)),
        _ => None,
    };
    if let Some((low, high)) = limit {
        if let Some(y) = years
            .iter()
            .find(|y| y.average_tariff < low || y.average_tariff > high)
        {
            warnings.push(
                text("The average tariff of year {year} is {tariff} {currency}/kWh, far outside typical mini-grid tariffs: check the inputs.")
                    .with("year", y.year.to_string())
                    .with("tariff", y.average_tariff)
                    .with("currency", input.currency.as_str()),
            );
        }
    }

    let compensation = match input.compensation_year {
        None => None,
        Some(year) if year == 0 || year > horizon => {
            return Err(text(
                "The year the main grid arrives must be between 1 and the horizon ({horizon}).",
            )
            .with("horizon", horizon.to_string()))
        }
        Some(year) => {
            let net_rv = years[year as usize - 1].closing_value;
            let remaining_value = match input.compensation_basis {
                CompensationBasis::Net => net_rv,
                CompensationBasis::Gross => net_rv * (capital_base + input.grants) / capital_base,
            };
            let last_12_months_revenue = years[year as usize - 1].revenue_requirement;
            Some(Compensation {
                year,
                remaining_value,
                last_12_months_revenue,
                total: remaining_value + last_12_months_revenue,
            })
        }
    };
    warnings.dedup();
    // Extreme inputs (a WACC of 90, capital of 1e300) can overflow: say so rather than show infinity.
    let numbers = [
        capitalised_opex,
        capital_base,
        annual_capital_charge,
        levelised_tariff,
    ];
    let year_numbers = years.iter().flat_map(YearResult::figures);
    let compensation_numbers = compensation
        .iter()
        .flat_map(|c| [c.remaining_value, c.total]);
    if !numbers
        .into_iter()
        .chain(year_numbers)
        .chain(compensation_numbers)
        .all(f64::is_finite)
    {
        return Err(text("These inputs give numbers too large to compute: check the WACC, the costs and the kWh."));
    }
    Ok(TariffResults {
        capitalised_opex,
        capital_base,
        annual_capital_charge,
        levelised_tariff,
        years,
        compensation,
        warnings,
    })
}

/// Revenue-neutral tariffs per class: sum over classes of T_c * kWh_c = RR.
fn split(
    split: &Split,
    rr: f64,
    average: f64,
    sold: &Sales,
    year: u32,
    warnings: &mut Vec<Text>,
) -> Result<ClassTariffs, Text> {
    match *split {
        Split::Multipliers {
            residential,
            commercial,
            productive,
            special,
        } => {
            let m = [residential, commercial, productive, special];
            if m.iter().any(|v| !v.is_finite() || *v < 0.0) {
                return Err(text("The class multipliers must be 0 or more."));
            }
            let weighted = residential * sold.residential
                + commercial * sold.commercial
                + productive * sold.productive
                + special * sold.special;
            if weighted <= 0.0 {
                return Err(text(
                    "The class multipliers give no weight to the classes that buy electricity.",
                ));
            }
            let unit = rr / weighted;
            Ok(ClassTariffs {
                residential: residential * unit,
                commercial: commercial * unit,
                productive: productive * unit,
                special: special * unit,
            })
        }
        Split::DieselBenchmark {
            diesel_alternative_per_kwh: diesel,
            margin,
        } => {
            if !diesel.is_finite() || diesel < 0.0 || !(0.0..=1.0).contains(&margin) {
                return Err(text(
                    "The diesel alternative must be 0 or more and the margin between 0 and 1.",
                ));
            }
            let productive = diesel * (1.0 - margin);
            let others = productive * sold.productive + average * (sold.commercial + sold.special);
            let residential = if sold.residential > 0.0 {
                (rr - others) / sold.residential
            } else if (rr - others).abs() <= 1e-9 * rr.abs().max(1.0) {
                0.0
            } else {
                return Err(text("In year {year} no residential kWh are sold, so the residential class cannot pay the remainder: use multipliers.").with("year", year.to_string()));
            };
            if residential > average * (1.0 + 1e-9) {
                let warning = text("Residential customers would pay more than the average tariff: the aims of 6.1(f) (affordable for households, productive use at the diesel alternative) conflict here.");
                if !warnings.contains(&warning) {
                    warnings.push(warning);
                }
            }
            Ok(ClassTariffs {
                residential,
                commercial: average,
                productive,
                special: average,
            })
        }
    }
}

/// The year-by-year schedule as CSV (comma-separated, point decimals, a header row).
pub fn schedule_csv(results: &TariffResults) -> String {
    let mut csv = String::from(
        "year,opening_value,depreciation,return,opex,revenue_requirement,kwh_sold,average_tariff,closing_value,tariff_residential,tariff_commercial,tariff_productive,tariff_special\n",
    );
    // serde_json's shortest round-trip form: exact, and no float printing of our own in the wasm.
    let n = |v: f64| serde_json::Number::from_f64(v).map_or_else(String::new, |n| n.to_string());
    for y in &results.years {
        let row = y.figures();
        csv += &y.year.to_string();
        for v in row {
            csv.push(',');
            csv += &n(v);
        }
        csv.push('\n');
    }
    csv
}
