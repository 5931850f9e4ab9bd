//! The sites of the portfolio (Appendix I 5.1 to 5.4): a list to add, duplicate, reorder and remove
//! sites (with undo), and the answers of the selected site. Only one site's answers are in the page at
//! a time, which keeps a portfolio of 100 sites as quick to type in as one.

use crate::chunks::{LazyScreen, OnDemand};
use crate::components::field::{LocationField, OpenSite, SiteField};
use crate::components::licence_panel::LicencePanel;
use crate::components::step_summary::focus_field;
use crate::i18n::{lang, t, tx};
use crate::reactive::{firewall, Fanout};
use crate::state::{use_state, AppState};
use leptos::prelude::*;
use mgl_domain::fields::{dom_id, site_total};
use mgl_domain::format::format_number_in;
use mgl_domain::layout::{SitePart, Total, SITE_FORM, TOTALS};
use mgl_domain::message::counted;
use mgl_domain::Lang;
use mgl_domain::Site;
use std::collections::HashMap;

/// A site as the user knows it (the domain's one display name), in the language shown.
pub(crate) fn site_display_name(site: &Site, index: usize) -> String {
    site.display_name(index).render(lang())
}

fn add_site(state: AppState) {
    let levels = state.profile.with_untracked(|p| p.admin_levels.len());
    let mut new_id = String::new();
    state.edit(|d| {
        new_id = d.next_site_id();
        d.sites.push(Site::new(new_id.clone(), levels));
    });
    state.selected_site.set(Some(new_id));
    focus_field(dom_id("name"));
}

#[component]
pub fn Sites() -> impl IntoView {
    let state = use_state();
    let draft = state.draft;
    // Changes only when sites are added, removed or reordered: the list rows are keyed by id.
    let site_ids =
        firewall(move || draft.with(|d| d.sites.iter().map(|s| s.id.clone()).collect::<Vec<_>>()));
    let error_counts = Memo::new(move |_| {
        state.report().with(|r| {
            let mut counts: HashMap<String, usize> = HashMap::new();
            for p in r.errors() {
                if let Some(id) = &p.site_id {
                    *counts.entry(id.clone()).or_default() += 1;
                }
            }
            counts
        })
    });
    // One pass over the sites per change, shared by all rows; a row is woken only when its own
    // summary changes.
    let rows = Fanout::new(move || {
        draft.with(|d| {
            let count = d.sites.len();
            d.sites
                .iter()
                .enumerate()
                .map(|(index, site)| {
                    let place = site
                        .location
                        .iter()
                        .rev()
                        .find(|l| !l.trim().is_empty())
                        .cloned()
                        .unwrap_or_default();
                    let power = site.distributed_power_kw.trim();
                    let power = if power.is_empty() {
                        "–".to_owned()
                    } else {
                        format!("{power} kW")
                    };
                    let row = RowSummary {
                        index,
                        is_last: index + 1 == count,
                        name: site_display_name(site, index),
                        place,
                        power,
                    };
                    (site.id.clone(), row)
                })
                .collect()
        })
    });
    let selected = firewall(move || {
        let id = state.selected_site.get()?;
        let index = draft.with(|d| d.site_index(&id))?;
        Some((id, index))
    });

    // The register's code loads when first asked for.
    let register_open = RwSignal::new(false);
    let map_open = RwSignal::new(false);
    let undo_banner = move || {
        state.removed_site.get().map(|(index, site)| {
            let name = site_display_name(&site, index);
            view! {
                <div class="undo" role="status">
                    {move || format!("{} “{name}” {}", t("Site"), t("removed."))}
                    <button type="button" on:click=move |_| {
                        if let Some((index, site)) = state.removed_site.get_untracked() {
                            let id = site.id.clone();
                            state.edit(|d| d.sites.insert(index.min(d.sites.len()), site));
                            state.selected_site.set(Some(id));
                            state.removed_site.set(None);
                        }
                    }>{tx("Undo")}</button>
                </div>
            }
        })
    };

    view! {
        <section class="sites" aria-labelledby="sites-title">
            <h3 id="sites-title">{move || format!("{} ({})", t("Sites of the portfolio"), site_ids.with(Vec::len))}</h3>
            <p class="help">{tx("A portfolio is one or more mini-grids. Duplicate a site to start the next village from its answers.")}</p>
            {undo_banner}
            // Laid out as a grid, row by row (see .site-list in main.css): the roles keep it a table
            // for assistive technology, which some browsers stop doing once a table's display changes.
            <table class="site-list" role="table">
                <thead role="rowgroup"><tr role="row">
                    <th scope="col" role="columnheader">"#"</th>
                    <th scope="col" role="columnheader">{tx("Site")}</th>
                    <th scope="col" role="columnheader">{tx("Distributed Power")}</th>
                    <th scope="col" role="columnheader">{tx("Status")}</th>
                    <th scope="col" role="columnheader"><span class="visually-hidden">{tx("Actions")}</span></th>
                </tr></thead>
                <tbody role="rowgroup">
                    <For each=move || site_ids.get() key=|id| id.clone() children=move |id: String| {
                        view! { <SiteRow id=id rows=rows error_counts=error_counts /> }
                    } />
                </tbody>
            </table>
            <div class="sites-actions">
                <button type="button" class="add-site" on:click=move |_| add_site(state)>{tx("Add a site")}</button>
                <button type="button" class="secondary" aria-expanded=move || register_open.get().to_string()
                    on:click=move |_| register_open.update(|open| *open = !*open)>{tx("Import or export sites (spreadsheet, GeoJSON, KML)")}</button>
                <button type="button" class="secondary" aria-expanded=move || map_open.get().to_string()
                    on:click=move |_| map_open.update(|open| *open = !*open)>{tx("Map of the sites")}</button>
            </div>
            {move || register_open.get().then(|| view! { <OnDemand screen=LazyScreen::Register /> })}
            {move || map_open.get().then(|| view! { <OnDemand screen=LazyScreen::Map /> })}
            {move || selected.get().map(|(id, index)| view! { <SiteEditor site_id=id index=index /> })}
            <LicencePanel />
        </section>
    }
}

