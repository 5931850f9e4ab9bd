//! A site's network drawing (4.1(3)(a): "geo-referenced depiction of the distribution network")
//! when it is a geographic file (GeoJSON, KML, KMZ): its lines and points, and the check that it
//! comes within the profile's distance of the site's coordinates (a drawing of another village, or
//! a site's coordinates typed wrong). A PDF or an image has no coordinates to check.

use crate::draft::Site;
use crate::filetype::FileType;
use crate::message::{text, Message, Text};
use crate::outline::{nearest_metres, position};
use crate::profile::CountryProfile;
use crate::register::kml::{kml_of_kmz, with_kml};
use crate::register::RegisterError;
use serde_json::Value;

/// The requirement whose files are checked against the site's position.
pub const NETWORK_DRAWING: &str = "network-depiction";

/// More points than a distribution network's drawing has: beyond, the rest are not read.
const MAX_POINTS: usize = 200_000;

/// A drawing's geometry: paths of (longitude, latitude), a point being a path of one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drawing {
    pub paths: Vec<Vec<(f64, f64)>>,
    /// The points of all paths, kept as they are added (a file of 100 000 one-point features must
    /// not be counted again at each).
    points: usize,
}

impl Drawing {
    /// Whether files of this type hold a geometry to read (a PDF or an image does not).
    pub fn has_geometry(file_type: FileType) -> bool {
        matches!(file_type, FileType::GeoJson | FileType::Kml | FileType::Kmz)
    }

    /// Reads the geometry of a file of `file_type`; `None` for a type that has none (PDF, images,
    /// documents).
    pub fn read(bytes: &[u8], file_type: FileType) -> Option<Result<Drawing, RegisterError>> {
        match file_type {
            FileType::GeoJson => Some(from_geojson(bytes)),
            FileType::Kml => Some(from_kml(bytes)),
            FileType::Kmz => Some(kml_of_kmz(bytes).and_then(|kml| from_kml(&kml))),
            _ => None,
        }
    }

    pub fn point_count(&self) -> usize {
        self.points
    }

    /// How far the drawing comes from a position (latitude, longitude), in metres: to the nearest
    /// point of its lines. Infinite when it has no point.
    pub fn distance_metres(&self, (latitude, longitude): (f64, f64)) -> f64 {
        // Polygons are drawn as their outer line, closed by their last point (GeoJSON and KML
        // repeat the first point at the end), so every path is a line here.
        nearest_metres(
            self.paths.iter().map(|p| (p.as_slice(), false)),
            latitude,
            longitude,
        )
    }

    /// The check of the drawing against the site it is attached to: nothing when it comes within
    /// the profile's distance (`max_plant_distance_km`) or the site's coordinates do not read (they
    /// have their own message).
    pub fn check(&self, site: &Site, profile: &CountryProfile) -> Option<Message> {
        if self.point_count() == 0 {
            return Some(Message::DrawingHasNoCoordinates);
        }
        let at = position(&site.latitude, &site.longitude)?;
        let km = self.distance_metres(at) / 1000.0;
        (km > profile.max_plant_distance_km).then(|| Message::DrawingFarFromSite {
            km,
            limit_km: profile.max_plant_distance_km,
        })
    }

    fn push(&mut self, path: Vec<(f64, f64)>) {
        let room = MAX_POINTS.saturating_sub(self.points);
        let path: Vec<_> = path
            .into_iter()
            .filter(|(lon, lat)| (-180.0..=180.0).contains(lon) && (-90.0..=90.0).contains(lat))
            .take(room)
            .collect();
        if !path.is_empty() {
            self.points += path.len();
            self.paths.push(path);
        }
    }
}

/// Why a drawing's file could not be read, in the user's words: where a damaged JSON or XML file
/// stops making sense, else that it is not a drawing (the register's words speak of sites).
pub fn unreadable(error: &RegisterError) -> Text {
    match error {
        RegisterError::NotJson { .. } | RegisterError::NotXml { .. } => error.text(),
        _ => text("This file could not be read as a drawing (GeoJSON, KML or KMZ), so it cannot be placed at the site: export it again from the program that made it."),
    }
}

/// Every geometry of a GeoJSON file: a FeatureCollection, a Feature or a bare geometry, of any
/// type (Point, LineString, Polygon, their Multi forms, GeometryCollection).
fn from_geojson(bytes: &[u8]) -> Result<Drawing, RegisterError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    // serde_json refuses nesting deeper than 128: a hostile file cannot exhaust the stack.
    let value: Value = serde_json::from_slice(bytes).map_err(|e| RegisterError::NotJson {
        line: e.line(),
        column: e.column(),
    })?;
    if value.get("type").and_then(Value::as_str).is_none() {
        return Err(RegisterError::NotGeoJson);
    }
    let mut drawing = Drawing::default();
    geometries(&value, &mut drawing);
    Ok(drawing)
}

/// The items of an array member, none when it is not one.
fn items(value: Option<&Value>) -> &[Value] {
    value.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// Walks features and geometries (nesting bounded by serde_json's own limit).
fn geometries(value: &Value, drawing: &mut Drawing) {
    let Some(kind) = value.get("type").and_then(Value::as_str) else {
        return;
    };
    let pair = |v: &Value| -> Option<(f64, f64)> {
        let pair = v.as_array()?;
        Some((pair.first()?.as_f64()?, pair.get(1)?.as_f64()?))
    };
    let line = |v: &Value| -> Vec<(f64, f64)> { items(Some(v)).iter().filter_map(pair).collect() };
    let coordinates = value.get("coordinates");
    match kind {
        "FeatureCollection" => {
            for feature in items(value.get("features")) {
                geometries(feature, drawing);
            }
        }
        "Feature" => {
            if let Some(geometry) = value.get("geometry") {
                geometries(geometry, drawing);
            }
        }
        "GeometryCollection" => {
            for geometry in items(value.get("geometries")) {
                geometries(geometry, drawing);
            }
        }
        "Point" => drawing.push(coordinates.and_then(pair).into_iter().collect()),
        "MultiPoint" | "LineString" => drawing.push(coordinates.map(line).unwrap_or_default()),
        "MultiLineString" | "Polygon" => {
            for part in items(coordinates) {
                drawing.push(line(part));
            }
        }
        "MultiPolygon" => {
            for polygon in items(coordinates) {
                for ring in items(Some(polygon)) {
                    drawing.push(line(ring));
                }
            }
        }
        _ => {}
    }
}

/// Every `coordinates` element of a KML file ("lon,lat[,alt]" separated by spaces): points, lines,
/// rings.
fn from_kml(bytes: &[u8]) -> Result<Drawing, RegisterError> {
    with_kml(bytes, |document| {
        let mut drawing = Drawing::default();
        for node in document
            .descendants()
            .filter(|n| n.tag_name().name() == "coordinates")
        {
            let text = node.text().unwrap_or("");
            let path = text
                .split_whitespace()
                .filter_map(|tuple| {
                    let mut parts = tuple.split(',');
                    let lon = parts.next()?.trim().parse::<f64>().ok()?;
                    let lat = parts.next()?.trim().parse::<f64>().ok()?;
                    Some((lon, lat))
                })
                .collect();
            drawing.push(path);
        }
        Ok(drawing)
    })
}
