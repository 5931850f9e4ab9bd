//! The map's geometry: a country's outline read and asked whether a point is inside, and the frame
//! the map draws in.

use mgl_domain::outline::{position, Frame, Outline};
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
