//! The site register: the sites to and from CSV, as spreadsheets save it.

mod common;
use common::*;
use mgl_domain::register::{self, RegisterError};
use mgl_domain::Lang;

#[test]
fn the_template_is_the_header_row_of_the_form_s_labels_and_units_in_the_chosen_language() {
    let profile = profile();
    let english = register::to_csv(&[], &profile, Lang::En);
    assert!(
        english.starts_with('\u{feff}'),
        "a byte-order mark, for Excel"
    );
    assert_eq!(english.lines().count(), 1, "only the header row");
    let header = english.trim_start_matches('\u{feff}').trim_end();
    assert!(header.starts_with("Name of the site,Is this mini-grid isolated or interconnected?,State,Local Government Area,"), "{header}");
    assert!(
        header.contains(",Latitude,Longitude,Solar (kWp),Wind (kW),"),
        "{header}"
    );
    assert_eq!(header.split(',').count(), register::columns(&profile).len());
    let french = register::to_csv(&[], &profile, Lang::Fr);
    assert!(french.contains("Nom du site"), "{french}");
}

#[test]
fn exported_sites_read_back_the_same() {
    let draft = example();
    let profile = profile();
    for lang in Lang::ALL {
        let csv = register::to_csv(&draft.sites, &profile, lang);
        let imported = register::from_csv(csv.as_bytes(), &profile).unwrap();
        assert!(
            imported.unknown_columns.is_empty() && imported.missing_columns.is_empty(),
            "{lang:?}: {imported:?}"
        );
        let without_ids: Vec<_> = draft
            .sites
            .iter()
            .cloned()
            .map(|mut s| {
                s.id.clear();
                s
            })
            .collect();
        assert_eq!(imported.sites, without_ids, "{lang:?}");
        assert_eq!(imported.rows, [2, 3]);
    }
}

#[test]
fn a_spreadsheet_s_own_csv_is_read_semicolons_windows_1252_labels_in_any_language_and_order() {
    let profile = profile();
    // As an older French Excel saves it: semicolons, Windows-1252 (é is 0xE9), French labels,
    // columns in another order and of other case, one the register does not know, a blank row.
    let mut file =
        b"longitude; NOM DU SITE ;Latitude;Remarks;Is the Power Plant new?;Overhead\r\n".to_vec();
    file.extend(
        b"6,9;Kour\xe9;9\xb048'36\"N;ours;Oui;x\r\n;;;;;\r\n\"7,1\";\"Gurmana; Nord\";95;;non;\r\n",
    );
    let imported = register::from_csv(&file, &profile).unwrap();
    assert_eq!(imported.unknown_columns, ["Remarks"]);
    assert!(
        imported.missing_columns.contains(&"connection".to_owned()),
        "{:?}",
        imported.missing_columns
    );
    assert_eq!(
        imported.rows,
        [2, 4],
        "the blank row is left out, the rows keep the file's numbers"
    );
    let (first, second) = (&imported.sites[0], &imported.sites[1]);
    assert_eq!(
        (
            first.name.as_str(),
            first.latitude.as_str(),
            first.longitude.as_str()
        ),
        ("Kouré", "9°48'36\"N", "6,9")
    );
    assert_eq!(
        (first.plant_is_new.as_str(), first.lines_overhead.as_str()),
        ("yes", "yes")
    );
    assert_eq!(
        (
            second.name.as_str(),
            second.plant_is_new.as_str(),
            second.lines_overhead.as_str()
        ),
        ("Gurmana; Nord", "no", "")
    );

    // Every problem at its row and column, in the user's words.
    let problems: Vec<String> = register::problems(&imported, &profile, today())
        .iter()
        .map(|p| p.render(Lang::En))
        .collect();
    assert!(
        problems.contains(&"Row 4, Latitude: A latitude is between -90 and 90 degrees.".to_owned()),
        "{problems:#?}"
    );
    // A column the file does not have is named once, in the notes, not at every row.
    assert!(
        !problems
            .iter()
            .any(|p| p.contains("Is this mini-grid isolated or interconnected?")),
        "{problems:#?}"
    );
    assert_eq!(
        problems,
        ["Row 4, Latitude: A latitude is between -90 and 90 degrees."],
        "the columns the file has are checked at each row"
    );
    let french: Vec<String> = register::problems(&imported, &profile, today())
        .iter()
        .map(|p| p.render(Lang::Fr))
        .collect();
    assert!(
        french.iter().any(|p| p.starts_with("Ligne 4, Latitude : ")),
        "{french:#?}"
    );
}

