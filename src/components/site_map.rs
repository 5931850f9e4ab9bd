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
use mgl_domain::outline::{position, Frame, Mark};
use mgl_domain::printout::esc;
use wasm_bindgen::JsCast;

/// Where a site lies, as the list says it.
#[derive(Clone, Copy, PartialEq)]
enum Lies {
    Inside,
    Outside,
    NoPosition,
}

/// A site's marks on the map, in its drawing's units.
#[derive(Clone, PartialEq)]
struct Spot {
    id: String,
    site: Option<(f64, f64)>,
    plant: Option<(f64, f64)>,
    outside: bool,
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

    // Where each site's and plant's mark is drawn, for the marks and for finding the site under
    // the pointer.
    let spots = Memo::new(move |_| {
        let frame = frame.get();
        placed.with(|placed| {
            placed
                .iter()
                .map(|(s, at)| Spot {
                    id: s.id.clone(),
                    site: s.site.map(|(lat, lon)| frame.place(lat, lon).0),
                    plant: s.plant.map(|(lat, lon)| frame.place(lat, lon).0),
                    outside: *at == Lies::Outside,
                })
                .collect::<Vec<_>>()
        })
    });
    // The marks as three paths (plants, sites, sites outside), each holding its number of points
    // (`data-points`), made again only when the sites change.
    let marks = move || {
        let frame = frame.get();
        spots.with(|spots| {
            let plants: Vec<_> = spots.iter().filter_map(|s| s.plant).collect();
            let (outside, inside): (Vec<_>, Vec<_>) = spots
                .iter()
                .filter_map(|s| Some((s.site?, s.outside)))
                .partition(|(_, outside)| *outside);
            let centres =
                |of: Vec<((f64, f64), bool)>| of.into_iter().map(|(c, _)| c).collect::<Vec<_>>();
            [
                ("map-plant", plants),
                ("map-site", centres(inside)),
                ("map-site outside", centres(outside)),
            ]
            .into_iter()
            .filter(|(_, at)| !at.is_empty())
            .map(|(class, at)| {
                let shape = if class == "map-plant" {
                    Mark::Square
                } else {
                    Mark::Circle
                };
                format!(
                    "<path class=\"{class}\" data-points=\"{}\" d=\"{}\"/>",
                    at.len(),
                    frame.marks(&at, shape)
                )
            })
            .collect::<String>()
        })
    };
    // The name of the site hovered or focused in the list, beside its point.
    let label = move || {
        let id = shown()?;
        let r = frame.get().mark_radius();
        let (x, y) = spots.with(|s| s.iter().find(|s| s.id == id)?.site)?;
        let name = placed.with(|p| {
            p.iter()
                .find(|(s, _)| s.id == id)
                .map(|(s, _)| s.name.clone())
        })?;
        Some(view! {
            <g class="map-label">
                <circle cx=x cy=y r=r * 1.4 />
                <text x=x + r * 1.8 y=y + r * 0.6 font-size=r * 3.0>{name}</text>
            </g>
        })
    };
    // The site whose mark (its own or its plant's) is nearest the pointer, within twice a mark's
    // radius: the marks are one path, so the pointer's place is read from the drawing's box.
    let site_under = move |ev: &leptos::ev::MouseEvent| -> Option<String> {
        let drawing: web_sys::Element = ev.current_target()?.dyn_into().ok()?;
        let frame = frame.get_untracked();
        let bounds = drawing.get_bounding_client_rect();
        let scale = (bounds.width() / frame.width).min(bounds.height() / frame.height);
        // The viewBox is centred in the element (preserveAspectRatio's default).
        let x =
            (ev.client_x() as f64 - bounds.left() - (bounds.width() - frame.width * scale) / 2.0)
                / scale;
        let y =
            (ev.client_y() as f64 - bounds.top() - (bounds.height() - frame.height * scale) / 2.0)
                / scale;
        let reach = 2.0 * frame.mark_radius();
        spots.with_untracked(|spots| {
            spots
                .iter()
                .flat_map(|s| {
                    [s.site, s.plant]
                        .into_iter()
                        .flatten()
                        .map(move |at| (s, at))
                })
                .map(|(s, (sx, sy))| (s, (sx - x).hypot(sy - y)))
                .filter(|(_, distance)| *distance <= reach)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(s, _)| s.id.clone())
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
                role="img" aria-label=move || format!("{} {}", t("Map of the sites in"), country())
                on:mousemove=move |ev| {
                    let under = site_under(&ev);
                    if hovered.with_untracked(|h| *h != under) {
                        hovered.set(under);
                    }
                }
                on:mouseleave=move |_| hovered.set(None)>
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
                <g inner_html=marks />
                {label}
            </svg>
        }
    };

    // The list as markup, its buttons handled by the list (by their data-site), not one handler
    // each. It is put in after the map has been drawn, a part per task: 500 items are a quarter of
    // a second of a slow laptop's layout, which would otherwise hold the map back, and the page
    // with it (bench/map.mjs).
    let list = NodeRef::<leptos::html::Ul>::new();
    let filling = StoredValue::new(0u32);
    Effect::new(move |_| {
        let outside_words = t("outside the country: check its coordinates");
        let no_position_words = t("no coordinates that read");
        let items: Vec<String> = placed.with(|placed| {
            placed
                .iter()
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
                .collect()
        });
        let Some(ul) = list.get() else { return };
        // A newer list replaces one still being put in.
        filling.update_value(|n| *n += 1);
        let this = filling.get_value();
        ul.set_inner_html("");
        fill_list(ul.into(), items, this, filling);
    });
    view! {
        <section class="site-map" aria-labelledby="site-map-title">
            <h3 id="site-map-title">{tx("Map of the sites")}</h3>
            <p class="help">{move || {
                let _ = lang();
                t("Each site is a circle, its power plant a square; a site outside the country is red. Pick a site in the list to open its answers.")
            }}</p>
            <div class="site-map-body">
                {drawing}
                <ul class="site-map-list" aria-label=tx("Sites on the map") node_ref=list
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

/// Items put in the list per task: about 30 ms of layout at 4x CPU.
const ITEMS_PER_STEP: usize = 50;

/// Puts `items` into `list` a step at a time, each after the page has painted (the map first,
/// then each part, with the user's input handled between them), while `filling` still says `this`
/// (the map open, its sites unchanged). Not in idle time: a page kept busy would never fill it.
fn fill_list(list: web_sys::Element, mut items: Vec<String>, this: u32, filling: StoredValue<u32>) {
    request_animation_frame(move || {
        set_timeout(
            move || {
                if filling.try_get_value() != Some(this) {
                    return;
                }
                let rest = items.split_off(items.len().min(ITEMS_PER_STEP));
                let _ = list.insert_adjacent_html("beforeend", &items.concat());
                if !rest.is_empty() {
                    fill_list(list, rest, this, filling);
                }
            },
            std::time::Duration::ZERO,
        )
    });
}
