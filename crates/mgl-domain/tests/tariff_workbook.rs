//! The tariff workbook (Section 6 as live formulas): its names, that its results are formulas with
//! the domain's results cached, that its parts are well-formed XML, and that it is deterministic.
//! LibreOffice's recalculation of it is checked by scripts/interop-tariff.py.

use mgl_domain::tariff::{calculate, TariffInput, TariffResults};
use mgl_domain::tariff_workbook::{to_xlsx, workbook};
use mgl_domain::xlsx::{Cached, Cell, Workbook};
use mgl_domain::Lang;
use std::io::Read;

fn example() -> (TariffInput, TariffResults) {
    let input: TariffInput =
        serde_json::from_str(include_str!("../../../examples/tariff-input.json")).unwrap();
    let results = calculate(&input).unwrap();
    (input, results)
}

/// The cells a defined name refers to, as (sheet index, column, row) from 0.
fn cells_of(book: &Workbook, name: &str) -> Vec<(usize, usize, usize)> {
    let (_, refers) = book
        .names
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no name {name}"));
    let (sheet, range) = refers.rsplit_once('!').unwrap();
    let sheet = sheet.trim_matches('\'').replace("''", "'");
    let index = book
        .sheets
        .iter()
        .position(|s| s.name == sheet)
        .unwrap_or_else(|| panic!("{name}: no sheet {sheet}"));
    let cell = |at: &str| {
        let at = at.replace('$', "");
        let split = at.find(|c: char| c.is_ascii_digit()).unwrap();
        let (letters, digits) = at.split_at(split);
        let column = letters
            .bytes()
            .fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1))
            - 1;
        (column, digits.parse::<usize>().unwrap() - 1)
    };
    let (first, last) = range.split_once(':').unwrap_or((range, range));
    let ((column, top), (_, bottom)) = (cell(first), cell(last));
    (top..=bottom).map(|row| (index, column, row)).collect()
}

fn cell_at(book: &Workbook, (sheet, column, row): (usize, usize, usize)) -> &Cell {
    book.sheets[sheet]
        .rows
        .get(row)
        .and_then(|r| r.get(column))
        .unwrap_or(&Cell::Empty)
}

fn cached(cell: &Cell) -> f64 {
    match cell {
        Cell::Formula(_, Cached::Number(v), _) => *v,
        other => panic!("not a formula with a number: {other:?}"),
    }
}

#[test]
fn every_name_the_issue_lists_resolves_to_the_entry_or_the_formula_it_names() {
    let (input, results) = example();
    let book = workbook(&input, &results, Lang::En);
    for entry in [
        "wacc",
        "development_cost",
        "grants",
        "opex_fuel",
        "opex_non_fuel",
        "horizon_years",
        "compensation_year",
        "asset_capex",
        "kwh_residential",
    ] {
        let cells = cells_of(&book, entry);
        assert!(
            cells.iter().all(|c| matches!(
                cell_at(&book, *c),
                Cell::Number(..) | Cell::Text(..) | Cell::Bool(..)
            )),
            "{entry} is an entry as typed, not a formula"
        );
    }
    assert_eq!(
        cell_at(&book, cells_of(&book, "wacc")[0]),
        &Cell::Number(0.14, mgl_domain::xlsx::Style::EntryPercent)
    );
    for (name, value) in [
        ("capital_base", results.capital_base),
        ("capitalised_opex", results.capitalised_opex),
        ("annual_capital_charge", results.annual_capital_charge),
        ("levelised_tariff", results.levelised_tariff),
        (
            "compensation_total",
            results.compensation.as_ref().unwrap().total,
        ),
        (
            "compensation_remaining_value",
            results.compensation.as_ref().unwrap().remaining_value,
        ),
    ] {
        let cells = cells_of(&book, name);
        assert_eq!(cells.len(), 1, "{name} is one cell");
        assert_eq!(
            cached(cell_at(&book, cells[0])),
            value,
            "{name}'s cached value"
        );
    }
    for (name, of) in [
        (
            "year",
            (|y| y.year as f64) as fn(&mgl_domain::tariff::YearResult) -> f64,
        ),
        ("opening_value", |y| y.opening_value),
        ("depreciation", |y| y.depreciation),
        ("revenue_requirement", |y| y.revenue_requirement),
        ("kwh_sold", |y| y.kwh_sold),
        ("average_tariff", |y| y.average_tariff),
        ("closing_value", |y| y.closing_value),
        ("tariff_residential", |y| y.class_tariffs.residential),
    ] {
        let cells = cells_of(&book, name);
        assert_eq!(
            cells.len(),
            results.years.len(),
            "{name} covers the horizon"
        );
        for (cell, year) in cells.iter().zip(&results.years) {
            assert_eq!(
                cached(cell_at(&book, *cell)),
                of(year),
                "{name} in year {}",
                year.year
            );
        }
    }
}

