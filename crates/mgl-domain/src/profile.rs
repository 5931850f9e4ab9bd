//! The country profile: the template's placeholders (country, Authority, currency, administrative
//! levels, licence thresholds, coordinates box, working days). Code reads these, never literals, so a
//! new country is a new file in `profiles/` and no code change.

use crate::date::Date;
pub use crate::outline::BoundingBox;
use crate::outline::{self, Outline};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled_profiles.rs"));
}

/// What the Simplified Licence limit of 3.1 is measured on. The template's title says "up to 100 kW
/// each", its paragraph (1) says "a total Distributed Power of up to 100 kW".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitBasis {
    /// The sum over all sites of the portfolio (3.1(1)).
    Total,
    /// Each site on its own (3.1 title).
    EachSite,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkingDays {
    #[serde(default)]
    pub saturday_is_working_day: bool,
    /// ISO dates.
    #[serde(default)]
    pub public_holidays: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryProfile {
    pub id: String,
    pub name: String,
    pub version: u32,
    pub country_name: String,
    /// ISO 3166-1 alpha-2, used in application ids.
    pub country_code: String,
    pub authority: String,
    /// ISO 4217 code shown next to money amounts.
    pub currency: String,
    /// Names of the administrative levels a site is located by, largest first.
    pub admin_levels: Vec<String>,
    pub simplified_limit_kw: f64,
    pub simplified_limit_basis: LimitBasis,
    pub mini_grid_limit_kw: f64,
    pub bounding_box: BoundingBox,
    #[serde(default)]
    pub working_days: WorkingDays,
    /// When the regulation came into force, for the 6-month deadline of 3.4 (unknown: `null`).
    #[serde(default)]
    pub regulation_in_force: Option<String>,
    /// Largest file that can be attached, in MB (10^6 bytes).
    #[serde(default = "default_max_file_mb")]
    pub max_file_mb: f64,
    /// Above this total of attachments, in MB, the user is warned (handing the bundle over is slow).
    #[serde(default = "default_total_warning_mb")]
    pub total_warning_mb: f64,
    /// A site's power plant further than this from the site, in km, is warned about (a
    /// coordinate typed wrong, most often; a mini-grid's plant is in or beside its village).
    #[serde(default = "default_max_plant_distance_km")]
    pub max_plant_distance_km: f64,
    /// The country's ISO 3166-1 numeric code ("566"), by which the build finds its outline in
    /// Natural Earth (world-atlas) for the map of the sites; none for a fictional country.
    #[serde(default)]
    pub iso_3166_numeric: Option<String>,
    /// The country's outline when it is here (`outline::of_profile`: compiled into `mgl`; set by
    /// the app once it has fetched it); not part of the profile's file. Without it, the box.
    #[serde(skip)]
    pub outline: Option<Arc<Outline>>,
}

fn default_max_plant_distance_km() -> f64 {
    5.0
}

fn default_max_file_mb() -> f64 {
    25.0
}

fn default_total_warning_mb() -> f64 {
    200.0
}

pub const DEFAULT_PROFILE_ID: &str = "ng";

impl CountryProfile {
    pub fn parse(json: &str) -> Result<CountryProfile, String> {
        serde_json::from_str(json).map_err(|e| format!("This country profile cannot be read: {e}"))
    }

    /// A profile shipped with the app, by id.
    pub fn bundled(id: &str) -> Option<CountryProfile> {
        bundled::BUNDLED
            .iter()
            .find(|(stem, _)| *stem == id)
            .map(|(_, json)| {
                let profile =
                    CountryProfile::parse(json).expect("bundled profiles are checked by tests");
                CountryProfile {
                    outline: outline::of_profile(id),
                    ..profile
                }
            })
    }

    /// Whether a position is in the country: by its outline when there is one (a few kilometres
    /// of the border given, see `outline::EDGE_TOLERANCE_METRES`), else by its box. The one rule
    /// the checks and the map read.
    pub fn lies_in_country(&self, latitude: f64, longitude: f64) -> bool {
        if !self.bounding_box.contains(latitude, longitude) {
            // The outline lies in the box (a test holds it): nothing to measure.
            return false;
        }
        match &self.outline {
            Some(outline) => outline.covers(latitude, longitude),
            None => true,
        }
    }

    /// Ids of the profiles shipped with the app.
    pub fn bundled_ids() -> impl Iterator<Item = &'static str> {
        bundled::BUNDLED.iter().map(|(stem, _)| *stem)
    }

    pub fn default_profile() -> CountryProfile {
        CountryProfile::bundled(DEFAULT_PROFILE_ID).expect("the default profile is bundled")
    }

    pub fn max_file_bytes(&self) -> u64 {
        (self.max_file_mb * 1e6) as u64
    }

    pub fn total_warning_bytes(&self) -> u64 {
        (self.total_warning_mb * 1e6) as u64
    }

    pub fn is_working_day(&self, date: Date) -> bool {
        let weekday = date.weekday();
        let weekend = weekday == 6 || (weekday == 5 && !self.working_days.saturday_is_working_day);
        !weekend
            && !self
                .working_days
                .public_holidays
                .iter()
                .any(|h| Date::parse_iso(h) == Some(date))
    }

    /// 1.4(1)(d): an event due on a day that is not a Working Day falls on the next Working Day.
    pub fn next_working_day_from(&self, date: Date) -> Date {
        let mut day = date;
        while !self.is_working_day(day) {
            day = day.add_days(1);
        }
        day
    }

    /// 3.4: mini-grids in operation before the regulation must apply within 6 months of it.
    pub fn pre_existing_deadline(&self) -> Option<Date> {
        let in_force = Date::parse_iso(self.regulation_in_force.as_deref()?)?;
        Some(self.next_working_day_from(in_force.add_months(6)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_profile_parses_and_names_its_own_file() {
        let ids: Vec<_> = CountryProfile::bundled_ids().collect();
        assert!(ids.contains(&DEFAULT_PROFILE_ID));
        for id in ids {
            let profile = CountryProfile::bundled(id).unwrap();
            assert_eq!(profile.id, id);
            assert!(!profile.admin_levels.is_empty());
            assert!(profile.simplified_limit_kw < profile.mini_grid_limit_kw);
        }
    }

    #[test]
    fn the_default_profile_follows_the_template() {
        let p = CountryProfile::default_profile();
        assert_eq!(
            p.admin_levels,
            ["State", "Local Government Area", "Ward", "Village"]
        );
        assert_eq!(p.simplified_limit_kw, 100.0);
        assert_eq!(p.mini_grid_limit_kw, 5000.0);
        assert_eq!(p.simplified_limit_basis, LimitBasis::Total);
    }

    #[test]
    fn deadlines_move_to_the_next_working_day() {
        let mut p = CountryProfile::default_profile();
        p.regulation_in_force = Some("2026-05-23".into()); // + 6 months = Monday 2026-11-23
        assert_eq!(p.pre_existing_deadline(), Date::new(2026, 11, 23));
        p.regulation_in_force = Some("2026-05-21".into()); // + 6 months = Saturday 2026-11-21
        assert_eq!(p.pre_existing_deadline(), Date::new(2026, 11, 23));
        p.working_days.saturday_is_working_day = true;
        assert_eq!(p.pre_existing_deadline(), Date::new(2026, 11, 21));
        p.working_days.public_holidays = vec!["2026-11-21".into()];
        assert_eq!(p.pre_existing_deadline(), Date::new(2026, 11, 23));
        p.regulation_in_force = None;
        assert_eq!(p.pre_existing_deadline(), None);
    }
}
