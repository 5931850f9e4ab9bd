//! The zip container of a bundle, written and read by this crate alone so that the browser can
//! assemble a 200 MB bundle from Blob parts (only headers pass through wasm memory) and read one
//! back slice by slice.
//!
//! Writing is deterministic: entries in the caller's order, the DOS time 1980-01-01 00:00, Unix
//! permissions 0644, no extra fields. Reading trusts nothing: every rule a hostile archive could
//! break (names, duplicates, links, counts, sizes, ratios, overlaps) is checked before a byte of
//! content is read, and again while it is read.

use crate::{reason, Error as E, Reason};

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
/// The DOS date of 1980-01-01 (day 1, month 1, year 0); the time is 00:00:00.
const FIXED_DOS_DATE: u16 = (1 << 5) | 1;
pub const STORED: u16 = 0;
pub const DEFLATED: u16 = 8;
/// 0644 regular file, in the high half of the external attributes (made by Unix).
const REGULAR_FILE_ATTRIBUTES: u32 = 0o100_644 << 16;
const MADE_BY_UNIX: u16 = (3 << 8) | 20;

/// Bounds for reading, documented in docs/bundle-format.md.
pub const MAX_ENTRIES: usize = 10_000;
/// A deflated entry is a text file of ours: it is inflated in memory, so it is bounded.
pub const MAX_DEFLATED_SIZE: u64 = 64 * 1024 * 1024;
/// Reason deflates about 5 to 20 times; a ratio above this is a zip bomb.
pub const MAX_RATIO: u64 = 200;
/// End of central directory record (22 bytes) plus the longest comment.
pub const TAIL_LEN: u64 = 22 + 65_535;

const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
}
static CRC_TABLE: [u32; 256] = crc_table();

/// CRC-32 (IEEE), fed in chunks.
#[derive(Clone, Copy)]
pub struct Crc32(u32);

impl Default for Crc32 {
    fn default() -> Self {
        Crc32(0xFFFF_FFFF)
    }
}

impl Crc32 {
    pub fn update(&mut self, data: &[u8]) {
        let mut c = self.0;
        for &b in data {
            c = CRC_TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
        }
        self.0 = c;
    }
    pub fn finish(self) -> u32 {
        !self.0
    }
}

pub fn crc32(data: &[u8]) -> u32 {
    let mut c = Crc32::default();
    c.update(data);
    c.finish()
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}
fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

struct Written {
    name: String,
    method: u16,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// Writes a zip as a sequence of byte parts: the caller sends each returned part, in order, to the
/// output, and after an `external` header the content itself (a Blob in the browser).
#[derive(Default)]
pub struct ZipWriter {
    written: Vec<Written>,
    offset: u64,
    names: Names,
}

impl ZipWriter {
    /// A writer that goes on after the entries of an existing archive, whose central directory
    /// started at `cd_offset`: what it adds is written there, and its directory lists the old
    /// entries (unchanged, at their offsets) before the new ones. Adding a signature to a bundle
    /// this way keeps every byte of what was signed.
    pub fn resume(entries: &[Entry], cd_offset: u64) -> Result<ZipWriter, E> {
        let too_big = |name: &str| E::TooLarge(name.to_owned());
        let written = entries
            .iter()
            .map(|e| {
                Ok(Written {
                    name: e.name.clone(),
                    method: e.method,
                    crc: e.crc,
                    compressed: u32::try_from(e.compressed).map_err(|_| too_big(&e.name))?,
                    size: u32::try_from(e.size).map_err(|_| too_big(&e.name))?,
                    offset: u32::try_from(e.header_offset).map_err(|_| too_big(&e.name))?,
                })
            })
            .collect::<Result<Vec<_>, E>>()?;
        Ok(ZipWriter {
            written,
            offset: cd_offset,
            names: Names::Bundle,
        })
    }

    /// A writer of another format's zip (a workbook), whose names are its own.
    pub fn with_names(names: Names) -> ZipWriter {
        ZipWriter {
            names,
            ..ZipWriter::default()
        }
    }

