//! Translations: every message the code names has French and Portuguese, with the same
//! placeholders, the defined terms of Section 1.4 as the glossary says, nothing translated that the
//! code no longer says; and the domain, run in French and Portuguese, asks for no missing message.

mod common;

use common::{example, profile, today};
use mgl_domain::i18n::{catalogue, on_missing_translation, plural_index, translation};
use mgl_domain::message::{Arg, Message};
use mgl_domain::parse::{Axis, CoordinateError, NumberError};
use mgl_domain::po::PLURAL_SEPARATOR;
use mgl_domain::{checklist, decide, printout, tariff_draft, validate, Draft, Lang};
use regex::Regex;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const TRANSLATED: [Lang; 2] = [Lang::Fr, Lang::Pt];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shipped Rust source of the domain, the app and `mgl`: tests and comment lines left out.
fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let shipped = text.split("#[cfg(test)]").next().unwrap();
                let code: Vec<&str> = shipped
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect();
                out.push((path, code.join("\n")));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("crates/mgl-domain/src"), &mut out);
    walk(&root().join("crates/mgl-bag/src"), &mut out);
    walk(&root().join("src"), &mut out);
    walk(&root().join("crates/mgl-cli/src"), &mut out);
    out
}

/// A Rust string literal's value (the escapes our messages use).
fn unescape(literal: &str) -> String {
    literal
        .replace("\\\"", "\"")
        .replace("\\n", "\n")
        .replace("\\'", "'")
        .replace("\\\\", "\\")
}

const LITERAL: &str = r#""((?:[^"\\]|\\.)*)""#;

