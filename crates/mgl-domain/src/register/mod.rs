//! The site register: a portfolio's sites as a table, one row per site and one column per site
//! answer, in the form's own order (`layout::SITE_FORM`, the location expanded into the profile's
//! administrative levels) and headed with the form's labels and units. Written as CSV (also the
//! empty template) and GeoJSON; read back from CSV as spreadsheets save it, GeoJSON, KML and KMZ,
//! each format into one [`Table`] whose headers are matched to the columns in one place.
//!
//! Reading keeps what the file says as typed, as the form does (the draft holds what the user
//! typed): a value is only turned into the form's code where the form would have stored a code (an
//! option's label in any language, or yes/no in the three languages' words). What is wrong with a
//! value is then found by the validation, at its row and column.

use crate::date::Date;
use crate::draft::{Draft, Site, NO, YES};
use crate::fields::{self, Field, Kind};
use crate::i18n::{tr, Lang};
use crate::layout::{SitePart, SITE_FORM};
use crate::message::{counted, text, Arg, Text};
use crate::profile::CountryProfile;
use crate::validate::{self, Problem};

mod csv;
mod geojson;
pub(crate) mod kml;
mod workbook;
pub use csv::{from_csv, to_csv};
pub use geojson::{from_geojson, to_geojson};
pub use kml::{from_kml, from_kmz};
pub(crate) use workbook::{column_of, Grid, XlsxBook};
pub use workbook::{sheet_names, to_xlsx, SheetReading};

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

    /// Its name in any language, said where shown: the form's label, or the level's name.
    fn name(&self, profile: &CountryProfile) -> Arg {
        match self {
            Column::Answer(field) => Arg::Text(text(field.label)),
            Column::Location(level) => Arg::Verbatim(profile.admin_levels[*level].clone()),
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

/// The sites a register file holds, with what of it was not used.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imported {
    /// One per record (row, feature, placemark), in order, without ids (the draft gives them).
    /// Records with no value at all are left out.
    pub sites: Vec<Site>,
    /// The file's number of each site's record (a CSV's header is row 1), to say where a problem is.
    pub rows: Vec<usize>,
    /// What the file's records are called.
    pub kind: RecordKind,
    /// Headers that match no column, as the file writes them; their values are ignored.
    pub unknown_columns: Vec<String>,
    /// Columns the file does not have, by their keys: those answers stay empty.
    pub missing_columns: Vec<String>,
    /// Records that are not a site's point (a line, an area, a power plant's point): left out.
    pub skipped: usize,
}

impl Imported {
    /// What of the file was not used, in the user's words: the form's columns it does not have,
    /// columns that are not site answers, records that are not sites.
    pub fn notes(&self, profile: &CountryProfile) -> Vec<Text> {
        let mut notes = Vec::new();
        let missing = self.missing_names(profile);
        if !missing.is_empty() {
            notes.push(
                counted(
                    "Not in the file, so left empty, to answer in the form: {columns}.",
                    "Not in the file, so left empty, to answer in the form: {columns}.",
                    missing.len() as u64,
                )
                .with("columns", missing),
            );
        }
        notes.extend(self.left_out());
        notes
    }

    /// The names of the form's columns the file does not have, in the form's order.
    pub fn missing_names(&self, profile: &CountryProfile) -> Vec<Arg> {
        columns(profile)
            .iter()
            .filter(|c| self.missing_columns.contains(&c.key()))
            .map(|c| c.name(profile))
            .collect()
    }

    /// What of the file was left out: columns that are not site answers, records that are not
    /// sites.
    pub fn left_out(&self) -> Vec<Text> {
        let mut notes = Vec::new();
        if !self.unknown_columns.is_empty() {
            let columns: Vec<Arg> = self.unknown_columns.iter().map(Arg::from).collect();
            notes.push(
                counted(
                    "Left out: the column {columns}, which is not a site answer.",
                    "Left out: the columns {columns}, which are not site answers.",
                    columns.len() as u64,
                )
                .with("columns", columns),
            );
        }
        if self.skipped > 0 {
            notes.push(counted(
                "Left out: {n} line, area or power plant's point, which is not a site.",
                "Left out: {n} lines, areas or power plants' points, which are not sites.",
                self.skipped as u64,
            ));
        }
        notes
    }
}

/// What a file's records are: the words a problem's place is said in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RecordKind {
    /// A spreadsheet's or a CSV file's row, numbered as the spreadsheet shows it.
    #[default]
    Row,
    /// A GeoJSON feature, from 1.
    Feature,
    /// A KML placemark, from 1.
    Placemark,
}

