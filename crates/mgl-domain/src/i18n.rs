//! The translation layer. Every user-visible string (labels, help, messages, licence reasons) is an
//! English message id that goes through [`tr`] before it is shown, gettext-style. French and Portuguese
//! live in `i18n/fr.po` and `i18n/pt.po`: compiled into sorted tables by `build.rs` with the feature
//! `embedded-catalogues` (the CLI, the tests), or installed at run time from the PO text with
//! [`install_catalogue`] (the web app, which fetches only the language in use). The regulation's
//! defined terms (Section 1.4) are kept consistent by `i18n/glossary.tsv`, which a test enforces.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

#[cfg(feature = "embedded-catalogues")]
mod catalogues {
    include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));
}

/// A catalogue: (English, translation) pairs sorted by the English, searched by binary search.
type Catalogue = &'static [(&'static str, &'static str)];

/// Catalogues installed at run time, French then Portuguese. Set once: a page keeps what it loaded.
static INSTALLED: [OnceLock<Vec<(&'static str, &'static str)>>; 2] =
    [OnceLock::new(), OnceLock::new()];

/// Reads a language's PO catalogue and makes it the one [`tr`] uses. Its strings live as long as the
/// program (they are shown until the page closes). Installing a language twice keeps the first.
pub fn install_catalogue(lang: Lang, po_text: &str) -> Result<(), String> {
    let Some(slot) = lang.installed_slot() else {
        return Ok(());
    };
    if slot.get().is_some() {
        return Ok(());
    }
    let mut entries = crate::po::parse_po(po_text)?;
    entries.sort();
    entries.dedup_by(|a, b| a.0 == b.0);
    let table = entries
        .into_iter()
        .map(|(id, text)| (&*id.leak(), &*text.leak()))
        .collect();
    let _ = slot.set(table);
    Ok(())
}

/// Whether `lang` can be shown now (English always; the others once their catalogue is there).
pub fn has_catalogue(lang: Lang) -> bool {
    lang == Lang::En || !lang.catalogue().is_empty()
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

    fn installed_slot(self) -> Option<&'static OnceLock<Vec<(&'static str, &'static str)>>> {
        match self {
            Lang::En => None,
            Lang::Fr => Some(&INSTALLED[0]),
            Lang::Pt => Some(&INSTALLED[1]),
        }
    }

    /// The compiled-in catalogue (feature `embedded-catalogues`), else the one installed at run time.
    fn catalogue(self) -> Catalogue {
        #[cfg(feature = "embedded-catalogues")]
        let compiled: Catalogue = match self {
            Lang::En => &[],
            Lang::Fr => catalogues::FR,
            Lang::Pt => catalogues::PT,
        };
        #[cfg(not(feature = "embedded-catalogues"))]
        let compiled: Catalogue = &[];
        if !compiled.is_empty() {
            return compiled;
        }
        self.installed_slot()
            .and_then(OnceLock::get)
            .map_or(&[], Vec::as_slice)
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

/// Which of a language's plural forms a count takes, as the `Plural-Forms` header of its PO file
/// says (a test holds the two together): English and Portuguese (as written in Angola, Mozambique and
/// Portugal) take the singular for 1 only, French for 0 and 1 ("0 document manquant").
pub fn plural_index(lang: Lang, n: u64) -> usize {
    match lang {
        Lang::En | Lang::Pt => usize::from(n != 1),
        Lang::Fr => usize::from(n > 1),
    }
}

/// The form of a counted message for `n` in `lang`: `one` and `other` are its English singular and
/// plural, which are also its key in the catalogue (gettext's `msgid` and `msgid_plural`).
pub fn tr_plural(lang: Lang, one: &'static str, other: &'static str, n: u64) -> &'static str {
    let english = [one, other][plural_index(Lang::En, n)];
    if lang == Lang::En {
        return english;
    }
    let key = format!("{one}{}{other}", crate::po::PLURAL_SEPARATOR);
    match translation(lang, &key) {
        Some(forms) => forms
            .split(crate::po::PLURAL_SEPARATOR)
            .nth(plural_index(lang, n))
            .unwrap_or(english),
        None => {
            if let Some(listener) = MISSING.get() {
                listener(lang, one);
            }
            english
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
