//! The app's side of the translation layer: `t("English message id")` for every visible string, in
//! the language the user chose. The language is one signal for the whole app, so switching it
//! re-renders the text in place: every input, scroll position and unsaved passphrase stays.
//!
//! `t` read inside a reactive closure (`move || ...`, memos) follows the language by itself; a fixed
//! piece of text in a view uses `tx`, which makes it such a closure.
use leptos::prelude::*;
use mgl_domain::{tr, Lang};

const STORAGE_KEY: &str = "mgl.lang";

thread_local! {
    /// Created outside any owner, so it lives as long as the page.
    static LANG: RwSignal<Lang> = RwSignal::new(initial_lang());
}

/// The language chosen on this device before, or else the browser's, or else English.
fn initial_lang() -> Lang {
    let window = web_sys::window();
    let saved = window
        .as_ref()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|code| Lang::from_code(&code));
    let browser = || {
        let navigator = window.as_ref()?.navigator();
        navigator
            .languages()
            .iter()
            .filter_map(|l| l.as_string())
            .chain(navigator.language())
            .find_map(|code| Lang::from_code(&code))
    };
    saved.or_else(browser).unwrap_or_default()
}

pub fn lang_signal() -> RwSignal<Lang> {
    LANG.with(|l| *l)
}

/// The language shown now; tracked when read in a reactive closure.
pub fn lang() -> Lang {
    lang_signal().get()
}

/// The language shown now, never tracked: for async work that must keep one language throughout.
pub fn lang_untracked() -> Lang {
    lang_signal().get_untracked()
}

/// Switches the whole app, remembers the choice on this device and tells the page's `lang`.
pub fn set_lang(lang: Lang) {
    lang_signal().set(lang);
    if let Some(window) = web_sys::window() {
        if let Some(storage) = window.local_storage().ok().flatten() {
            let _ = storage.set_item(STORAGE_KEY, lang.code());
        }
        if let Some(root) = window.document().and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", lang.code());
        }
    }
}

/// Sets the page's `lang` and reports untranslated messages in the console: a message shown in
/// English to a French user is a bug, and the end-to-end tests fail on it.
pub fn init() {
    set_lang(lang_untracked());
    mgl_domain::i18n::on_missing_translation(|lang, msgid| {
        web_sys::console::warn_1(&format!("mgl: untranslated ({}): {msgid}", lang.code()).into());
    });
}

pub fn t(msgid: &'static str) -> &'static str {
    tr(lang(), msgid)
}

/// A fixed text of a view, re-rendered when the language changes.
pub fn tx(msgid: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || t(msgid)
}

/// A message made elsewhere as a string (an error of the key and bundle code, a verification check):
/// its translation when the catalogue has this exact text, else the text as it is.
pub fn translated(text: &str) -> String {
    mgl_domain::i18n::translation(lang(), text)
        .unwrap_or(text)
        .to_owned()
}