#[test]
fn a_file_that_is_not_a_register_is_refused_with_the_reason() {
    let profile = profile();
    assert_eq!(register::from_csv(b"", &profile), Err(RegisterError::Empty));
    assert_eq!(
        register::from_csv(b"a,b,c\n1,2,3\n", &profile),
        Err(RegisterError::NoKnownColumn)
    );
    assert_eq!(
        register::from_csv(b"Latitude,Name of the site\n9.8,\"Kuchi\n", &profile),
        Err(RegisterError::UnclosedQuote(2))
    );
    // Hostile bytes: no panic, a plain refusal.
    assert!(register::from_csv(&[0xff, 0xfe, 0x00, 0x22, 0x0a, 0x22], &profile).is_err());
}

/// Crafted files: a real register cut, bytes changed, separators and quotes mixed in. Each either
/// reads or is refused; none panics.
#[test]
fn mutated_registers_read_or_are_refused_never_panic() {
    let profile = profile();
    let good = register::to_csv(&example().sites, &profile, Lang::Fr).into_bytes();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut random = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    const TRICKY: &[u8] = b"\"\",;\t\r\n\xe9\xff\xef\xbb\xbf0";
    for _ in 0..400 {
        let mut file = good[..random(good.len() + 1)].to_vec();
        for _ in 0..random(8) {
            if file.is_empty() {
                break;
            }
            let at = random(file.len());
            file[at] = TRICKY[random(TRICKY.len())];
        }
        if let Ok(imported) = register::from_csv(&file, &profile) {
            assert_eq!(imported.sites.len(), imported.rows.len());
            let _ = register::problems(&imported, &profile, today());
        }
    }
}

fn without_ids(sites: &[mgl_domain::Site]) -> Vec<mgl_domain::Site> {
    sites
        .iter()
        .cloned()
        .map(|mut s| {
            s.id.clear();
            s
        })
        .collect()
}

#[test]
fn sites_exported_as_geojson_are_points_of_sites_and_plants_and_read_back_the_same() {
    let draft = example();
    let profile = profile();
    let geojson = register::to_geojson(&draft.sites, &profile);
    let value: serde_json::Value = serde_json::from_str(&geojson).unwrap();
    let features = value["features"].as_array().unwrap();
    let sites: Vec<_> = features
        .iter()
        .filter(|f| f["properties"]["feature"] == "site")
        .collect();
    assert_eq!(sites.len(), draft.sites.len());
    let first = &draft.sites[0];
    // GeoJSON is longitude first.
    let coordinates = sites[0]["geometry"]["coordinates"].as_array().unwrap();
    let lat =
        mgl_domain::parse::parse_coordinate(&first.latitude, mgl_domain::parse::Axis::Latitude)
            .unwrap();
    assert!(
        (coordinates[1].as_f64().unwrap() - lat).abs() < 1e-6,
        "{coordinates:?}"
    );
    assert_eq!(sites[0]["properties"]["name"], first.name.as_str());
    let plants = features.len() - sites.len();
    assert!(plants > 0, "the example's plants have positions");

    let imported = register::from_geojson(geojson.as_bytes(), &profile).unwrap();
    assert_eq!(imported.sites, without_ids(&draft.sites));
    assert_eq!(imported.skipped, plants, "the plants' points are not sites");
    assert!(
        imported.unknown_columns.is_empty(),
        "{:?}",
        imported.unknown_columns
    );
    assert_eq!(
        register::read(geojson.as_bytes(), &profile).unwrap(),
        imported
    );
}