    /// An entry whose bytes are in memory; deflated when `compress` and it makes them smaller.
    /// Returns the local header followed by the (compressed) content.
    pub fn add_bytes(&mut self, name: &str, data: &[u8], compress: bool) -> Result<Vec<u8>, E> {
        let crc = crc32(data);
        let deflated = if compress {
            Some(miniz_oxide::deflate::compress_to_vec(data, 6))
        } else {
            None
        };
        let (method, body) = match deflated {
            Some(d) if d.len() < data.len() => (DEFLATED, d),
            _ => (STORED, data.to_vec()),
        };
        let mut out = self.header(name, method, crc, body.len() as u64, data.len() as u64)?;
        out.extend_from_slice(&body);
        self.offset += body.len() as u64;
        Ok(out)
    }

    /// The local header of a stored entry whose `size` bytes the caller appends itself.
    pub fn add_external(&mut self, name: &str, size: u64, crc: u32) -> Result<Vec<u8>, E> {
        let out = self.header(name, STORED, crc, size, size)?;
        self.offset += size;
        Ok(out)
    }

    fn header(
        &mut self,
        name: &str,
        method: u16,
        crc: u32,
        compressed: u64,
        size: u64,
    ) -> Result<Vec<u8>, E> {
        self.names.check(name)?;
        let too_big = || E::TooLarge(name.to_owned());
        let compressed = u32::try_from(compressed).map_err(|_| too_big())?;
        let size = u32::try_from(size).map_err(|_| too_big())?;
        let offset = u32::try_from(self.offset).map_err(|_| too_big())?;
        let mut out = Vec::with_capacity(30 + name.len());
        put32(&mut out, LOCAL_HEADER);
        put16(&mut out, 20); // version needed: 2.0
        put16(&mut out, 0); // flags
        put16(&mut out, method);
        put16(&mut out, 0); // time
        put16(&mut out, FIXED_DOS_DATE);
        put32(&mut out, crc);
        put32(&mut out, compressed);
        put32(&mut out, size);
        put16(&mut out, name.len() as u16);
        put16(&mut out, 0); // extra
        out.extend_from_slice(name.as_bytes());
        self.offset += out.len() as u64;
        self.written.push(Written {
            name: name.to_owned(),
            method,
            crc,
            compressed,
            size,
            offset,
        });
        Ok(out)
    }

    /// The central directory and its end record.
    pub fn finish(self) -> Result<Vec<u8>, E> {
        let mut out = Vec::new();
        for w in &self.written {
            put32(&mut out, CENTRAL_HEADER);
            put16(&mut out, MADE_BY_UNIX);
            put16(&mut out, 20);
            put16(&mut out, 0);
            put16(&mut out, w.method);
            put16(&mut out, 0);
            put16(&mut out, FIXED_DOS_DATE);
            put32(&mut out, w.crc);
            put32(&mut out, w.compressed);
            put32(&mut out, w.size);
            put16(&mut out, w.name.len() as u16);
            put16(&mut out, 0); // extra
            put16(&mut out, 0); // comment
            put16(&mut out, 0); // disk
            put16(&mut out, 0); // internal attributes
            put32(&mut out, REGULAR_FILE_ATTRIBUTES);
            put32(&mut out, w.offset);
            out.extend_from_slice(w.name.as_bytes());
        }
        let count = u16::try_from(self.written.len())
            .map_err(|_| E::TooLarge("the number of files".into()))?;
        let cd_offset = u32::try_from(self.offset).map_err(|_| E::TooLarge("the bundle".into()))?;
        let cd_size = out.len() as u32;
        put32(&mut out, END_OF_CENTRAL_DIRECTORY);
        put16(&mut out, 0);
        put16(&mut out, 0);
        put16(&mut out, count);
        put16(&mut out, count);
        put32(&mut out, cd_size);
        put32(&mut out, cd_offset);
        put16(&mut out, 0);
        Ok(out)
    }
}

/// Which names an archive may hold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Names {
    /// The bundle format's alphabet ([`check_name`]): its files are extracted by other tools.
    #[default]
    Bundle,
    /// Another program's archive read in memory, never extracted (a workbook's
    /// `[Content_Types].xml`, a KMZ's `files/Photo 1.jpg`): any name but an empty one, one with
    /// control characters or one longer than 400 bytes.
    InMemory,
}

impl Names {
    fn check(self, name: &str) -> Result<(), E> {
        match self {
            Names::Bundle => check_name(name),
            Names::InMemory
                if name.is_empty() || name.len() > 400 || name.chars().any(char::is_control) =>
            {
                Err(E::UnsafeName {
                    name: name.escape_default().to_string(),
                    why: reason("it is empty, too long, or holds control characters"),
                })
            }
            Names::InMemory => Ok(()),
        }
    }
}

