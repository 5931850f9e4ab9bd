//! The guided form: the stepper, and the current step's answers in the order of Appendix I, with the
//! step's summary of problems and the way to the previous and next step.

use crate::chunks::{LazyScreen, OnDemand};
use crate::components::existing_licences::ExistingLicences;
use crate::components::field::DraftField;
use crate::components::licence_panel::LicencePanel;
use crate::components::step_summary::StepSummary;
use crate::components::stepper::Stepper;
use crate::i18n::{t, tx};
use crate::state::{use_state, Screen};
use leptos::prelude::*;
use mgl_domain::fields::{fields_of, DRAFT_FIELDS};
use mgl_domain::Step;

/// The answers of a step that need no special layout, in table order.
fn plain_fields(step: Step) -> impl IntoView {
    fields_of(DRAFT_FIELDS, step)
        .map(|f| view! { <DraftField key=f.key /> })
        .collect_view()
}

fn step_body(step: Step) -> AnyView {
    match step {
        Step::Applicant => view! {
            <p class="lead">{tx("In compliance with the General Regulations for Mini-Grids, I am herewith certifying that I, the principal officer named below, hereby apply for a Licence pursuant to Section 4 of the General Regulations for Mini-Grids.")}</p>
            {plain_fields(step)}
        }
        .into_any(),
        Step::Nature => view! {
            <DraftField key="nature.kind" />
            <DraftField key="nature.renewal_licence_number" />
            <DraftField key="nature.has_existing_licences" />
            <ExistingLicences />
            <DraftField key="nature.ever_refused" />
            <DraftField key="nature.refusal_details" />
        }
        .into_any(),
        Step::Project => view! {
            <DraftField key="project.description" />
            <DraftField key="project.pre_existing" />
            <p class="help">{tx("Whether each mini-grid is isolated or interconnected, and its capacity, are asked per site in the next step. They decide the type of licence:")}</p>
            <LicencePanel />
        }
        .into_any(),
        Step::Sites => view! { <OnDemand screen=LazyScreen::Sites /> }.into_any(),
        Step::Declaration => view! { <OnDemand screen=LazyScreen::Declaration /> }.into_any(),
        Step::LegalStatus => view! {
            {plain_fields(step)}
            <p class="help">{tx("Attach the Certificate of Incorporation, Memorandum and Articles of Association, Deed of Partnership or Deed of Trust, as applicable (attachments come in a later step).")}</p>
        }
        .into_any(),
        Step::Business | Step::Funding => plain_fields(step).into_any(),
    }
}

#[component]
pub fn Editor() -> impl IntoView {
    let state = use_state();
    let step = Memo::new(move |_| match state.screen.get() {
        Screen::Edit(step) => Some(step),
        _ => None,
    });
    let neighbour = move |offset: isize| {
        let i = step.get()?.number() as isize - 1 + offset;
        (0..Step::ALL.len() as isize)
            .contains(&i)
            .then(|| Step::ALL[i as usize])
    };
    crate::chunks::prefetch_later_steps();
    // Next and Back: the focus goes to the new step's heading (the stepper keeps it, `AppState::go`).
    let go = move |target: Step| {
        crate::browser::hand_focus_to("step-title");
        state.go(Screen::Edit(target));
        crate::browser::window().scroll_to_with_x_and_y(0.0, 0.0);
    };
    view! {
        <div class="editor">
            <Stepper />
            <main class="step" id="main" tabindex="-1">
                {move || {
                    let Some(step) = step.get() else {
                        return match state.screen.get() {
                            Screen::Tariff => view! { <OnDemand screen=LazyScreen::Tariff /> }.into_any(),
                            Screen::Review => view! { <OnDemand screen=LazyScreen::Review /> }.into_any(),
                            _ => view! { <OnDemand screen=LazyScreen::Documents /> }.into_any(),
                        };
                    };
                    view! {
                        <h2 id="step-title" tabindex="-1">
                            <span class="section">{move || format!("{} {}", t("Section"), step.section())}</span>
                            {tx(step.title())}
                        </h2>
                        <form class="step-form" on:submit=|ev| ev.prevent_default() novalidate=true>
                            {step_body(step)}
                        </form>
                        <StepSummary step=step />
                    }
                    .into_any()
                }}
                <div class="step-nav">
                    {move || neighbour(-1).map(|prev| view! {
                        <button type="button" class="secondary" on:click=move |_| go(prev)>
                            "← " {tx(prev.title())}
                        </button>
                    })}
                    {move || neighbour(1).map(|next| view! {
                        <button type="button" class="primary" on:click=move |_| go(next)>
                            {tx("Next:")} " " {tx(next.title())} " →"
                        </button>
                    })}
                </div>
            </main>
        </div>
    }
}