#[test]
fn a_gis_tool_s_geojson_gives_sites_from_its_points_and_properties() {
    let profile = profile();
    let file = br#"{"type": "FeatureCollection", "features": [
      {"type": "Feature", "geometry": {"type": "Point", "coordinates": [6.55, 9.61]},
       "properties": {"Nom du site": "Kuchi", "Solar (kWp)": 45.5, "Is the Power Plant new?": true, "OBJECTID": 7}},
      {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[6.5, 9.6], [6.6, 9.7]]},
       "properties": {"name": "feeder"}},
      {"type": "Feature", "geometry": {"type": "Point", "coordinates": [6.9, 95]},
       "properties": {"name": "Gurmana"}}
    ]}"#;
    let imported = register::read(file, &profile).unwrap();
    assert_eq!(imported.sites.len(), 2);
    assert_eq!(imported.skipped, 1, "the line is not a site");
    assert_eq!(imported.unknown_columns, ["OBJECTID"]);
    let kuchi = &imported.sites[0];
    assert_eq!(
        (
            kuchi.name.as_str(),
            kuchi.latitude.as_str(),
            kuchi.longitude.as_str()
        ),
        ("Kuchi", "9.61", "6.55")
    );
    assert_eq!(
        (kuchi.solar_kwp.as_str(), kuchi.plant_is_new.as_str()),
        ("45.5", "yes")
    );
    assert_eq!(
        imported.rows,
        [1, 3],
        "features keep their numbers in the file"
    );
    let problems: Vec<String> = register::problems(&imported, &profile, today())
        .iter()
        .map(|p| p.render(Lang::En))
        .collect();
    assert!(
        problems
            .contains(&"Feature 3, Latitude: A latitude is between -90 and 90 degrees.".to_owned()),
        "{problems:#?}"
    );
    let notes: Vec<String> = imported
        .notes(&profile)
        .iter()
        .map(|n| n.render(Lang::En))
        .collect();
    assert!(
        notes[0].starts_with("Not in the file, so left empty, to answer in the form: Is this mini-grid isolated or interconnected?, State, "),
        "{notes:?}"
    );
    assert_eq!(
        notes[1..],
        [
            "Left out: the column OBJECTID, which is not a site answer.",
            "Left out: 1 line, area or power plant's point, which is not a site."
        ]
    );
}

const KML: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder><name>Survey</name>
  <Placemark><name>Kouré</name>
    <ExtendedData><Data name="Solar (kWp)"><value>30</value></Data>
      <SchemaData schemaUrl="#s"><SimpleData name="Village ward">Nord</SimpleData></SchemaData></ExtendedData>
    <Point><coordinates>6.9,9.81,210</coordinates></Point></Placemark>
  <Placemark><name>Feeder</name><LineString><coordinates>6.9,9.8 7.0,9.9</coordinates></LineString></Placemark>
  <Placemark><name>Gurmana</name><Point><coordinates> 7.1 , 9.2 </coordinates></Point></Placemark>
</Folder></Document></kml>"##;

#[test]
fn placemarks_of_a_kml_or_kmz_file_are_sites() {
    let profile = profile();
    let imported = register::read(KML.as_bytes(), &profile).unwrap();
    assert_eq!(imported.kind, register::RecordKind::Placemark);
    assert_eq!(imported.rows, [1, 3]);
    assert_eq!(imported.skipped, 1);
    assert_eq!(imported.unknown_columns, ["Village ward"]);
    let (koure, gurmana) = (&imported.sites[0], &imported.sites[1]);
    assert_eq!(
        (
            koure.name.as_str(),
            koure.latitude.as_str(),
            koure.longitude.as_str(),
            koure.solar_kwp.as_str()
        ),
        ("Kouré", "9.81", "6.9", "30")
    );
    assert_eq!(
        (gurmana.latitude.as_str(), gurmana.longitude.as_str()),
        ("9.2", "7.1")
    );

    // KMZ: the same KML zipped, as Google Earth saves it.
    let mut zip = mgl_bag::zip::ZipWriter::default();
    let mut kmz = zip.add_bytes("doc.kml", KML.as_bytes(), true).unwrap();
    kmz.extend(zip.finish().unwrap());
    let from_kmz = register::read(&kmz, &profile).unwrap();
    assert_eq!(from_kmz, imported);
}

