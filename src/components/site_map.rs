//! The map of the portfolio on the sites step, offline: the country's outline (fetched from the
//! build's `outlines/` when the map first opens; precached), every site and power plant as a point
//! with its name on hover, and beside it the list of the sites with where each lies, the
//! keyboard's and the screen reader's way in. A point outside the country is drawn in red (at the
//! map's edge when it is beyond it), so that a swapped or unsigned coordinate shows at once.
//!
//! Loaded on demand (chunks.rs), with the geometry of `mgl_domain::outline`.

use crate::browser::files;
use crate::components::sites::site_display_name;
use crate::i18n::{lang, t, tx};
use crate::state::use_state;
use leptos::prelude::*;
use mgl_domain::outline::{position, Frame, Outline};
use std::sync::Arc;

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

thread_local! {
    /// Each profile's outline once fetched (`None`: there is none to fetch, or it failed).
    static OUTLINES: std::cell::RefCell<std::collections::HashMap<String, Option<Arc<Outline>>>> = Default::default();
}

#[component]
pub fn SiteMap() -> impl IntoView {
    let state = use_state();
    let profile_id = state.profile.with_untracked(|p| p.id.clone());
    let known = OUTLINES.with_borrow(|o| o.get(&profile_id).cloned());
    let outline = RwSignal::new(known.clone().flatten());
    if known.is_none() {
        let has_outline = state
            .profile
            .with_untracked(|p| p.iso_3166_numeric.is_some());
        leptos::task::spawn_local(async move {
            let fetched = match has_outline {
                true => files::fetch_app_file(&format!("outlines/{profile_id}.json"))
                    .await
                    .ok()
                    .and_then(|json| Outline::parse(&json).ok())
                    .map(Arc::new),
                false => None,
            };
            OUTLINES.with_borrow_mut(|o| o.insert(profile_id, fetched.clone()));
            let _ = outline.try_set(fetched);
        });
    }
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
    // Inside the outline when there is one, else inside the country's box.
    let lies = move |at: Option<(f64, f64)>| -> Lies {
        let Some((lat, lon)) = at else {
            return Lies::NoPosition;
        };
        let inside = match outline.get() {
            Some(outline) => outline.contains(lat, lon),
            None => state.profile.with(|p| p.bounding_box.contains(lat, lon)),
        };
        if inside {
            Lies::Inside
        } else {
            Lies::Outside
        }
    };
    // The site whose name shows on the map: the one hovered or focused in the list.
    let shown = RwSignal::new(None::<String>);
    let country = move || state.profile.with(|p| p.country_name.clone());

    let drawing = move || {
        let frame = frame.get();
        let r = frame.height / 90.0;
        let outline_path = outline.get().map(|o| frame.path(&o));
        let points = sites.get().into_iter().map(|s| {
            let site_lies = lies(s.site);
            let is_shown = {
                let id = s.id.clone();
                move || shown.get().as_deref() == Some(id.as_str())
            };
            let plant = s.plant.map(|(lat, lon)| {
                let ((x, y), _) = frame.place(lat, lon);
                view! { <rect class="map-plant" x=x - r * 0.7 y=y - r * 0.7 width=r * 1.4 height=r * 1.4><title>{format!("{}: {}", s.name, t("power plant"))}</title></rect> }
            });
            let site = s.site.map(|(lat, lon)| {
                let ((x, y), beyond) = frame.place(lat, lon);
                let name = s.name.clone();
                let label = s.name.clone();
                view! {
                    <g class="map-site" class:outside=site_lies == Lies::Outside class:beyond=beyond class:shown=is_shown>
                        <circle cx=x cy=y r=r><title>{name}</title></circle>
                        <text x=x + r * 1.5 y=y + r * 0.5 font-size=r * 3.0>{label}</text>
                    </g>
                }
            });
            view! { {plant} {site} }
        }).collect_view();
        view! {
            <svg class="site-map-drawing" viewBox=format!("0 0 {:.2} {:.2}", frame.width, frame.height)
                role="img" aria-label=move || format!("{} {}", t("Map of the sites in"), country())>
                {match outline_path {
                    Some(d) => view! { <path class="map-country" d=d /> }.into_any(),
                    // No outline (a country without one, or the single file opened from disk): its box.
                    None => {
                        let ((x0, y0), _) = frame.place(state.profile.with(|p| p.bounding_box.north), state.profile.with(|p| p.bounding_box.west));
                        let ((x1, y1), _) = frame.place(state.profile.with(|p| p.bounding_box.south), state.profile.with(|p| p.bounding_box.east));
                        view! { <rect class="map-country box" x=x0 y=y0 width=x1 - x0 height=y1 - y0 /> }.into_any()
                    }
                }}
                {points}
            </svg>
        }
    };

    let list = move || {
        sites
            .get()
            .into_iter()
            .map(|s| {
                let lies_text = match lies(s.site) {
                    Lies::Inside => String::new(),
                    Lies::Outside => format!(
                        " {}",
                        crate::i18n::t("outside the country: check its coordinates")
                    ),
                    Lies::NoPosition => format!(" {}", crate::i18n::t("no coordinates that read")),
                };
                let outside = lies(s.site) == Lies::Outside;
                let (select_id, focus_id, hover_id) = (s.id.clone(), s.id.clone(), s.id.clone());
                view! {
                    <li class:outside=outside>
                        <button type="button" class="link"
                            on:click=move |_| state.selected_site.set(Some(select_id.clone()))
                            on:focus=move |_| shown.set(Some(focus_id.clone()))
                            on:mouseenter=move |_| shown.set(Some(hover_id.clone()))
                            on:blur=move |_| shown.set(None)
                            on:mouseleave=move |_| shown.set(None)>{s.name.clone()}</button>
                        {lies_text}
                    </li>
                }
            })
            .collect_view()
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
                <ul class="site-map-list" aria-label=tx("Sites on the map")>{list}</ul>
            </div>
        </section>
    }
}
