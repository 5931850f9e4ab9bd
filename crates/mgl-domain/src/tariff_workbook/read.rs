//! The tariff workbook read back (4.7: the Authority changes entries and sends the workbook back).
//! The entries are found by their defined names, never by position or by label, so that the
//! workbook reads the same in every language and after Excel or LibreOffice saved it (shared
//! strings, their own styles, names quoted their way). A workbook without our names is refused
//! with the reason. Only the entries are read: formulas and their values are not (the results are
//! computed again from the entries, by `tariff::calculate`).

use super::{entry_name, ASSET_NAMES, INDEX_NAMES, KWH_NAMES, SUBSIDY_NAMES};
use crate::draft::{TariffDraft, NO, YES};
use crate::message::{text, Text};
use crate::parse::parse_quantity;
use crate::register::{column_of, Grid, XlsxBook};
use crate::tariff::TariffInput;
use crate::tariff_draft::{
    Reading, TariffTable, ANSWERS, ASSETS, DIESEL_ALTERNATIVE, INDEXATION, KWH_SOLD, MARGIN,
    MULTIPLIERS, SUBSIDIES,
};
use std::collections::HashMap;

/// More rows than a tariff has years or assets: a name over more is not ours.
const MAX_TABLE_ROWS: usize = 1000;

/// The scalar entries that are not answers of `ANSWERS` (choices and the currency), by their name,
/// which is also the draft's field.
const CHOICES: [&str; 4] = [
    "currency",
    "capitalise_first_three_years_opex",
    "split_mode",
    "compensation_basis",
];

/// A workbook's entries, as the tariff screen holds typed answers.
#[derive(Debug)]
pub struct ReadBack {
    pub tariff: TariffDraft,
    pub currency: String,
    /// Where each answer was read: its path (`tariff.wacc`, `tariff.assets[1].capex`) and its cell
    /// (`Entries!B3`), to say where a problem is.
    pub cells: Vec<(String, String)>,
}

impl ReadBack {
    /// The cell an answer's path was read from.
    pub fn cell_of(&self, path: &str) -> Option<&str> {
        self.cells
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, c)| c.as_str())
    }
}

/// Where a name points: one column of one sheet, rows `first..=last` (from 1).
struct Area {
    sheet: String,
    column: usize,
    first: usize,
    last: usize,
}

/// "'Données'!$B$3" or "Entries!$A$20:$A$26" as an area; `None` for anything else (a constant, a
/// formula, several columns, another workbook).
fn area(reference: &str) -> Option<Area> {
    let (sheet, cells) = reference.rsplit_once('!')?;
    let sheet = match sheet.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        Some(quoted) => quoted.replace("''", "'"),
        None => sheet.to_owned(),
    };
    if sheet.starts_with('[') || sheet.is_empty() {
        return None;
    }
    let cells = cells.replace('$', "");
    let (start, end) = cells.split_once(':').unwrap_or((&cells, &cells));
    let (column, first) = cell(start)?;
    let (end_column, last) = cell(end)?;
    (column == end_column && first <= last).then_some(Area {
        sheet,
        column,
        first,
        last,
    })
}

/// "B12" as (column from 0, row from 1).
fn cell(reference: &str) -> Option<(usize, usize)> {
    let split = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = reference.split_at(split);
    if !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let row: usize = digits.parse().ok()?;
    (row >= 1).then_some((column_of(letters)?, row))
}

fn not_ours(name: &str) -> Text {
    text("This workbook is not a tariff workbook of this app: it has no entry named “{name}”. Open a workbook saved from the tariff screen (or by mgl tariff --xlsx).")
        .with("name", name.to_owned())
}

/// The workbook's names and the sheets they point into, read once each.
struct Entries {
    book: XlsxBook,
    names: HashMap<String, String>,
    sheets: HashMap<String, HashMap<usize, Vec<String>>>,
}

impl Entries {
    /// The area of `name`; `Ok(None)` when the workbook has no such name.
    fn area(&self, name: &str) -> Result<Option<Area>, Text> {
        let Some(reference) = self.names.get(name) else {
            return Ok(None);
        };
        match area(reference) {
            Some(a) if a.last - a.first < MAX_TABLE_ROWS => Ok(Some(a)),
            _ => Err(text(
                "In this workbook, the name “{name}” does not point to the cells of an entry ({reference}).",
            )
            .with("name", name.to_owned())
            .with("reference", reference.clone())),
        }
    }

