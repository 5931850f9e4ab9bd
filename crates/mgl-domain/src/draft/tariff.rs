//! The tariff calculation's inputs as typed (Section 6), kept with the draft: data only
//! (`tariff_draft` reads them into the method's input).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssetRow {
    pub name: String,
    pub capex: String,
    pub lifetime_years: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct YearRow {
    pub year: String,
    /// Subsidy amount, or the diesel index, per table.
    pub a: String,
    /// The CPI index (indexation table only).
    pub b: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SalesRow {
    pub year: String,
    pub residential: String,
    pub commercial: String,
    pub productive: String,
    pub special: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TariffDraft {
    pub wacc: String,
    pub assets: Vec<AssetRow>,
    pub development_cost: String,
    pub grants: String,
    pub opex_fuel: String,
    pub opex_non_fuel: String,
    pub indexation: Vec<YearRow>,
    pub subsidies: Vec<YearRow>,
    pub kwh_sold: Vec<SalesRow>,
    /// "no" switches capitalisation off; anything else keeps it.
    pub capitalise_first_three_years_opex: String,
    pub horizon_years: String,
    /// "multipliers" (default) or "diesel_benchmark".
    pub split_mode: String,
    pub multipliers: SalesRow,
    pub diesel_alternative_per_kwh: String,
    pub margin: String,
    pub compensation_year: String,
    /// "net" (default) or "gross".
    pub compensation_basis: String,
}