/// The file-name alphabet of the bundle format: ASCII letters, digits, `.`, `_`, `-`, and `/`
/// between non-empty components that are not `.` or `..`. Names outside it are refused, which also
/// rules out look-alikes that differ only by Unicode normalisation.
pub fn check_name(name: &str) -> Result<(), E> {
    let bad = |why: Reason| E::UnsafeName {
        name: name.escape_default().to_string(),
        why,
    };
    if name.is_empty() {
        return Err(bad(reason("the name is empty")));
    }
    if name.contains('\\') {
        return Err(bad(reason("it contains a backslash")));
    }
    if name.starts_with('/') {
        return Err(bad(reason("it is an absolute path")));
    }
    if name.len() > 400 {
        return Err(bad(reason("it is longer than 400 characters")));
    }
    for part in name.trim_end_matches('/').split('/') {
        match part {
            "" => return Err(bad(reason("it has an empty folder name"))),
            "." | ".." => return Err(bad(reason("it climbs out of its folder with '..' or '.'"))),
            _ => {}
        }
        if part.contains(':') {
            return Err(bad(reason("it names a drive or a stream (':')")));
        }
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/')))
    {
        return Err(bad(reason(
            "it contains {character}, outside the format's letters, digits, '.', '_' and '-'",
        )
        .with("character", format!("{c:?}"))));
    }
    Ok(())
}

/// One file of an archive, as its central directory describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub name: String,
    pub method: u16,
    pub crc: u32,
    pub compressed: u64,
    pub size: u64,
    pub header_offset: u64,
    pub is_dir: bool,
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}
fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Where the central directory is, from the end of the archive.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EndRecord {
    pub entries: usize,
    pub cd_offset: u64,
    pub cd_size: u64,
}

/// Finds the end record in `tail`, the last `min(TAIL_LEN, file_len)` bytes of the archive.
pub fn find_end(tail: &[u8], file_len: u64) -> Result<EndRecord, E> {
    if tail.len() < 22 {
        return Err(E::NotZip(reason("it is too short to be a zip file")));
    }
    let at = (0..=tail.len() - 22)
        .rev()
        .find(|&i| u32_at(tail, i) == END_OF_CENTRAL_DIRECTORY)
        .ok_or_else(|| E::NotZip(reason("no zip directory was found at its end")))?;
    let r = &tail[at..];
    if at >= 20 && u32_at(tail, at - 20) == ZIP64_LOCATOR {
        return Err(E::Unsupported(reason("ZIP64 archives")));
    }
    if u16_at(r, 4) != 0 || u16_at(r, 6) != 0 || u16_at(r, 8) != u16_at(r, 10) {
        return Err(E::Unsupported(reason("archives split over several disks")));
    }
    let end = EndRecord {
        entries: u16_at(r, 10) as usize,
        cd_size: u32_at(r, 12) as u64,
        cd_offset: u32_at(r, 16) as u64,
    };
    let end_offset = file_len - tail.len() as u64 + at as u64;
    if end.cd_offset + end.cd_size > end_offset {
        return Err(E::Corrupt(reason(
            "its directory claims to extend past its end",
        )));
    }
    if end.entries > MAX_ENTRIES {
        return Err(E::TooManyEntries(end.entries));
    }
    Ok(end)
}

/// Parses and checks the central directory (`cd`, exactly `end.cd_size` bytes). Refuses unsafe or
/// duplicate names, links, encryption, unknown methods, sizes beyond the archive or the bounds,
/// and entries whose stored bytes overlap.
pub fn read_directory(cd: &[u8], end: &EndRecord, file_len: u64) -> Result<Vec<Entry>, E> {
    read_directory_with(cd, end, file_len, Names::Bundle)
}