    /// The text of each cell of `area`, in order, and the cells' references (`Entries!B3`).
    fn values(&mut self, area: &Area) -> Result<Vec<(String, String)>, Text> {
        if !self.sheets.contains_key(&area.sheet) {
            let grid: Grid = self
                .book
                .grid(&area.sheet)
                .map_err(|_| damaged())?
                .ok_or_else(|| {
                    text("In this workbook, the sheet “{sheet}” of the entries is missing.")
                        .with("sheet", area.sheet.clone())
                })?;
            self.sheets
                .insert(area.sheet.clone(), grid.into_iter().collect());
        }
        let rows = &self.sheets[&area.sheet];
        Ok((area.first..=area.last)
            .map(|row| {
                let value = rows
                    .get(&row)
                    .and_then(|cells| cells.get(area.column))
                    .map_or("", |v| v.trim());
                let at = crate::xlsx::reference(area.column, row - 1);
                (value.to_owned(), format!("{}!{at}", area.sheet))
            })
            .collect())
    }

    /// The one cell of a scalar entry, which the workbook must name.
    fn scalar(&mut self, name: &str) -> Result<(String, String), Text> {
        let area = self.area(name)?.ok_or_else(|| not_ours(name))?;
        Ok(self.values(&area)?.swap_remove(0))
    }
}

fn damaged() -> Text {
    text("This file is not an XLSX workbook, or it is damaged.")
}

/// A number as typed in the draft: a spreadsheet writes 1.2E-05 where the form reads 0.000012.
fn as_typed(value: String, reading: Reading) -> String {
    match (reading, value.parse::<f64>()) {
        (Reading::Number { .. }, Ok(v)) if v.is_finite() => format!("{v}"),
        _ => value,
    }
}

/// Reads the entries of a tariff workbook (`to_xlsx`'s, perhaps changed and saved by another
/// program) as the tariff screen's typed answers. Problems of the entries themselves (a text where
/// a number goes) are left for `TariffDraft::to_input` to tell, at their answers.
pub fn read(bytes: &[u8]) -> Result<ReadBack, Text> {
    let book = XlsxBook::open(bytes).map_err(|_| damaged())?;
    let names = book.names.iter().cloned().collect();
    let mut entries = Entries {
        book,
        names,
        sheets: HashMap::new(),
    };
    let mut tariff = TariffDraft::default();
    let mut cells = Vec::new();
    for answer in ANSWERS {
        let (value, at) = entries.scalar(&entry_name(answer))?;
        *(answer.get_mut)(&mut tariff) = as_typed(value, answer.reading);
        cells.push((answer.path(), at));
    }
    let [currency, capitalise, split_mode, basis] = CHOICES.map(|name| entries.scalar(name));
    let (currency, _) = currency?;
    let (capitalise, at) = capitalise?;
    // A spreadsheet's FALSE, in any of its spellings, or 0; anything else keeps the capitalisation.
    let off = matches!(
        capitalise.to_lowercase().as_str(),
        "no" | "false" | "faux" | "falso" | "non" | "não" | "nao" | "0"
    );
    tariff.capitalise_first_three_years_opex = if off { NO } else { YES }.to_owned();
    cells.push(("tariff.capitalise_first_three_years_opex".into(), at));
    tariff.split_mode = split_mode?.0;
    tariff.compensation_basis = basis?.0;
    tariff.assets = table(&mut entries, &ASSETS, &ASSET_NAMES, &mut cells)?;
    tariff.indexation = table(&mut entries, &INDEXATION, &INDEX_NAMES, &mut cells)?;
    tariff.subsidies = table(&mut entries, &SUBSIDIES, &SUBSIDY_NAMES, &mut cells)?;
    tariff.kwh_sold = table(&mut entries, &KWH_SOLD, &KWH_NAMES, &mut cells)?;
    Ok(ReadBack {
        tariff,
        currency,
        cells,
    })
}

