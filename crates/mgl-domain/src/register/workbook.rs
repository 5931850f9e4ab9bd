//! The register as a workbook: XLSX written (the sites, or none for the template, and a notes sheet
//! that explains the accepted forms), XLSX and ODS read (a chosen sheet, the first by default).
//!
//! Both are zips of XML: read with the bundle's checked zip reader (bounded sizes, no zip bomb) and
//! roxmltree (no DTD), written by `crate::xlsx`, so that no spreadsheet library (and its hundreds
//! of KB of wasm) is needed for one table of text.

use super::{columns, Column, Imported, RecordKind, RegisterError, Table};
use crate::draft::Site;
use crate::fields::Kind;
use crate::i18n::{tr, Lang};
use crate::profile::CountryProfile;
use crate::xlsx::{Cell, Sheet, Style, Workbook};
use roxmltree::{Document, Node, ParsingOptions};
use std::collections::HashMap;

const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const TABLE_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const OFFICE_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const TEXT_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

/// More columns than any register has: cells past it (a spreadsheet's 16 384) are not read.
const MAX_COLUMNS: usize = 1_024;
/// More rows than any portfolio has.
const MAX_ROWS: usize = 100_000;
const MAX_NODES: u32 = 5_000_000;

// ---------------------------------------------------------------------------------------------
// Writing XLSX (the parts: crate::xlsx)

/// A number written as a spreadsheet writes it back ("45", "9.0765"): a number cell then reads
/// back as the same text. Anything else (a decimal comma, degrees, words) is a text cell.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole)
        && (whole == "0" || !whole.starts_with('0'))
        && fraction.is_none_or(|f| all_digits(f) && !f.ends_with('0'))
        && digits.len() <= 15
}

/// One cell of the register: the header bold, a plain number as a number, the rest as text.
fn cell(value: &str, header: bool) -> Cell {
    match value.parse::<f64>() {
        Ok(number) if !header && is_plain_number(value) => Cell::Number(number, Style::Normal),
        _ if header => Cell::header(value),
        _ => Cell::text(value),
    }
}

/// A worksheet of rows (the first bold and frozen), its columns `widths` wide.
fn sheet(name: &str, rows: &[Vec<String>], widths: &[usize]) -> Sheet {
    Sheet {
        name: name.to_owned(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(r, row)| row.iter().map(|v| cell(v, r == 0)).collect())
            .collect(),
        widths: widths.iter().map(|w| *w as f64).collect(),
        frozen_rows: 1,
        ..Sheet::default()
    }
}

/// What the notes sheet says: how values are written, then each column with what it accepts.
fn notes(columns: &[Column], profile: &CountryProfile, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = vec![
        vec![tr(lang, "Column").to_owned(), tr(lang, "What to write").to_owned()],
        vec![String::new(), tr(lang, "One row per site, under the headers of the first sheet. Columns may be in any order, headed in English, French or Portuguese; a column the sheet does not have leaves that answer empty. What is typed is kept as typed, and checked as the form checks it.").to_owned()],
        vec![String::new(), tr(lang, "Coordinates: decimal degrees (9.0765 or 9,0765, negative south and west) or degrees, minutes and seconds (9°4'35\"N, 7°29'W).").to_owned()],
        vec![String::new(), tr(lang, "Numbers with a decimal point or a decimal comma.").to_owned()],
        vec![String::new(), tr(lang, "Yes and no: yes/no, oui/non or sim/não (x for a ticked box).").to_owned()],
    ];
    for column in columns {
        let accepts = match column {
            Column::Answer(field) => match field.kind {
                Kind::Choice(choices) => choices
                    .iter()
                    .map(|c| tr(lang, c.label).to_owned())
                    .collect::<Vec<_>>()
                    .join(" | "),
                Kind::Checkbox => tr(lang, "x if yes, empty if no").to_owned(),
                Kind::Quantity { unit, .. } => tr(lang, unit).to_owned(),
                _ => String::new(),
            },
            Column::Location(_) => String::new(),
        };
        rows.push(vec![column.header(profile, lang), accepts]);
    }
    rows
}