#[test]
fn no_number_of_the_calculation_or_summary_is_pasted_every_one_is_a_formula() {
    let (input, results) = example();
    let book = workbook(&input, &results, Lang::En);
    assert_eq!(book.sheets.len(), 5);
    let mut formulas = 0;
    for sheet in &book.sheets[1..] {
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                assert!(
                    !matches!(cell, Cell::Number(..) | Cell::Bool(..)),
                    "{} row {} column {}: a pasted value",
                    sheet.name,
                    r + 1,
                    c + 1
                );
                formulas += usize::from(matches!(cell, Cell::Formula(..)));
            }
        }
    }
    assert!(formulas > 20 * 20, "{formulas} formulas");
    // The entries sheet is the only place of numbers typed: its formulas are none.
    assert!(book.sheets[0]
        .rows
        .iter()
        .flatten()
        .all(|c| !matches!(c, Cell::Formula(..))));
    assert!(book.recalculate_on_load);
    assert!(book.sheets.iter().all(|s| s.protected && s.landscape));
}

#[test]
fn the_workbook_s_parts_are_well_formed_xml_and_the_same_input_gives_the_same_bytes() {
    let (input, results) = example();
    let bytes = to_xlsx(&input, &results, Lang::Fr);
    assert_eq!(bytes, to_xlsx(&input, &results, Lang::Fr));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        parts.push((name, text));
    }
    let workbook_xml = &parts
        .iter()
        .find(|(n, _)| n == "xl/workbook.xml")
        .unwrap()
        .1;
    // Labelled in the reader's language; the names stay the JSON keys.
    assert!(
        workbook_xml.contains("<sheet name=\"Données\""),
        "{workbook_xml}"
    );
    let doc = roxmltree::Document::parse(workbook_xml).unwrap();
    let levelised = doc
        .descendants()
        .find(|n| n.has_tag_name("definedName") && n.attribute("name") == Some("levelised_tariff"))
        .expect("the levelised tariff is named");
    assert_eq!(levelised.text(), Some("'Synthèse'!$B$6"));
    assert!(workbook_xml.contains("fullCalcOnLoad=\"1\""));
    let styles = &parts.iter().find(|(n, _)| n == "xl/styles.xml").unwrap().1;
    assert!(
        styles.contains("&quot;NGN&quot;"),
        "the money format shows the currency"
    );
}

#[test]
fn a_workbook_without_indexation_subsidies_or_compensation_keeps_its_formulas_whole() {
    let (mut input, _) = example();
    input.indexation.clear();
    input.subsidies.clear();
    input.compensation_year = None;
    input.horizon_years = Some(2);
    let results = calculate(&input).unwrap();
    let book = workbook(&input, &results, Lang::En);
    assert!(!book
        .names
        .iter()
        .any(|(n, _)| n.starts_with("index_") || n.starts_with("subsidy_")));
    let total = cell_at(&book, cells_of(&book, "compensation_total")[0]);
    assert!(matches!(total, Cell::Formula(_, Cached::Text(t), _) if t.is_empty()));
    // Two years of results, but the capitalised operating costs read years 1 to 3.
    assert_eq!(cells_of(&book, "year").len(), 2);
    assert_eq!(book.sheets[2].rows.len(), 1 + 3);
    for cell in book.sheets.iter().flat_map(|s| s.rows.iter().flatten()) {
        if let Cell::Formula(f, ..) = cell {
            assert!(!f.contains("index_") && !f.contains("subsidy_"), "{f}");
        }
    }
}

// ---- Read back

use mgl_domain::draft::TariffDraft;
use mgl_domain::tariff_workbook::{changes, holds, read};

