//! `mgl check` as a user runs it: output, exit codes, JSON.

use std::path::PathBuf;
use std::process::Command;

fn mgl() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mgl"))
}

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/two-site-draft.json")
}

fn temp_file(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mgl-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn the_example_passes_with_exit_code_0_and_names_its_licence() {
    let out = mgl()
        .args(["check"])
        .arg(example())
        .args(["--today", "2026-11-22"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("Licence: Simplified Licence (Section 3.1)"),
        "{stdout}"
    );
    assert!(stdout.contains("0 problems, 0 warnings"), "{stdout}");
}

#[test]
fn problems_are_printed_with_their_path_and_exit_code_1() {
    let mut draft: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example()).unwrap()).unwrap();
    draft["applicant"]["email"] = "info@".into();
    draft["sites"][1]["latitude"] = "95".into();
    let path = temp_file("bad.json", &draft.to_string());
    let out = mgl().arg("check").arg(&path).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("error: applicant.email: E-mail: Enter an e-mail address"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "error: sites[1].latitude: Latitude: A latitude is between -90 and 90 degrees."
        ),
        "{stdout}"
    );

    let out = mgl()
        .arg("check")
        .arg(&path)
        .arg("--json")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["clean"], false);
    assert_eq!(json["errors"], 2);
    let paths: Vec<_> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["applicant.email", "sites[1].latitude"]);
    assert_eq!(json["licence"]["outcome"]["outcome"], "licence");
    assert_eq!(json["licence"]["outcome"]["licence"], "simplified");

    // Sokoto typed the other way round is in Cameroon, inside Nigeria's box: `mgl` has the outline.
    draft["sites"][1]["latitude"] = "5.24".into();
    draft["sites"][1]["longitude"] = "13.06".into();
    let path = temp_file("swapped.json", &draft.to_string());
    let out = mgl().arg("check").arg(&path).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("warning: sites[1].latitude: Latitude:")
            && stdout.contains("latitude and longitude the other way round"),
        "{stdout}"
    );
}

#[test]
fn unreadable_input_exits_with_code_2() {
    let out = mgl()
        .args(["check", "/nonexistent/draft.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let garbage = temp_file("garbage.json", "%PDF-1.7 not json");
    let out = mgl().arg("check").arg(&garbage).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a draft application"));
    let out = mgl().args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = mgl()
        .arg("check")
        .arg(example())
        .args(["--today", "tomorrow"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn another_country_is_a_profile_file() {
    let profile = r#"{"id":"tz","name":"test","version":1,"country_name":"United Republic of Tanzania","country_code":"TZ",
      "authority":"EWURA","currency":"TZS","admin_levels":["Region","District","Ward","Village"],
      "simplified_limit_kw":100,"simplified_limit_basis":"each_site","mini_grid_limit_kw":5000,
      "bounding_box":{"south":-11.8,"north":-0.9,"west":29.3,"east":40.5}}"#;
    let path = temp_file("tz.json", profile);
    let out = mgl()
        .arg("check")
        .arg(example())
        .arg("--profile")
        .arg(&path)
        .arg("--json")
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Nigerian coordinates are outside Tanzania: warnings, not errors.
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json["profile"], "tz");
    assert!(json["warnings"].as_u64().unwrap() >= 2);
    assert!(json["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("outside United Republic of Tanzania"));
}

#[test]
fn the_checklist_lists_each_document_with_its_reason() {
    let out = mgl().arg("checklist").arg(example()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains(
            "company: Loan agreement [4.1(2)(i), 5.5]: required: Loan capital is declared in 5.5"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "site Kuchi (a7k3q9-s1): Tripartite Agreement [4.1(3)(i), 3.3]: not applicable"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("site Gurmana (a7k3q9-s2): Right of way certificate [4.1(3)(g)]: required"),
        "{stdout}"
    );
    assert!(
        stdout.trim_end().ends_with("28 documents required"),
        "{stdout}"
    );
    let out = mgl()
        .arg("checklist")
        .arg(example())
        .arg("--json")
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &json[0];
    assert_eq!(first["requirement"]["code"], "sworn-declaration");
    assert_eq!(first["site_id"], serde_json::Value::Null);
    assert_eq!(first["need"], "required");
}

#[test]
fn missing_required_documents_are_problems() {
    let mut draft: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example()).unwrap()).unwrap();
    let attachments = draft["attachments"].as_array_mut().unwrap();
    attachments.retain(|a| {
        !(a["requirement"] == "tax-clearance"
            || (a["requirement"] == "land-title" && a["site_id"] == "a7k3q9-s2"))
    });
    let path = temp_file("missing-docs.json", &draft.to_string());
    let out = mgl().arg("check").arg(&path).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("error: attachments.company.tax-clearance: Valid tax clearance certificate: This required document is not attached."), "{stdout}");
    assert!(
        stdout.contains("error: attachments.sites[1].land-title:"),
        "{stdout}"
    );
    assert!(stdout.contains("2 problems, 0 warnings"), "{stdout}");
}

#[test]
fn mgl_tariff_prints_results_as_json_and_the_schedule_as_csv() {
    let input = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/tariff-input.json");
    let out = mgl().arg("tariff").arg(&input).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["years"].as_array().unwrap().len(), 20);
    assert_eq!(json["years"][3]["year"], 4);
    assert!(json["years"][3]["opex"].as_f64().unwrap() > 0.0 && json["years"][2]["opex"] == 0.0);
    assert!(json["compensation"]["total"].as_f64().unwrap() > 0.0);
    assert!(json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("year 4")));

    let out = mgl()
        .arg("tariff")
        .arg(&input)
        .arg("--csv")
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 21);
    assert!(lines[0].starts_with(
        "year,opening_value,depreciation,return,opex,revenue_requirement,kwh_sold,average_tariff"
    ));
    assert_eq!(lines[1].split(',').count(), 13);

    let bad = temp_file(
        "bad-tariff.json",
        r#"{"wacc": 0.1, "assets": [{"name": "PV", "capex": 1000, "lifetime_years": 10}], "kwh_sold": [{"year": 1}]}"#,
    );
    let out = mgl().arg("tariff").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No kWh are sold in year 1"));
}

