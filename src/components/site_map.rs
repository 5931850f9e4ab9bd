//! The map of the portfolio on the sites step, offline: the country's outline (the profile's, fetched
//! from the build's `outlines/` when the draft opened: `AppState::load_outline`), every site and power plant as a point
//! with its name on hover, and beside it the list of the sites with where each lies, the
//! keyboard's and the screen reader's way in. A point outside the country is drawn in red (at the
//! map's edge when it is beyond it), so that a swapped or unsigned coordinate shows at once.
//!
//! Loaded on demand (chunks.rs), with the geometry of `mgl_domain::outline`.

use crate::components::sites::site_display_name;
use crate::components::step_summary::focus_field;
use crate::i18n::{lang, t, tx};
use crate::state::use_state;
use leptos::prelude::*;
use mgl_domain::fields::dom_id;
use mgl_domain::outline::{position, Frame};
use mgl_domain::printout::esc;
use wasm_bindgen::JsCast;

/// Where a site lies, as the list says it.
#[derive(Clone, Copy, PartialEq)]
enum Lies {
    Inside,
    Outside,
    NoPosition,
}

#[derive(Clone, PartialEq)]
struct MapSite {
    id: String,
    name: String,
    site: Option<(f64, f64)>,
    plant: Option<(f64, f64)>,
}

