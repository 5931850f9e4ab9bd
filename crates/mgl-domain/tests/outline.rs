//! The map's geometry: a country's outline read and asked whether a point is inside, and the frame
//! the map draws in.

use mgl_domain::outline::{position, Frame, Mark, Outline};
use mgl_domain::profile::BoundingBox;

/// An L-shaped country with a lake-sized notch: (lon, lat) rings as the build writes them.
const L_SHAPE: &str = r#"{"profile": "x", "rings": [[[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4], [0, 0]], [[10, 10], [11, 10], [11, 11], [10, 10]]]}"#;

#[test]
fn a_point_is_inside_the_outline_only_where_the_country_is() {
    let outline = Outline::parse(L_SHAPE).unwrap();
    assert_eq!(outline.rings.len(), 2);
    assert!(outline.contains(0.5, 3.0), "in the foot of the L");
    assert!(outline.contains(3.0, 0.5), "in its upright");
    assert!(!outline.contains(3.0, 3.0), "in the box, outside the L");
    assert!(!outline.contains(-0.5, 2.0));
    assert!(
        outline.contains(10.2, 10.8),
        "in the second ring (an island)"
    );
    assert!(Outline::parse(r#"{"rings": []}"#).is_err());
    assert!(Outline::parse("not json").is_err());
}

#[test]
fn the_frame_draws_the_country_s_box_with_a_margin_and_points_beyond_it_at_its_edge() {
    let bounds = BoundingBox {
        south: 4.0,
        north: 14.0,
        west: 2.5,
        east: 14.8,
    };
    let frame = Frame::of(&bounds);
    assert!((frame.height - 11.0).abs() < 1e-9);
    assert!(
        frame.width < 13.3 && frame.width > 12.0,
        "longitudes shrunk by cos 9°: {}",
        frame.width
    );
    let ((x, y), outside) = frame.place(9.81, 6.92);
    assert!(!outside && x > 0.0 && y > 0.0 && x < frame.width && y < frame.height);
    let ((_, y), outside) = frame.place(51.5, -0.12);
    assert!(
        outside && y == 0.0,
        "London is drawn at the top edge, marked outside"
    );
    assert_eq!(position("9°48'36\"N", "6.92"), Some((9.81, 6.92)));
    assert_eq!(position("95", "6.92"), None);
    let d = frame.path(&Outline::parse(L_SHAPE).unwrap());
    assert!(d.starts_with('M') && d.matches('Z').count() == 2, "{d}");
}

#[test]
fn the_marks_of_many_points_are_one_path_of_a_closed_shape_each_around_its_point() {
    let frame = Frame::of(&BoundingBox {
        south: 4.0,
        north: 12.0, // 9 degrees high with the margins
        west: 2.5,
        east: 14.8,
    });
    let r = frame.mark_radius();
    assert!((r - 0.1).abs() < 1e-9, "a ninetieth of the height: {r}");
    let circles = frame.marks(&[(1.0, 2.0), (3.0, 4.0)], Mark::Circle);
    assert_eq!(circles.matches('M').count(), 2);
    assert_eq!(circles.matches('Z').count(), 2);
    // Each circle starts at its left edge and goes round by two half circles of radius r.
    assert!(
        circles.starts_with("M0.900,2.000a0.100,0.100 0 1 0 0.200,0"),
        "{circles}"
    );
    assert!(circles.contains("M2.900,4.000a"), "{circles}");
    let squares = frame.marks(&[(1.0, 2.0)], Mark::Square);
    assert_eq!(squares, "M0.930,1.930h0.140v0.140h-0.140Z");
    assert_eq!(frame.marks(&[], Mark::Circle), "");
}

#[test]
fn a_point_just_beyond_the_outline_is_in_the_country_and_one_further_is_not() {
    // The L's foot ends at longitude 4 between latitudes 0 and 1 (at the equator, 0.01° is 1.1 km).
    let outline = Outline::parse(L_SHAPE).unwrap();
    let near = outline.edge_distance_metres(0.5, 4.01);
    assert!((near - 1_112.0).abs() < 5.0, "{near}");
    assert!(outline.covers(0.5, 4.01), "1.1 km beyond the border");
    assert!(outline.covers(0.5, 4.04), "4.4 km beyond");
    assert!(!outline.covers(0.5, 4.06), "6.7 km beyond");
    assert!(
        !outline.covers(3.0, 3.0),
        "in the L's bend, 2° from both arms"
    );
    let corner = outline.edge_distance_metres(-0.03, -0.04);
    assert!((corner - 5_560.0).abs() < 20.0, "to the corner: {corner}");
}

#[test]
fn each_bundled_country_s_outline_is_compiled_in_and_lies_in_its_box() {
    use mgl_domain::outline::EDGE_TOLERANCE_METRES;
    use mgl_domain::CountryProfile;
    for id in CountryProfile::bundled_ids() {
        let profile = CountryProfile::bundled(id).unwrap();
        let Some(outline) = &profile.outline else {
            assert!(
                profile.iso_3166_numeric.is_none(),
                "{id}: a profile with an ISO code has its outline in outlines/ (scripts/outlines.mjs)"
            );
            continue;
        };
        // `lies_in_country` answers "no" outside the box without measuring: so the box must hold
        // the outline and the tolerance around it.
        let margin = EDGE_TOLERANCE_METRES / 111_000.0 * 1.5;
        let b = profile.bounding_box;
        for &(lon, lat) in outline.rings.iter().flatten() {
            assert!(
                lat - margin > b.south && lat + margin < b.north,
                "{id}: {lat} within its box"
            );
            assert!(
                lon - margin > b.west && lon + margin < b.east,
                "{id}: {lon} within its box"
            );
        }
    }
    let nigeria = CountryProfile::bundled("ng").unwrap();
    for (place, lat, lon, inside) in [
        ("Kuchi, Niger State", 9.81, 6.92, true),
        ("Calabar", 4.95, 8.32, true),
        ("Maiduguri", 11.85, 13.16, true),
        (
            "on the Benin border, 1.8 km beyond the outline's line",
            7.5,
            2.757,
            true,
        ),
        ("Kétou, Benin, 20 km beyond it", 7.36, 2.60, false),
        ("Maroua, Cameroon: in Nigeria's box", 10.59, 14.32, false),
        ("Zinder, Niger: in the box", 13.80, 8.99, false),
        (
            "the Gulf of Guinea off the delta: in the box",
            4.1,
            5.3,
            false,
        ),
    ] {
        assert_eq!(nigeria.lies_in_country(lat, lon), inside, "{place}");
    }
}