/// The sites as an XLSX workbook headed in `lang` (no sites: the template): the sites' sheet, then
/// a notes sheet. The same sites always give the same bytes.
pub fn to_xlsx(sites: &[Site], profile: &CountryProfile, lang: Lang) -> Vec<u8> {
    let columns = columns(profile);
    let mut rows = vec![columns
        .iter()
        .map(|c| c.header(profile, lang))
        .collect::<Vec<_>>()];
    rows.extend(
        sites
            .iter()
            .map(|site| columns.iter().map(|c| c.value(site).to_owned()).collect()),
    );
    let widths: Vec<usize> = rows[0]
        .iter()
        .map(|h| h.chars().count().clamp(10, 40) + 2)
        .collect();
    Workbook {
        sheets: vec![
            sheet(tr(lang, "Sites"), &rows, &widths),
            sheet(
                tr(lang, "Notes"),
                &notes(&columns, profile, lang),
                &[36, 100],
            ),
        ],
        ..Workbook::default()
    }
    .to_xlsx()
}

// ---------------------------------------------------------------------------------------------
// Reading XLSX and ODS

/// A workbook's files, by name.
struct Parts(HashMap<String, Vec<u8>>);

impl Parts {
    fn open(bytes: &[u8]) -> Result<Parts, RegisterError> {
        let entries = mgl_bag::zip::read_all_with(bytes, mgl_bag::zip::Names::InMemory)
            .map_err(|_| RegisterError::NotWorkbook)?;
        Ok(Parts(
            entries
                .into_iter()
                .map(|(entry, data)| (entry.name, data))
                .collect(),
        ))
    }

    fn xml(&self, name: &str) -> Result<&str, RegisterError> {
        let data = self.0.get(name).ok_or(RegisterError::NotWorkbook)?;
        std::str::from_utf8(data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data))
            .map_err(|_| RegisterError::NotWorkbook)
    }
}

fn parse(text: &str) -> Result<Document<'_>, RegisterError> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
    };
    Document::parse_with_options(text, options).map_err(|_| RegisterError::NotWorkbook)
}

/// The child elements of `node` named `name` in `ns`.
fn children<'a, 'i>(
    node: Node<'a, 'i>,
    ns: &'a str,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children()
        .filter(move |c| c.tag_name().namespace() == Some(ns) && c.tag_name().name() == name)
}

/// A sheet as rows of cells, each row with its number as the spreadsheet shows it.
pub(crate) type Grid = Vec<(usize, Vec<String>)>;

/// The names of a workbook's sheets (XLSX or ODS), in order: for the user to pick one.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, RegisterError> {
    let parts = Parts::open(bytes)?;
    if parts.0.contains_key("xl/workbook.xml") {
        Ok(xlsx_sheets(&parts)?
            .into_iter()
            .map(|(name, _)| name)
            .collect())
    } else {
        let text = parts.xml("content.xml")?;
        let document = parse(text)?;
        Ok(ods_tables(&document)
            .map(|t| t.attribute((TABLE_NS, "name")).unwrap_or("").to_owned())
            .collect())
    }
}

/// Rows of an XLSX sheet parsed in one step: small enough for a slow laptop's page to paint
/// between steps (bench/import.mjs), large enough that the steps cost little more than one.
const ROWS_PER_STEP: usize = 125;

/// A workbook's sheet read a step at a time ([`SheetReading::step`]), so that a page can handle
/// input and paint between steps (through `register::Reading`).
pub struct SheetReading {
    stage: Stage,
}

enum Stage {
    /// An XLSX sheet's rows being parsed, [`ROWS_PER_STEP`] at a time.
    Rows(XlsxRows),
    /// Every row read: the table is made from them in the next step.
    Read(Grid),
    Done,
}

/// What the parsing of an XLSX sheet's rows, part by part, needs: the cells' shared strings and
/// date styles, the sheet's XML, where its rows end and where the next part starts, and the text
/// that makes a part a document of its own (the sheet's start tag, with its namespaces, and its end).
struct XlsxRows {
    shared: Vec<String>,
    dates: Vec<bool>,
    xml: String,
    at: usize,
    end: usize,
    row_end_tag: String,
    wrap: (String, String),
    grid: Grid,
    next_row: usize,
}

