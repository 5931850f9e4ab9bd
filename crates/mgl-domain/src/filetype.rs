//! What a file is, from its first bytes (its "magic"), not from its name: a scanned PDF renamed, an
//! executable called `permit.pdf` or an empty file are told apart before they are attached.

use serde::{Deserialize, Serialize};

/// How many bytes from the start of a file `sniff` wants to see.
pub const SNIFF_BYTES: usize = 64 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileType {
    Pdf,
    Jpeg,
    Png,
    GeoJson,
    Kml,
    Kmz,
    Docx,
    Xlsx,
    Odt,
    Ods,
}

/// What an unacceptable file looks like, to say so in the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unrecognised {
    Empty,
    Program,
    OtherZip,
    Unknown,
}

impl FileType {
    pub const ALL: [FileType; 10] = [
        FileType::Pdf,
        FileType::Jpeg,
        FileType::Png,
        FileType::GeoJson,
        FileType::Kml,
        FileType::Kmz,
        FileType::Docx,
        FileType::Xlsx,
        FileType::Odt,
        FileType::Ods,
    ];

    pub fn media_type(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::GeoJson => "application/geo+json",
            FileType::Kml => "application/vnd.google-earth.kml+xml",
            FileType::Kmz => "application/vnd.google-earth.kmz",
            FileType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileType::Odt => "application/vnd.oasis.opendocument.text",
            FileType::Ods => "application/vnd.oasis.opendocument.spreadsheet",
        }
    }

    pub fn from_media_type(media_type: &str) -> Option<FileType> {
        FileType::ALL
            .into_iter()
            .find(|t| t.media_type() == media_type)
    }

    /// The short name people know: "PDF", "KMZ".
    pub fn label(self) -> &'static str {
        match self {
            FileType::Pdf => "PDF",
            FileType::Jpeg => "JPEG",
            FileType::Png => "PNG",
            FileType::GeoJson => "GeoJSON",
            FileType::Kml => "KML",
            FileType::Kmz => "KMZ",
            FileType::Docx => "DOCX",
            FileType::Xlsx => "XLSX",
            FileType::Odt => "ODT",
            FileType::Ods => "ODS",
        }
    }

    /// File name extensions, for the file picker's filter.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileType::Pdf => &[".pdf"],
            FileType::Jpeg => &[".jpg", ".jpeg"],
            FileType::Png => &[".png"],
            FileType::GeoJson => &[".geojson", ".json"],
            FileType::Kml => &[".kml"],
            FileType::Kmz => &[".kmz"],
            FileType::Docx => &[".docx"],
            FileType::Xlsx => &[".xlsx"],
            FileType::Odt => &[".odt"],
            FileType::Ods => &[".ods"],
        }
    }

    /// Already compressed: stored as is in a zip, since deflating it again gains nothing.
    pub fn is_compressed(self) -> bool {
        !matches!(self, FileType::GeoJson | FileType::Kml)
    }
}

