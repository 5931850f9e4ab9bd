//! The problems of one step, each a link to its answer (for a site's answer, the site is opened first).

use crate::components::sites::site_display_name;
use crate::i18n::{lang, t, tx};
use crate::reactive::{firewall, Fanout};
use crate::state::use_state;
use leptos::prelude::*;
use mgl_domain::fields::dom_id;
use mgl_domain::{Severity, Step};

/// Moves the keyboard focus to an answer's input once it is in the page.
pub fn focus_field(element_id: String) {
    request_animation_frame(move || {
        if let Some(el) = crate::browser::window()
            .document()
            .and_then(|d| d.get_element_by_id(&element_id))
        {
            use wasm_bindgen::JsCast;
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
            el.scroll_into_view();
        }
    });
}

/// A problem as listed: severity, message, the site's id, the input's id. Its label (with the site's
/// name) is apart, in `labels`, so that typing a site's name rewrites the label in place.
type SummaryItem = (Severity, String, Option<String>, String);

/// Which label a line shows: the answer's, in its site.
fn label_key(site_id: Option<&str>, element_id: &str) -> String {
    format!("{}#{element_id}", site_id.unwrap_or_default())
}

#[component]
pub fn StepSummary(step: Step) -> impl IntoView {
    let state = use_state();
    // From the report alone: a keystroke that changes no problem does not touch the list.
    let items = firewall(move || {
        state.report().with(|r| {
            let mut items = r
                .of_step(step)
                .map(|p| {
                    (
                        p.severity,
                        p.message.render(lang()),
                        p.site_id.clone(),
                        dom_id(&p.key),
                    )
                })
                .collect::<Vec<SummaryItem>>();
            // Identical lines (same answer, same message) would share a key; one says it all.
            items.dedup();
            items
        })
    });
    let labels = Fanout::new(move || {
        state.report().with(|r| {
            state.draft.with(|d| {
                r.of_step(step)
                    .map(|p| {
                        let site_name = p
                            .site_id
                            .as_deref()
                            .and_then(|id| d.site_index(id))
                            .map(|i| site_display_name(&d.sites[i], i));
                        let label = match site_name {
                            Some(site) => format!("{site}: {}", p.label_in(lang())),
                            None => p.label_in(lang()).to_owned(),
                        };
                        (label_key(p.site_id.as_deref(), &dom_id(&p.key)), label)
                    })
                    .collect()
            })
        })
    });
    let errors = move || items.with(|i| i.iter().filter(|p| p.0 == Severity::Error).count());
    let warnings = move || items.with(|i| i.iter().filter(|p| p.0 == Severity::Warning).count());
    let has_items = move || items.with(|i| !i.is_empty());
    // Keyed by the whole item: a change of one problem replaces that one line, and the other lines
    // (with their links and listeners) stay as they are.
    let item = move |(severity, message, site_id, element_id): SummaryItem| {
        let label = labels.get(&label_key(site_id.as_deref(), &element_id));
        let class = if severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        let href = format!("#{element_id}");
        view! {
            <li class=class>
                <a href=href on:click=move |ev| {
                    ev.prevent_default();
                    if let Some(id) = site_id.clone() {
                        state.selected_site.set(Some(id));
                    }
                    focus_field(element_id.clone());
                }>{label}</a>
                ": " {message}
            </li>
        }
    };
    let list =
        move || view! { <For each=move || items.get() key=|item| item.clone() children=item /> };
    view! {
        <Show when=has_items
            fallback=|| view! { <p class="summary-ok" role="status">{tx("Every answer of this step is complete.")}</p> }>
            <section class="step-summary" aria-labelledby=format!("summary-{}", step.slug())>
                <h3 id=format!("summary-{}", step.slug())>
                    {move || match (errors(), warnings()) {
                        (0, w) => format!("{w} {}", t("answers to check on this step")),
                        (1, _) => t("1 answer to complete or correct on this step").to_owned(),
                        (e, _) => format!("{e} {}", t("answers to complete or correct on this step")),
                    }}
                </h3>
                <ul>{list}</ul>
            </section>
        </Show>
    }
}