impl SheetReading {
    /// Opens sheet `sheet` (from 0) of an XLSX or ODS workbook. An ODS sheet is read here at once
    /// (a spreadsheet saves few registers as ODS; its rows repeat themselves by count).
    pub fn start(bytes: &[u8], sheet: usize) -> Result<SheetReading, RegisterError> {
        let parts = Parts::open(bytes)?;
        let stage = if parts.0.contains_key("xl/workbook.xml") {
            xlsx_rows(&parts, sheet)?
        } else {
            Stage::Read(ods_grid(&parts, sheet)?)
        };
        Ok(SheetReading { stage })
    }

    /// Takes the next step: the sites, once they are all read.
    pub fn step(&mut self, profile: &CountryProfile) -> Result<Option<Imported>, RegisterError> {
        match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Rows(mut rows) => {
                self.stage = match rows.next_part()? {
                    true => Stage::Rows(rows),
                    false => Stage::Read(rows.grid),
                };
                Ok(None)
            }
            Stage::Read(grid) => table_of(grid)?.read(profile).map(Some),
            Stage::Done => Err(RegisterError::Empty),
        }
    }
}

/// The register's table of a sheet: the header is the first row with a value; what is above it is
/// left out.
fn table_of(grid: Grid) -> Result<Table, RegisterError> {
    let mut rows = grid
        .into_iter()
        .skip_while(|(_, cells)| cells.iter().all(|c| c.trim().is_empty()));
    let (_, header) = rows.next().ok_or(RegisterError::Empty)?;
    Ok(Table {
        header,
        records: rows.collect(),
        kind: RecordKind::Row,
        skipped: 0,
    })
}

/// An XLSX workbook read whole: its defined names and, on demand, a sheet's cells. The tariff
/// workbook is read back through it (`tariff_workbook::read`): a few small sheets, no steps needed.
pub(crate) struct XlsxBook {
    parts: Parts,
    sheets: Vec<(String, String)>,
    /// Each workbook-scope defined name and what it refers to (`'Entries'!$B$3`).
    pub names: Vec<(String, String)>,
}

impl XlsxBook {
    pub fn open(bytes: &[u8]) -> Result<XlsxBook, RegisterError> {
        let parts = Parts::open(bytes)?;
        let sheets = xlsx_sheets(&parts)?;
        let workbook = parse(parts.xml("xl/workbook.xml")?)?;
        let names = workbook
            .descendants()
            .filter(|n| n.tag_name().name() == "definedName")
            .filter(|n| n.attribute("localSheetId").is_none())
            .filter_map(|n| Some((n.attribute("name")?.to_owned(), n.text()?.trim().to_owned())))
            .collect();
        Ok(XlsxBook {
            parts,
            sheets,
            names,
        })
    }

    /// The cells of the sheet named `name`, as the register reads them (numbers as written,
    /// booleans as "yes" and "no"); `None` when the workbook has no such sheet.
    pub fn grid(&self, name: &str) -> Result<Option<Grid>, RegisterError> {
        let Some(index) = self.sheets.iter().position(|(n, _)| n == name) else {
            return Ok(None);
        };
        let mut stage = xlsx_rows(&self.parts, index)?;
        loop {
            stage = match stage {
                Stage::Rows(mut rows) => match rows.next_part()? {
                    true => Stage::Rows(rows),
                    false => Stage::Read(rows.grid),
                },
                Stage::Read(grid) => return Ok(Some(grid)),
                Stage::Done => return Ok(None),
            };
        }
    }
}

/// Each sheet's name and the path of its XML in the zip.
fn xlsx_sheets(parts: &Parts) -> Result<Vec<(String, String)>, RegisterError> {
    let rels_text = parts.xml("xl/_rels/workbook.xml.rels")?;
    let rels = parse(rels_text)?;
    let targets: HashMap<&str, &str> = rels
        .descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
        .filter_map(|n| Some((n.attribute("Id")?, n.attribute("Target")?)))
        .collect();
    let workbook_text = parts.xml("xl/workbook.xml")?;
    let workbook = parse(workbook_text)?;
    Ok(workbook
        .descendants()
        .filter(|n| n.tag_name().name() == "sheet")
        .filter_map(|n| {
            let target = targets.get(n.attribute((REL_NS, "id"))?)?;
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_owned(),
                None => format!("xl/{target}"),
            };
            Some((n.attribute("name").unwrap_or("").to_owned(), path))
        })
        .collect())
}