#[derive(Clone, Default, PartialEq)]
struct RowSummary {
    index: usize,
    is_last: bool,
    name: String,
    place: String,
    power: String,
}

#[component]
fn SiteRow(
    id: String,
    rows: Fanout<RowSummary>,
    error_counts: Memo<HashMap<String, usize>>,
) -> impl IntoView {
    let state = use_state();
    let draft = state.draft;
    let row = rows.get(&id);
    let count_id = id.clone();
    let errors = move || error_counts.with(|c| c.get(&count_id).copied().unwrap_or(0));
    let is_selected = {
        let id = id.clone();
        Memo::new(move |_| state.selected_site.get().as_deref() == Some(id.as_str()))
    };
    let index = move || row.with(|r| r.index);
    let is_last = move || row.with(|r| r.is_last);
    let name = move || row.with(|r| r.name.clone());
    let (select_id, dup_id, remove_id) = (id.clone(), id.clone(), id);
    let edit = move |_| state.selected_site.set(Some(select_id.clone()));
    let move_by = move |offset: isize| {
        let from = index();
        let to = from as isize + offset;
        if to >= 0 {
            state.edit(|d| d.move_site(from, to as usize));
        }
    };
    let duplicate = move |_| {
        let mut copy_id = None;
        state.edit(|d| {
            if let Some(i) = d.site_index(&dup_id) {
                copy_id = d.duplicate_site(i).map(|at| d.sites[at].id.clone());
            }
        });
        if copy_id.is_some() {
            state.selected_site.set(copy_id);
            focus_field(dom_id("name"));
        }
    };
    let remove = move |_| {
        let mut removed = None;
        state.edit(|d| {
            if let Some(i) = d.site_index(&remove_id) {
                removed = Some((i, d.sites.remove(i)));
            }
        });
        if let Some((i, site)) = removed {
            let next = draft.with_untracked(|d| {
                d.sites
                    .get(i.min(d.sites.len().saturating_sub(1)))
                    .map(|s| s.id.clone())
            });
            if state.selected_site.get_untracked().as_deref() == Some(site.id.as_str()) {
                state.selected_site.set(next);
            }
            state.removed_site.set(Some((i, site)));
        }
    };
    view! {
        <tr role="row" class:selected=move || is_selected.get()>
            <td role="cell">{move || index() + 1}</td>
            <td role="cell">
                <button type="button" class="link" on:click=edit aria-current=move || is_selected.get().then_some("true")>{name}</button>
                <span class="place">{move || row.with(|r| r.place.clone())}</span>
            </td>
            <td role="cell" class="number">{move || row.with(|r| r.power.clone())}</td>
            <td role="cell">{move || match errors() {
                0 => view! { <span class="ok">{tx("complete")}</span> }.into_any(),
                n => view! { <span class="problems">{move || counted("{n} answer to fix", "{n} answers to fix", n as u64).render(lang())}</span> }.into_any(),
            }}</td>
            <td role="cell" class="actions">
                <button type="button" class="icon" title=tx("Move up") aria-label=move || format!("{} {}", t("Move up:"), name())
                    disabled=move || index() == 0 on:click=move |_| move_by(-1)>"↑"</button>
                <button type="button" class="icon" title=tx("Move down") aria-label=move || format!("{} {}", t("Move down:"), name())
                    disabled=is_last on:click=move |_| move_by(1)>"↓"</button>
                <button type="button" class="secondary" aria-label=move || format!("{} {}", t("Duplicate:"), name()) on:click=duplicate>{tx("Duplicate")}</button>
                <button type="button" class="danger" aria-label=move || format!("{} {}", t("Remove:"), name()) on:click=remove>{tx("Remove")}</button>
            </td>
        </tr>
    }
}