#[test]
fn files_that_are_not_registers_of_sites_say_why_never_panic() {
    let profile = profile();
    use RegisterError::*;
    assert_eq!(
        register::from_geojson(b"{\"type\":\n ", &profile),
        Err(NotJson { line: 2, column: 1 })
    );
    assert_eq!(
        register::from_geojson(b"{\"type\": \"Topology\"}", &profile),
        Err(NotGeoJson)
    );
    assert_eq!(
        register::from_geojson(
            br#"{"type": "FeatureCollection", "features": []}"#,
            &profile
        ),
        Err(NoSite)
    );
    // JSON nested past any register: refused, not a stack overflow.
    let deep = "[".repeat(100_000);
    assert!(register::from_geojson(deep.as_bytes(), &profile).is_err());
    // An entity that would expand a billion times: refused.
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><kml><Placemark><name>&b;</name></Placemark></kml>"#;
    assert!(matches!(
        register::from_kml(laughs.as_bytes(), &profile),
        Err(NotXml { .. })
    ));
    assert_eq!(register::from_kml(b"<html></html>", &profile), Err(NotKml));
    assert_eq!(
        register::from_kmz(b"PK\x03\x04 not really", &profile),
        Err(NotKmz)
    );
    let kml = KML.as_bytes();
    for cut in (0..kml.len()).step_by(7) {
        let _ = register::from_kml(&kml[..cut], &profile);
    }
    // Each error has its words, in every language.
    for error in [
        Empty,
        NoKnownColumn,
        UnclosedQuote(3),
        NotJson { line: 1, column: 2 },
        NotGeoJson,
        NotXml { line: 1, column: 2 },
        NotKml,
        NotKmz,
        NoSite,
    ] {
        for lang in Lang::ALL {
            assert!(!error.text().render(lang).is_empty());
        }
    }
}

#[test]
fn appending_takes_the_place_of_a_new_application_s_empty_site_and_replacing_drops_its_documents() {
    use mgl_domain::register::Mode;
    let profile = profile();
    let csv = "Name of the site,Latitude\nKuchi,9.6\nGurmana,9.2\n";
    let imported = register::from_csv(csv.as_bytes(), &profile).unwrap();

    let mut fresh =
        mgl_domain::Draft::new("d1".into(), &profile.id, profile.admin_levels.len(), 0.0);
    assert_eq!(fresh.sites.len(), 1);
    assert_eq!(
        register::kept_on_append(&fresh),
        0,
        "its one site has no answer"
    );
    register::apply(&mut fresh, imported.clone(), Mode::Append);
    let names: Vec<&str> = fresh.sites.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Kuchi", "Gurmana"]);
    assert_ne!(fresh.sites[0].id, fresh.sites[1].id);

    let mut draft = example();
    let before = draft.sites.len();
    assert_eq!(register::kept_on_append(&draft), before);
    register::apply(&mut draft, imported.clone(), Mode::Append);
    assert_eq!(draft.sites.len(), before + 2);
    let ids: std::collections::HashSet<_> = draft.sites.iter().map(|s| &s.id).collect();
    assert_eq!(ids.len(), draft.sites.len(), "every site has its own id");

    let mut draft = example();
    assert!(draft.attachments.iter().any(|a| !a.site_id.is_empty()));
    register::apply(&mut draft, imported, Mode::Replace);
    assert_eq!(draft.sites.len(), 2);
    assert!(
        draft.attachments.iter().all(|a| a.site_id.is_empty()),
        "the replaced sites' documents go with them"
    );
}