#[component]
pub fn SiteMap() -> impl IntoView {
    let state = use_state();
    let frame = Memo::new(move |_| state.profile.with(|p| Frame::of(&p.bounding_box)));
    let sites = Memo::new(move |_| {
        state.draft.with(|d| {
            d.sites
                .iter()
                .enumerate()
                .map(|(i, s)| MapSite {
                    id: s.id.clone(),
                    name: site_display_name(s, i),
                    site: position(&s.latitude, &s.longitude),
                    plant: position(&s.plant_latitude, &s.plant_longitude),
                })
                .collect::<Vec<_>>()
        })
    });
    // Each site with where it lies (the country check's own rule: the outline, else the box), once
    // per change of the sites or of the profile (its outline arriving).
    let placed = Memo::new(move |_| {
        state.profile.with(|profile| {
            sites
                .get()
                .into_iter()
                .map(|s| {
                    let at = match s.site {
                        None => Lies::NoPosition,
                        Some((lat, lon)) if profile.lies_in_country(lat, lon) => Lies::Inside,
                        Some(_) => Lies::Outside,
                    };
                    (s, at)
                })
                .collect::<Vec<_>>()
        })
    });
    // The site whose name shows on the map: the one focused in the list, else the one hovered (a
    // pointer resting on the list does not take the name from the keyboard's site).
    let focused = RwSignal::new(None::<String>);
    let hovered = RwSignal::new(None::<String>);
    let shown = move || focused.get().or_else(|| hovered.get());
    let country = move || state.profile.with(|p| p.country_name.clone());

    // The points as one piece of markup, made again only when the sites change: hundreds of
    // reactive views would take seconds on a slow laptop (bench/map.mjs).
    let points = move || {
        let frame = frame.get();
        let r = frame.height / 90.0;
        let mut svg = String::new();
        // One element per point, named by its site (`data-site`): the name shows beside it on
        // hover (`label`), as for the list, rather than in a tooltip of two more nodes per point.
        for (s, at) in placed.get() {
            let id = esc(&s.id);
            if let Some((lat, lon)) = s.plant {
                let ((x, y), _) = frame.place(lat, lon);
                svg += &format!(
                    "<rect class=\"map-plant\" data-site=\"{id}\" x=\"{:.3}\" y=\"{:.3}\" width=\"{w:.3}\" height=\"{w:.3}\"/>",
                    x - r * 0.7, y - r * 0.7, w = r * 1.4
                );
            }
            if let Some((lat, lon)) = s.site {
                let ((x, y), beyond) = frame.place(lat, lon);
                let class = match (at == Lies::Outside, beyond) {
                    (true, true) => "map-site outside beyond",
                    (true, false) => "map-site outside",
                    _ => "map-site",
                };
                svg += &format!(
                    "<circle class=\"{class}\" data-site=\"{id}\" cx=\"{x:.3}\" cy=\"{y:.3}\" r=\"{r:.3}\"/>"
                );
            }
        }
        svg
    };
    // The name of the site hovered or focused in the list, beside its point.
    let label = move || {
        let id = shown()?;
        let frame = frame.get();
        let r = frame.height / 90.0;
        let (s, _) = placed.with(|p| p.iter().find(|(s, _)| s.id == id).cloned())?;
        let ((x, y), _) = frame.place(s.site?.0, s.site?.1);
        Some(view! {
            <g class="map-label">
                <circle cx=x cy=y r=r * 1.4 />
                <text x=x + r * 1.8 y=y + r * 0.6 font-size=r * 3.0>{s.name}</text>
            </g>
        })
    };
    let site_of = |ev: &leptos::ev::Event| -> Option<String> {
        let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
        target
            .closest("[data-site]")
            .ok()??
            .get_attribute("data-site")
    };

    let drawing = move || {
        let frame = frame.get();
        let outline_path = state
            .profile
            .with(|p| p.outline.as_ref().map(|o| frame.path(o)));
        view! {
            <svg class="site-map-drawing" viewBox=format!("0 0 {:.2} {:.2}", frame.width, frame.height)
                role="img" aria-label=move || format!("{} {}", t("Map of the sites in"), country())>
                {match outline_path {
                    Some(d) => view! { <path class="map-country" d=d /> }.into_any(),
                    // No outline (a country without one, or before it arrives): its box.
                    None => {
                        let b = state.profile.with(|p| p.bounding_box);
                        let ((x0, y0), _) = frame.place(b.north, b.west);
                        let ((x1, y1), _) = frame.place(b.south, b.east);
                        view! { <rect class="map-country box" x=x0 y=y0 width=x1 - x0 height=y1 - y0 /> }.into_any()
                    }
                }}
                <g inner_html=points
                    on:mouseover=move |ev| hovered.set(site_of(&ev))
                    on:mouseleave=move |_| hovered.set(None) />
                {label}
            </svg>
        }
    };

    // The list as one piece of markup too; its buttons are handled by the list (by their
    // data-site), not one handler each.
    let list = move || {
        let outside_words = t("outside the country: check its coordinates");
        let no_position_words = t("no coordinates that read");
        placed
            .get()
            .into_iter()
            .map(|(s, at)| {
                let (class, words) = match at {
                    Lies::Inside => ("", String::new()),
                    Lies::Outside => (" class=\"outside\"", format!(" {}", esc(outside_words))),
                    Lies::NoPosition => ("", format!(" {}", esc(no_position_words))),
                };
                format!(
                    "<li{class}><button type=\"button\" class=\"link\" data-site=\"{}\">{}</button>{words}</li>",
                    esc(&s.id),
                    esc(&s.name)
                )
            })
            .collect::<String>()
    };
    view! {
        <section class="site-map" aria-labelledby="site-map-title">
            <h3 id="site-map-title">{tx("Map of the sites")}</h3>
            <p class="help">{move || {
                let _ = lang();
                t("Each site is a circle, its power plant a square; a site outside the country is red. Pick a site in the list to open its answers.")
            }}</p>
            <div class="site-map-body">
                {drawing}
                <ul class="site-map-list" aria-label=tx("Sites on the map") inner_html=list
                    on:click=move |ev| if let Some(id) = site_of(&ev) {
                        // Its answers open below, and the keyboard goes there (to its name).
                        state.selected_site.set(Some(id));
                        focus_field(dom_id("name"));
                    }
                    on:focusin=move |ev| focused.set(site_of(&ev))
                    on:focusout=move |_| focused.set(None)
                    on:mouseover=move |ev| hovered.set(site_of(&ev))
                    on:mouseleave=move |_| hovered.set(None)></ul>
            </div>
        </section>
    }
}