/// The formats a register is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    GeoJson,
    Kml,
    Kmz,
    Xlsx,
    Ods,
}

impl Format {
    /// The format of a file, from its first bytes (a zip is a workbook or a KMZ; JSON, GeoJSON;
    /// XML, KML) or else CSV.
    pub fn of(bytes: &[u8]) -> Format {
        use crate::filetype::{sniff, FileType};
        if bytes.starts_with(b"PK\x03\x04") {
            return Format::of_zip(bytes);
        }
        match sniff(&bytes[..bytes.len().min(4096)]) {
            Ok(FileType::GeoJson) => Format::GeoJson,
            Ok(FileType::Kml) => Format::Kml,
            _ => Format::Csv,
        }
    }

    /// A zip's format from the names in its directory (its first entries may not tell: a workbook
    /// saved with data descriptors): a workbook's parts, else a KMZ.
    fn of_zip(bytes: &[u8]) -> Format {
        use mgl_bag::zip::{find_end, read_directory_with, Names, TAIL_LEN};
        let len = bytes.len() as u64;
        let tail = &bytes[bytes.len().saturating_sub(TAIL_LEN as usize)..];
        let names: Vec<String> = find_end(tail, len)
            .and_then(|end| {
                let cd = &bytes[end.cd_offset as usize..(end.cd_offset + end.cd_size) as usize];
                read_directory_with(cd, &end, len, Names::InMemory)
            })
            .map(|entries| entries.into_iter().map(|e| e.name).collect())
            .unwrap_or_default();
        if names.iter().any(|n| n == "xl/workbook.xml") {
            Format::Xlsx
        } else if names.iter().any(|n| n == "content.xml") {
            Format::Ods
        } else {
            Format::Kmz
        }
    }
}

/// Reads a register in any of the formats, found from its bytes (a workbook's first sheet).
pub fn read(bytes: &[u8], profile: &CountryProfile) -> Result<Imported, RegisterError> {
    read_sheet(bytes, 0, profile)
}

/// Reads a register, from sheet `sheet` (from 0) where it is a workbook.
pub fn read_sheet(
    bytes: &[u8],
    sheet: usize,
    profile: &CountryProfile,
) -> Result<Imported, RegisterError> {
    let mut reading = Reading::new(bytes, sheet);
    loop {
        if let Some(imported) = reading.step(profile)? {
            return Ok(imported);
        }
    }
}

/// A register being read a step at a time, so that a page can handle input and paint between
/// steps: a workbook's sheet in several ([`SheetReading`]), any other file in one (CSV, GeoJSON
/// and KML read fast enough: bench/import.mjs).
pub struct Reading<'a> {
    bytes: &'a [u8],
    format: Format,
    sheet: usize,
    workbook: Option<SheetReading>,
}