/// The messages the code hands to the translation layer: arguments of `t`, `tx`, `tr`, `say` and
/// `text`, counted messages (`counted`, as their catalogue key: singular and plural joined by
/// [`PLURAL_SEPARATOR`]), and the labels, help, units, options and titles of the field and
/// requirement tables.
fn messages_in_code() -> BTreeSet<String> {
    let counted = Regex::new(&format!(
        r"(?:^|[^A-Za-z_])counted\(\s*{LITERAL},\s*{LITERAL}"
    ))
    .unwrap();
    let patterns = [
        format!(r"(?:^|[^A-Za-z_])(?:tx?|text|reason)\(\s*{LITERAL}"),
        // `mgl`'s messages (`say` in crates/mgl-cli).
        format!(r"(?:^|[^A-Za-z_])say\(\s*{LITERAL}"),
        format!(r"(?:^|[^A-Za-z_])tr\(\s*[A-Za-z_:]+\s*,\s*{LITERAL}"),
        format!(r#"field!\(\s*\w+,\s*"[^"]*",\s*\w+,\s*"[^"]*",\s*{LITERAL},\s*{LITERAL}"#),
        format!(r#"req\(\s*"[^"]*",\s*"[^"]*",\s*{LITERAL}"#),
        // The tariff's inputs (tariff_draft.rs): each answer's label.
        format!(r#"answer!\(\s*\w+,\s*"[^"]*",\s*[\w.]+,\s*{LITERAL}"#),
        format!(r#"choice\(\s*(?:"[^"]*"|[A-Z_]+),\s*{LITERAL}"#),
        format!(r"\bunit:\s*{LITERAL}"),
        // The site form's layout (layout.rs): group titles, headings and notes.
        format!(r"\btitle:\s*{LITERAL}"),
        format!(r"\b(?:Heading|Note)\(\s*{LITERAL}"),
        // `mgl`'s command table (crates/mgl-cli/src/main.rs): what each command and option does,
        // and what it asks for when something is missing.
        format!(r"\b(?:help|missing_operand):\s*{LITERAL}"),
        format!(r#"(?:flag|date)\(\s*"[^"]*",\s*{LITERAL}"#),
        format!(r#"value\(\s*"[^"]*",\s*"[^"]*",\s*{LITERAL}"#),
        format!(r"\.required\(\s*{LITERAL}"),
        format!(r"const [A-Z_]+_(?:HELP|MESSAGE): &str =\s*{LITERAL}"),
    ]
    .map(|p| Regex::new(&p).unwrap());
    let placeholder_only = Regex::new(r"^(\{[a-z_]*\}|[^A-Za-z])*$").unwrap();
    let mut out = BTreeSet::new();
    for (_, code) in sources() {
        for c in counted.captures_iter(&code) {
            out.insert(format!(
                "{}{PLURAL_SEPARATOR}{}",
                unescape(&c[1]),
                unescape(&c[2])
            ));
        }
        for pattern in &patterns {
            for captures in pattern.captures_iter(&code) {
                for m in captures.iter().skip(1).flatten() {
                    let text = unescape(m.as_str());
                    if !placeholder_only.is_match(&text) {
                        out.insert(text);
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_message_the_code_names_is_translated() {
    let messages = messages_in_code();
    assert!(
        messages.len() > 400,
        "the extraction found only {}",
        messages.len()
    );
    for lang in TRANSLATED {
        let missing: Vec<&String> = messages
            .iter()
            .filter(|m| translation(lang, m).is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "{} messages have no {} translation in i18n/{}.po:\n{missing:#?}",
            missing.len(),
            lang.native_name(),
            lang.code()
        );
    }
}

#[test]
fn translations_keep_every_placeholder() {
    let placeholder = Regex::new(r"\{[a-z_]*\}").unwrap();
    let names = |text: &str| {
        let mut v: Vec<String> = placeholder
            .find_iter(text)
            .map(|m| m.as_str().to_owned())
            .collect();
        v.sort();
        v
    };
    for lang in TRANSLATED {
        for (id, text) in catalogue(lang) {
            // A counted message: each English form and each translated form has the same ones.
            for form in id
                .split(PLURAL_SEPARATOR)
                .chain(text.split(PLURAL_SEPARATOR))
            {
                assert_eq!(
                    names(id.split(PLURAL_SEPARATOR).next().unwrap()),
                    names(form),
                    "{}: \"{id}\" -> \"{text}\"",
                    lang.code()
                );
                assert!(!form.trim().is_empty());
            }
        }
    }
}

#[test]
fn nothing_is_translated_that_the_code_no_longer_says() {
    let literal = Regex::new(LITERAL).unwrap();
    let mut said = BTreeSet::new();
    for (_, code) in sources() {
        for c in literal.captures_iter(&code) {
            said.insert(unescape(&c[1]));
        }
    }
    for lang in TRANSLATED {
        let stale: Vec<&str> = catalogue(lang)
            .iter()
            .map(|(id, _)| *id)
            .filter(|id| !id.split(PLURAL_SEPARATOR).all(|form| said.contains(form)))
            .collect();
        assert!(
            stale.is_empty(),
            "{}.po translates what no code says: {stale:#?}",
            lang.code()
        );
    }
    assert_eq!(
        catalogue(Lang::Fr).len(),
        catalogue(Lang::Pt).len(),
        "fr.po and pt.po differ"
    );
}

/// Finds `term` as whole words, in any case.
fn whole_term(term: &str) -> Regex {
    Regex::new(&format!(r"(?i)(^|[^\w-]){}($|[^\w-])", regex::escape(term))).unwrap()
}

#[test]
fn the_defined_terms_are_translated_as_the_glossary_says() {
    let glossary =
        std::fs::read_to_string(root().join("crates/mgl-domain/i18n/glossary.tsv")).unwrap();
    let terms: Vec<Vec<&str>> = glossary
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(terms.len() >= 25 && terms.iter().all(|t| t.len() == 3));
    let finders: Vec<Regex> = terms.iter().map(|t| whole_term(t[0])).collect();
    let mut wrong = Vec::new();
    for (column, lang) in [(1, Lang::Fr), (2, Lang::Pt)] {
        for (id, text) in catalogue(lang) {
            for (term, finder) in terms.iter().zip(&finders) {
                let form = term[column].to_lowercase();
                if finder.is_match(id) && !text.to_lowercase().contains(&form) {
                    wrong.push(format!(
                        "{}: \"{id}\" -> \"{text}\" lacks \"{}\"",
                        lang.code(),
                        term[column]
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

static MISSING: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

fn record(lang: Lang, msgid: &str) {
    MISSING
        .lock()
        .unwrap()
        .insert(format!("{}: {msgid}", lang.code()));
}

/// A draft with a wrong answer of each kind.
fn broken() -> Draft {
    let mut json: serde_json::Value = serde_json::from_str(&example().to_json()).unwrap();
    let set = |json: &mut serde_json::Value, pointer: &str, value: &str| {
        *json
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{pointer}")) = value.into();
    };
    set(&mut json, "/applicant/email", "name at example");
    set(&mut json, "/applicant/mobile", "call me");
    set(&mut json, "/applicant/website", "not a site");
    set(&mut json, "/applicant/organisation", "");
    set(&mut json, "/sites/0/latitude", "95");
    set(&mut json, "/sites/0/longitude", "9°4'35\"N");
    set(&mut json, "/sites/1/latitude", "0");
    set(&mut json, "/sites/1/longitude", "0");
    set(&mut json, "/sites/0/customers_residential", "1,200");
    set(&mut json, "/sites/1/customers_residential", "-3");
    set(&mut json, "/declaration/date", "2099-01-01");
    Draft::from_json(&json.to_string()).unwrap()
}

#[test]
fn the_domain_run_in_french_and_portuguese_asks_for_no_missing_message() {
    on_missing_translation(record);
    let profile = profile();
    let mut with_tariff = example();
    with_tariff.tariff = Some(mgl_domain::draft::TariffDraft::prefilled(
        &with_tariff,
        Lang::Fr,
    ));
    let mut bad_tariff = with_tariff.clone();
    if let Some(t) = bad_tariff.tariff.as_mut() {
        t.wacc = "15".into();
        t.assets[0].capex = "-1".into();
    }
    let messages = [
        Message::Required,
        Message::ChooseOne,
        Message::Number(NumberError::NotANumber),
        Message::Number(NumberError::AmbiguousComma),
        Message::Number(NumberError::Negative),
        Message::Number(NumberError::NotWhole),
        Message::Email,
        Message::Phone,
        Message::WebAddress,
        Message::Date,
        Message::DateInFuture,
        Message::Coordinate(Axis::Latitude, CoordinateError::NotACoordinate),
        Message::Coordinate(Axis::Latitude, CoordinateError::WrongHemisphere),
        Message::Coordinate(Axis::Longitude, CoordinateError::WrongHemisphere),
        Message::Coordinate(Axis::Longitude, CoordinateError::MinutesOrSecondsTooLarge),
        Message::Coordinate(Axis::Longitude, CoordinateError::OutOfRange),
        Message::ZeroZero,
        Message::OutsideCountry {
            country: "Nigeria".into(),
        },
        Message::OutsideCountryUnless {
            country: "Nigeria".into(),
            fix: mgl_domain::message::PositionFix::Swapped,
        },
        Message::OutsideCountryUnless {
            country: "Nigeria".into(),
            fix: mgl_domain::message::PositionFix::LatitudeSign,
        },
        Message::OutsideCountryUnless {
            country: "Nigeria".into(),
            fix: mgl_domain::message::PositionFix::LongitudeSign,
        },
        Message::OutsideCountryUnless {
            country: "Nigeria".into(),
            fix: mgl_domain::message::PositionFix::BothSigns,
        },
        Message::NoSites,
        Message::NoGeneration,
        Message::NoLineType,
        Message::NoExistingLicence,
        Message::FewCustomers,
        Message::GenerationCapacityAboveInstalled {
            capacity: 2.0,
            installed: 1.0,
        },
        Message::PlantFarFromSite {
            km: 12.3,
            limit_km: 5.0,
        },
        Message::SameNameAndLocation {
            sites: vec![Arg::Verbatim("Kuchi".into())],
        },
        Message::NearAnotherSite {
            metres: 200.0,
            sites: vec![
                Arg::Verbatim("Kuchi".into()),
                Arg::Verbatim("Gurmana".into()),
            ],
        },
    ];
    for lang in TRANSLATED {
        let mut above_5_mw = example();
        above_5_mw.sites[1].generation_capacity_kw = "6000".into();
        let mut mixed = example();
        mixed.sites[1].connection = "interconnected".into();
        for draft in [
            example(),
            broken(),
            above_5_mw,
            mixed,
            Draft::default(),
            with_tariff.clone(),
            bad_tariff.clone(),
        ] {
            let report = validate(&draft, &profile, today());
            for p in report.problems() {
                p.label_in(lang);
                p.message.render(lang);
            }
            let decision = decide(&draft, &profile);
            for text in [&decision.summary]
                .into_iter()
                .chain(&decision.reasons)
                .chain(&decision.consequences)
            {
                text.render(lang);
            }
            checklist::checklist(&draft, lang);
            printout::application_html(&draft, &profile, &report, lang);
            printout::declaration_page(&draft, &profile, Some("AB12 CD34"), lang);
            if let Some(t) = &draft.tariff {
                match tariff_draft::compute(t, "NGN") {
                    tariff_draft::Computation::Problems(problems) => {
                        problems.iter().for_each(|(_, m)| drop(m.render(lang)))
                    }
                    tariff_draft::Computation::Results(_, results) => {
                        results.warnings.iter().for_each(|w| drop(w.render(lang)))
                    }
                    tariff_draft::Computation::Error(e) => drop(e.render(lang)),
                }
            }
        }
        for m in &messages {
            m.render(lang);
        }
    }
    let missing = MISSING.lock().unwrap();
    assert!(
        missing.is_empty(),
        "{} untranslated:\n{missing:#?}",
        missing.len()
    );
}

#[test]
fn a_french_application_prints_in_french() {
    let draft = example();
    let report = validate(&draft, &profile(), today());
    let html = printout::application_html(&draft, &profile(), &report, Lang::Fr);
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"fr\">"));
    for french in [
        "RENSEIGNEMENTS SUR LE DEMANDEUR",
        "Statut juridique du demandeur",
        "DÉCLARATION DU DEMANDEUR",
    ] {
        assert!(html.contains(french), "no {french}");
    }
    assert!(!html.contains("PARTICULARS OF APPLICANT"));
    let licence = decide(&draft, &profile()).summary.render(Lang::Pt);
    assert!(licence.starts_with("Licença"), "{licence}");
}

/// The PO header's `Plural-Forms` of each language, as gettext tools read it, and the forms of each
/// counted message: as many as the header says, chosen as `plural_index` chooses.
#[test]
fn counted_messages_have_every_plural_form_of_each_language() {
    for lang in TRANSLATED {
        let path = root().join(format!("crates/mgl-domain/i18n/{}.po", lang.code()));
        let po = std::fs::read_to_string(&path).unwrap();
        let header = Regex::new(r#""Plural-Forms: nplurals=(\d+); plural=\((.*)\);\\n""#).unwrap();
        let c = header
            .captures(&po)
            .unwrap_or_else(|| panic!("{} has no Plural-Forms header", path.display()));
        let forms: usize = c[1].parse().unwrap();
        // The expressions our languages use, evaluated as gettext does.
        let rule: fn(u64) -> usize = match &c[2] {
            "n > 1" => |n| usize::from(n > 1),
            "n != 1" => |n| usize::from(n != 1),
            other => panic!("{}: teach this test the rule ({other})", lang.code()),
        };
        for n in 0..=1000 {
            assert_eq!(plural_index(lang, n), rule(n), "{}: n = {n}", lang.code());
        }
        let counted: Vec<_> = catalogue(lang)
            .iter()
            .filter(|(id, _)| id.contains(PLURAL_SEPARATOR))
            .collect();
        assert!(counted.len() >= 10, "{} counted messages", counted.len());
        for (id, text) in counted {
            assert_eq!(id.split(PLURAL_SEPARATOR).count(), 2, "{id:?}");
            assert_eq!(
                text.split(PLURAL_SEPARATOR).count(),
                forms,
                "{}: {id:?} -> {text:?}",
                lang.code()
            );
        }
    }
    let french = |n| {
        mgl_domain::message::counted("{n} document missing", "{n} documents missing", n)
            .render(Lang::Fr)
    };
    assert_eq!(french(0), "0 document manquant");
    assert_eq!(french(2), "2 documents manquants");
    let english = |n| {
        mgl_domain::message::counted(
            "{n} tariff input to fix or complete.",
            "{n} tariff inputs to fix or complete.",
            n,
        )
        .render(Lang::En)
    };
    assert_eq!(english(1), "1 tariff input to fix or complete.");
    assert_eq!(english(0), "0 tariff inputs to fix or complete.");
}