/// [`read_directory`], with the names `names` allows.
pub fn read_directory_with(
    cd: &[u8],
    end: &EndRecord,
    file_len: u64,
    names: Names,
) -> Result<Vec<Entry>, E> {
    let mut entries = Vec::with_capacity(end.entries);
    let mut at = 0usize;
    let truncated = || E::Corrupt(reason("its directory is cut short"));
    for _ in 0..end.entries {
        let h = cd.get(at..at + 46).ok_or_else(truncated)?;
        if u32_at(h, 0) != CENTRAL_HEADER {
            return Err(E::Corrupt(reason("its directory has a damaged record")));
        }
        let made_by_unix = u16_at(h, 4) >> 8 == 3;
        let flags = u16_at(h, 8);
        let method = u16_at(h, 10);
        let name_len = u16_at(h, 28) as usize;
        let extra_len = u16_at(h, 30) as usize;
        let comment_len = u16_at(h, 32) as usize;
        let external = u32_at(h, 38);
        let name_bytes = cd.get(at + 46..at + 46 + name_len).ok_or_else(truncated)?;
        let name = String::from_utf8_lossy(name_bytes).into_owned();
        names.check(&name)?;
        if flags & 1 != 0 {
            return Err(E::Unsupported(
                reason("encrypted entries ({name})").with("name", name),
            ));
        }
        if made_by_unix && (external >> 16) & 0o170_000 == 0o120_000 {
            return Err(E::Link(name));
        }
        let entry = Entry {
            is_dir: name.ends_with('/'),
            name,
            method,
            crc: u32_at(h, 16),
            compressed: u32_at(h, 20) as u64,
            size: u32_at(h, 24) as u64,
            header_offset: u32_at(h, 42) as u64,
        };
        if entry.compressed == u32::MAX as u64 || entry.size == u32::MAX as u64 {
            return Err(E::Unsupported(reason("ZIP64 archives")));
        }
        match method {
            STORED if entry.compressed != entry.size => {
                return Err(E::SizeLies(entry.name));
            }
            STORED => {}
            DEFLATED => {
                if entry.size > MAX_DEFLATED_SIZE {
                    return Err(E::TooLarge(entry.name));
                }
                if entry.size > entry.compressed.max(1) * MAX_RATIO {
                    return Err(E::Bomb(entry.name));
                }
            }
            other => {
                return Err(E::Unsupported(
                    reason("compression method {method} ({name})")
                        .with("method", other.to_string())
                        .with("name", entry.name),
                ))
            }
        }
        if entry.header_offset + 30 + entry.compressed > end.cd_offset {
            return Err(E::SizeLies(entry.name));
        }
        entries.push(entry);
        at += 46 + name_len + extra_len + comment_len;
    }
    check_duplicates(&entries)?;
    // Stored bytes must not overlap: overlapping entries are how small archives expand hugely.
    let mut by_offset: Vec<&Entry> = entries.iter().collect();
    by_offset.sort_by_key(|e| e.header_offset);
    for pair in by_offset.windows(2) {
        let first_end = pair[0].header_offset + 30 + pair[0].name.len() as u64 + pair[0].compressed;
        if first_end > pair[1].header_offset {
            return Err(E::Overlap(pair[1].name.clone()));
        }
    }
    let _ = file_len;
    Ok(entries)
}

/// Two names that the same file system would take for one file (differing only by case, or the
/// same name twice) are refused.
fn check_duplicates(entries: &[Entry]) -> Result<(), E> {
    let mut folded: Vec<(String, &str)> = entries
        .iter()
        .map(|e| (e.name.to_ascii_lowercase(), e.name.as_str()))
        .collect();
    folded.sort();
    for pair in folded.windows(2) {
        if pair[0].0 == pair[1].0 {
            return Err(E::Duplicate(pair[0].1.to_owned(), pair[1].1.to_owned()));
        }
    }
    Ok(())
}

/// How many bytes of the local header to read to find where an entry's data starts.
pub fn local_header_len(entry: &Entry) -> usize {
    30 + entry.name.len()
}

/// Checks an entry's local header (`local_header_len` bytes at `header_offset`) against its
/// directory record and returns the offset of its data.
pub fn data_offset(entry: &Entry, header: &[u8]) -> Result<u64, E> {
    let lies = || E::SizeLies(entry.name.clone());
    if header.len() < local_header_len(entry) || u32_at(header, 0) != LOCAL_HEADER {
        return Err(E::Corrupt(
            reason("the header of {name} is damaged").with("name", entry.name.clone()),
        ));
    }
    let flags = u16_at(header, 6);
    let name_len = u16_at(header, 26) as usize;
    if &header[30..30 + entry.name.len().min(name_len)] != entry.name.as_bytes()
        || name_len != entry.name.len()
    {
        return Err(E::Corrupt(
            reason("the header of {name} names another file").with("name", entry.name.clone()),
        ));
    }
    if u16_at(header, 8) != entry.method {
        return Err(lies());
    }
    // Without a data descriptor (flag 3), the local sizes must repeat the directory's.
    if flags & 8 == 0
        && (u32_at(header, 14) != entry.crc
            || u32_at(header, 18) as u64 != entry.compressed
            || u32_at(header, 22) as u64 != entry.size)
    {
        return Err(lies());
    }
    let extra_len = u16_at(header, 28) as u64;
    Ok(entry.header_offset + 30 + name_len as u64 + extra_len)
}

