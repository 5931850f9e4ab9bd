//! The app's side of the translation layer: `t("English message id")` for every visible string.
use mgl_domain::{tr, Lang};

/// The language the app shows. One language for now; switching comes with the field-readiness issue.
pub fn lang() -> Lang {
    Lang::En
}

pub fn t(msgid: &'static str) -> &'static str {
    tr(lang(), msgid)
}
