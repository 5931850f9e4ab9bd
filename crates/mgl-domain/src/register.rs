//! The site register: a portfolio's sites as a table, one row per site and one column per site
//! answer, in the form's own order (`layout::SITE_FORM`, the location expanded into the profile's
//! administrative levels) and headed with the form's labels and units. Written as CSV (also the
//! empty template) and read back from CSV as spreadsheets save it.
//!
//! Reading keeps what the file says as typed, as the form does (the draft holds what the user
//! typed): a value is only turned into the form's code where the form would have stored a code (an
//! option's label in any language, or yes/no in the three languages' words). What is wrong with a
//! value is then found by the validation, at its row and column.

use crate::date::Date;
use crate::draft::{Draft, Site, NO, YES};
use crate::fields::{self, Field, Kind};
use crate::format::fill;
use crate::i18n::{tr, Lang};
use crate::layout::{SitePart, SITE_FORM};
use crate::profile::CountryProfile;
use crate::validate::{self, Problem};

/// One column of the register.
#[derive(Clone, Copy)]
pub enum Column {
    Answer(&'static Field<Site>),
    /// The location at this administrative level of the profile (0: the largest).
    Location(usize),
}

/// Columns are the same when their keys are.
impl PartialEq for Column {
    fn eq(&self, other: &Column) -> bool {
        self.key() == other.key()
    }
}

impl std::fmt::Debug for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Column({})", self.key())
    }
}

impl Column {
    /// Its key in the draft (`latitude`, `location[1]`): always accepted as a header.
    pub fn key(&self) -> String {
        match self {
            Column::Answer(field) => field.key.to_owned(),
            Column::Location(level) => format!("location[{level}]"),
        }
    }

    /// Its header in `lang`: the form's label, with the unit ("Solar (kWp)").
    pub fn header(&self, profile: &CountryProfile, lang: Lang) -> String {
        match self {
            Column::Answer(field) => match field.kind {
                Kind::Quantity { unit, .. } => {
                    format!("{} ({})", tr(lang, field.label), tr(lang, unit))
                }
                _ => tr(lang, field.label).to_owned(),
            },
            Column::Location(level) => profile.admin_levels[*level].clone(),
        }
    }

    fn value<'a>(&self, site: &'a Site) -> &'a str {
        match self {
            Column::Answer(field) => (field.get)(site),
            Column::Location(level) => site.location.get(*level).map_or("", String::as_str),
        }
    }

    fn set(&self, site: &mut Site, value: String) {
        match self {
            Column::Answer(field) => *(field.get_mut)(site) = value,
            Column::Location(level) => {
                if site.location.len() <= *level {
                    site.location.resize(level + 1, String::new());
                }
                site.location[*level] = value;
            }
        }
    }
}

/// The register's columns for a country, in the form's order.
pub fn columns(profile: &CountryProfile) -> Vec<Column> {
    SITE_FORM
        .iter()
        .flat_map(|group| group.parts)
        .flat_map(|part| match part {
            SitePart::Answers(keys) => keys
                .iter()
                .map(|key| {
                    Column::Answer(fields::site_field(key).expect("a layout key is a site field"))
                })
                .collect(),
            SitePart::Location => (0..profile.admin_levels.len())
                .map(Column::Location)
                .collect(),
            _ => Vec::new(),
        })
        .collect()
}

/// The sites as CSV, headed in `lang` (no sites: the template). UTF-8 with a byte-order mark, which
/// Excel needs to read it as UTF-8; comma-separated, quoted where needed.
pub fn to_csv(sites: &[Site], profile: &CountryProfile, lang: Lang) -> String {
    let columns = columns(profile);
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join(",")
            + "\r\n"
    };
    out += &line(columns.iter().map(|c| c.header(profile, lang)).collect());
    for site in sites {
        out += &line(columns.iter().map(|c| c.value(site).to_owned()).collect());
    }
    out
}

