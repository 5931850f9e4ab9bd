//! A site's network drawing as a geographic file (GeoJSON, KML, KMZ): read whatever geometry it
//! holds, and checked to come within the profile's distance of the site's coordinates.

mod common;

use common::*;
use mgl_domain::drawing::Drawing;
use mgl_domain::filetype::FileType;
use mgl_domain::message::Message;
use mgl_domain::Lang;

/// The example's first site, Kuchi, at 9.81 N, 6.92 E (typed in decimal degrees here).
fn kuchi() -> mgl_domain::Site {
    let mut site = example().sites[0].clone();
    site.latitude = "9.81".into();
    site.longitude = "6.92".into();
    site
}

fn read(bytes: &[u8], file_type: FileType) -> Drawing {
    Drawing::read(bytes, file_type)
        .expect("a geographic type")
        .expect("it reads")
}

/// A network around (lat, lon): a feeder line east, the plant's plot as a polygon, a pole as a point.
fn network_geojson(lat: f64, lon: f64) -> String {
    format!(
        r#"{{"type": "FeatureCollection", "features": [
          {{"type": "Feature", "properties": {{"name": "LV feeder"}}, "geometry": {{"type": "LineString",
            "coordinates": [[{lon}, {lat}], [{e1}, {lat}], [{e2}, {n1}]]}}}},
          {{"type": "Feature", "properties": {{"name": "plot"}}, "geometry": {{"type": "Polygon",
            "coordinates": [[[{lon}, {lat}], [{e1}, {lat}], [{e1}, {n1}], [{lon}, {lat}]]]}}}},
          {{"type": "Feature", "properties": {{}}, "geometry": {{"type": "Point", "coordinates": [{lon}, {n1}, 210]}}}}
        ]}}"#,
        e1 = lon + 0.002,
        e2 = lon + 0.004,
        n1 = lat + 0.001,
    )
}

#[test]
fn a_drawing_at_its_site_passes_and_one_of_another_village_is_warned_with_the_distance() {
    let (site, profile) = (kuchi(), profile());
    let here = read(network_geojson(9.811, 6.921).as_bytes(), FileType::GeoJson);
    assert_eq!(here.paths.len(), 3, "a line, the plot's ring, a point");
    assert!(here.distance_metres((9.81, 6.92)) < 200.0);
    assert_eq!(here.check(&site, &profile), None);

    // Gurmana's drawing, 40 km away, attached to Kuchi by mistake.
    let there = read(network_geojson(9.45, 6.92).as_bytes(), FileType::GeoJson);
    let Some(Message::DrawingFarFromSite { km, limit_km }) = there.check(&site, &profile) else {
        panic!("{:?}", there.check(&site, &profile));
    };
    assert!((km - 39.9).abs() < 0.5, "{km}");
    assert_eq!(limit_km, profile.max_plant_distance_km);
    let said = there.check(&site, &profile).unwrap().render(Lang::Fr);
    assert!(said.contains("40 km") || said.contains("39,9 km"), "{said}");

    // The site's coordinates typed in DMS read too; ones that do not read are not checked here
    // (they have their own message).
    let mut typed = site.clone();
    typed.latitude = "9°48'36\"N".into();
    assert_eq!(here.check(&typed, &profile), None);
    typed.latitude = "nine".into();
    assert_eq!(there.check(&typed, &profile), None);
}

#[test]
fn the_distance_is_to_the_drawing_s_lines_not_only_to_their_points() {
    // An MV line from 10 km west to 10 km east of Kuchi, passing 1.1 km north of it: no vertex near.
    let line = r#"{"type": "Feature", "geometry": {"type": "MultiLineString",
        "coordinates": [[[6.829, 9.82], [7.011, 9.82]]]}}"#;
    let drawing = read(line.as_bytes(), FileType::GeoJson);
    let metres = drawing.distance_metres((9.81, 6.92));
    assert!((metres - 1_112.0).abs() < 10.0, "{metres}");
    assert_eq!(drawing.check(&kuchi(), &profile()), None);
}

