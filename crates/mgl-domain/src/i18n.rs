//! The translation layer. Every user-visible string (labels, help, messages, licence reasons) is an
//! English message id that goes through [`tr`] before it is shown, gettext-style. French and Portuguese
//! live in `i18n/fr.po` and `i18n/pt.po`, compiled into sorted tables by `build.rs`; the regulation's
//! defined terms (Section 1.4) are kept consistent by `i18n/glossary.tsv`, which a test enforces.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

mod catalogues {
    include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
    Pt,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Pt];

    /// The BCP 47 code, as in `<html lang>` and `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Pt => "pt",
        }
    }

    /// `fr`, `fr-SN`, `PT-br`...: the language part decides; anything else is not ours.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language's name in itself, as a language menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Pt => "Português",
        }
    }

    fn catalogue(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => &[],
            Lang::Fr => catalogues::FR,
            Lang::Pt => catalogues::PT,
        }
    }
}

/// Told of every message that has no translation (the app logs it in debug builds; tests collect it).
static MISSING: OnceLock<fn(Lang, &str)> = OnceLock::new();

/// Installs the listener for untranslated messages; the first one installed stays.
pub fn on_missing_translation(listener: fn(Lang, &str)) {
    let _ = MISSING.set(listener);
}

/// The text of `msgid` in `lang`. English is the message id itself; a message not yet translated
/// shows in English rather than not at all.
pub fn tr(lang: Lang, msgid: &'static str) -> &'static str {
    if lang == Lang::En {
        return msgid;
    }
    match translation(lang, msgid) {
        Some(text) => text,
        None => {
            if let Some(listener) = MISSING.get() {
                listener(lang, msgid);
            }
            msgid
        }
    }
}

/// The translation of `msgid` in `lang`, if the catalogue has one.
pub fn translation(lang: Lang, msgid: &str) -> Option<&'static str> {
    let table = lang.catalogue();
    table
        .binary_search_by(|(id, _)| (*id).cmp(msgid))
        .ok()
        .map(|i| table[i].1)
}

/// Every message a catalogue translates, for the consistency tests.
pub fn catalogue(lang: Lang) -> &'static [(&'static str, &'static str)] {
    lang.catalogue()
}