/// The totals and the title the site editor shows, computed with its answers (see `OpenSite`).
fn editor_extras(site: &Site, index: usize, lang: Lang) -> Vec<(String, String)> {
    let mut extras: Vec<(String, String)> = TOTALS
        .iter()
        .map(|total| {
            (
                total_key(total.name),
                format_number_in(site_total(site, total.keys), lang),
            )
        })
        .collect();
    extras.push((TITLE_KEY.to_owned(), site.display_name(index).render(lang)));
    extras
}

const TITLE_KEY: &str = "editor:title";

fn total_key(name: &str) -> String {
    format!("editor:total:{name}")
}

/// A total of the site's answers, shown as the form's "Total" lines.
fn total_line(open: OpenSite, total: &'static Total) -> impl IntoView {
    let unit = total.unit;
    let value = open.value(&total_key(total.name));
    view! {
        <p class="total" aria-live="polite">
            <span>{tx("Total:")}</span> " " <strong>{move || value.get()}</strong> " " {tx(unit)}
        </p>
    }
}

#[component]
fn SiteEditor(site_id: String, index: usize) -> impl IntoView {
    let state = use_state();
    let levels = state.profile.with_untracked(|p| p.admin_levels.len());
    let open = OpenSite::new(state, index, site_id, editor_extras);
    let title = open.value(TITLE_KEY);
    let f = move |key: &'static str| view! { <SiteField key=key open=open /> };
    view! {
        <section class="site-editor" aria-labelledby="site-editor-title">
            <h3 id="site-editor-title">{move || format!("{} {}: {}", t("Site"), index + 1, title.get())}</h3>
            {SITE_FORM.iter().map(|group| view! {
                <fieldset class="group">
                    <legend>{tx(group.title)}</legend>
                    {group.parts.iter().map(|part| match part {
                        SitePart::Answers([key]) => f(key).into_any(),
                        SitePart::Answers(keys) => view! { <div class="grid">{keys.iter().map(|k| f(k)).collect_view()}</div> }.into_any(),
                        SitePart::Location => view! {
                            <div class="grid">
                                {(0..levels).map(|level| view! { <LocationField level=level open=open /> }).collect_view()}
                            </div>
                        }.into_any(),
                        SitePart::Heading(heading) => view! { <h4>{tx(heading)}</h4> }.into_any(),
                        SitePart::Note(note) => view! { <p class="help">{tx(note)}</p> }.into_any(),
                        SitePart::Total(total) => total_line(open, total).into_any(),
                    }).collect_view()}
                </fieldset>
            }).collect_view()}
        </section>
    }
}