#[test]
fn kml_and_kmz_drawings_are_read_by_their_coordinates() {
    let kml = r#"<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
  <Placemark><name>Feeder</name><LineString><coordinates>
    6.921,9.811,0 6.923,9.811,0
    6.925,9.812,0
  </coordinates></LineString></Placemark>
  <Placemark><name>Plot</name><Polygon><outerBoundaryIs><LinearRing><coordinates>6.921,9.811 6.922,9.811 6.922,9.812 6.921,9.811</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
</Document></kml>"#;
    let drawing = read(kml.as_bytes(), FileType::Kml);
    assert_eq!(drawing.paths.len(), 2);
    assert_eq!(drawing.point_count(), 7);
    assert_eq!(drawing.check(&kuchi(), &profile()), None);

    let mut zip = mgl_bag::zip::ZipWriter::default();
    let mut kmz = zip.add_bytes("doc.kml", kml.as_bytes(), true).unwrap();
    kmz.extend(zip.finish().unwrap());
    assert_eq!(read(&kmz, FileType::Kmz), drawing);
}

#[test]
fn a_drawing_with_no_geometry_says_so_and_a_pdf_is_not_read() {
    let empty = read(
        br#"{"type": "FeatureCollection", "features": []}"#,
        FileType::GeoJson,
    );
    assert_eq!(
        empty.check(&kuchi(), &profile()),
        Some(Message::DrawingHasNoCoordinates)
    );
    let no_coordinates = read(
        br#"<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>x</name></Placemark></kml>"#,
        FileType::Kml,
    );
    assert_eq!(no_coordinates.point_count(), 0);
    // Coordinates that are not positions (out of range) are not points.
    let wrong = read(
        br#"{"type": "Point", "coordinates": [691.0, 98.1]}"#,
        FileType::GeoJson,
    );
    assert_eq!(wrong.point_count(), 0);
    assert!(Drawing::read(b"%PDF-1.7", FileType::Pdf).is_none());
    assert!(Drawing::read(b"\x89PNG", FileType::Png).is_none());
}

#[test]
fn hostile_drawings_are_refused_with_a_reason_and_never_panic() {
    let refused = |bytes: &[u8], file_type| {
        Drawing::read(bytes, file_type)
            .expect("geographic")
            .expect_err("refused")
    };
    refused(b"{\"type\": \"Feature\", ", FileType::GeoJson);
    refused(b"[1, 2]", FileType::GeoJson);
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    refused(deep.as_bytes(), FileType::GeoJson);
    let billion_laughs = r#"<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><kml><Placemark><name>&b;</name></Placemark></kml>"#;
    refused(billion_laughs.as_bytes(), FileType::Kml);
    refused(b"<html></html>", FileType::Kml);
    refused(b"PK\x03\x04 cut short", FileType::Kmz);
    // Every cut of a real KMZ and of a GeoJSON file: a reason or a drawing, no panic.
    let geojson = network_geojson(9.811, 6.921);
    for cut in 0..geojson.len() {
        let _ = Drawing::read(&geojson.as_bytes()[..cut], FileType::GeoJson);
    }
    let mut zip = mgl_bag::zip::ZipWriter::default();
    let mut kmz = zip
        .add_bytes(
            "doc.kml",
            b"<kml><Point><coordinates>6.92,9.81</coordinates></Point></kml>",
            true,
        )
        .unwrap();
    kmz.extend(zip.finish().unwrap());
    for cut in 0..kmz.len() {
        let _ = Drawing::read(&kmz[..cut], FileType::Kmz);
    }
    for at in 0..kmz.len() {
        let mut mutated = kmz.clone();
        mutated[at] ^= 0x5a;
        let _ = Drawing::read(&mutated, FileType::Kmz);
    }
}