/// "BC12" -> the column's index from 0 (54), if it is a cell reference.
pub(crate) fn column_of(reference: &str) -> Option<usize> {
    let letters: Vec<u8> = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    Some(
        letters.iter().fold(0, |n, b| {
            n * 26 + usize::from(b.to_ascii_uppercase() - b'A') + 1
        }) - 1,
    )
}

/// The text of an XLSX string item (`<si>` or `<is>`): its runs, without phonetic guides.
fn string_item(node: Node) -> String {
    node.descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter(|t| !t.ancestors().any(|a| a.tag_name().name() == "rPh"))
        .filter_map(|t| t.text())
        .collect()
}

/// Whether each cell style (`<c s="N">`, an index into `cellXfs`) shows a number as a date: a
/// built-in date format, or a format code with days, months or years outside quotes and brackets.
fn date_styles(parts: &Parts) -> Vec<bool> {
    let Ok(text) = parts.xml("xl/styles.xml") else {
        return Vec::new();
    };
    let Ok(styles) = parse(text) else {
        return Vec::new();
    };
    let custom: HashMap<u32, bool> = styles
        .descendants()
        .filter(|n| n.tag_name().name() == "numFmt")
        .filter_map(|n| {
            let id = n.attribute("numFmtId")?.parse().ok()?;
            Some((id, is_date_code(n.attribute("formatCode").unwrap_or(""))))
        })
        .collect();
    let Some(xfs) = styles
        .descendants()
        .find(|n| n.tag_name().name() == "cellXfs")
    else {
        return Vec::new();
    };
    xfs.children()
        .filter(|n| n.tag_name().name() == "xf")
        .map(|xf| {
            let id: u32 = xf
                .attribute("numFmtId")
                .and_then(|i| i.parse().ok())
                .unwrap_or(0);
            matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
                || custom.get(&id).copied().unwrap_or(false)
        })
        .collect()
}

fn is_date_code(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    code.chars().any(|c| {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            _ => {}
        }
        !quoted && !bracket && matches!(c.to_ascii_lowercase(), 'd' | 'm' | 'y')
    })
}

