//! A country's outline (Natural Earth, reduced by `scripts/outlines.mjs` into `outlines/`), where
//! a profile's outline comes from (compiled in for `mgl` and the tests; the app fetches it), and the
//! frame a map of the sites draws it in: no browser types, so that the map's geometry
//! is tested natively.

use crate::parse::{parse_coordinate, Axis};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[cfg(feature = "embedded-outlines")]
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/bundled_outlines.rs"));
}

/// A country's box: the profile's `bounding_box`, which holds its outline.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoundingBox {
    pub south: f64,
    pub north: f64,
    pub west: f64,
    pub east: f64,
}

impl BoundingBox {
    pub fn contains(&self, latitude: f64, longitude: f64) -> bool {
        (self.south..=self.north).contains(&latitude)
            && (self.west..=self.east).contains(&longitude)
    }
}

/// The outline of `profile_id`'s country when it is compiled in (feature `embedded-outlines`: `mgl`,
/// the tests). The app fetches the one it needs and sets the profile's `outline` itself.
pub fn of_profile(profile_id: &str) -> Option<Arc<Outline>> {
    #[cfg(feature = "embedded-outlines")]
    {
        use std::sync::OnceLock;
        static PARSED: OnceLock<Vec<(&str, Arc<Outline>)>> = OnceLock::new();
        let parsed = PARSED.get_or_init(|| {
            embedded::BUNDLED
                .iter()
                .map(|(id, json)| {
                    let outline =
                        Outline::parse(json).expect("bundled outlines are checked by tests");
                    (*id, Arc::new(outline))
                })
                .collect()
        });
        parsed
            .iter()
            .find(|(id, _)| *id == profile_id)
            .map(|(_, outline)| outline.clone())
    }
    #[cfg(not(feature = "embedded-outlines"))]
    {
        let _ = profile_id;
        None
    }
}

/// How far outside the outline a point may lie and still be taken as in the country: the 1:50m
/// lines are drawn to a few kilometres, and a village on the border must not be called abroad.
/// A swapped or unsigned coordinate lands hundreds of kilometres away.
pub const EDGE_TOLERANCE_METRES: f64 = 5_000.0;

/// A country's outline: its rings of (longitude, latitude), as the build's outline file holds them.
#[derive(Clone, Debug, PartialEq)]
pub struct Outline {
    pub rings: Vec<Vec<(f64, f64)>>,
}

#[derive(Deserialize)]
struct OutlineFile {
    rings: Vec<Vec<[f64; 2]>>,
}

impl Outline {
    /// Reads an outline file (`outlines/<profile>.json`).
    pub fn parse(json: &str) -> Result<Outline, String> {
        let file: OutlineFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let rings: Vec<Vec<(f64, f64)>> = file
            .rings
            .into_iter()
            .filter(|ring| ring.len() >= 3)
            .map(|ring| ring.into_iter().map(|[lon, lat]| (lon, lat)).collect())
            .collect();
        if rings.is_empty() {
            return Err("no ring".into());
        }
        Ok(Outline { rings })
    }

    /// Whether the point is in the country: inside the outline, or within
    /// [`EDGE_TOLERANCE_METRES`] of its edge.
    pub fn covers(&self, latitude: f64, longitude: f64) -> bool {
        self.contains(latitude, longitude)
            || self.edge_distance_metres(latitude, longitude) <= EDGE_TOLERANCE_METRES
    }

    /// The distance from the point to the nearest edge of the outline, in metres.
    pub fn edge_distance_metres(&self, latitude: f64, longitude: f64) -> f64 {
        nearest_metres(
            self.rings.iter().map(|r| (r.as_slice(), true)),
            latitude,
            longitude,
        )
    }

    /// Whether the point is inside the outline (inside an odd number of its rings).
    pub fn contains(&self, latitude: f64, longitude: f64) -> bool {
        let mut inside = false;
        for ring in &self.rings {
            let mut previous = ring[ring.len() - 1];
            for &point in ring {
                let ((x1, y1), (x2, y2)) = (previous, point);
                if (y1 > latitude) != (y2 > latitude)
                    && longitude < x1 + (latitude - y1) * (x2 - x1) / (y2 - y1)
                {
                    inside = !inside;
                }
                previous = point;
            }
        }
        inside
    }
}