fn quoted(cell: &str) -> String {
    if cell.contains([',', ';', '"', '\n', '\r']) || cell.starts_with(' ') || cell.ends_with(' ') {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

/// The sites a register file holds, with what of it was not used.
#[derive(Debug, Default, PartialEq)]
pub struct Imported {
    /// One per data row, in order, without ids (the draft gives them). Rows with no value at all
    /// are left out.
    pub sites: Vec<Site>,
    /// The file's row of each site (the header is row 1), to say where a problem is.
    pub rows: Vec<usize>,
    /// Headers that match no column, as the file writes them; their values are ignored.
    pub unknown_columns: Vec<String>,
    /// Columns the file does not have, by their keys: those answers stay empty.
    pub missing_columns: Vec<String>,
}

/// Why a file could not be read as a register at all.
#[derive(Debug, PartialEq)]
pub enum RegisterError {
    Empty,
    /// No header matches any column of the register.
    NoKnownColumn,
    /// A quoted value is not closed (at this row).
    UnclosedQuote(usize),
}

/// Reads a register saved as CSV: comma, semicolon or tab separated (found from the header row),
/// UTF-8 with or without a byte-order mark, or Windows-1252 as older Excel saves it. Headers are
/// matched by the labels of every language or by the draft's keys, case and spacing aside, in any
/// order.
pub fn from_csv(bytes: &[u8], profile: &CountryProfile) -> Result<Imported, RegisterError> {
    let text = decode(bytes);
    let separator = separator_of(text.lines().next().unwrap_or(""));
    let mut records = records(&text, separator)?.into_iter();
    let header = records.next().ok_or(RegisterError::Empty)?;
    let columns = columns(profile);
    let matched: Vec<Option<Column>> = header
        .iter()
        .map(|h| match_header(h, &columns, profile))
        .collect();
    if matched.iter().all(Option::is_none) {
        return Err(RegisterError::NoKnownColumn);
    }
    let mut imported = Imported {
        unknown_columns: header
            .iter()
            .zip(&matched)
            .filter(|(h, m)| m.is_none() && !h.trim().is_empty())
            .map(|(h, _)| h.trim().to_owned())
            .collect(),
        missing_columns: columns
            .iter()
            .filter(|c| !matched.contains(&Some(**c)))
            .map(Column::key)
            .collect(),
        ..Imported::default()
    };
    for (index, record) in records.enumerate() {
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let mut site = Site::new(String::new(), profile.admin_levels.len());
        for (cell, column) in record.into_iter().zip(&matched) {
            if let Some(column) = column {
                column.set(&mut site, as_the_form_stores(column, cell.trim()));
            }
        }
        imported.sites.push(site);
        imported.rows.push(index + 2);
    }
    Ok(imported)
}

fn normalised(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn match_header(header: &str, columns: &[Column], profile: &CountryProfile) -> Option<Column> {
    let wanted = normalised(header.trim_start_matches('\u{feff}'));
    columns.iter().copied().find(|column| {
        normalised(&column.key()) == wanted
            || Lang::ALL.iter().any(|&lang| {
                let full = column.header(profile, lang);
                let bare = match column {
                    Column::Answer(field) => tr(lang, field.label).to_owned(),
                    Column::Location(_) => full.clone(),
                };
                normalised(&full) == wanted || normalised(&bare) == wanted
            })
    })
}

/// A value as the form would have stored it: an option's code for its label in any language, and
/// yes/no (or a ticked box) for the three languages' words; anything else as typed.
fn as_the_form_stores(column: &Column, value: &str) -> String {
    let Column::Answer(field) = column else {
        return value.to_owned();
    };
    let word = normalised(value);
    let yes = ["yes", "y", "oui", "sim", "true", "x", "1"].contains(&word.as_str());
    let no = ["no", "n", "non", "não", "nao", "false", "0"].contains(&word.as_str());
    match field.kind {
        Kind::Checkbox if yes => YES.to_owned(),
        Kind::Checkbox if no => String::new(),
        Kind::Choice(choices) => {
            let by_word = match (yes, no) {
                (true, _) => choices.iter().find(|c| c.code == YES),
                (_, true) => choices.iter().find(|c| c.code == NO),
                _ => None,
            };
            by_word
                .or_else(|| {
                    choices.iter().find(|c| {
                        normalised(c.code) == word
                            || Lang::ALL
                                .iter()
                                .any(|&lang| normalised(tr(lang, c.label)) == word)
                    })
                })
                .map_or_else(|| value.to_owned(), |c| c.code.to_owned())
        }
        _ => value.to_owned(),
    }
}

/// The text of a file: UTF-8 (its byte-order mark dropped), or else Windows-1252.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn windows_1252(byte: u8) -> char {
    // 0x80 to 0x9F are Windows-1252's own; the rest is Latin-1, the first 256 code points.
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// The separator the header row uses most, outside quotes: `;` where Excel's list separator is
/// the semicolon (a decimal comma's countries), `,` or a tab.
fn separator_of(header: &str) -> char {
    let mut counts = [(',', 0), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in header.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(count) = counts.iter_mut().find(|(s, _)| *s == c) {
                count.1 += 1;
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(',', |(s, _)| *s)
}

/// RFC 4180 records: quoted values may hold separators, quotes doubled and line breaks.
fn records(text: &str, separator: char) -> Result<Vec<Vec<String>>, RegisterError> {
    let mut records = Vec::new();
    let (mut record, mut cell) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let (mut quoted, mut row, mut quote_row) = (false, 1, 1);
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
                quote_row = row;
            }
            c if c == separator && !quoted => record.push(std::mem::take(&mut cell)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
                row += 1;
            }
            c => {
                if c == '\n' {
                    row += 1;
                }
                cell.push(c);
            }
        }
    }
    if quoted {
        return Err(RegisterError::UnclosedQuote(quote_row));
    }
    if !cell.is_empty() || !record.is_empty() {
        record.push(cell);
        records.push(record);
    }
    Ok(records)
}

/// Whether imported sites come after the draft's own or instead of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Append,
    Replace,
}

/// Puts the imported sites in the draft, each with a new id. Replacing drops the documents filed
/// under the sites that go (their files stay with the draft until no item uses them).
pub fn apply(draft: &mut Draft, imported: Imported, mode: Mode) {
    if mode == Mode::Replace {
        draft.sites.clear();
        draft.attachments.retain(|a| a.site_id.is_empty());
    }
    for mut site in imported.sites {
        site.id = draft.next_site_id();
        draft.sites.push(site);
    }
}

/// A problem of an imported site, at its row of the file and its column.
#[derive(Debug, PartialEq)]
pub struct RowProblem {
    pub row: usize,
    /// The column's key (`latitude`, `location[2]`).
    pub key: String,
    pub problem: Problem,
}

impl RowProblem {
    /// "Row 18, Latitude: A latitude is between -90 and 90 degrees."
    pub fn render(&self, lang: Lang) -> String {
        let label = match self.problem.label_in(lang) {
            "" => self.key.clone(),
            label => label.to_owned(),
        };
        fill(
            tr(lang, "Row {row}, {column}: {problem}"),
            &[
                ("row", &self.row.to_string()),
                ("column", &label),
                ("problem", &self.problem.message.render(lang)),
            ],
        )
    }
}

/// Every problem of the imported sites, by row and column, as the form would show them at their
/// fields (errors and warnings, in the form's order within a row).
pub fn problems(imported: &Imported, profile: &CountryProfile, today: Date) -> Vec<RowProblem> {
    imported
        .sites
        .iter()
        .zip(&imported.rows)
        .enumerate()
        .flat_map(|(i, (site, &row))| {
            validate::validate_site(site, i, profile, today)
                .into_iter()
                .map(move |problem| RowProblem {
                    row,
                    key: problem.key.clone(),
                    problem,
                })
        })
        .collect()
}