/// A spreadsheet's date serial (days since 1899-12-30) as an ISO date, as the user saw it.
fn serial_date(value: &str) -> Option<String> {
    let serial: f64 = value.trim().parse().ok()?;
    // 61 is 1900-03-01: before it, Excel counts a 29 February 1900 that never was.
    if !(61.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    const UNIX_EPOCH_SERIAL: i64 = 25_569;
    Some(
        crate::date::Date::from_days_since_epoch(serial.floor() as i64 - UNIX_EPOCH_SERIAL)
            .to_string(),
    )
}

/// Prepares the parsing of an XLSX sheet's rows a part at a time: the shared strings and date
/// styles read, the rows found in the sheet's XML.
fn xlsx_rows(parts: &Parts, sheet: usize) -> Result<Stage, RegisterError> {
    let dates = date_styles(parts);
    let sheets = xlsx_sheets(parts)?;
    let (_, path) = sheets.get(sheet).ok_or(RegisterError::NotWorkbook)?;
    let shared: Vec<String> = match parts.xml("xl/sharedStrings.xml") {
        Ok(text) => parse(text)?
            .root_element()
            .children()
            .filter(|n| n.tag_name().name() == "si")
            .map(string_item)
            .collect(),
        Err(_) => Vec::new(),
    };
    let xml = parts.xml(path)?.to_owned();
    let mut rows = XlsxRows {
        shared,
        dates,
        xml,
        at: 0,
        end: 0,
        row_end_tag: String::new(),
        wrap: (String::new(), String::new()),
        grid: Grid::new(),
        next_row: 1,
    };
    match rows.find_rows() {
        Some((at, end, row_end_tag, wrap)) => {
            (rows.at, rows.end, rows.row_end_tag, rows.wrap) = (at, end, row_end_tag, wrap);
        }
        // Not laid out as spreadsheets write it (or no row at all): parsed whole, at once.
        None => {
            let document = parse(&rows.xml)?;
            let data = document
                .descendants()
                .find(|n| n.tag_name().name() == "sheetData")
                .ok_or(RegisterError::NotWorkbook)?;
            read_rows(
                data,
                &rows.shared,
                &rows.dates,
                &mut rows.grid,
                &mut rows.next_row,
            );
            return Ok(Stage::Read(rows.grid));
        }
    }
    Ok(Stage::Rows(rows))
}

impl XlsxRows {
    /// Where the sheet's rows are in its XML: (start, end, a row's end tag, the text before and
    /// after a part that makes it a document), found from the root element's own name and prefix.
    fn find_rows(&self) -> Option<(usize, usize, String, (String, String))> {
        let xml = &self.xml;
        // The root element: the first tag that is not a declaration, comment or instruction.
        let mut root_at = 0;
        loop {
            root_at += xml[root_at..].find('<')?;
            if !xml[root_at + 1..].starts_with(['?', '!']) {
                break;
            }
            root_at += 1;
        }
        let name_len =
            xml[root_at + 1..].find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
        let root_name = &xml[root_at + 1..root_at + 1 + name_len];
        let prefix = root_name.rfind(':').map_or("", |i| &root_name[..=i]);
        let root_tag_end = root_at + xml[root_at..].find('>')? + 1;
        let data_open = format!("<{prefix}sheetData");
        let data_at = root_tag_end + xml[root_tag_end..].find(&data_open)?;
        let data_tag_end = data_at + xml[data_at..].find('>')? + 1;
        if xml[..data_tag_end].ends_with("/>") {
            return None;
        }
        let end = data_tag_end + xml[data_tag_end..].find(&format!("</{prefix}sheetData>"))?;
        let before = format!("{}<{prefix}sheetData>", &xml[root_at..root_tag_end]);
        let after = format!("</{prefix}sheetData></{root_name}>");
        Some((
            data_tag_end,
            end,
            format!("</{prefix}row>"),
            (before, after),
        ))
    }

    /// Parses the next [`ROWS_PER_STEP`] rows; whether rows are left. A part that does not parse
    /// on its own (a row's end tag inside a comment, say) is parsed with the rest of the sheet.
    fn next_part(&mut self) -> Result<bool, RegisterError> {
        let rest = &self.xml[self.at..self.end];
        let mut cut = 0;
        for _ in 0..ROWS_PER_STEP {
            match rest[cut..].find(&self.row_end_tag) {
                Some(i) => cut += i + self.row_end_tag.len(),
                None => {
                    cut = rest.len();
                    break;
                }
            }
        }
        let mut part = String::with_capacity(self.wrap.0.len() + cut + self.wrap.1.len());
        part.push_str(&self.wrap.0);
        part.push_str(&rest[..cut]);
        part.push_str(&self.wrap.1);
        let whole;
        let document = match parse(&part) {
            Ok(document) => document,
            Err(_) if cut < rest.len() => {
                cut = rest.len();
                whole = format!("{}{rest}{}", self.wrap.0, self.wrap.1);
                parse(&whole)?
            }
            Err(e) => return Err(e),
        };
        let data = document
            .root_element()
            .children()
            .find(|n| n.tag_name().name() == "sheetData")
            .ok_or(RegisterError::NotWorkbook)?;
        let more = read_rows(
            data,
            &self.shared,
            &self.dates,
            &mut self.grid,
            &mut self.next_row,
        );
        self.at += cut;
        Ok(more && self.at < self.end)
    }
}

/// Reads the rows of a sheet's `sheetData` into `grid`; false once past [`MAX_ROWS`].
fn read_rows(
    data: Node,
    shared: &[String],
    dates: &[bool],
    grid: &mut Grid,
    next_row: &mut usize,
) -> bool {
    for row in data.children().filter(|n| n.tag_name().name() == "row") {
        let number = row
            .attribute("r")
            .and_then(|r| r.parse().ok())
            .unwrap_or(*next_row);
        *next_row = number + 1;
        if number > MAX_ROWS {
            return false;
        }
        let mut cells: Vec<String> = Vec::new();
        for c in row.children().filter(|n| n.tag_name().name() == "c") {
            let at = c.attribute("r").and_then(column_of).unwrap_or(cells.len());
            if at >= MAX_COLUMNS {
                continue;
            }
            let v = c
                .children()
                .find(|n| n.tag_name().name() == "v")
                .and_then(|v| v.text());
            // A formula with no value kept (a workbook written by a program that computes
            // nothing): the formula itself, which the form then says is not an answer.
            let formula = c
                .children()
                .find(|n| n.tag_name().name() == "f")
                .and_then(|f| f.text());
            let (v, formula_only) = match (v, formula) {
                (Some(v), _) => (v, None),
                (None, Some(f)) => ("", Some(format!("={f}"))),
                (None, None) => ("", None),
            };
            let is_date = c
                .attribute("s")
                .and_then(|s| s.parse::<usize>().ok())
                .is_some_and(|s| dates.get(s).copied().unwrap_or(false));
            let value = match c.attribute("t") {
                _ if formula_only.is_some() => formula_only.unwrap_or_default(),
                Some("s") => v
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| shared.get(i).cloned())
                    .unwrap_or_default(),
                Some("inlineStr") => c
                    .children()
                    .find(|n| n.tag_name().name() == "is")
                    .map(string_item)
                    .unwrap_or_default(),
                Some("b") => match v.trim() {
                    "1" => "yes".to_owned(),
                    _ => "no".to_owned(),
                },
                // A date where the form wants a number or a word: shown as the date it is.
                None | Some("n") if is_date => serial_date(v).unwrap_or_else(|| v.to_owned()),
                _ => v.to_owned(),
            };
            if cells.len() <= at {
                cells.resize(at + 1, String::new());
            }
            cells[at] = value;
        }
        grid.push((number, cells));
    }
    true
}

