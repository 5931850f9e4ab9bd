//! The signed submission bundle (docs/bundle-format.md): a zip holding one BagIt bag whose payload
//! is the application, its checklist, its tariff and its attachments, and whose tag manifest is
//! signed with minisign keys.
//!
//! Everything here is pure and shared by the web app and the `mgl` tool: the plan of the bag's
//! files (`payload`), the zip container (`zip`), the BagIt tag files (`bag`), the keys and
//! signatures (`keys`), and the verifier (`verify`). Reading bytes is left to the caller (Blob
//! slices in the browser, a file natively), so memory never has to hold the attachments.

pub mod bag;
pub mod export;
pub mod keys;
pub mod payload;
pub mod verify;
pub mod zip;

/// The version of docs/bundle-format.md that this code writes and reads.
pub const FORMAT_VERSION: &str = "1.0";

/// Everything that can be wrong with a bundle or a key, in words an officer can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum BundleError {
    NotZip(String),
    Unsupported(String),
    Corrupt(String),
    UnsafeName { name: String, why: String },
    Duplicate(String, String),
    Link(String),
    TooManyEntries(usize),
    TooLarge(String),
    SizeLies(String),
    Bomb(String),
    Overlap(String),
    Crc(String),
    Key(String),
    Bag(String),
}

impl std::fmt::Display for BundleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use BundleError::*;
        match self {
            NotZip(why) => write!(f, "This is not a bundle: {why}."),
            Unsupported(what) => write!(
                f,
                "This bundle uses {what}, which the format does not allow."
            ),
            Corrupt(why) => write!(f, "The bundle is damaged: {why}."),
            UnsafeName { name, why } => write!(
                f,
                "The bundle holds a file named \"{name}\", refused because {why}."
            ),
            Duplicate(a, b) => write!(
                f,
                "The bundle holds two files with the same name: \"{a}\" and \"{b}\"."
            ),
            Link(name) => write!(
                f,
                "The bundle holds a link (\"{name}\"), which the format does not allow."
            ),
            TooManyEntries(n) => write!(
                f,
                "The bundle holds {n} files, more than the {} the format allows.",
                zip::MAX_ENTRIES
            ),
            TooLarge(name) => write!(f, "\"{name}\" is larger than the format allows."),
            SizeLies(name) => write!(f, "The size recorded for \"{name}\" is not its real size."),
            Bomb(name) => write!(
                f,
                "\"{name}\" would expand more than {} times: refused as a zip bomb.",
                zip::MAX_RATIO
            ),
            Overlap(name) => write!(f, "\"{name}\" overlaps another file of the bundle."),
            Crc(name) => write!(f, "\"{name}\" is damaged (its checksum does not match)."),
            Key(why) => write!(f, "{why}"),
            Bag(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for BundleError {}
