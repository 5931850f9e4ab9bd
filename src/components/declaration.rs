//! Appendix I section 6: the fixed sentences with the country's name, the date and the signatories.
//! The common seal and the notary's block are left for ink on the printed page.

use crate::components::field::DraftField;
use crate::i18n::{t, tx};
use crate::state::use_state;
use leptos::prelude::*;
use mgl_domain::format::fill;

#[component]
pub fn Declaration() -> impl IntoView {
    let state = use_state();
    let country = move || state.profile.with(|p| p.country_name.clone());
    let applicant = move || state.draft.with(|d| d.title().to_owned());
    view! {
        <div class="declaration">
            <blockquote class="declaration-text">
                <p>{move || fill(t("The project is not unlawful or contrary to the interest of the {country}."), &[("country", &country())])}</p>
                <p>{tx("I/we hereby declare that the details stated above are, to the best of my/our knowledge, true and correct.")}</p>
            </blockquote>
            <DraftField key="declaration.date" />
            <p class="ink-block">{tx("THE COMMON SEAL OF THE WITHIN NAMED APPLICANT")} " " <strong>{applicant}</strong> " "
                {tx("has hereunto been affixed in the presence of:")}</p>
            <div class="signatories">
                <DraftField key="declaration.signatory_1" />
                <DraftField key="declaration.signatory_2" />
            </div>
            <p class="ink-note">{tx("The signatures, the common seal and the sworn statement before a Notary Public or Commissioner of Oath are added in ink on the printed declaration.")}</p>
            <button type="button" class="secondary" on:click=move |_| {
                let html = state.draft.with(|d| state.profile.with(|p| mgl_domain::printout::declaration_page(d, p, None, crate::i18n::lang())));
                crate::browser::files::show_printable(&html, "declaration.html");
            }>{tx("Print the declaration page")}</button>
        </div>
    }
}