#[test]
fn sites_exported_as_xlsx_read_back_the_same_with_a_notes_sheet() {
    let draft = example();
    let profile = profile();
    for lang in Lang::ALL {
        let xlsx = register::to_xlsx(&draft.sites, &profile, lang);
        assert_eq!(register::Format::of(&xlsx), register::Format::Xlsx);
        assert_eq!(
            xlsx,
            register::to_xlsx(&draft.sites, &profile, lang),
            "the same bytes each time"
        );
        let names = register::sheet_names(&xlsx).unwrap();
        assert_eq!(names.len(), 2, "{names:?}");
        let imported = register::read(&xlsx, &profile).unwrap();
        assert_eq!(imported.sites, without_ids(&draft.sites), "{lang:?}");
        assert_eq!(imported.rows, [2, 3]);
        assert!(imported.unknown_columns.is_empty() && imported.missing_columns.is_empty());
        // The notes sheet is no register: its headers are not the form's.
        assert_eq!(
            register::read_sheet(&xlsx, 1, &profile),
            Err(RegisterError::NoKnownColumn)
        );
    }
    let template = register::to_xlsx(&[], &profile, Lang::En);
    assert_eq!(register::read(&template, &profile).unwrap().sites, []);
    assert_eq!(
        register::sheet_names(&template).unwrap(),
        ["Sites", "Notes"]
    );
    assert_eq!(
        register::sheet_names(&register::to_xlsx(&[], &profile, Lang::Fr)).unwrap(),
        ["Sites", "Notes"].map(|n| mgl_domain::tr(Lang::Fr, n))
    );
}

#[test]
fn a_workbook_that_is_damaged_or_hostile_is_refused_never_panics() {
    let profile = profile();
    let good = register::to_xlsx(&example().sites, &profile, Lang::En);
    assert_eq!(
        register::read(b"PK\x03\x04 not a zip at all", &profile),
        Err(RegisterError::NotKmz),
        "a zip that cannot be read is taken for a KMZ, and refused"
    );
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut random = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for _ in 0..300 {
        let mut file = good[..random(good.len() + 1)].to_vec();
        for _ in 0..random(6) {
            if file.is_empty() {
                break;
            }
            let at = random(file.len());
            file[at] = random(256) as u8;
        }
        let _ = register::read(&file, &profile);
        let _ = register::sheet_names(&file);
    }
}

/// A workbook of one sheet whose cells are `cells` (`<c>` elements of row 2 under a header row of
/// `header`), with the styles `styles` (an `xl/styles.xml`, or none).
fn workbook(header: &str, cells: &str, styles: Option<&str>) -> Vec<u8> {
    workbook_of_sheet(
        &format!("<worksheet xmlns=\"{MAIN}\"><sheetData><row r=\"1\">{header}</row><row r=\"2\">{cells}</row></sheetData></worksheet>"),
        styles,
    )
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// A workbook of one sheet, whose XML is `sheet`.
fn workbook_of_sheet(sheet: &str, styles: Option<&str>) -> Vec<u8> {
    use mgl_bag::zip::{Names, ZipWriter};
    let mut parts = vec![
        ("[Content_Types].xml", "<Types/>".to_owned()),
        ("xl/workbook.xml", format!("<workbook xmlns=\"{MAIN}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")),
        ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>".to_owned()),
        ("xl/worksheets/sheet1.xml", sheet.to_owned()),
    ];
    if let Some(styles) = styles {
        parts.push(("xl/styles.xml", styles.to_owned()));
    }
    let mut zip = ZipWriter::with_names(Names::InMemory);
    let mut out = Vec::new();
    for (name, xml) in &parts {
        out.extend(zip.add_bytes(name, xml.as_bytes(), true).unwrap());
    }
    out.extend(zip.finish().unwrap());
    out
}

#[test]
fn formulas_dates_and_ten_thousand_columns_in_a_workbook_are_told_not_taken_for_answers() {
    let profile = profile();
    let header = r#"<c r="A1" t="inlineStr"><is><t>Name of the site</t></is></c><c r="B1" t="inlineStr"><is><t>Solar (kWp)</t></is></c><c r="C1" t="inlineStr"><is><t>Wind (kW)</t></is></c><c r="D1" t="inlineStr"><is><t>Number of years the plant has been in operation</t></is></c><c r="E1" t="inlineStr"><is><t>Is the Power Plant new?</t></is></c>"#;
    // B2: a formula with its value kept; C2: a formula with none; D2: a date (style 1: format 14).
    let cells = r#"<c r="A2" t="inlineStr"><is><t>Kuchi</t></is></c><c r="B2"><f>20+40</f><v>60</v></c><c r="C2"><f>B2/2</f></c><c r="D2" s="1"><v>45352</v></c><c r="E2" t="inlineStr"><is><t>no</t></is></c>"#;
    let styles = r#"<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#;
    let imported = register::read(&workbook(header, cells, Some(styles)), &profile).unwrap();
    let site = &imported.sites[0];
    assert_eq!(
        site.solar_kwp, "60",
        "a formula's value, as the spreadsheet showed it"
    );
    assert_eq!(
        site.wind_kw, "=B2/2",
        "a formula with no value is not an answer"
    );
    assert_eq!(
        site.plant_years_in_operation, "2024-03-01",
        "a date is not a number of years"
    );
    let problems: Vec<String> = register::problems(&imported, &profile, today())
        .iter()
        .map(|p| p.render(Lang::En))
        .collect();
    assert!(
        problems.iter().any(|p| p.starts_with("Row 2, Wind:")),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("Row 2, Number of years the plant has been in operation:")),
        "{problems:#?}"
    );

    // A header row of 10 000 columns: refused at once.
    let wide: String = (0..10_000)
        .map(|i| format!("<c t=\"inlineStr\"><is><t>c{i}</t></is></c>"))
        .collect();
    assert_eq!(
        register::read(&workbook(&wide, "", None), &profile),
        Err(RegisterError::TooManyColumns(1_024)),
        "read no further than 1 024 cells of a row"
    );
    let csv: String = (0..10_000).map(|i| format!("c{i},")).collect::<String>() + "\n";
    assert_eq!(
        register::read(csv.as_bytes(), &profile),
        Err(RegisterError::TooManyColumns(10_000))
    );
}