/// The distance from a point to the nearest of some paths of (longitude, latitude), in metres: each
/// path a line, closed (a ring) or not, a single point being a path of one. The nearest point of each
/// segment is found in a plane true to scale at the point's latitude (exact enough at the few
/// kilometres this is asked about), then measured on the sphere. Infinite when there is no point.
pub fn nearest_metres<'a>(
    paths: impl Iterator<Item = (&'a [(f64, f64)], bool)>,
    latitude: f64,
    longitude: f64,
) -> f64 {
    let x_scale = latitude.to_radians().cos();
    let mut nearest = f64::INFINITY;
    let mut nearest_point = None;
    for (path, closed) in paths {
        let Some(&first) = path.first() else {
            continue;
        };
        // The segments: (last, first) of a ring, then each point from the one before it; a
        // line's first point is a segment of its own (its only one, when it is a point).
        let start = if closed { path[path.len() - 1] } else { first };
        let mut previous = start;
        for &point in path {
            // In the plane: x east (longitude shrunk), y north, the point at the origin.
            let (ax, ay) = ((previous.0 - longitude) * x_scale, previous.1 - latitude);
            let (bx, by) = ((point.0 - longitude) * x_scale, point.1 - latitude);
            let (dx, dy) = (bx - ax, by - ay);
            let length = dx * dx + dy * dy;
            let t = if length > 0.0 {
                (-(ax * dx + ay * dy) / length).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let (px, py) = (ax + t * dx, ay + t * dy);
            let squared = px * px + py * py;
            if squared < nearest {
                nearest = squared;
                nearest_point = Some((latitude + py, longitude + px / x_scale));
            }
            previous = point;
        }
    }
    nearest_point.map_or(f64::INFINITY, |at| {
        distance_metres((latitude, longitude), at)
    })
}

/// The great-circle distance between two points in degrees (haversine, on a sphere of the Earth's
/// mean radius: within 0.5 % of the ellipsoid, plenty for "is it the same village").
pub fn distance_metres((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    const EARTH_RADIUS_M: f64 = 6_371_008.8;
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let dphi = (lat2 - lat1).to_radians();
    let dlambda = (lon2 - lon1).to_radians();
    let a = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
}

/// A position typed as text, read: (latitude, longitude), or `None` unless both read.
pub fn position(latitude: &str, longitude: &str) -> Option<(f64, f64)> {
    Some((
        parse_coordinate(latitude, Axis::Latitude).ok()?,
        parse_coordinate(longitude, Axis::Longitude).ok()?,
    ))
}

/// Where a map draws: the country's box with a margin, longitudes shrunk by the cosine of its middle
/// latitude (an equirectangular view, true to shape at the country's scale), in units of degrees of
/// latitude, y downwards.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    west: f64,
    north: f64,
    x_scale: f64,
    pub width: f64,
    pub height: f64,
}

/// The shape of a point on the map: a site is a circle, its power plant a square.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mark {
    Circle,
    Square,
}

/// The margin around the country's box, in degrees.
const MARGIN: f64 = 0.5;

impl Frame {
    pub fn of(bounds: &BoundingBox) -> Frame {
        let x_scale = ((bounds.north + bounds.south) / 2.0).to_radians().cos();
        Frame {
            west: bounds.west - MARGIN,
            north: bounds.north + MARGIN,
            x_scale,
            width: (bounds.east - bounds.west + 2.0 * MARGIN) * x_scale,
            height: bounds.north - bounds.south + 2.0 * MARGIN,
        }
    }

    /// Where a position is drawn, and whether it is outside the frame (then drawn at its edge, in
    /// the direction it lies).
    pub fn place(&self, latitude: f64, longitude: f64) -> ((f64, f64), bool) {
        let x = (longitude - self.west) * self.x_scale;
        let y = self.north - latitude;
        let (cx, cy) = (x.clamp(0.0, self.width), y.clamp(0.0, self.height));
        ((cx, cy), (cx, cy) != (x, y))
    }

    /// The radius of a site's mark: a ninetieth of the map's height, whatever the country's size.
    pub fn mark_radius(&self) -> f64 {
        self.height / 90.0
    }

    /// Marks at `centres` (as [`Frame::place`] gives them) as one SVG path: a circle of
    /// [`Frame::mark_radius`] each (two arcs), or a square a little smaller. One path for hundreds
    /// of points: a page lays out one element in a millisecond where a thousand took a tenth of a
    /// second on a slow laptop (bench/map.mjs).
    pub fn marks(&self, centres: &[(f64, f64)], shape: Mark) -> String {
        let r = self.mark_radius();
        let mut d = String::with_capacity(centres.len() * 48);
        for &(x, y) in centres {
            d += &match shape {
                Mark::Circle => format!(
                    "M{:.3},{y:.3}a{r:.3},{r:.3} 0 1 0 {:.3},0a{r:.3},{r:.3} 0 1 0 {:.3},0Z",
                    x - r,
                    2.0 * r,
                    -2.0 * r
                ),
                Mark::Square => {
                    let half = r * 0.7;
                    format!(
                        "M{:.3},{:.3}h{w:.3}v{w:.3}h{:.3}Z",
                        x - half,
                        y - half,
                        -2.0 * half,
                        w = 2.0 * half
                    )
                }
            };
        }
        d
    }

    /// An outline as an SVG path (`M x,y L ... Z` per ring), two decimals.
    pub fn path(&self, outline: &Outline) -> String {
        let mut d = String::new();
        for ring in &outline.rings {
            for (i, &(lon, lat)) in ring.iter().enumerate() {
                let (x, y) = ((lon - self.west) * self.x_scale, self.north - lat);
                d += &format!("{}{x:.2},{y:.2}", if i == 0 { "M" } else { "L" });
            }
            d += "Z";
        }
        d
    }
}