/// A zip of `parts` (name, text), as a crafted file would be.
fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        out.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut out, text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The parts of a workbook, to change one and zip them again.
fn parts_of(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let name = file.name().unwrap().to_string();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (name, text)
        })
        .collect()
}

#[test]
fn a_workbook_we_wrote_reads_back_as_the_same_inputs_in_every_language() {
    let (input, results) = example();
    for lang in [Lang::En, Lang::Fr, Lang::Pt] {
        let back = read(&to_xlsx(&input, &results, lang)).unwrap();
        assert!(holds(&back, &input), "{lang:?}: {:#?}", back.tariff);
        assert_eq!(back.currency, input.currency);
        assert!(
            changes(&TariffDraft::from_input(&input), &back.tariff).is_empty(),
            "{lang:?}"
        );
        assert_eq!(
            back.cell_of("tariff.wacc").map(|c| c.ends_with("!B3")),
            Some(true)
        );
    }
    // The other split, and a tariff with no indexation, subsidy or compensation.
    let mut other = input.clone();
    other.split = mgl_domain::tariff::Split::DieselBenchmark {
        diesel_alternative_per_kwh: 0.95,
        margin: 0.1,
    };
    other.indexation.clear();
    other.subsidies.clear();
    other.compensation_year = None;
    other.capitalise_first_three_years_opex = false;
    let results = calculate(&other).unwrap();
    let back = read(&to_xlsx(&other, &results, Lang::En)).unwrap();
    assert!(holds(&back, &other), "{:#?}", back.tariff);
    assert!(!holds(&back, &input), "a different input is not held");
}

#[test]
fn entries_changed_in_the_workbook_are_read_and_listed_against_the_current_inputs() {
    let (input, results) = example();
    let bytes = to_xlsx(&input, &results, Lang::En);
    // Change the WACC's cell as a spreadsheet would save it (1.5E-1 is how some write 0.15).
    let book = workbook(&input, &results, Lang::En);
    let wacc = cells_of(&book, "wacc")[0];
    assert_eq!((wacc.1, wacc.2), (1, 2), "B3");
    let mut parts = parts_of(&bytes);
    let sheet = parts
        .iter_mut()
        .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .unwrap();
    let at = sheet.1.find("<c r=\"B3\"").unwrap();
    let value_at = at + sheet.1[at..].find("<v>").unwrap() + 3;
    let value_end = value_at + sheet.1[value_at..].find("</v>").unwrap();
    sheet.1.replace_range(value_at..value_end, "1.5E-1");
    let changed: Vec<(&str, &str)> = parts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let back = read(&zip_of(&changed)).unwrap();
    assert_eq!(back.tariff.wacc, "0.15");
    let listed = changes(&TariffDraft::from_input(&input), &back.tariff);
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].label, mgl_domain::tariff_draft::WACC.label);
    assert_eq!(
        (listed[0].before.as_str(), listed[0].after.as_str()),
        (input.wacc.to_string().as_str(), "0.15")
    );
    let recomputed = calculate(&back.tariff.to_input(&back.currency).unwrap()).unwrap();
    assert!(recomputed.levelised_tariff > results.levelised_tariff);
}

#[test]
fn a_workbook_we_did_not_write_is_refused_with_the_reason_never_a_panic() {
    let lang = Lang::En;
    let profile = mgl_domain::profile::CountryProfile::bundled("ng").unwrap();
    // The site register's workbook: a real XLSX, but not a tariff.
    let register = mgl_domain::register::to_xlsx(&[], &profile, lang);
    let e = read(&register).unwrap_err().render(lang);
    assert!(e.contains("no entry named “wacc”"), "{e}");
    // Not a zip; an empty zip; a zip of other things.
    let e = read(b"PK\x03\x04 not really").unwrap_err().render(lang);
    assert!(e.contains("not an XLSX workbook"), "{e}");
    let e = read(&zip_of(&[("hello.txt", "hi")]))
        .unwrap_err()
        .render(lang);
    assert!(e.contains("not an XLSX workbook"), "{e}");
    // Our workbook with a name pointing elsewhere, with a truncated sheet, with a huge range.
    let (input, results) = example();
    let parts = parts_of(&to_xlsx(&input, &results, lang));
    let crafted = |edit: &dyn Fn(&str, &str) -> String| {
        let edited: Vec<(String, String)> =
            parts.iter().map(|(n, t)| (n.clone(), edit(n, t))).collect();
        let refs: Vec<(&str, &str)> = edited
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        read(&zip_of(&refs)).map(|_| ()).unwrap_err().render(lang)
    };
    let e = crafted(&|n, t| match n {
        "xl/workbook.xml" => {
            let at = t.find("<definedName name=\"wacc\">").unwrap() + 25;
            let end = at + t[at..].find("</definedName>").unwrap();
            format!("{}0.12{}", &t[..at], &t[end..])
        }
        _ => t.to_owned(),
    });
    assert!(e.contains("the name “wacc” does not point"), "{e}");
    let e = crafted(&|n, t| match n {
        "xl/workbook.xml" => t.replace("Entries&#39;!$A$", "Entries&#39;!$A$1:$A$99999"),
        _ => t.to_owned(),
    });
    assert!(e.contains("does not point"), "{e}");
    let e = crafted(&|n, t| match n {
        "xl/worksheets/sheet1.xml" => t[..t.len() / 2].to_owned(),
        _ => t.to_owned(),
    });
    assert!(e.contains("damaged"), "{e}");
}

