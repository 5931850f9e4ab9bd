//! A country's outline (Natural Earth, reduced by `scripts/outlines.mjs` into the build) and the
//! frame a map of the sites draws it in: no browser types, so that the map's geometry is tested
//! natively.

use crate::parse::{parse_coordinate, Axis};
use crate::profile::BoundingBox;
use serde::Deserialize;

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
