//! The list of steps: where the user is, which steps are complete, which have problems. Any step can
//! be opened at any time.

use crate::i18n::{lang, t, tx};
use crate::state::{use_state, Screen};
use leptos::prelude::*;
use mgl_domain::message::counted;
use mgl_domain::validate::step_started;
use mgl_domain::{Severity, Step};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    NotStarted,
    Complete,
    Problems(usize),
}

impl StepStatus {
    pub fn of(report: &mgl_domain::Report, draft: &mgl_domain::Draft, step: Step) -> StepStatus {
        let errors = report
            .of_step(step)
            .filter(|p| p.severity == Severity::Error)
            .count();
        if errors == 0 {
            StepStatus::Complete
        } else if step_started(draft, step) {
            StepStatus::Problems(errors)
        } else {
            StepStatus::NotStarted
        }
    }
}

#[component]
pub fn Stepper() -> impl IntoView {
    let state = use_state();
    let statuses = crate::reactive::firewall(move || {
        state.report().with(|r| {
            state
                .draft
                .with(|d| Step::ALL.map(|step| StepStatus::of(r, d, step)))
        })
    });
    let items = Step::ALL
        .into_iter()
        .enumerate()
        .map(|(i, step)| {
            let current = move || state.screen.get() == Screen::Edit(step);
            let status = move || statuses.with(|s| s[i]);
            let status_text = move || match status() {
                StepStatus::Complete => t("complete").to_owned(),
                StepStatus::NotStarted => t("not started").to_owned(),
                StepStatus::Problems(n) => {
                    counted("{n} answer to fix", "{n} answers to fix", n as u64).render(lang())
                }
            };
            let class = move || match status() {
                StepStatus::Complete => "step complete",
                StepStatus::NotStarted => "step not-started",
                StepStatus::Problems(_) => "step problems",
            };
            view! {
                <li class=class>
                    <button type="button" class="step-link" data-step=step.slug()
                        aria-current=move || current().then_some("step")
                        on:click=move |_| state.go(Screen::Edit(step))>
                        <span class="step-number" aria-hidden="true">{step.number()}</span>
                        <span class="step-title">{tx(step.title())}</span>
                        <span class="step-status">{status_text}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    let on_documents = move || state.screen.get() == Screen::Documents;
    view! {
        <nav class="stepper" aria-label=tx("Steps of the application")>
            <div class="stepper-inner">
            <ol>{items}</ol>
            <button type="button" class="step-link documents-link" data-step="documents"
                aria-current=move || on_documents().then_some("page")
                on:click=move |_| state.go(Screen::Documents)>
                <span class="step-number" aria-hidden="true">"§"</span>
                <span class="step-title">{tx("Documents to attach")}</span>
                <span class="step-status">{tx("Section 4.1")}</span>
            </button>
            <button type="button" class="step-link documents-link" data-step="tariff"
                aria-current=move || (state.screen.get() == Screen::Tariff).then_some("page")
                on:click=move |_| state.go(Screen::Tariff)>
                <span class="step-number" aria-hidden="true">"¤"</span>
                <span class="step-title">{tx("Tariff calculation")}</span>
                <span class="step-status">{tx("Section 6")}</span>
            </button>
            <button type="button" class="step-link documents-link" data-step="review"
                aria-current=move || (state.screen.get() == Screen::Review).then_some("page")
                on:click=move |_| state.go(Screen::Review)>
                <span class="step-number" aria-hidden="true">"✓"</span>
                <span class="step-title">{tx("Review and export")}</span>
                <span class="step-status">{tx("Signed bundle")}</span>
            </button>
            </div>
        </nav>
    }
}
