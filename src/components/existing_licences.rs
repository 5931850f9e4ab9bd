//! 3.2: the list of the applicant's existing licences, asked when it has some.

use crate::components::field::ExistingLicenceField;
use crate::i18n::{t, tx};
use crate::reactive::firewall;
use crate::state::use_state;
use leptos::prelude::*;
use mgl_domain::draft::{ExistingLicence, YES};

#[component]
pub fn ExistingLicences() -> impl IntoView {
    let state = use_state();
    // Firewalls: the rows are rebuilt when their number changes, not on every keystroke inside them.
    let asked = firewall(move || state.draft.with(|d| d.nature.has_existing_licences == YES));
    let rows = firewall(move || state.draft.with(|d| d.nature.existing_licences.len()));
    let add = move |_| {
        state.edit(|d| d.nature.existing_licences.push(ExistingLicence::default()));
        crate::components::step_summary::focus_field(mgl_domain::fields::dom_id(&format!(
            "nature.existing_licences[{}].nature",
            state
                .draft
                .with_untracked(|d| d.nature.existing_licences.len() - 1)
        )));
    };
    move || {
        asked.get().then(|| {
            view! {
                <section class="existing-licences" aria-labelledby="existing-licences-title">
                    <h3 id="existing-licences-title">{tx("Existing Licences issued by the Authority")}</h3>
                    <p class="help">{tx("State the nature of each Licence, the date issued and the Licence number.")}</p>
                    {move || (0..rows.get()).map(|row| view! {
                        <fieldset class="licence-row">
                            <legend>{move || format!("{} {}", t("Licence"), row + 1)}</legend>
                            <ExistingLicenceField key="nature" row=row />
                            <ExistingLicenceField key="date_issued" row=row />
                            <ExistingLicenceField key="number" row=row />
                            <button type="button" class="secondary" on:click=move |_| state.edit(|d| {
                                if row < d.nature.existing_licences.len() {
                                    d.nature.existing_licences.remove(row);
                                }
                            })>{tx("Remove this licence")}</button>
                        </fieldset>
                    }).collect_view()}
                    <button type="button" on:click=add>{tx("Add an existing licence")}</button>
                </section>
            }
        })
    }
}
