//! The register as GeoJSON (RFC 7946): a FeatureCollection of points, the sites' and their power
//! plants', each with the site's answers as properties named by the draft's keys. Read back from
//! any FeatureCollection of points (a GIS tool's export): its properties are the columns.

use super::{columns, Imported, Named, RecordKind, RegisterError, Table};
use crate::draft::Site;
use crate::parse::{parse_coordinate, Axis};
use crate::profile::CountryProfile;
use serde_json::{json, Map, Value};

/// The property that says what a point is: `site` or `power_plant` (a plant's point is read back
/// from its site's answers, so it is left out on import).
const FEATURE: &str = "feature";
const SITE: &str = "site";
const POWER_PLANT: &str = "power_plant";

/// A point's position as GeoJSON writes it, longitude first; `None` unless both read as coordinates.
fn point(latitude: &str, longitude: &str) -> Value {
    let (Ok(lat), Ok(lon)) = (
        parse_coordinate(latitude, Axis::Latitude),
        parse_coordinate(longitude, Axis::Longitude),
    ) else {
        return Value::Null;
    };
    // Six decimals are about 10 cm: more says nothing a GPS knows.
    let round = |x: f64| (x * 1e6).round() / 1e6;
    json!({ "type": "Point", "coordinates": [round(lon), round(lat)] })
}

/// The sites as a GeoJSON FeatureCollection: one point per site (with every answer, as typed, in
/// its properties) and one per power plant whose position is given. A site whose coordinates do
/// not read has no geometry (`null`), so that none of its answers is lost on the way back.
pub fn to_geojson(sites: &[Site], profile: &CountryProfile) -> String {
    let columns = columns(profile);
    let mut features = Vec::new();
    for site in sites {
        let mut properties = Map::new();
        properties.insert(FEATURE.into(), SITE.into());
        for column in &columns {
            properties.insert(column.key(), column.value(site).into());
        }
        features.push(json!({
            "type": "Feature",
            "geometry": point(&site.latitude, &site.longitude),
            "properties": properties,
        }));
        let plant = point(&site.plant_latitude, &site.plant_longitude);
        if !plant.is_null() {
            features.push(json!({
                "type": "Feature",
                "geometry": plant,
                "properties": { FEATURE: POWER_PLANT, "name": site.name },
            }));
        }
    }
    let collection = json!({ "type": "FeatureCollection", "features": features });
    serde_json::to_string_pretty(&collection).expect("JSON values serialise") + "\n"
}

/// A property's value as a cell: text as it is, a number as JSON writes it, true and false as
/// yes and no.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// Reads the sites of a GeoJSON FeatureCollection (or a single Feature): each point, or feature
/// with no geometry, is a site; its coordinates are the site's latitude and longitude unless its
/// properties give them (as typed); the properties are matched to the columns as a spreadsheet's
/// headers are. Lines, areas and power plants' points are left out and counted.
pub fn from_geojson(bytes: &[u8], profile: &CountryProfile) -> Result<Imported, RegisterError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| RegisterError::NotJson {
        line: e.line(),
        column: e.column(),
    })?;
    let features = match value.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => value
            .get("features")
            .and_then(Value::as_array)
            .cloned()
            .ok_or(RegisterError::NotGeoJson)?,
        Some("Feature") => vec![value],
        _ => return Err(RegisterError::NotGeoJson),
    };
    // The point's coordinates come first, so that properties that give them as typed win.
    let mut records = Vec::new();
    let mut skipped = 0;
    let no_properties = Map::new();
    for (index, feature) in features.iter().enumerate() {
        let properties = feature
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&no_properties);
        let geometry = feature.get("geometry").filter(|g| !g.is_null());
        let position = match geometry {
            None => Vec::new(),
            Some(g) if g.get("type").and_then(Value::as_str) == Some("Point") => g
                .get("coordinates")
                .and_then(Value::as_array)
                .map(|c| c.iter().take(2).map(cell).collect())
                .unwrap_or_default(),
            Some(_) => {
                skipped += 1;
                continue;
            }
        };
        if properties.get(FEATURE).and_then(Value::as_str) == Some(POWER_PLANT) {
            skipped += 1;
            continue;
        }
        records.push(Named {
            number: index + 1,
            fixed: position,
            named: properties
                .iter()
                .filter(|(name, _)| *name != FEATURE)
                .map(|(name, value)| (name.clone(), cell(value)))
                .collect(),
        });
    }
    Table::of_named(
        &["longitude", "latitude"],
        records,
        RecordKind::Feature,
        skipped,
    )?
    .read(profile)
}