impl<'a> Reading<'a> {
    pub fn new(bytes: &'a [u8], sheet: usize) -> Reading<'a> {
        Reading {
            bytes,
            format: Format::of(bytes),
            sheet,
            workbook: None,
        }
    }

    /// Takes the next step: the sites, once they are read.
    pub fn step(&mut self, profile: &CountryProfile) -> Result<Option<Imported>, RegisterError> {
        let bytes = self.bytes;
        match self.format {
            Format::Xlsx | Format::Ods => match &mut self.workbook {
                Some(reading) => reading.step(profile),
                None => {
                    self.workbook = Some(SheetReading::start(bytes, self.sheet)?);
                    Ok(None)
                }
            },
            Format::Csv => from_csv(bytes, profile).map(Some),
            Format::GeoJson => from_geojson(bytes, profile).map(Some),
            Format::Kml => from_kml(bytes, profile).map(Some),
            Format::Kmz => from_kmz(bytes, profile).map(Some),
        }
    }
}

/// Why a file could not be read as a register at all.
#[derive(Debug, PartialEq)]
pub enum RegisterError {
    Empty,
    /// No header matches any column of the register.
    NoKnownColumn,
    /// A quoted value is not closed (at this row).
    UnclosedQuote(usize),
    /// Not JSON: where its reader stopped.
    NotJson {
        line: usize,
        column: usize,
    },
    /// JSON that is not a GeoJSON Feature or FeatureCollection.
    NotGeoJson,
    /// Not XML (or XML with a DTD, refused): where its reader stopped.
    NotXml {
        line: usize,
        column: usize,
    },
    /// XML that is not KML, or a KML file that is not UTF-8.
    NotKml,
    /// A KMZ that is not a zip, or holds no KML file.
    NotKmz,
    /// A GeoJSON or KML file with no site's point.
    NoSite,
    /// A zip that is not an XLSX or ODS workbook, or a damaged one.
    NotWorkbook,
    /// A header row of more columns than a register has (this many).
    TooManyColumns(usize),
}

impl RegisterError {
    /// Why, in the user's words.
    pub fn text(&self) -> Text {
        let at = |message: Text, line: usize, column: usize| {
            message
                .with("line", line.to_string())
                .with("column", column.to_string())
        };
        match self {
            RegisterError::Empty => text("The file is empty."),
            RegisterError::NoKnownColumn => text("No column of this file is a site answer of the form (for example \"Name of the site\"). Start from the template."),
            RegisterError::UnclosedQuote(row) => {
                text("A quoted value that starts on row {row} is never closed.").with("row", row.to_string())
            }
            RegisterError::NotJson { line, column } => at(text("This GeoJSON file is damaged: it stops making sense at line {line}, column {column}."), *line, *column),
            RegisterError::NotGeoJson => text("This JSON file is not GeoJSON: it has no FeatureCollection of sites' points."),
            RegisterError::NotXml { line, column } => at(text("This KML file is damaged: it stops making sense at line {line}, column {column}."), *line, *column),
            RegisterError::NotKml => text("This XML file is not KML: it has no placemarks of sites."),
            RegisterError::NotKmz => text("This KMZ file holds no KML file."),
            RegisterError::NoSite => text("This file has no point that could be a site."),
            RegisterError::TooManyColumns(n) => text("The first row has {n} columns: this is not a register of sites, whose columns are the form's answers.").with("n", n.to_string()),
            RegisterError::NotWorkbook => text("This workbook could not be read: save it again from the spreadsheet as XLSX, ODS or CSV."),
        }
    }
}

/// A file's table before its columns are matched: its header, and its records with their numbers.
/// Every format is read into one, so that columns are matched and values read in one place.
struct Table {
    header: Vec<String>,
    records: Vec<(usize, Vec<String>)>,
    kind: RecordKind,
    skipped: usize,
}

/// A record of a file whose values are named (a GeoJSON feature, a KML placemark): the values
/// every record has in the same places (the point's coordinates), then its named ones.
struct Named {
    number: usize,
    fixed: Vec<String>,
    named: Vec<(String, String)>,
}

impl Table {
    /// The table of records of named values: headed with the fixed columns, then every other name
    /// in the order first met; a record without a name has an empty cell there.
    fn of_named(
        fixed: &[&str],
        records: Vec<Named>,
        kind: RecordKind,
        skipped: usize,
    ) -> Result<Table, RegisterError> {
        if records.is_empty() {
            return Err(RegisterError::NoSite);
        }
        let mut header: Vec<String> = fixed.iter().map(|name| name.to_string()).collect();
        for record in &records {
            for (name, _) in &record.named {
                if !header[fixed.len()..].contains(name) {
                    header.push(name.clone());
                }
            }
        }
        let records = records
            .into_iter()
            .map(|record| {
                let mut cells = record.fixed;
                cells.resize(fixed.len(), String::new());
                cells.extend(header[fixed.len()..].iter().map(|name| {
                    let value = record.named.iter().find(|(n, _)| n == name);
                    value.map(|(_, v)| v.clone()).unwrap_or_default()
                }));
                (record.number, cells)
            })
            .collect();
        Ok(Table {
            header,
            records,
            kind,
            skipped,
        })
    }

