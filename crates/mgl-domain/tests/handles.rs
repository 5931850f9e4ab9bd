//! Every handle the code names exists: the field keys the app's components ask for, the keys the
//! site's totals add up, and the choice codes the rules read. A wrong one fails here, not in the
//! page (where an unknown field shows an error in place of its answer, and a wrong total key would
//! silently add 0).

use mgl_domain::checklist::{NeedRule, REQUIREMENTS};
use mgl_domain::draft::{
    INCORPORATED_TRUSTEE, INTERCONNECTED, ISOLATED, NO, PARTNERSHIP, PRIVATE_LLC, PUBLIC_LLC, YES,
};
use mgl_domain::fields::{
    draft_field, site_field, Kind, CUSTOMER_KEYS, EXISTING_LICENCE_FIELDS, GENERATION_KEYS,
    LINE_KEYS, POLE_KEYS, SITE_FIELDS,
};
use regex::Regex;
use std::path::Path;

/// The app's components, as text.
fn components() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src/components");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    assert!(
        out.len() > 10,
        "the components were not found in {}",
        dir.display()
    );
    out
}

/// The string keys given to a component in the app's source: `<Name key="…"`, and in the site
/// editor its shorthand `f("…")` for `<SiteField key=…>`.
fn keys_given(component: &str, shorthand: Option<&str>) -> Vec<(String, String)> {
    let tag = Regex::new(&format!(r#"<{component}\s+key="([^"]+)""#)).unwrap();
    let short = shorthand.map(|name| Regex::new(&format!(r#"\b{name}\("([^"]+)"\)"#)).unwrap());
    let mut keys = Vec::new();
    for (file, text) in components() {
        for c in tag.captures_iter(&text) {
            keys.push((file.clone(), c[1].to_owned()));
        }
        if let Some(short) = &short {
            if text.contains(&format!("<{component} key=key")) {
                for c in short.captures_iter(&text) {
                    keys.push((file.clone(), c[1].to_owned()));
                }
            }
        }
    }
    keys
}

#[test]
fn every_field_key_the_app_names_is_in_its_field_table() {
    let draft_keys = keys_given("DraftField", None);
    let site_keys = keys_given("SiteField", Some("f"));
    let licence_keys = keys_given("ExistingLicenceField", None);
    // The site editor takes its keys from the layout (checked below); any it names itself count too.
    assert!(draft_keys.len() >= 2 && licence_keys.len() == 3);
    let mut unknown = Vec::new();
    for (file, key) in &draft_keys {
        if draft_field(key).is_none() {
            unknown.push(format!("{file}: DraftField {key}"));
        }
    }
    for (file, key) in &site_keys {
        if site_field(key).is_none() {
            unknown.push(format!("{file}: SiteField {key}"));
        }
    }
    for (file, key) in &licence_keys {
        if !EXISTING_LICENCE_FIELDS.iter().any(|f| f.key == *key) {
            unknown.push(format!("{file}: ExistingLicenceField {key}"));
        }
    }
    assert!(unknown.is_empty(), "keys in no field table: {unknown:#?}");
}

#[test]
fn every_total_adds_quantities_of_the_site() {
    let lists: [(&str, &[&str]); 4] = [
        ("GENERATION_KEYS", &GENERATION_KEYS),
        ("LINE_KEYS", &LINE_KEYS),
        ("POLE_KEYS", &POLE_KEYS),
        ("CUSTOMER_KEYS", &CUSTOMER_KEYS),
    ];
    for (name, keys) in lists {
        for key in keys {
            let field = site_field(key).unwrap_or_else(|| panic!("{name}: no site field {key}"));
            assert!(
                matches!(field.kind, Kind::Quantity { .. }),
                "{name}: {key} is not a quantity"
            );
        }
    }
}

#[test]
fn every_choice_code_a_rule_reads_is_offered_by_its_field() {
    let offered = |key: &str| -> Vec<&'static str> {
        let kind = draft_field(key)
            .map(|f| f.kind)
            .or_else(|| site_field(key).map(|f| f.kind))
            .unwrap_or_else(|| panic!("no field {key}"));
        match kind {
            Kind::Choice(choices) => choices.iter().map(|c| c.code).collect(),
            other => panic!("{key} is not a choice: {other:?}"),
        }
    };
    let statuses = offered("legal_status.status");
    for code in [PARTNERSHIP, PUBLIC_LLC, PRIVATE_LLC, INCORPORATED_TRUSTEE] {
        assert!(statuses.contains(&code), "legal status {code}");
    }
    let connections = offered("connection");
    assert_eq!(connections, [ISOLATED, INTERCONNECTED]);
    for field in SITE_FIELDS
        .iter()
        .filter(|f| matches!(f.kind, Kind::Choice(c) if c.len() == 2 && c[0].code == YES))
    {
        assert_eq!(offered(field.key), [YES, NO], "{}", field.key);
    }
}

#[test]
fn every_requirement_has_its_row_and_rule() {
    // One row per code, each with a rule of its level: no requirement is needed by default.
    let mut codes: Vec<&str> = REQUIREMENTS.iter().map(|r| r.code).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), REQUIREMENTS.len(), "a code has two rows");
    let mut draft = mgl_domain::Draft::default();
    draft.sites.push(Default::default());
    for requirement in REQUIREMENTS {
        let (_, reason) = match requirement.need {
            NeedRule::ForCompany(rule) => rule(&draft),
            NeedRule::ForEachSite(rule) => rule(&draft.sites[0]),
        };
        assert!(
            !reason.render(mgl_domain::Lang::En).is_empty(),
            "{}",
            requirement.code
        );
    }
}

#[test]
fn every_site_rule_reads_site_answers_and_shows_at_one_it_reads() {
    use mgl_domain::validate::SITE_RULES;
    assert!(SITE_RULES.len() >= 6);
    for rule in SITE_RULES {
        assert!(
            rule.reads.contains(&rule.at),
            "{} is not among what its rule reads",
            rule.at
        );
        for key in rule.reads {
            assert!(
                site_field(key).is_some(),
                "rule at {}: no site field {key}",
                rule.at
            );
        }
        if rule.label.is_none() {
            assert!(
                !site_field(rule.at).unwrap().label.is_empty(),
                "{}",
                rule.at
            );
        }
    }
}

#[test]
fn the_site_form_shows_every_site_answer_once() {
    use mgl_domain::layout::site_form_keys;
    let mut shown: Vec<&str> = site_form_keys().collect();
    for key in &shown {
        assert!(
            site_field(key).is_some(),
            "the site form shows {key}, which is no site field"
        );
    }
    let mut fields: Vec<&str> = SITE_FIELDS.iter().map(|f| f.key).collect();
    shown.sort();
    fields.sort();
    assert_eq!(shown, fields, "every site answer, once");
}
