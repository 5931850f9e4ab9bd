//! The register read from KML (Google Earth, GPS tools, field survey apps) and KMZ (KML zipped):
//! each Placemark with a Point, or with no geometry, is a site; its name is the site's name, its
//! ExtendedData (Data or SchemaData) are columns as a spreadsheet's headers are.

use super::{Imported, Named, RecordKind, RegisterError, Table};
use crate::profile::CountryProfile;

/// A KML file bigger than this is not a register of sites (a few hundred bytes each).
const MAX_NODES: u32 = 2_000_000;

/// Reads the sites of a KML file.
pub fn from_kml(bytes: &[u8], profile: &CountryProfile) -> Result<Imported, RegisterError> {
    with_kml(bytes, |document| placemarks(document, profile))
}

/// Parses a KML file (UTF-8, no DTD, a bounded number of nodes) and hands its document to `read`.
pub(crate) fn with_kml<T>(
    bytes: &[u8],
    read: impl FnOnce(&roxmltree::Document) -> Result<T, RegisterError>,
) -> Result<T, RegisterError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| RegisterError::NotKml)?;
    // No DTD (roxmltree's default): an entity that expands a billion times is refused.
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
    };
    let document = roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let at = e.pos();
        RegisterError::NotXml {
            line: at.row as usize,
            column: at.col as usize,
        }
    })?;
    if document.root_element().tag_name().name() != "kml" {
        return Err(RegisterError::NotKml);
    }
    read(&document)
}

/// Each Placemark with a point, or with no geometry, as a record of the register.
fn placemarks(
    document: &roxmltree::Document,
    profile: &CountryProfile,
) -> Result<Imported, RegisterError> {
    // The point's coordinates first, then the name, then each ExtendedData name as met.
    let mut records = Vec::new();
    let mut skipped = 0;
    let placemarks = document
        .descendants()
        .filter(|n| n.tag_name().name() == "Placemark");
    for (index, placemark) in placemarks.enumerate() {
        let child_text = |node: roxmltree::Node, name: &str| {
            node.children()
                .find(|c| c.tag_name().name() == name)
                .and_then(|c| c.text())
                .unwrap_or("")
                .trim()
                .to_owned()
        };
        let point = placemark
            .descendants()
            .find(|n| n.tag_name().name() == "Point");
        let other_geometry = placemark.descendants().any(|n| {
            matches!(
                n.tag_name().name(),
                "LineString" | "LinearRing" | "Polygon" | "Model" | "Track"
            )
        });
        if point.is_none() && other_geometry {
            skipped += 1;
            continue;
        }
        // "longitude,latitude[,altitude]"
        let coordinates = point
            .map(|p| child_text(p, "coordinates"))
            .unwrap_or_default();
        let mut parts = coordinates.split(',').map(|s| s.trim().to_owned());
        let fixed = vec![
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
            child_text(placemark, "name"),
        ];
        let mut named = Vec::new();
        for data in placemark.descendants() {
            let (name, value) = match data.tag_name().name() {
                "Data" => (data.attribute("name"), child_text(data, "value")),
                "SimpleData" => (
                    data.attribute("name"),
                    data.text().unwrap_or("").trim().to_owned(),
                ),
                _ => continue,
            };
            if let Some(name) = name {
                named.push((name.to_owned(), value));
            }
        }
        records.push(Named {
            number: index + 1,
            fixed,
            named,
        });
    }
    Table::of_named(
        &["longitude", "latitude", "name"],
        records,
        RecordKind::Placemark,
        skipped,
    )?
    .read(profile)
}

/// Reads the sites of a KMZ file.
pub fn from_kmz(bytes: &[u8], profile: &CountryProfile) -> Result<Imported, RegisterError> {
    from_kml(&kml_of_kmz(bytes)?, profile)
}

/// The KML file of a KMZ file: its `doc.kml`, or else the first KML file it holds (read with the
/// bundle's checked zip reader: sizes and ratios bounded).
pub(crate) fn kml_of_kmz(bytes: &[u8]) -> Result<Vec<u8>, RegisterError> {
    let entries = mgl_bag::zip::read_all_with(bytes, mgl_bag::zip::Names::InMemory)
        .map_err(|_| RegisterError::NotKmz)?;
    let position = entries
        .iter()
        .position(|(entry, _)| entry.name == "doc.kml")
        .or_else(|| {
            entries
                .iter()
                .position(|(entry, _)| entry.name.to_ascii_lowercase().ends_with(".kml"))
        })
        .ok_or(RegisterError::NotKmz)?;
    Ok(entries
        .into_iter()
        .nth(position)
        .map(|(_, bytes)| bytes)
        .unwrap_or_default())
}
