//! Checking a bundle as the Authority's officer would: each check passes or fails with its
//! reasons, and says whether it is about the bundle's integrity or its content. The caller reads
//! the zip (`read`: natively `read_bag`; the browser the same way over Blob slices), hashing every
//! file and keeping the bytes of those `keeps_content` names; `checks` decides.

mod checks;
mod read;

pub use read::{
    bag_paths, io_error, keeps_content, read_bag, read_layout, Layout, RandomAccess, ReadFile,
    CHUNK,
};

use super::keys::PublicKeyInfo;
use super::BundleError;
use crate::draft::Draft;
use crate::i18n::Lang;
use crate::message::{text, Text};
use checks::Bag;

/// What a check is about. An intact bundle (every integrity check passed) can be imported even
/// when its content fails (an application exported as incomplete, to be finished).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckKind {
    /// The zip is safe, it is a bag, it is signed, nothing in it changed.
    Integrity,
    /// The application is complete, and the documents the app made from it recompute.
    Content,
}

/// One check: what it is about, whether it passed, and why (its problems, or what it found
/// fine), to be said in the reader's language where shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub kind: CheckKind,
    pub title: Text,
    pub passed: bool,
    pub details: Vec<Text>,
}

impl Check {
    /// The title in `lang`.
    pub fn title_in(&self, lang: Lang) -> String {
        self.title.render(lang)
    }

    /// The details in `lang`.
    pub fn details_in(&self, lang: Lang) -> Vec<String> {
        self.details.iter().map(|d| d.render(lang)).collect()
    }

    fn new(kind: CheckKind, title: Text, problems: Vec<Text>, fine: Vec<Text>) -> Check {
        Check {
            kind,
            title,
            passed: problems.is_empty(),
            details: if problems.is_empty() { fine } else { problems },
        }
    }
}

/// The outcome: every check, and what the bundle holds when it could be read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Verdict {
    pub folder: String,
    pub application_id: Option<String>,
    pub checks: Vec<Check>,
    /// The application, when `application.json` could be read.
    pub draft: Option<Draft>,
    /// Which bag path holds each attachment (by SHA-256), for importing.
    pub attachments: Vec<(String, String)>,
    pub signers: Vec<(PublicKeyInfo, String)>,
}

impl Verdict {
    pub fn passed(&self) -> bool {
        !self.checks.is_empty() && self.checks.iter().all(|c| c.passed)
    }

    /// Whether the bundle is safe, signed and unchanged, and holds an application: every
    /// integrity check passed, whatever the content checks say.
    pub fn intact(&self) -> bool {
        let mut integrity = self
            .checks
            .iter()
            .filter(|c| c.kind == CheckKind::Integrity);
        integrity.clone().next().is_some() && integrity.all(|c| c.passed) && self.draft.is_some()
    }

    /// The verdict on an archive that could not even be opened safely.
    pub fn unreadable(error: &BundleError) -> Verdict {
        Verdict {
            checks: vec![Check::new(
                CheckKind::Integrity,
                text(ZIP_SAFE),
                vec![error.text()],
                vec![],
            )],
            ..Verdict::default()
        }
    }
}

pub const ZIP_SAFE: &str = "The zip file is safe to open";

/// All checks on a bag read safely from its zip. `trusted` is the key the officer expects (its
/// `.pub` file); without it, signatures are checked with the keys in the bundle and said so.
pub fn verify_bag(folder: &str, files: &[ReadFile], trusted: Option<&str>) -> Verdict {
    let bag = Bag::new(files);
    let application_id = bag.label("External-Identifier").map(str::to_owned);
    let mut verdict = Verdict {
        folder: folder.to_owned(),
        application_id: application_id.clone(),
        ..Verdict::default()
    };
    verdict.checks = vec![
        checks::zip_is_safe(&bag),
        checks::is_a_bag(&bag),
        checks::check_signatures(
            &bag.by_path,
            bag.tag_manifest(),
            trusted,
            application_id.as_deref(),
            &mut verdict.signers,
        ),
        checks::tag_manifest_matches(&bag),
        checks::payload_matches(&bag),
    ];
    checks::application_checks(&bag, &mut verdict);
    verdict
}

/// Every check on an archive: its safety first, then the bag.
pub fn verify_archive(src: &mut dyn RandomAccess, trusted: Option<&str>) -> Verdict {
    match read_bag(src) {
        Ok((folder, files)) => verify_bag(&folder, &files, trusted),
        Err(e) => Verdict::unreadable(&e),
    }
}
