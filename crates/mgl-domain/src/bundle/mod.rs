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
pub mod payload;
pub mod verify;

/// The container's code (zip, keys and signatures) is `mgl-bag`'s, under its old paths here.
pub use mgl_bag::{keys, zip};

/// The version of docs/bundle-format.md that this code writes; it reads every earlier one too.
/// 1.1 added `data/tariff/tariff.xlsx`.
pub const FORMAT_VERSION: &str = "1.1";

use crate::i18n::Lang;
use crate::message::{text, Arg, Text};
pub use mgl_bag::{reason, Error as ContainerError, Reason};

/// Everything that can be wrong with a bundle or a key, in words an officer can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum BundleError {
    /// The zip, its BagIt files or a key (`mgl-bag`'s errors).
    Container(ContainerError),
    /// An attachment of the draft whose bytes this device does not hold (a draft from elsewhere).
    NotOnDevice(String),
    /// An attachment whose bytes no longer hash to what was attached.
    FileChanged(String),
    /// Adding a signature by a key that has already signed the bundle.
    AlreadySigned(String),
}

impl BundleError {
    /// The message in `lang`, the reason inside (`it is empty`, a key's error) in `lang` too.
    pub fn render(&self, lang: Lang) -> String {
        self.text().render(lang)
    }

    /// The message, to be said in the reader's language where it is shown.
    pub fn text(&self) -> Text {
        use BundleError::*;
        use ContainerError::*;
        let reason = |why: &Reason| Arg::Text(said(why));
        match self {
            Container(error) => match error {
                NotZip(why) => text("This is not a bundle: {why}.").with("why", reason(why)),
                Unsupported(what) => text("This bundle uses {what}, which the format does not allow.")
                    .with("what", reason(what)),
                Corrupt(why) => text("The bundle is damaged: {why}.").with("why", reason(why)),
                UnsafeName { name, why } => {
                    text("The bundle holds a file named \"{name}\", refused because {why}.")
                        .with("name", name.as_str())
                        .with("why", reason(why))
                }
                Duplicate(a, b) => {
                    text("The bundle holds two files with the same name: \"{a}\" and \"{b}\".")
                        .with("a", a.as_str())
                        .with("b", b.as_str())
                }
                Link(name) => {
                    text("The bundle holds a link (\"{name}\"), which the format does not allow.")
                        .with("name", name.as_str())
                }
                TooManyEntries(n) => {
                    text("The bundle holds {n} files, more than the {max} the format allows.")
                        .with("n", n.to_string())
                        .with("max", zip::MAX_ENTRIES.to_string())
                }
                TooLarge(name) => {
                    text("\"{name}\" is larger than the format allows.").with("name", name.as_str())
                }
                SizeLies(name) => text("The size recorded for \"{name}\" is not its real size.")
                    .with("name", name.as_str()),
                Bomb(name) => {
                    text("\"{name}\" would expand more than {ratio} times: refused as a zip bomb.")
                        .with("name", name.as_str())
                        .with("ratio", zip::MAX_RATIO.to_string())
                }
                Overlap(name) => text("\"{name}\" overlaps another file of the bundle.")
                    .with("name", name.as_str()),
                Crc(name) => text("\"{name}\" is damaged (its checksum does not match).")
                    .with("name", name.as_str()),
                KeyNeedsMemory { mib } => text("This key's protection needs {mib} MB of memory to unlock, more than this browser can spare. Re-protect it on a computer with `mgl reprotect`, then import it again.")
                    .with("mib", mib.to_string()),
                Key(why) | Bag(why) => said(why),
            },
            NotOnDevice(name) => text("The file \"{name}\" is not on this device (the draft came from another device). Attach it again on the Documents step.")
                .with("name", name.as_str()),
            FileChanged(name) => text("The file \"{name}\" on this device no longer matches the one attached (its SHA-256 changed). Attach it again.")
                .with("name", name.as_str()),
            AlreadySigned(key) => {
                text("The bundle is already signed by key {key}.").with("key", key.as_str())
            }
        }
    }
}

/// A container's reason as a message of ours: its id, its values shown as they are.
fn said(why: &Reason) -> Text {
    why.args
        .iter()
        .fold(text(why.id), |message, (name, value)| {
            message.with(name, value.as_str())
        })
}

impl From<ContainerError> for BundleError {
    fn from(error: ContainerError) -> BundleError {
        BundleError::Container(error)
    }
}

impl std::fmt::Display for BundleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for BundleError {}
