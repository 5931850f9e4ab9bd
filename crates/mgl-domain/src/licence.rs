//! Which licence applies (Sections 3.1 to 3.4) and what follows from it, with the reasons in words.
//!
//! - Isolated mini-grids: Simplified Licence (3.1) up to the profile's limit (100 kW of Distributed
//!   Power, on the portfolio's total or on each site as the profile says), Full Licence (3.2) above it up
//!   to 5 MW, or voluntarily below it (3.2(4)).
//! - Interconnected mini-grids: Interconnected Mini-Grid Licence (3.3) up to 5 MW of Generation Capacity.
//! - Above 5 MW, or a site above 5 MW of Generation Capacity (not a Mini-Grid by 1.4): outside the
//!   Regulation. A portfolio mixing isolated and interconnected sites needs two applications.

use crate::draft::{Draft, INTERCONNECTED, ISOLATED, YES};
use crate::message::{text, Arg, Text};
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

/// The decision, its words as [`Text`] to be rendered in the reader's language where shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub outcome: Outcome,
    /// One line: the licence, or why there is none.
    pub summary: Text,
    /// Why, with the figures and sections.
    pub reasons: Vec<Text>,
    /// What follows: tariff approval, compensation on grid arrival, deadlines.
    pub consequences: Vec<Text>,
    /// Whether the voluntary Full Licence question (3.2(4)) is worth asking.
    pub may_choose_full: bool,
}

/// The company's answers that [`decide`] reads besides the sites: while neither they nor the sites
/// change, neither does the decision (`validate::SiteCache` relies on it; tested).
pub fn company_answers(draft: &Draft) -> [&str; 2] {
    [
        &draft.project.voluntary_full_licence,
        &draft.project.pre_existing,
    ]
}