#[test]
fn a_long_sheet_is_read_in_steps_with_any_prefix_and_gives_what_it_holds() {
    let profile = profile();
    // 400 sites exported: more rows than one step parses.
    let example = example();
    let sites: Vec<_> = (0..400)
        .map(|i| {
            let mut site = example.sites[i % 2].clone();
            site.id = format!("s{i}");
            site.name = format!("Village {i}");
            site
        })
        .collect();
    let xlsx = register::to_xlsx(&sites, &profile, Lang::En);
    let mut reading = register::Reading::new(&xlsx, 0);
    let mut steps = 1;
    let imported = loop {
        if let Some(imported) = reading.step(&profile).unwrap() {
            break imported;
        }
        steps += 1;
    };
    assert!(
        steps >= 5,
        "opened, 4 parts of rows, the table: {steps} steps"
    );
    assert_eq!(imported.sites, without_ids(&sites));
    assert_eq!(imported.rows, (2..=401).collect::<Vec<_>>());
    assert_eq!(register::read(&xlsx, &profile).unwrap(), imported);

    // A sheet whose elements have a prefix (as the OpenXML SDK writes them), with rows of inline
    // strings; and the same with a row's end tag in a comment, which cannot be cut there.
    let rows = |comment: &str| {
        (2..=300)
            .map(|r| {
                let note = if r == 130 { comment } else { "" };
                format!("<x:row r=\"{r}\"><x:c r=\"A{r}\" t=\"inlineStr\"><x:is><x:t>Village {r}</x:t></x:is></x:c>{note}<x:c r=\"B{r}\"><x:v>9.81</x:v></x:c></x:row>")
            })
            .collect::<String>()
    };
    for comment in ["", "<!-- </x:row> -->"] {
        let sheet = format!(
            "<?xml version=\"1.0\"?>\n<x:worksheet xmlns:x=\"{MAIN}\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>Name of the site</x:t></x:is></x:c><x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>Latitude</x:t></x:is></x:c></x:row>{}</x:sheetData></x:worksheet>",
            rows(comment)
        );
        let imported = register::read(&workbook_of_sheet(&sheet, None), &profile).unwrap();
        assert_eq!(imported.sites.len(), 299, "{comment}");
        assert_eq!(imported.sites[128].name, "Village 130");
        assert_eq!(imported.sites[298].name, "Village 300");
        assert!(imported.sites.iter().all(|s| s.latitude == "9.81"));
    }
    // An empty sheet, written as `<sheetData/>`: no header, said so.
    let empty = format!("<worksheet xmlns=\"{MAIN}\"><sheetData/></worksheet>");
    assert_eq!(
        register::read(&workbook_of_sheet(&empty, None), &profile),
        Err(RegisterError::Empty)
    );
}
