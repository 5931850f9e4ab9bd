//! Draft files written by other tools: answers as JSON numbers or booleans are read as their text,
//! not refused.

use mgl_domain::Draft;
use serde_json::{json, Value};

const EXAMPLE: &str = include_str!("../../../examples/two-site-draft.json");

/// The example with every answer another tool would write as a number or boolean written so: text
/// that JSON writes the same as a number becomes that number, "yes" and "no" become booleans.
fn as_another_tool_writes(value: Value) -> (Value, usize) {
    match value {
        Value::String(text) => {
            let number = serde_json::from_str::<serde_json::Number>(&text).ok();
            match (text.as_str(), number) {
                ("yes", _) => (Value::Bool(true), 1),
                ("no", _) => (Value::Bool(false), 1),
                (_, Some(n)) if n.to_string() == text => (Value::Number(n), 1),
                _ => (Value::String(text), 0),
            }
        }
        Value::Array(items) => {
            let (items, counts): (Vec<_>, Vec<_>) =
                items.into_iter().map(as_another_tool_writes).unzip();
            (Value::Array(items), counts.into_iter().sum())
        }
        Value::Object(map) => {
            let mut changed = 0;
            let map = map
                .into_iter()
                .map(|(key, value)| {
                    let (value, n) = as_another_tool_writes(value);
                    changed += n;
                    (key, value)
                })
                .collect();
            (Value::Object(map), changed)
        }
        other => (other, 0),
    }
}

#[test]
fn numbers_and_booleans_where_the_app_writes_text_give_the_same_draft() {
    let (rewritten, changed) = as_another_tool_writes(serde_json::from_str(EXAMPLE).unwrap());
    assert!(
        changed > 40,
        "the example has many numeric and yes/no answers ({changed})"
    );
    let text = rewritten.to_string();
    assert!(text.contains(r#""plant_is_new":true"#) || text.contains(r#""plant_is_new":false"#));
    assert_eq!(
        Draft::from_json(&text).unwrap(),
        Draft::from_json(EXAMPLE).unwrap()
    );
}

#[test]
fn each_kind_of_value_is_kept_as_its_text() {
    let file = json!({
        "schema_version": 1, "id": "other-tool", "updated_ms": 1764000000000.0,
        "applicant": { "organisation": "Kuchi Energy", "tel": null, "mobile": 2348030000001u64 },
        "sites": [{ "id": "s1", "name": "Kuchi", "latitude": 9.81, "longitude": -12,
                    "solar_kwp": 1.5e2, "plant_is_new": true, "lines_overhead": false,
                    "location": ["Niger", 7] }],
        "tariff": { "wacc": 0.1, "assets": [{ "name": "PV", "capex": 120000, "lifetime_years": 25 }] }
    });
    let draft = Draft::from_json(&file.to_string()).unwrap();
    let site = &draft.sites[0];
    assert_eq!(
        (site.latitude.as_str(), site.longitude.as_str()),
        ("9.81", "-12")
    );
    // As JSON wrote the number: what the other tool meant, and what validation then reads.
    assert_eq!(site.solar_kwp, "150.0");
    assert_eq!(
        (site.plant_is_new.as_str(), site.lines_overhead.as_str()),
        ("yes", "no")
    );
    assert_eq!(site.location, ["Niger", "7"]);
    assert_eq!(draft.applicant.tel, "");
    assert_eq!(draft.applicant.mobile, "2348030000001");
    assert_eq!(draft.updated_ms, 1764000000000.0);
    let tariff = draft.tariff.unwrap();
    assert_eq!(
        (tariff.wacc.as_str(), tariff.assets[0].capex.as_str()),
        ("0.1", "120000")
    );
}

#[test]
fn a_list_or_an_object_where_an_answer_belongs_is_still_refused_with_the_reason() {
    let refused =
        Draft::from_json(r#"{"applicant": {"organisation": {"name": "Kuchi"}}}"#).unwrap_err();
    assert!(
        refused.starts_with("This file is not a draft application that this app can read"),
        "{refused}"
    );
    assert!(refused.contains("invalid type: map"), "{refused}");
    let syntax = Draft::from_json(r#"{"applicant": "#).unwrap_err();
    assert!(
        syntax.contains("line 1"),
        "a broken file says where: {syntax}"
    );
}
