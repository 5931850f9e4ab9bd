//! Which licence applies, why, and what follows from it; updates as the user types.

use crate::components::field::DraftField;
use crate::i18n::{lang, tx};
use crate::state::use_state;
use leptos::prelude::*;
use mgl_domain::Outcome;

#[component]
pub fn LicencePanel() -> impl IntoView {
    let state = use_state();
    let decision = state.decision();
    let class = move || {
        decision.with(|d| match d.outcome {
            Outcome::Licence(_) => "licence-panel decided",
            Outcome::Undetermined => "licence-panel undetermined",
            Outcome::MixedPortfolio | Outcome::OutsideRegulation => "licence-panel refused",
        })
    };
    let may_choose_full = Memo::new(move |_| decision.with(|d| d.may_choose_full));
    view! {
        <section class=class aria-labelledby="licence-title" aria-live="polite">
            <h3 id="licence-title">{tx("Type of licence")}</h3>
            <p class="licence-summary" data-testid="licence-summary">{move || decision.with(|d| d.summary.render(lang()))}</p>
            <ul class="licence-reasons">
                {move || decision.with(|d| d.reasons.iter().map(|r| view! { <li>{r.render(lang())}</li> }).collect_view())}
            </ul>
            <Show when=move || decision.with(|d| !d.consequences.is_empty())>
                <h4>{tx("What follows")}</h4>
                <ul class="licence-consequences">
                    {move || decision.with(|d| d.consequences.iter().map(|r| view! { <li>{r.render(lang())}</li> }).collect_view())}
                </ul>
            </Show>
            <Show when=move || may_choose_full.get()>
                <DraftField key="project.voluntary_full_licence" />
            </Show>
        </section>
    }
}