    /// The sites of the table. Headers are matched by the labels of every language or by the
    /// draft's keys, case and spacing aside, in any order. Where two headers are one column (a
    /// point's latitude and a property "Latitude"), the later one that has a value wins.
    fn read(mut self, profile: &CountryProfile) -> Result<Imported, RegisterError> {
        // A spreadsheet's row goes on with empty cells to its last column: they are no column.
        while self.header.last().is_some_and(|h| h.trim().is_empty()) {
            self.header.pop();
        }
        // Far more than the form's columns (about 50), far fewer than a hostile row's thousands,
        // each matched against every label of three languages.
        const MAX_COLUMNS: usize = 1_000;
        if self.header.len() > MAX_COLUMNS {
            return Err(RegisterError::TooManyColumns(self.header.len()));
        }
        let columns = columns(profile);
        let matched: Vec<Option<Column>> = self
            .header
            .iter()
            .map(|h| match_header(h, &columns, profile))
            .collect();
        if matched.iter().all(Option::is_none) {
            return Err(RegisterError::NoKnownColumn);
        }
        let mut imported = Imported {
            kind: self.kind,
            skipped: self.skipped,
            unknown_columns: self
                .header
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
        for (number, record) in self.records {
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            let mut site = Site::new(String::new(), profile.admin_levels.len());
            for (cell, column) in record.into_iter().zip(&matched) {
                match column {
                    Some(column) if !cell.trim().is_empty() => {
                        column.set(&mut site, as_the_form_stores(column, cell.trim()))
                    }
                    _ => {}
                }
            }
            imported.sites.push(site);
            imported.rows.push(number);
        }
        Ok(imported)
    }
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

/// Whether imported sites come after the draft's own or instead of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Append,
    Replace,
}

/// Puts the imported sites in the draft, each with a new id. Replacing drops the documents filed
/// under the sites that go (their files stay with the draft until no item uses them). Appending
/// takes the place of sites with no answer and no document (a new application's first site), so
/// that they are not left empty before the imported ones.
pub fn apply(draft: &mut Draft, imported: Imported, mode: Mode) {
    match mode {
        Mode::Replace => draft.sites.clear(),
        Mode::Append => {
            let attachments = &draft.attachments;
            draft.sites.retain(|site| {
                !has_no_answer(site) || attachments.iter().any(|a| a.site_id == site.id)
            });
            debug_assert!(draft.sites.len() == kept_on_append(draft));
        }
    }
    let kept = &draft.sites;
    draft
        .attachments
        .retain(|a| a.site_id.is_empty() || kept.iter().any(|s| s.id == a.site_id));
    for mut site in imported.sites {
        site.id = draft.next_site_id();
        draft.sites.push(site);
    }
}

/// The draft's sites that appending keeps (those with an answer or a document).
pub fn kept_on_append(draft: &Draft) -> usize {
    draft
        .sites
        .iter()
        .filter(|site| {
            !has_no_answer(site) || draft.attachments.iter().any(|a| a.site_id == site.id)
        })
        .count()
}

fn has_no_answer(site: &Site) -> bool {
    fields::SITE_FIELDS
        .iter()
        .all(|field| (field.get)(site).trim().is_empty())
        && site.location.iter().all(|level| level.trim().is_empty())
}

/// A problem of an imported site, at its row of the file and its column.
#[derive(Debug, PartialEq)]
pub struct RowProblem {
    pub row: usize,
    pub kind: RecordKind,
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
        let place = match self.kind {
            RecordKind::Row => text("Row {row}, {column}: {problem}"),
            RecordKind::Feature => text("Feature {row}, {column}: {problem}"),
            RecordKind::Placemark => text("Placemark {row}, {column}: {problem}"),
        };
        place
            .with("row", self.row.to_string())
            .with("column", label)
            .with("problem", self.problem.message.clone())
            .render(lang)
    }
}

/// Every problem of the imported sites, by row and column, as the form would show them at their
/// fields (errors and warnings, in the form's order within a row); but for the columns the file
/// does not have, which `Imported::notes` names once rather than at every row.
pub fn problems(imported: &Imported, profile: &CountryProfile, today: Date) -> Vec<RowProblem> {
    problems_of(imported, 0..imported.sites.len(), profile, today)
}

/// The problems of the imported sites `sites` (positions in `imported.sites`), as [`problems`]
/// gives them: a page checks a large file a part at a time, and stays responsive meanwhile.
pub fn problems_of(
    imported: &Imported,
    sites: std::ops::Range<usize>,
    profile: &CountryProfile,
    today: Date,
) -> Vec<RowProblem> {
    let end = sites.end.min(imported.sites.len());
    let start = sites.start.min(end);
    imported.sites[start..end]
        .iter()
        .zip(&imported.rows[start..end])
        .zip(start..)
        .flat_map(|((site, &row), i)| {
            validate::validate_site(site, i, profile, today)
                .into_iter()
                .filter(|problem| !imported.missing_columns.contains(&problem.key))
                .map(move |problem| RowProblem {
                    row,
                    kind: imported.kind,
                    key: problem.key.clone(),
                    problem,
                })
        })
        .collect()
}