/// A table's rows from its columns' names (a table the workbook has no row of has no names);
/// rows left entirely empty are no rows.
fn table<R: Default>(
    entries: &mut Entries,
    table: &TariffTable<R>,
    names: &[&str],
    cells: &mut Vec<(String, String)>,
) -> Result<Vec<R>, Text> {
    let mut columns = Vec::new();
    for name in names {
        columns.push(entries.area(name)?);
    }
    if columns.iter().all(Option::is_none) {
        return Ok(Vec::new());
    }
    let mut values = Vec::new();
    for (name, area) in names.iter().zip(&columns) {
        let area = area.as_ref().ok_or_else(|| not_ours(name))?;
        values.push(entries.values(area)?);
    }
    let count = values[0].len();
    if values.iter().any(|v| v.len() != count) {
        return Err(text(
            "In this workbook, the columns of the table “{table}” do not have the same rows.",
        )
        .with("table", names[0].to_owned()));
    }
    let mut rows = Vec::new();
    for i in 0..count {
        if values.iter().all(|column| column[i].0.is_empty()) {
            continue;
        }
        let mut row = R::default();
        for (column, answer) in values.iter_mut().zip(table.columns) {
            let (value, at) = std::mem::take(&mut column[i]);
            *(answer.get_mut)(&mut row) = as_typed(value, answer.reading);
            cells.push((table.path(rows.len(), answer), at));
        }
        rows.push(row);
    }
    Ok(rows)
}

/// One entry that differs between two tariffs: its label (a message id), for a table's cell the
/// table's title and the row (from 1), and its values as typed. A row that only one tariff has is
/// one change, with no label, its values joined by "; ".
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub label: &'static str,
    pub row: Option<(&'static str, usize)>,
    pub before: String,
    pub after: String,
}

impl Change {
    /// "Asset classes, row 2, Capex: 1 → 30000000", in the reader's language.
    pub fn text(&self) -> Text {
        let entry = match self.row {
            Some((table, row)) if self.label.is_empty() => text("{table}, row {row}")
                .with("table", text(table))
                .with("row", row.to_string()),
            Some((table, row)) => text("{table}, row {row}, {label}")
                .with("table", text(table))
                .with("row", row.to_string())
                .with("label", text(self.label)),
            None => text(self.label),
        };
        let shown = |v: &str| {
            if v.is_empty() {
                "—".to_owned()
            } else {
                v.to_owned()
            }
        };
        text("{entry}: {before} → {after}")
            .with("entry", entry)
            .with("before", shown(&self.before))
            .with("after", shown(&self.after))
    }
}

/// Two answers hold the same entry: the same text, or the same number however it is written (an
/// empty answer being the number it reads as: 0 for a cost, 1 for an index).
fn same(a: &str, b: &str, reading: Reading) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a == b {
        return true;
    }
    match reading {
        Reading::Number { whole, empty, .. } => {
            let value = |v: &str| match v {
                "" => Ok(empty),
                v => parse_quantity(v, whole).map(Some),
            };
            matches!((value(a), value(b)), (Ok(x), Ok(y)) if x == y)
        }
        Reading::Text => false,
    }
}

/// The answers of the class split not chosen (the diesel benchmark's with multipliers, and the
/// reverse): the workbook leaves them empty, they mean nothing to the tariff.
fn unused_by_split(tariff: &TariffDraft) -> Vec<&'static str> {
    if tariff.split_mode == "diesel_benchmark" {
        MULTIPLIERS.iter().map(|m| m.key).collect()
    } else {
        vec![DIESEL_ALTERNATIVE.key, MARGIN.key]
    }
}

/// The workbook's entries as the screen's new answers: those of the split the workbook does not
/// use, which it leaves empty, keep what the screen had, so that switching the split back on the
/// screen finds them as they were typed.
pub fn keeping_unused(current: &TariffDraft, mut from_workbook: TariffDraft) -> TariffDraft {
    let unused = unused_by_split(&from_workbook);
    for answer in ANSWERS.iter().filter(|a| unused.contains(&a.key)) {
        if (answer.get)(&from_workbook).trim().is_empty() {
            *(answer.get_mut)(&mut from_workbook) = (answer.get)(current).clone();
        }
    }
    from_workbook
}

/// The draft as the workbook holds it: asset rows with no cost are no assets (`to_input` leaves
/// them out, and so does the workbook), sales in the order of their years.
fn as_written(tariff: &TariffDraft) -> TariffDraft {
    let mut tariff = tariff.clone();
    tariff.assets.retain(|a| !a.capex.trim().is_empty());
    tariff
        .kwh_sold
        .sort_by_key(|s| parse_quantity(&s.year, true).map_or(u64::MAX, |y| y as u64));
    tariff
}

