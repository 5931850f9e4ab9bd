//! The register as CSV, as spreadsheets save it.

use super::{columns, Imported, RecordKind, RegisterError, Table};
use crate::draft::Site;
use crate::i18n::Lang;
use crate::profile::CountryProfile;

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

/// Reads a register saved as CSV: comma, semicolon or tab separated (found from the header row),
/// UTF-8 with or without a byte-order mark, or Windows-1252 as older Excel saves it.
pub fn from_csv(bytes: &[u8], profile: &CountryProfile) -> Result<Imported, RegisterError> {
    let text = decode(bytes);
    let separator = separator_of(text.lines().next().unwrap_or(""));
    let mut records = records(&text, separator)?.into_iter();
    let header = records.next().ok_or(RegisterError::Empty)?;
    let table = Table {
        header,
        // The header is row 1.
        records: records.enumerate().map(|(i, r)| (i + 2, r)).collect(),
        kind: RecordKind::Row,
        skipped: 0,
    };
    table.read(profile)
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
