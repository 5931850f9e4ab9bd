//! Rules of positions. Within a site: how far its power plant is. Across the sites of a portfolio:
//! a site entered twice (the same name and location, or coordinates a few steps apart), which a
//! long register typed or imported by hand easily holds, and which the Authority would read as two
//! developers' claims on one village; the validation warns at both sites, naming the other.

use crate::draft::Site;
use crate::outline::distance_metres;

/// Two sites closer than this are probably one site entered twice (a village's grid is larger).
pub const NEAR_SITE_METRES: f64 = 200.0;

/// What makes a site look like another of the same draft, by the other sites' positions in the list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LookAlike {
    /// Sites with the same name and the same location (administrative areas), case and spacing
    /// aside.
    pub same_name_and_location: Vec<usize>,
    /// Sites within [`NEAR_SITE_METRES`] of this one's coordinates, with the distance in metres.
    pub near: Vec<(usize, f64)>,
}

impl LookAlike {
    pub fn is_empty(&self) -> bool {
        self.same_name_and_location.is_empty() && self.near.is_empty()
    }
}

/// What of a site the look-alike rules compare, made once per site and kept while the site stays
/// (`validate::SiteCache`): a keystroke in one site of 200 reads the other 199 from here.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mark {
    /// The name and location, case and spacing aside (`None` while the site has no name).
    identity: Option<String>,
    /// Readable coordinates, except 0, 0 (a missing GPS reading, warned about on its own).
    position: Option<(f64, f64)>,
}

impl Mark {
    pub fn of(site: &Site) -> Mark {
        let normalise = |text: &str| {
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let identity = (!site.name.trim().is_empty()).then(|| {
            // A character no one types separates the parts: "a b" + "c" is not "a" + "b c".
            let mut parts = vec![normalise(&site.name)];
            parts.extend(site.location.iter().map(|l| normalise(l)));
            parts.join("\u{1f}")
        });
        let position = position(&site.latitude, &site.longitude);
        Mark { identity, position }
    }
}

/// For each site (by its mark), the others it looks like (most are empty). In O(n log n): sites
/// are sorted by identity and swept in order of latitude.
pub fn look_alikes(marks: &[Mark]) -> Vec<LookAlike> {
    let mut found = vec![LookAlike::default(); marks.len()];

    let mut named: Vec<(&str, usize)> = marks
        .iter()
        .enumerate()
        .filter_map(|(i, mark)| Some((mark.identity.as_deref()?, i)))
        .collect();
    named.sort();
    for group in named
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|group| group.len() > 1)
    {
        for (_, i) in group {
            found[*i].same_name_and_location = group
                .iter()
                .map(|(_, other)| *other)
                .filter(|other| other != i)
                .collect();
        }
    }

    let mut positions: Vec<(f64, f64, usize)> = marks
        .iter()
        .enumerate()
        .filter_map(|(i, mark)| mark.position.map(|(lat, lon)| (lat, lon, i)))
        .collect();
    positions.sort_by(|a, b| a.0.total_cmp(&b.0));
    // A degree of latitude is at least 110.5 km: sites further apart in latitude alone are not near.
    let window = NEAR_SITE_METRES / 110_500.0;
    for (k, &(lat, lon, i)) in positions.iter().enumerate() {
        for &(other_lat, other_lon, j) in positions[k + 1..].iter() {
            if other_lat - lat > window {
                break;
            }
            let metres = distance_metres((lat, lon), (other_lat, other_lon));
            if metres <= NEAR_SITE_METRES {
                found[i].near.push((j, metres));
                found[j].near.push((i, metres));
            }
        }
    }
    for entry in &mut found {
        entry.near.sort_by_key(|(other, _)| *other);
    }
    found
}

/// How far the site's power plant is from the site, when both positions read (0, 0 is no
/// position).
pub fn plant_distance_metres(site: &Site) -> Option<f64> {
    let plant = position(&site.plant_latitude, &site.plant_longitude)?;
    Some(distance_metres(
        position(&site.latitude, &site.longitude)?,
        plant,
    ))
}

/// Readable coordinates, except 0, 0 (a missing GPS reading, warned about on its own).
fn position(latitude: &str, longitude: &str) -> Option<(f64, f64)> {
    crate::outline::position(latitude, longitude).filter(|&at| at != (0.0, 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(name: &str, location: &[&str], lat: &str, lon: &str) -> Site {
        Site {
            name: name.into(),
            location: location.iter().map(|l| l.to_string()).collect(),
            latitude: lat.into(),
            longitude: lon.into(),
            ..Site::default()
        }
    }

    #[test]
    fn distances_match_known_ones() {
        // Abuja to Lagos, about 524 km; a thousandth of a degree of latitude, about 111 m.
        let abuja_lagos = distance_metres((9.0765, 7.3986), (6.5244, 3.3792));
        assert!((abuja_lagos - 524_000.0).abs() < 3_000.0, "{abuja_lagos}");
        let step = distance_metres((9.0, 7.0), (9.001, 7.0));
        assert!((step - 111.2).abs() < 0.5, "{step}");
    }

    #[test]
    fn the_same_name_and_location_is_found_whatever_the_case_and_spacing() {
        let sites = [
            site("Kuchi", &["Niger", "Munya"], "9.81", "6.90"),
            site("Gurmana", &["Niger", "Shiroro"], "10.2", "6.7"),
            site(" kuchi ", &["niger", "Munya "], "9.95", "6.95"),
            site("Kuchi", &["Niger", "Paikoro"], "9.3", "6.6"),
        ];
        let found = look_alikes(&sites.iter().map(Mark::of).collect::<Vec<_>>());
        assert_eq!(found[0].same_name_and_location, [2]);
        assert_eq!(found[2].same_name_and_location, [0]);
        assert!(
            found[1].is_empty() && found[3].is_empty(),
            "another area is another village: {found:?}"
        );
    }

    #[test]
    fn sites_within_200_m_are_found_at_both_and_further_ones_not() {
        let sites = [
            site("A", &[], "9.8100", "6.9000"),
            site("B", &[], "9.8110", "6.9005"), // about 124 m from A
            site("C", &[], "9.8150", "6.9000"), // about 556 m from A
            site("D", &[], "9°48'36\"N", "6°54'E"), // A's point written in degrees and minutes
            site("E", &[], "", "6.9"),
            site("F", &[], "0", "0"),
            site("G", &[], "0", "0"),
        ];
        let found = look_alikes(&sites.iter().map(Mark::of).collect::<Vec<_>>());
        let near = |i: usize| found[i].near.iter().map(|(j, _)| *j).collect::<Vec<_>>();
        assert_eq!(near(0), [1, 3]);
        assert_eq!(near(1), [0, 3]);
        assert_eq!(near(2), Vec::<usize>::new());
        assert_eq!(near(3), [0, 1]);
        assert!(
            (found[0].near[0].1 - 124.0).abs() < 2.0,
            "{:?}",
            found[0].near
        );
        assert!(
            found[4].is_empty(),
            "no readable latitude, nothing to compare"
        );
        assert!(
            found[5].is_empty() && found[6].is_empty(),
            "0, 0 is a missing reading, not a place"
        );
        assert!(
            found[0].same_name_and_location.is_empty(),
            "unnamed or differently named sites"
        );
    }
}