/// What the first bytes of a file say it is.
pub fn sniff(head: &[u8]) -> Result<FileType, Unrecognised> {
    if head.is_empty() {
        return Err(Unrecognised::Empty);
    }
    if head.starts_with(b"\xFF\xD8\xFF") {
        return Ok(FileType::Jpeg);
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(FileType::Png);
    }
    // PDF readers accept the header anywhere in the first 1024 bytes.
    if find(&head[..head.len().min(1024)], b"%PDF-").is_some() {
        return Ok(FileType::Pdf);
    }
    if head.starts_with(b"PK\x03\x04") {
        return sniff_zip(head);
    }
    if head.starts_with(b"MZ") || head.starts_with(b"\x7fELF") || head.starts_with(b"#!") {
        return Err(Unrecognised::Program);
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let text = &text[start..];
    if text.starts_with(b"<") && find(text, b"<kml").is_some() {
        return Ok(FileType::Kml);
    }
    if text.starts_with(b"{") && find(text, b"\"type\"").is_some() {
        return Ok(FileType::GeoJson);
    }
    Err(Unrecognised::Unknown)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Office documents and KMZ are zips: the names of their first entries tell which.
fn sniff_zip(head: &[u8]) -> Result<FileType, Unrecognised> {
    let mut offset = 0usize;
    let mut names: Vec<&[u8]> = Vec::new();
    while offset + 30 <= head.len() && head[offset..].starts_with(b"PK\x03\x04") {
        let u16_at = |at: usize| {
            usize::from(u16::from_le_bytes([
                head[offset + at],
                head[offset + at + 1],
            ]))
        };
        let u32_at = |at: usize| {
            u32::from_le_bytes([
                head[offset + at],
                head[offset + at + 1],
                head[offset + at + 2],
                head[offset + at + 3],
            ]) as usize
        };
        let (flags, compressed, name_len, extra_len) =
            (u16_at(6), u32_at(18), u16_at(26), u16_at(28));
        let name_start = offset + 30;
        let Some(name) = head.get(name_start..name_start + name_len) else {
            break;
        };
        let data_start = name_start + name_len + extra_len;
        if names.is_empty() && name == b"mimetype" {
            let content = head.get(data_start..data_start + compressed).unwrap_or(b"");
            match content {
                b"application/vnd.oasis.opendocument.text" => return Ok(FileType::Odt),
                b"application/vnd.oasis.opendocument.spreadsheet" => return Ok(FileType::Ods),
                _ => {}
            }
        }
        names.push(name);
        // With a data descriptor (flag bit 3) the size is not in the header: stop walking.
        if flags & 0x08 != 0 {
            break;
        }
        offset = data_start.saturating_add(compressed);
    }
    let any = |pred: &dyn Fn(&[u8]) -> bool| names.iter().any(|n| pred(n));
    if any(&|n| n.starts_with(b"word/")) {
        Ok(FileType::Docx)
    } else if any(&|n| n.starts_with(b"xl/")) {
        Ok(FileType::Xlsx)
    } else if any(&|n| n.len() > 4 && n[n.len() - 4..].eq_ignore_ascii_case(b".kml")) {
        Ok(FileType::Kmz)
    } else {
        Err(Unrecognised::OtherZip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip's local file header for a stored entry.
    pub(crate) fn zip_entry(name: &str, content: &[u8]) -> Vec<u8> {
        let mut e = b"PK\x03\x04".to_vec();
        e.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // version, flags, method, time, date, crc
        e.extend_from_slice(&(content.len() as u32).to_le_bytes());
        e.extend_from_slice(&(content.len() as u32).to_le_bytes());
        e.extend_from_slice(&(name.len() as u16).to_le_bytes());
        e.extend_from_slice(&0u16.to_le_bytes());
        e.extend_from_slice(name.as_bytes());
        e.extend_from_slice(content);
        e
    }

    #[test]
    fn documents_and_images_by_their_magic() {
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3"), Ok(FileType::Pdf));
        assert_eq!(
            sniff(b"\r\n%PDF-1.4"),
            Ok(FileType::Pdf),
            "junk before the header is allowed"
        );
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0\x00\x10JFIF"), Ok(FileType::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Ok(FileType::Png));
    }

    #[test]
    fn maps_in_text_form() {
        assert_eq!(
            sniff(b"\xEF\xBB\xBF  {\"type\": \"FeatureCollection\", \"features\": []}"),
            Ok(FileType::GeoJson)
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">"),
            Ok(FileType::Kml)
        );
        assert_eq!(
            sniff(b"{\"name\": \"not geojson\"}"),
            Err(Unrecognised::Unknown)
        );
    }

    #[test]
    fn zips_by_their_entries() {
        let docx = [
            zip_entry("[Content_Types].xml", b"<Types/>"),
            zip_entry("word/document.xml", b"<w/>"),
        ]
        .concat();
        assert_eq!(sniff(&docx), Ok(FileType::Docx));
        let xlsx = [
            zip_entry("[Content_Types].xml", b"<Types/>"),
            zip_entry("xl/workbook.xml", b"<w/>"),
        ]
        .concat();
        assert_eq!(sniff(&xlsx), Ok(FileType::Xlsx));
        let odt = zip_entry("mimetype", b"application/vnd.oasis.opendocument.text");
        assert_eq!(sniff(&odt), Ok(FileType::Odt));
        let ods = zip_entry(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        );
        assert_eq!(sniff(&ods), Ok(FileType::Ods));
        assert_eq!(sniff(&zip_entry("doc.kml", b"<kml/>")), Ok(FileType::Kmz));
        assert_eq!(
            sniff(&zip_entry("setup.exe", b"MZ")),
            Err(Unrecognised::OtherZip)
        );
    }

    #[test]
    fn empty_files_programs_and_garbage_are_refused() {
        assert_eq!(sniff(b""), Err(Unrecognised::Empty));
        assert_eq!(sniff(b"MZ\x90\x00\x03"), Err(Unrecognised::Program));
        assert_eq!(sniff(b"\x7fELF\x02\x01"), Err(Unrecognised::Program));
        assert_eq!(sniff(b"hello"), Err(Unrecognised::Unknown));
        // A truncated or lying zip header never panics.
        assert_eq!(sniff(b"PK\x03\x04\xff\xff"), Err(Unrecognised::OtherZip));
        let mut lying = zip_entry("word/document.xml", b"x");
        lying[18..22].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(sniff(&lying), Ok(FileType::Docx));
    }

    #[test]
    fn no_prefix_of_any_input_panics() {
        let docx = [
            zip_entry("[Content_Types].xml", b"<Types/>"),
            zip_entry("word/document.xml", b"<w/>"),
        ]
        .concat();
        for cut in 0..docx.len() {
            let _ = sniff(&docx[..cut]);
        }
        let mut state = 0x2545F491u32;
        for len in 0..400 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    (state >> 24) as u8
                })
                .collect();
            let _ = sniff(&bytes);
            let mut zipish = b"PK\x03\x04".to_vec();
            zipish.extend_from_slice(&bytes);
            let _ = sniff(&zipish);
        }
    }
}