#[test]
fn an_empty_answer_is_the_number_it_reads_as_and_the_split_not_chosen_is_no_change() {
    use mgl_domain::tariff_workbook::keeping_unused;
    // As the screen holds a new tariff: costs left empty, a margin typed for the split not chosen.
    let mut screen = TariffDraft::from_input(&example().0);
    screen.split_mode = "multipliers".into();
    for m in [
        &mut screen.multipliers.residential,
        &mut screen.multipliers.commercial,
        &mut screen.multipliers.productive,
        &mut screen.multipliers.special,
    ] {
        *m = "1".into();
    }
    screen.development_cost = String::new();
    screen.margin = "0.25".into();
    let input = screen.to_input("NGN").unwrap();
    let back = read(&to_xlsx(&input, &calculate(&input).unwrap(), Lang::En)).unwrap();
    assert_eq!(back.tariff.development_cost, "0");
    assert_eq!(
        back.tariff.margin, "",
        "the workbook leaves the unused split empty"
    );
    assert_eq!(changes(&screen, &back.tariff), vec![]);
    // Used, the workbook's entries keep the margin the screen had.
    assert_eq!(keeping_unused(&screen, back.tariff).margin, "0.25");
}

#[test]
fn the_summary_draws_the_app_s_chart_from_the_calculation_s_cells() {
    let (input, results) = example();
    let book = workbook(&input, &results, Lang::En);
    let chart = book.sheets[1]
        .chart
        .as_ref()
        .expect("a chart on the summary");
    let named = |name: &str| {
        book.names
            .iter()
            .find(|(n, _)| n == name)
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(chart.categories.refers, named("year"));
    assert_eq!(chart.columns.refers, named("revenue_requirement"));
    assert_eq!(chart.line.refers, named("average_tariff"));
    let cached: Vec<f64> = results.years.iter().map(|y| y.average_tariff).collect();
    assert_eq!(chart.line.values, cached);
    assert_eq!(chart.categories.values.len(), results.years.len());
    let parts = parts_of(&to_xlsx(&input, &results, Lang::En));
    let has = |name: &str| parts.iter().any(|(n, _)| n == name);
    assert!(has("xl/charts/chart1.xml") && has("xl/drawings/drawing1.xml"));
    assert!(has("xl/worksheets/_rels/sheet2.xml.rels"));
}

#[test]
fn a_mutated_workbook_is_read_or_refused_never_a_panic() {
    // Bytes flipped and cut at pseudo-random places (a fixed seed, so a failure replays).
    let (input, results) = example();
    let good = to_xlsx(&input, &results, Lang::En);
    let mut seed: u64 = 20261204;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for _ in 0..300 {
        let mut bytes = good.clone();
        for _ in 0..1 + next() % 4 {
            let at = next() % bytes.len();
            bytes[at] ^= 1 << (next() % 8);
        }
        if next() % 5 == 0 {
            bytes.truncate(next() % bytes.len());
        }
        if let Ok(back) = read(&bytes) {
            // What reads is a tariff draft like any other: its problems are told at their answers.
            let _ = back.tariff.to_input(&back.currency);
        }
    }
}