/// Decodes one entry's data fed in chunks, checking its CRC and its size, and handing the
/// uncompressed bytes to `sink` (stored data streams through; deflated data, bounded by
/// `MAX_DEFLATED_SIZE`, is inflated at the end).
pub struct EntryReader {
    entry: Entry,
    crc: Crc32,
    seen: u64,
    deflated: Vec<u8>,
}

impl EntryReader {
    pub fn new(entry: &Entry) -> EntryReader {
        EntryReader {
            entry: entry.clone(),
            crc: Crc32::default(),
            seen: 0,
            deflated: Vec::new(),
        }
    }

    pub fn feed(&mut self, chunk: &[u8], sink: &mut dyn FnMut(&[u8])) -> Result<(), E> {
        self.seen += chunk.len() as u64;
        if self.seen > self.entry.compressed {
            return Err(E::SizeLies(self.entry.name.clone()));
        }
        if self.entry.method == STORED {
            self.crc.update(chunk);
            sink(chunk);
        } else {
            self.deflated.extend_from_slice(chunk);
        }
        Ok(())
    }

    pub fn finish(mut self, sink: &mut dyn FnMut(&[u8])) -> Result<(), E> {
        let name = self.entry.name.clone();
        if self.seen != self.entry.compressed {
            return Err(E::SizeLies(name));
        }
        let size = if self.entry.method == DEFLATED {
            let limit = self.entry.size as usize;
            let data = miniz_oxide::inflate::decompress_to_vec_with_limit(&self.deflated, limit)
                .map_err(|e| match e.status {
                    miniz_oxide::inflate::TINFLStatus::HasMoreOutput => E::SizeLies(name.clone()),
                    _ => E::Corrupt(
                        reason("{name} cannot be decompressed").with("name", name.clone()),
                    ),
                })?;
            self.crc.update(&data);
            sink(&data);
            data.len() as u64
        } else {
            self.seen
        };
        if size != self.entry.size {
            return Err(E::SizeLies(name));
        }
        if self.crc.finish() != self.entry.crc {
            return Err(E::Crc(name));
        }
        Ok(())
    }
}

/// Reads every entry of an archive held in memory (tests, and the `mgl` tool for small bundles):
/// the checked directory, then each file's bytes.
pub fn read_all(archive: &[u8]) -> Result<Vec<(Entry, Vec<u8>)>, E> {
    read_all_with(archive, Names::Bundle)
}

/// [`read_all`], with the names `names` allows.
pub fn read_all_with(archive: &[u8], names: Names) -> Result<Vec<(Entry, Vec<u8>)>, E> {
    let len = archive.len() as u64;
    let tail_start = archive.len().saturating_sub(TAIL_LEN as usize);
    let end = find_end(&archive[tail_start..], len)?;
    let cd = &archive[end.cd_offset as usize..(end.cd_offset + end.cd_size) as usize];
    let entries = read_directory_with(cd, &end, len, names)?;
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let start = entry.header_offset as usize;
        let header = archive
            .get(start..start + local_header_len(&entry))
            .ok_or_else(|| E::SizeLies(entry.name.clone()))?;
        let data_start = data_offset(&entry, header)? as usize;
        let data = archive
            .get(data_start..data_start + entry.compressed as usize)
            .ok_or_else(|| E::SizeLies(entry.name.clone()))?;
        let mut reader = EntryReader::new(&entry);
        let mut content = Vec::with_capacity(entry.size as usize);
        reader.feed(data, &mut |b| content.extend_from_slice(b))?;
        reader.finish(&mut |b| content.extend_from_slice(b))?;
        out.push((entry, content));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn names_outside_the_alphabet_are_refused() {
        for bad in [
            "../x",
            "a/../b",
            "/etc/passwd",
            "a\\b",
            "C:/x",
            "a//b",
            "caf\u{e9}.txt",
            "",
        ] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
        check_name("NG-MG-ABCD/data/attachments/company/4-1-2-a/plan_v2.pdf").unwrap();
    }
}
