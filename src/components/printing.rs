//! The printable application, opened in a new tab (or saved as a file where new tabs are blocked).
//! Its code is loaded when first asked for (`chunks::print_application`).

use crate::i18n::t;
use crate::state::AppState;
use leptos::prelude::*;

/// Shows the whole application, in the order of Appendix I, ready to print.
pub fn print_application(state: AppState) {
    let lang = crate::i18n::lang();
    let html = state.draft.with_untracked(|d| {
        state.profile.with_untracked(|p| {
            state
                .report()
                .with_untracked(|r| mgl_domain::printout::application_html(d, p, r, lang))
        })
    });
    let name = state.draft.with_untracked(|d| {
        crate::browser::files::safe_file_name(
            &mgl_domain::format::fill(t("{title} application"), &[("title", d.title())]),
            "html",
        )
    });
    crate::browser::files::show_printable(&html, &name);
}
