//! Which licence applies (Sections 3.1 to 3.4) and what follows from it, with the reasons in words.
//!
//! - Isolated mini-grids: Simplified Licence (3.1) up to the profile's limit (100 kW of Distributed
//!   Power, on the portfolio's total or on each site as the profile says), Full Licence (3.2) above it up
//!   to 5 MW, or voluntarily below it (3.2(4)).
//! - Interconnected mini-grids: Interconnected Mini-Grid Licence (3.3) up to 5 MW of Generation Capacity.
//! - Above 5 MW, or a site above 5 MW of Generation Capacity (not a Mini-Grid by 1.4): outside the
//!   Regulation. A portfolio mixing isolated and interconnected sites needs two applications.

use crate::draft::{Draft, YES};
use crate::format::{fill, format_number_in};
use crate::i18n::{tr, Lang};
use crate::parse::parse_quantity;
use crate::profile::{CountryProfile, LimitBasis};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceKind {
    Simplified,
    Full,
    Interconnected,
}

impl LicenceKind {
    pub fn name(self) -> &'static str {
        match self {
            LicenceKind::Simplified => "Simplified Licence (Section 3.1)",
            LicenceKind::Full => "Full Licence (Section 3.2)",
            LicenceKind::Interconnected => "Interconnected Mini-Grid Licence (Section 3.3)",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome", content = "licence")]
pub enum Outcome {
    /// Some answers the decision needs are missing.
    Undetermined,
    Licence(LicenceKind),
    /// Isolated and interconnected sites in one application.
    MixedPortfolio,
    /// Above the Regulation's 5 MW.
    OutsideRegulation,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decision {
    pub outcome: Outcome,
    /// One line: the licence, or why there is none.
    pub summary: String,
    /// Why, with the figures and sections.
    pub reasons: Vec<String>,
    /// What follows: tariff approval, compensation on grid arrival, deadlines.
    pub consequences: Vec<String>,
    /// Whether the voluntary Full Licence question (3.2(4)) is worth asking.
    pub may_choose_full: bool,
}

/// Decides the licence from the sites' connection, Distributed Power and Generation Capacity.
pub fn decide(draft: &Draft, profile: &CountryProfile, lang: Lang) -> Decision {
    let t = |msgid| tr(lang, msgid);
    let kw = |v: f64| format_number_in(v, lang);
    let limit = kw(profile.simplified_limit_kw);
    let max = kw(profile.mini_grid_limit_kw);
    let mut reasons = Vec::new();
    let undetermined = |summary: &str, reasons: Vec<String>| Decision {
        outcome: Outcome::Undetermined,
        summary: summary.to_owned(),
        reasons,
        consequences: vec![],
        may_choose_full: false,
    };
    let site_name = |i: usize| {
        let name = draft.sites[i].name.trim();
        if name.is_empty() {
            fill(t("site {n}"), &[("n", &(i + 1).to_string())])
        } else {
            name.to_owned()
        }
    };

    if draft.sites.is_empty() {
        return undetermined(t("Add a site to see which licence applies."), vec![]);
    }
    let connections: Vec<&str> = draft.sites.iter().map(|s| s.connection.as_str()).collect();
    let missing: Vec<String> = (0..draft.sites.len())
        .filter(|i| !matches!(connections[*i], "isolated" | "interconnected"))
        .map(site_name)
        .collect();
    if !missing.is_empty() {
        let why = fill(
            t("Say whether these sites are isolated or interconnected: {sites}."),
            &[("sites", &missing.join(", "))],
        );
        return undetermined(t("The licence type cannot be decided yet."), vec![why]);
    }
    let interconnected = connections[0] == "interconnected";
    if connections.iter().any(|c| *c != connections[0]) {
        return Decision {
            outcome: Outcome::MixedPortfolio,
            summary: t("Isolated and interconnected mini-grids cannot be in one application.").to_owned(),
            reasons: vec![t("Isolated mini-grids are licensed under Sections 3.1 or 3.2, interconnected ones under Section 3.3: make one application for each group of sites.").to_owned()],
            consequences: vec![],
            may_choose_full: false,
        };
    }

    // Generation Capacity: every site must be a Mini-Grid (1.4: up to 5 MW).
    let mut capacities = Vec::with_capacity(draft.sites.len());
    let mut powers = Vec::with_capacity(draft.sites.len());
    let mut missing = Vec::new();
    for (i, site) in draft.sites.iter().enumerate() {
        let capacity = parse_quantity(&site.generation_capacity_kw, false).ok();
        let power = parse_quantity(&site.distributed_power_kw, false).ok();
        if capacity.is_none() || (!interconnected && power.is_none()) {
            missing.push(site_name(i));
        }
        capacities.push(capacity.unwrap_or(0.0));
        powers.push(power.unwrap_or(0.0));
    }
    for (i, capacity) in capacities.iter().enumerate() {
        if *capacity > profile.mini_grid_limit_kw {
            return outside(fill(
                t("{site} has a Generation Capacity of {kw} kW, above {max} kW: it is not a Mini-Grid under this Regulation (Section 1.4)."),
                &[("site", &site_name(i)), ("kw", &kw(*capacity)), ("max", &max)],
            ));
        }
    }
    if !missing.is_empty() {
        let what = if interconnected {
            t("Generation Capacity")
        } else {
            t("Distributed Power and Generation Capacity")
        };
        let why = fill(
            t("Enter the {what} of: {sites}."),
            &[("what", what), ("sites", &missing.join(", "))],
        );
        return undetermined(t("The licence type cannot be decided yet."), vec![why]);
    }

    let total_capacity: f64 = capacities.iter().sum();
    let total_power: f64 = powers.iter().sum();
    let mut consequences = Vec::new();
    let kind = if interconnected {
        if total_capacity > profile.mini_grid_limit_kw {
            return outside(fill(
                t("The total Generation Capacity is {kw} kW, above {max} kW: Section 3.3 covers interconnected mini-grids up to 5 MW."),
                &[("kw", &kw(total_capacity)), ("max", &max)],
            ));
        }
        reasons.push(fill(
            t("The mini-grids are connected to a Distribution Network Operator's network, with a total Generation Capacity of {kw} kW (at most {max} kW)."),
            &[("kw", &kw(total_capacity)), ("max", &max)],
        ));
        consequences.push(t("A Tripartite Agreement with the Distribution Network Operator and the Connected Community is needed (Section 3.3(1)).").to_owned());
        consequences.push(t("Tariffs are calculated by the method of Section 6 and need the Authority's approval (Section 3.3(2)).").to_owned());
        LicenceKind::Interconnected
    } else {
        if total_power > profile.mini_grid_limit_kw {
            return outside(fill(
                t("The total Distributed Power is {kw} kW, above {max} kW: the Regulation covers mini-grids up to 5 MW (Section 3.2)."),
                &[("kw", &kw(total_power)), ("max", &max)],
            ));
        }
        let (within_simplified, measured) = match profile.simplified_limit_basis {
            LimitBasis::Total => (
                total_power <= profile.simplified_limit_kw,
                fill(
                    t("The total Distributed Power of the isolated mini-grids is {kw} kW"),
                    &[("kw", &kw(total_power))],
                ),
            ),
            LimitBasis::EachSite => {
                let largest = powers.iter().copied().fold(0.0, f64::max);
                (
                    largest <= profile.simplified_limit_kw,
                    fill(t("The largest Distributed Power of a single isolated mini-grid is {kw} kW"), &[("kw", &kw(largest))]),
                )
            }
        };
        let voluntary = draft.project.voluntary_full_licence == YES;
        if within_simplified && !voluntary {
            reasons.push(fill(
                t("{measured}, at most {limit} kW."),
                &[("measured", &measured), ("limit", &limit)],
            ));
            consequences.push(t("Tariffs are calculated by the method of Section 6 and need no approval by the Authority (Section 3.1(2)).").to_owned());
            consequences.push(t("No compensation can be enforced from the main-grid operator if the main grid connects to the mini-grid (Section 3.1(3)).").to_owned());
            LicenceKind::Simplified
        } else {
            if within_simplified {
                reasons.push(fill(
                    t("{measured}, at most {limit} kW, and the applicant chooses a Full Licence (Section 3.2(4))."),
                    &[("measured", &measured), ("limit", &limit)],
                ));
            } else {
                reasons.push(fill(
                    t("{measured}, more than {limit} kW and at most {max} kW."),
                    &[("measured", &measured), ("limit", &limit), ("max", &max)],
                ));
            }
            consequences.push(t("Tariffs are calculated by the method of Section 6 and need the Authority's approval (Section 3.2(2)).").to_owned());
            consequences.push(t("Compensation can be enforced from the main-grid operator if the main grid connects to the mini-grid (Sections 3.2(3) and 15).").to_owned());
            LicenceKind::Full
        }
    };
    if draft.project.pre_existing == YES {
        consequences.push(match profile.pre_existing_deadline() {
            Some(deadline) => fill(
                t("Mini-grids in operation before the Regulation came into force must apply by {date}, within 6 months of it (Section 3.4)."),
                &[("date", &deadline.to_string())],
            ),
            None => t("Mini-grids in operation before the Regulation came into force must apply within 6 months of it (Section 3.4).").to_owned(),
        });
    }
    let may_choose_full = !interconnected
        && match profile.simplified_limit_basis {
            LimitBasis::Total => total_power <= profile.simplified_limit_kw,
            LimitBasis::EachSite => powers.iter().all(|p| *p <= profile.simplified_limit_kw),
        };
    Decision {
        outcome: Outcome::Licence(kind),
        summary: tr(lang, kind.name()).to_owned(),
        reasons,
        consequences,
        may_choose_full,
    }
}

fn outside(reason: String) -> Decision {
    Decision {
        outcome: Outcome::OutsideRegulation,
        summary: "This Regulation does not apply: it covers mini-grids up to 5 MW.".to_owned(),
        reasons: vec![reason],
        consequences: vec![],
        may_choose_full: false,
    }
}
