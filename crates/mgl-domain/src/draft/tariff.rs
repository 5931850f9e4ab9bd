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

/// A year's indices (6.1(f)). Saved as `a` and `b`, the names the first versions gave them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndexationRow {
    pub year: String,
    #[serde(rename = "a")]
    pub diesel_index: String,
    #[serde(rename = "b")]
    pub cpi_index: String,
}

/// A subsidy received in a year (6.1(i)). Saved as `a`, the name the first versions gave it; the
/// first versions also wrote an empty `b`, kept so that the saved JSON stays as it was.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SubsidyRow {
    pub year: String,
    #[serde(rename = "a")]
    pub amount: String,
    #[serde(rename = "b")]
    pub unused: String,
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
    pub indexation: Vec<IndexationRow>,
    pub subsidies: Vec<SubsidyRow>,
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