fn ods_tables<'a, 'i>(document: &'a Document<'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    document
        .descendants()
        .filter(|n| n.tag_name().namespace() == Some(TABLE_NS) && n.tag_name().name() == "table")
}

/// An ODS cell's value as typed: its text (paragraphs joined by line breaks), or for a number or a
/// yes/no its value.
fn ods_cell(cell: Node) -> String {
    let paragraphs: Vec<String> = children(cell, TEXT_NS, "p")
        .map(|p| {
            p.descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect()
        })
        .collect();
    match cell.attribute((OFFICE_NS, "value-type")) {
        Some("float" | "percentage" | "currency") => cell
            .attribute((OFFICE_NS, "value"))
            .map(str::to_owned)
            .unwrap_or_else(|| paragraphs.join("\n")),
        Some("boolean") => match cell.attribute((OFFICE_NS, "boolean-value")) {
            Some("true") => "yes".to_owned(),
            _ => "no".to_owned(),
        },
        _ => paragraphs.join("\n"),
    }
}

fn ods_grid(parts: &Parts, sheet: usize) -> Result<Grid, RegisterError> {
    let text = parts.xml("content.xml")?;
    let document = parse(text)?;
    let table = ods_tables(&document)
        .nth(sheet)
        .ok_or(RegisterError::NotWorkbook)?;
    let mut grid = Grid::new();
    let mut number = 1;
    // Rows may sit in row groups or header rows: every table-row below the table, in order.
    let rows = table.descendants().filter(|n| {
        n.tag_name().namespace() == Some(TABLE_NS) && n.tag_name().name() == "table-row"
    });
    for row in rows {
        let repeat = row
            .attribute((TABLE_NS, "number-rows-repeated"))
            .and_then(|r| r.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1);
        let mut cells = Vec::new();
        for cell in row.children().filter(|n| {
            n.tag_name().namespace() == Some(TABLE_NS)
                && matches!(n.tag_name().name(), "table-cell" | "covered-table-cell")
        }) {
            let times = cell
                .attribute((TABLE_NS, "number-columns-repeated"))
                .and_then(|r| r.parse::<usize>().ok())
                .unwrap_or(1)
                .max(1);
            let value = ods_cell(cell);
            // A sheet's trailing empty cells are written as one cell repeated thousands of times.
            let times = times.min(MAX_COLUMNS.saturating_sub(cells.len()));
            cells.extend(std::iter::repeat_n(value, times));
        }
        let empty = cells.iter().all(|c| c.trim().is_empty());
        // Empty rows repeated (to the sheet's million rows) are counted, not made.
        let made = if empty { 1 } else { repeat.min(MAX_ROWS) };
        for i in 0..made {
            grid.push((number + i, cells.clone()));
        }
        number += repeat;
        if number > MAX_ROWS {
            break;
        }
    }
    Ok(grid)
}