/// Decides the licence from the sites' connection, Distributed Power and Generation Capacity.
pub fn decide(draft: &Draft, profile: &CountryProfile) -> Decision {
    let limit = profile.simplified_limit_kw;
    let max = profile.mini_grid_limit_kw;
    let mut reasons = Vec::new();
    let undetermined = |summary: Text, reasons: Vec<Text>| Decision {
        outcome: Outcome::Undetermined,
        summary,
        reasons,
        consequences: vec![],
        may_choose_full: false,
    };
    let site_name = |i: usize| draft.sites[i].display_name(i);

    if draft.sites.is_empty() {
        return undetermined(text("Add a site to see which licence applies."), vec![]);
    }
    let connections: Vec<&str> = draft.sites.iter().map(|s| s.connection.as_str()).collect();
    let missing: Vec<Arg> = (0..draft.sites.len())
        .filter(|i| ![ISOLATED, INTERCONNECTED].contains(&connections[*i]))
        .map(site_name)
        .collect();
    if !missing.is_empty() {
        let why = text("Say whether these sites are isolated or interconnected: {sites}.")
            .with("sites", missing);
        return undetermined(text("The licence type cannot be decided yet."), vec![why]);
    }
    let interconnected = connections[0] == INTERCONNECTED;
    if connections.iter().any(|c| *c != connections[0]) {
        return Decision {
            outcome: Outcome::MixedPortfolio,
            summary: text("Isolated and interconnected mini-grids cannot be in one application."),
            reasons: vec![text("Isolated mini-grids are licensed under Sections 3.1 or 3.2, interconnected ones under Section 3.3: make one application for each group of sites.")],
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
            return outside(text("{site} has a Generation Capacity of {kw} kW, above {max} kW: it is not a Mini-Grid under this Regulation (Section 1.4).").with("site", site_name(i)).with("kw", *capacity).with("max", max));
        }
    }
    if !missing.is_empty() {
        let what = if interconnected {
            text("Generation Capacity")
        } else {
            text("Distributed Power and Generation Capacity")
        };
        let why = text("Enter the {what} of: {sites}.")
            .with("what", what)
            .with("sites", missing);
        return undetermined(text("The licence type cannot be decided yet."), vec![why]);
    }

    let total_capacity: f64 = capacities.iter().sum();
    let total_power: f64 = powers.iter().sum();
    let mut consequences = Vec::new();
    let kind = if interconnected {
        if total_capacity > profile.mini_grid_limit_kw {
            return outside(text("The total Generation Capacity is {kw} kW, above {max} kW: Section 3.3 covers interconnected mini-grids up to 5 MW.").with("kw", total_capacity).with("max", max));
        }
        reasons.push(text("The mini-grids are connected to a Distribution Network Operator's network, with a total Generation Capacity of {kw} kW (at most {max} kW).").with("kw", total_capacity).with("max", max));
        consequences.push(text("A Tripartite Agreement with the Distribution Network Operator and the Connected Community is needed (Section 3.3(1))."));
        consequences.push(text("Tariffs are calculated by the method of Section 6 and need the Authority's approval (Section 3.3(2))."));
        LicenceKind::Interconnected
    } else {
        if total_power > profile.mini_grid_limit_kw {
            return outside(text("The total Distributed Power is {kw} kW, above {max} kW: the Regulation covers mini-grids up to 5 MW (Section 3.2).").with("kw", total_power).with("max", max));
        }
        let (within_simplified, measured) = match profile.simplified_limit_basis {
            LimitBasis::Total => (
                total_power <= profile.simplified_limit_kw,
                text("The total Distributed Power of the isolated mini-grids is {kw} kW")
                    .with("kw", total_power),
            ),
            LimitBasis::EachSite => {
                let largest = powers.iter().copied().fold(0.0, f64::max);
                (
                    largest <= profile.simplified_limit_kw,
                    text("The largest Distributed Power of a single isolated mini-grid is {kw} kW")
                        .with("kw", largest),
                )
            }
        };
        let voluntary = draft.project.voluntary_full_licence == YES;
        if within_simplified && !voluntary {
            reasons.push(
                text("{measured}, at most {limit} kW.")
                    .with("measured", measured)
                    .with("limit", limit),
            );
            consequences.push(text("Tariffs are calculated by the method of Section 6 and need no approval by the Authority (Section 3.1(2))."));
            consequences.push(text("No compensation can be enforced from the main-grid operator if the main grid connects to the mini-grid (Section 3.1(3))."));
            LicenceKind::Simplified
        } else {
            if within_simplified {
                reasons.push(text("{measured}, at most {limit} kW, and the applicant chooses a Full Licence (Section 3.2(4)).").with("measured", measured).with("limit", limit));
            } else {
                reasons.push(
                    text("{measured}, more than {limit} kW and at most {max} kW.")
                        .with("measured", measured)
                        .with("limit", limit)
                        .with("max", max),
                );
            }
            consequences.push(text("Tariffs are calculated by the method of Section 6 and need the Authority's approval (Section 3.2(2))."));
            consequences.push(text("Compensation can be enforced from the main-grid operator if the main grid connects to the mini-grid (Sections 3.2(3) and 15)."));
            LicenceKind::Full
        }
    };
    if draft.project.pre_existing == YES {
        consequences.push(match profile.pre_existing_deadline() {
            Some(deadline) => text("Mini-grids in operation before the Regulation came into force must apply by {date}, within 6 months of it (Section 3.4).").with("date", deadline.to_string()),
            None => text("Mini-grids in operation before the Regulation came into force must apply within 6 months of it (Section 3.4)."),
        });
    }
    let may_choose_full = !interconnected
        && match profile.simplified_limit_basis {
            LimitBasis::Total => total_power <= profile.simplified_limit_kw,
            LimitBasis::EachSite => powers.iter().all(|p| *p <= profile.simplified_limit_kw),
        };
    Decision {
        outcome: Outcome::Licence(kind),
        summary: text(kind.name()),
        reasons,
        consequences,
        may_choose_full,
    }
}

fn outside(reason: Text) -> Decision {
    Decision {
        outcome: Outcome::OutsideRegulation,
        summary: text("This Regulation does not apply: it covers mini-grids up to 5 MW."),
        reasons: vec![reason],
        consequences: vec![],
        may_choose_full: false,
    }
}
