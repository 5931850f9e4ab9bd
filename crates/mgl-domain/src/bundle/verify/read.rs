//! Reading a bundle's zip safely into the files of its bag: the directory checked whole before any
//! entry is read, each entry hashed as it is inflated, the bytes kept only of the files the checks
//! read. The browser does the same over Blob slices (`src/browser/bundle_io.rs`).

use super::super::zip::{Entry, MAX_DEFLATED_SIZE};
use super::super::{reason, BundleError, ContainerError};

/// One file of the bag as the caller read it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadFile {
    /// Path inside the bag folder: `data/application.json`.
    pub path: String,
    pub sha256: String,
    pub size: u64,
    /// The bytes, for the files `keeps_content` names.
    pub content: Option<Vec<u8>>,
}

/// Whether the caller should keep a file's bytes for the checks: everything but attachments.
pub fn keeps_content(path: &str, size: u64) -> bool {
    !path.starts_with("data/attachments/") && size <= MAX_DEFLATED_SIZE
}

/// The bag folder of an archive and each file's path inside it. Every entry must sit in one
/// folder at the top of the zip.
pub fn bag_paths(entries: &[Entry]) -> Result<(String, Vec<Option<String>>), ContainerError> {
    let first = entries
        .iter()
        .find(|e| !e.is_dir)
        .ok_or_else(|| ContainerError::NotZip(reason("it is empty")))?;
    let folder = first
        .name
        .split_once('/')
        .map(|(f, _)| f.to_owned())
        .ok_or_else(|| {
            ContainerError::Bag(
                reason("\"{name}\" is not inside the bundle\'s folder.")
                    .with("name", first.name.clone()),
            )
        })?;
    let prefix = format!("{folder}/");
    let mut paths = Vec::with_capacity(entries.len());
    for entry in entries {
        match entry.name.strip_prefix(&prefix) {
            Some(rest) if entry.is_dir || rest.is_empty() => paths.push(None),
            Some(rest) => paths.push(Some(rest.to_owned())),
            None if entry.is_dir && prefix.starts_with(&entry.name) => paths.push(None),
            None => {
                return Err(ContainerError::Bag(
                    reason("\"{name}\" is outside the bundle\'s folder \"{folder}\".")
                        .with("name", entry.name.clone())
                        .with("folder", folder.clone()),
                ))
            }
        }
    }
    Ok((folder, paths))
}

/// Random access to an archive's bytes: a slice, a file (`mgl`), or (async, in the app) a Blob.
pub trait RandomAccess {
    fn len(&self) -> u64;
    fn read_at(&mut self, offset: u64, len: usize) -> Result<Vec<u8>, String>;
}

impl RandomAccess for &[u8] {
    fn len(&self) -> u64 {
        <[u8]>::len(self) as u64
    }
    fn read_at(&mut self, offset: u64, len: usize) -> Result<Vec<u8>, String> {
        let start = usize::try_from(offset).map_err(|e| e.to_string())?;
        self.get(start..start.saturating_add(len))
            .map(<[u8]>::to_vec)
            .ok_or_else(|| "read past the end".to_owned())
    }
}

/// How much of a stored entry is read at a time.
pub const CHUNK: usize = 1 << 20;

/// Where everything is in an archive: its end record, every entry of its directory (checked), and
/// the bag's folder with each entry's path inside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub end: super::super::zip::EndRecord,
    pub entries: Vec<Entry>,
    pub folder: String,
    pub paths: Vec<Option<String>>,
}

/// A bundle whose bytes could not be read (a file or a browser Blob): the reader's own words.
pub fn io_error(e: String) -> BundleError {
    ContainerError::Corrupt(reason("it cannot be read ({error})").with("error", e)).into()
}

/// Reads and checks an archive's directory (names, links, counts, sizes, ratios, overlaps),
/// without reading any entry.
pub fn read_layout(src: &mut dyn RandomAccess) -> Result<Layout, BundleError> {
    use super::super::zip::{find_end, read_directory, TAIL_LEN};
    let len = src.len();
    let tail_len = TAIL_LEN.min(len);
    let tail = src
        .read_at(len - tail_len, tail_len as usize)
        .map_err(io_error)?;
    let end = find_end(&tail, len)?;
    let cd = src
        .read_at(end.cd_offset, end.cd_size as usize)
        .map_err(io_error)?;
    let entries = read_directory(&cd, &end, len)?;
    let (folder, paths) = bag_paths(&entries)?;
    Ok(Layout {
        end,
        entries,
        folder,
        paths,
    })
}

/// Opens an archive safely and reads every file of its bag (hash, size, and the bytes of the
/// files `keeps_content` names). Fails on the first unsafe thing.
pub fn read_bag(src: &mut dyn RandomAccess) -> Result<(String, Vec<ReadFile>), BundleError> {
    use super::super::zip::{data_offset, local_header_len, EntryReader};
    let io = io_error;
    let Layout {
        entries,
        folder,
        paths,
        ..
    } = read_layout(src)?;
    let mut files = Vec::with_capacity(entries.len());
    for (entry, path) in entries.iter().zip(paths) {
        let Some(path) = path else { continue };
        let header = src
            .read_at(entry.header_offset, local_header_len(entry))
            .map_err(io)?;
        let start = data_offset(entry, &header)?;
        let keep = keeps_content(&path, entry.size);
        let mut hasher = crate::hash::ContentHasher::new();
        let mut content = Vec::new();
        let mut sink = |bytes: &[u8]| {
            hasher.update(bytes);
            if keep {
                content.extend_from_slice(bytes);
            }
        };
        let mut reader = EntryReader::new(entry);
        let mut done = 0u64;
        while done < entry.compressed {
            let n = CHUNK.min((entry.compressed - done) as usize);
            let chunk = src.read_at(start + done, n).map_err(io)?;
            reader.feed(&chunk, &mut sink)?;
            done += n as u64;
        }
        reader.finish(&mut sink)?;
        files.push(ReadFile {
            path,
            sha256: hasher.finish_hex(),
            size: entry.size,
            content: keep.then_some(content),
        });
    }
    Ok((folder, files))
}