/// Every entry that differs from `before` in `after`, in the order of the screen.
pub fn changes(before: &TariffDraft, after: &TariffDraft) -> Vec<Change> {
    let (before, after) = (as_written(before), as_written(after));
    let mut out = Vec::new();
    let mut compare = |label, row, a: &str, b: &str, reading| {
        if !same(a, b, reading) {
            out.push(Change {
                label,
                row,
                before: a.trim().to_owned(),
                after: b.trim().to_owned(),
            });
        }
    };
    // An answer that neither tariff's split reads is no change.
    let (unused_before, unused_after) = (unused_by_split(&before), unused_by_split(&after));
    for answer in ANSWERS {
        if unused_before.contains(&answer.key) && unused_after.contains(&answer.key) {
            continue;
        }
        let (a, b) = ((answer.get)(&before), (answer.get)(&after));
        compare(answer.label, None, a, b, answer.reading);
    }
    let choice = |t: &TariffDraft| {
        [
            (t.capitalise_first_three_years_opex != NO).to_string(),
            t.split_mode.clone(),
            t.compensation_basis.clone(),
        ]
    };
    let labels = [
        "Operating costs of years 1 to 3 capitalised (TRUE or FALSE)",
        "Class split (multipliers or diesel_benchmark)",
        "Compensation basis (net or gross)",
    ];
    for ((label, a), b) in labels.iter().zip(choice(&before)).zip(choice(&after)) {
        compare(label, None, &a, &b, Reading::Text);
    }
    table_changes(&ASSETS, &before, &after, &mut out);
    table_changes(&INDEXATION, &before, &after, &mut out);
    table_changes(&SUBSIDIES, &before, &after, &mut out);
    table_changes(&KWH_SOLD, &before, &after, &mut out);
    out
}

fn table_changes<R>(
    table: &TariffTable<R>,
    before: &TariffDraft,
    after: &TariffDraft,
    out: &mut Vec<Change>,
) {
    let (a, b) = ((table.rows)(before), (table.rows)(after));
    let empty = String::new();
    let whole_row = |row: &R| {
        table
            .columns
            .iter()
            .map(|c| (c.get)(row).trim())
            .collect::<Vec<_>>()
            .join("; ")
    };
    for i in 0..a.len().max(b.len()) {
        // A row on one side only is one change, its values together.
        if a.get(i).is_none() || b.get(i).is_none() {
            out.push(Change {
                label: "",
                row: Some((table.title, i + 1)),
                before: a.get(i).map(whole_row).unwrap_or_default(),
                after: b.get(i).map(whole_row).unwrap_or_default(),
            });
            continue;
        }
        for column in table.columns {
            let x = a.get(i).map_or(&empty, |r| (column.get)(r));
            let y = b.get(i).map_or(&empty, |r| (column.get)(r));
            if !same(x, y, column.reading) {
                out.push(Change {
                    label: column.label,
                    row: Some((table.title, i + 1)),
                    before: x.trim().to_owned(),
                    after: y.trim().to_owned(),
                });
            }
        }
    }
}

/// Whether a workbook's entries are `input` (the bundle's check): read as the app reads them,
/// they give the same input.
pub fn holds(read: &ReadBack, input: &TariffInput) -> bool {
    let mut expected = input.clone();
    expected.kwh_sold = crate::tariff::sales_by_year(input);
    read.tariff
        .to_input(&read.currency)
        .is_ok_and(|found| found == expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_as_spreadsheets_write_them() {
        let a = area("'Données d''entrée'!$B$3").unwrap();
        assert_eq!(
            (a.sheet.as_str(), a.column, a.first, a.last),
            ("Données d'entrée", 1, 3, 3)
        );
        let a = area("Entries!$A$20:$A$26").unwrap();
        assert_eq!(
            (a.sheet.as_str(), a.column, a.first, a.last),
            ("Entries", 0, 20, 26)
        );
        assert!(area("Entries!$A$20:$B$26").is_none(), "two columns");
        assert!(area("0.12").is_none(), "a constant");
        assert!(area("[1]Entries!$B$3").is_none(), "another workbook");
        assert_eq!(cell("AA10"), Some((26, 10)));
        assert_eq!(cell("A0"), None);
    }
}