#[test]
fn mgl_print_writes_the_whole_application_as_html() {
    let out = mgl().arg("print").arg(example()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("APPENDIX I")
            && html.contains("Site 2: Gurmana")
            && html.contains("NOTARY PUBLIC")
    );
    let out = mgl()
        .arg("print")
        .arg(example())
        .arg("--declaration")
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("DECLARATION BY THE APPLICANT") && !html.contains("Site 2: Gurmana"));
}

#[test]
fn messages_follow_lang_and_an_unknown_language_is_refused() {
    let mut draft: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example()).unwrap()).unwrap();
    draft["applicant"]["email"] = "info@".into();
    let path = temp_file("bad-fr.json", &draft.to_string());
    let out = mgl()
        .args(["check", "--lang", "fr"])
        .arg(&path)
        .args(["--today", "2026-11-22"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("applicant.email: E-mail: Saisissez une adresse e-mail"),
        "{stdout}"
    );
    // The framing words too: severity, licence line, counts.
    assert!(
        stdout.contains("erreur : applicant.email") || stdout.contains("erreur: applicant.email"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Licence : Licence simplifiée (section 3.1)"),
        "{stdout}"
    );
    assert!(stdout.contains("1 problème, 0 avertissement"), "{stdout}");
    assert!(
        !stdout.contains("error") && !stdout.contains("problem(s)"),
        "{stdout}"
    );

    let out = mgl()
        .args(["checklist", "--lang", "fr"])
        .arg(example())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "site Gurmana (a7k3q9-s2): Certificat de droit de passage [4.1(3)(g)]: obligatoire"
        ),
        "{stdout}"
    );
    assert!(
        stdout.trim_end().ends_with("28 documents obligatoires"),
        "{stdout}"
    );

    let out = mgl()
        .arg("check")
        .arg(&path)
        .env("MGL_LANG", "pt")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Introduza um endereço de e-mail"));

    let out = mgl()
        .args(["check", "--lang", "xx"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the languages are en, fr and pt"));
}

#[test]
fn the_usage_and_argument_errors_speak_the_chosen_language() {
    let help = mgl().args(["--help", "--lang", "fr"]).output().unwrap();
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.starts_with("mgl : demandes de licence de mini-réseau"),
        "{text}"
    );
    assert!(
        text.contains("Utilisation :\n  mgl check DRAFT.json"),
        "{text}"
    );
    assert!(
        text.contains("      --json      sortie lisible par une machine\n"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");

    let out = mgl()
        .arg("check")
        .arg(example())
        .args(["--bogus", "--lang", "pt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "mgl check: opção desconhecida --bogus\n"
    );
    let out = mgl()
        .args(["check", "--today", "demain"])
        .env("MGL_LANG", "fr")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "mgl check: --today demain : pas une date AAAA-MM-JJ\n"
    );
}

/// The usage text and the parser come from one table: every option the usage shows for a command
/// is one its parser takes, and an option it does not show is refused.
#[test]
fn every_option_the_usage_shows_is_one_the_command_takes() {
    let help = mgl().arg("--help").output().unwrap();
    let usage = String::from_utf8_lossy(&help.stdout).into_owned();
    // Each command's synopsis: its "  mgl NAME ..." line and the lines that go on under it.
    let mut synopses: Vec<(String, String)> = Vec::new();
    for line in usage.lines() {
        if let Some(rest) = line.strip_prefix("  mgl ") {
            // A name is one lowercase word or two (`sites import`); operands are in capitals.
            let words: Vec<&str> = rest.split(' ').collect();
            let name_len = words
                .iter()
                .take_while(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
                .count();
            synopses.push((words[..name_len].join(" "), words[name_len..].join(" ")));
        } else if line.starts_with("             ") {
            synopses.last_mut().unwrap().1.push_str(line);
        }
    }
    assert_eq!(synopses.len(), 13, "{usage}");
    for (name, args) in &synopses {
        // "[--today YYYY-MM-DD]" -> "--today" and its value's placeholder.
        let tokens: Vec<String> = args
            .split_whitespace()
            .map(|t| t.trim_matches(|c| c == '[' || c == ']').to_owned())
            .collect();
        for (i, token) in tokens.iter().enumerate() {
            if !token.starts_with("--") {
                continue;
            }
            let mut call: Vec<String> = name.split(' ').map(String::from).collect();
            call.push(token.clone());
            match tokens.get(i + 1) {
                Some(v) if v.starts_with("YYYY") => call.push("2026-11-22".into()),
                Some(v) if !v.starts_with("--") => call.push("x".into()),
                _ => {}
            }
            let out = mgl().args(&call).env("MGL_LANG", "en").output().unwrap();
            let said = String::from_utf8_lossy(&out.stderr);
            assert!(
                !said.contains("unknown option"),
                "mgl {}: {said}",
                call.join(" ")
            );
            assert!(
                !said.contains("needs a value"),
                "mgl {}: {said}",
                call.join(" ")
            );
        }
        let out = mgl()
            .args(name.split(' '))
            .arg("--not-an-option")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "mgl {name}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("unknown option --not-an-option"),
            "mgl {name}"
        );
    }
}

#[test]
fn mgl_sites_template_export_and_import_round_trip_with_exit_codes() {
    let dir = std::env::temp_dir().join(format!("mgl-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The template, as CSV (the header row) and as XLSX, in the chosen language.
    let out = mgl()
        .args(["--lang", "fr", "sites", "template"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let header = String::from_utf8(out.stdout).unwrap();
    assert!(header.starts_with("\u{feff}Nom du site,"), "{header}");
    assert_eq!(header.lines().count(), 1);
    let template = dir.join("template.xlsx");
    let out = mgl()
        .args(["sites", "template", "--xlsx", "--out"])
        .arg(&template)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(std::fs::read(&template).unwrap().starts_with(b"PK\x03\x04"));

    // Exported as CSV and XLSX, then imported in place of the draft's sites: the same sites.
    let csv = String::from_utf8(
        mgl()
            .args(["sites", "export"])
            .arg(example())
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(
        csv.lines().count(),
        3,
        "a header row and the example's two sites"
    );
    for format in ["--csv", "--xlsx", "--geojson"] {
        let file = dir.join(format!("sites.{}", &format[2..]));
        let out = mgl()
            .args(["sites", "export"])
            .arg(example())
            .args([format, "--out"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}");
        let new = dir.join(format!("new{format}.json"));
        let out = mgl()
            .args(["sites", "import"])
            .arg(example())
            .arg(&file)
            .arg("--replace")
            .arg("--out")
            .arg(&new)
            .args(["--today", "2026-11-22"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "",
            "no problem to tell"
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("2 sites instead of the draft's"));
        let again = mgl()
            .args(["sites", "export"])
            .arg(&new)
            .output()
            .unwrap()
            .stdout;
        assert_eq!(
            String::from_utf8(again).unwrap(),
            csv,
            "{format}: the same sites"
        );
    }

    // A bad value is told at its row and column, in the chosen language; the draft is written
    // with it, appended, and the exit status says there are problems.
    let bad = temp_file("bad.csv", "Nom du site;Latitude;Couleur\nKuchi;95;rouge\n");
    let new = dir.join("new.json");
    let out = mgl()
        .args(["--lang", "fr", "sites", "import"])
        .arg(example())
        .arg(&bad)
        .arg("--out")
        .arg(&new)
        .args(["--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Ligne 2, Latitude : Une latitude est comprise entre -90 et 90 degrés."),
        "{stdout}"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("Ignorée : la colonne Couleur, qui n'est pas une réponse sur un site."),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&new).unwrap()).unwrap();
    assert_eq!(
        written["sites"].as_array().unwrap().len(),
        3,
        "appended to the example's two"
    );
    assert_eq!(written["sites"][2]["latitude"], "95", "kept as typed");

    // The same as JSON, for tools.
    let out = mgl()
        .args(["sites", "import"])
        .arg(example())
        .arg(&bad)
        .args(["--json", "--out"])
        .arg(&new)
        .args(["--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(said["sites"], 1);
    assert_eq!(said["problems"][0]["row"], 2);
    assert_eq!(said["problems"][0]["column"], "latitude");
    assert_eq!(said["problems"][0]["severity"], "error");

    // A file that is not a register: refused with the reason, exit status 2, nothing written.
    let other = temp_file("other.csv", "a,b\n1,2\n");
    let untouched = dir.join("untouched.json");
    let out = mgl()
        .args(["sites", "import"])
        .arg(example())
        .arg(&other)
        .arg("--out")
        .arg(&untouched)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("No column of this file is a site answer of the form"));
    assert!(!untouched.exists(), "nothing written");
}
