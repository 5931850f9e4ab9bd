//! The site register on the sites step: the template and the sites as files (XLSX, CSV, GeoJSON),
//! and sites imported from a workbook (XLSX, ODS: a sheet the user picks), a CSV, GeoJSON, KML or
//! KMZ file, with a preview of what will
//! change and every problem by row before anything does, then append or replace, and undo.
//!
//! Loaded on demand (chunks.rs): its readers and writers (CSV, JSON, XML, zip) are not needed to
//! type sites in.

use crate::browser::{self, files};
use crate::i18n::{lang, t, tx};
use crate::state::use_state;
use leptos::prelude::*;
use mgl_domain::draft::Attachment;
use mgl_domain::format::fill;
use mgl_domain::message::counted;
use mgl_domain::register::{self, Format, Imported, Mode, RowProblem};
use mgl_domain::Site;
use std::sync::Arc;

/// A register file bigger than this is not sites (a site is a few hundred bytes).
const MAX_FILE_BYTES: f64 = 20.0 * 1024.0 * 1024.0;
/// Sites checked in one go before the page may handle input again (about 10 ms at 4x slowdown).
const CHECKED_AT_ONCE: usize = 50;
/// The problems the preview lists before "and N more": each is also shown at its field afterwards.
const PROBLEMS_SHOWN: usize = 200;

/// A file read, waiting for the user to add or replace.
struct Preview {
    file_name: String,
    imported: Imported,
    problems: Vec<RowProblem>,
}

/// A workbook of several sheets, read once: the sites are on the sheet the user picks.
#[derive(Clone)]
struct Workbook {
    file_name: String,
    bytes: Arc<Vec<u8>>,
    sheets: Vec<String>,
    sheet: usize,
}

/// What an import changed, to undo it: the draft's sites and site documents before.
#[derive(Clone)]
struct Before {
    sites: Vec<Site>,
    attachments: Vec<Attachment>,
    added: usize,
}

#[component]
pub fn RegisterPanel() -> impl IntoView {
    let state = use_state();
    let preview = RwSignal::new(None::<Arc<Preview>>);
    let error = RwSignal::new(None::<(String, String)>);
    let before = RwSignal::new(None::<Before>);
    // A workbook read: its bytes and sheets, for the user to pick another sheet than the first.
    let workbook = RwSignal::new(None::<Workbook>);

    // Each reading of a file or sheet, numbered: a reading overtaken by a newer one is dropped.
    let readings = StoredValue::new(0u32);
    // The file being read, said meanwhile (a large workbook takes a moment on a slow laptop).
    let reading = RwSignal::new(None::<String>);
    // Reads sheet `sheet` of the file into the preview (or says why it cannot be). The sites are
    // checked a part at a time, the page handling input and painting between parts.
    let show = move |file_name: String, bytes: Arc<Vec<u8>>, sheet: usize| {
        readings.update_value(|n| *n += 1);
        let this = readings.get_value();
        let current = move || readings.try_get_value() == Some(this);
        reading.set(Some(file_name.clone()));
        leptos::task::spawn_local(async move {
            // Painted before the reading holds the thread.
            browser::yield_to_page().await;
            let profile = state.profile.get_untracked();
            // A workbook is read a step at a time too (its rows a part at a time).
            let mut steps = register::Reading::new(&bytes, sheet);
            let read = loop {
                match steps.step(&profile) {
                    Ok(None) => {}
                    Ok(Some(imported)) => break Ok(imported),
                    Err(e) => break Err(e),
                }
                browser::yield_to_page().await;
                if !current() {
                    return;
                }
            };
            let imported = match read {
                Ok(imported) => imported,
                Err(e) => {
                    if current() {
                        reading.set(None);
                        preview.set(None);
                        error.set(Some((file_name, e.text().render(lang()))));
                    }
                    return;
                }
            };
            let mut problems = Vec::new();
            for start in (0..imported.sites.len()).step_by(CHECKED_AT_ONCE) {
                browser::yield_to_page().await;
                if !current() {
                    return;
                }
                let part = start..start + CHECKED_AT_ONCE;
                problems.extend(register::problems_of(
                    &imported,
                    part,
                    &profile,
                    state.today,
                ));
            }
            if current() {
                reading.set(None);
                error.set(None);
                preview.set(Some(Arc::new(Preview {
                    file_name,
                    imported,
                    problems,
                })));
            }
        });
    };

    let download = move |which: &'static str| {
        let (title, sites) = state
            .draft
            .with_untracked(|d| (d.title().to_owned(), d.sites.clone()));
        let profile = state.profile.get_untracked();
        let _ = match which {
            "template" => files::download_text(
                &files::safe_file_name(&t("sites template"), "csv"),
                "text/csv;charset=utf-8",
                &register::to_csv(&[], &profile, lang()),
            ),
            "csv" => files::download_text(
                &files::safe_file_name(&format!("{title} {}", t("sites")), "csv"),
                "text/csv;charset=utf-8",
                &register::to_csv(&sites, &profile, lang()),
            ),
            "template-xlsx" => files::download_bytes(
                &files::safe_file_name(&t("sites template"), "xlsx"),
                files::XLSX_TYPE,
                &register::to_xlsx(&[], &profile, lang()),
            ),
            "xlsx" => files::download_bytes(
                &files::safe_file_name(&format!("{title} {}", t("sites")), "xlsx"),
                files::XLSX_TYPE,
                &register::to_xlsx(&sites, &profile, lang()),
            ),
            _ => files::download_text(
                &files::safe_file_name(&format!("{title} {}", t("sites")), "geojson"),
                "application/geo+json",
                &register::to_geojson(&sites, &profile),
            ),
        };
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files::picked_file(&ev) else {
            return;
        };
        preview.set(None);
        error.set(None);
        workbook.set(None);
        let name = file.name();
        if file.size() > MAX_FILE_BYTES {
            error.set(Some((
                name,
                t("This file is too big to be a register of sites.").to_owned(),
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            // Headers are matched in the three languages: their catalogues, if not yet loaded (a
            // catalogue that cannot be had leaves its headers unmatched, and listed as such).
            for other in mgl_domain::Lang::ALL {
                let _ = crate::i18n::load(other).await;
            }
            let bytes = match files::read_bytes(&file).await {
                Ok(bytes) => bytes,
                Err(e) => {
                    error.try_set(Some((name, e)));
                    return;
                }
            };
            let bytes = Arc::new(bytes);
            if matches!(Format::of(&bytes), Format::Xlsx | Format::Ods) {
                let sheets = register::sheet_names(&bytes).unwrap_or_default();
                if sheets.len() > 1 {
                    workbook.set(Some(Workbook {
                        file_name: name.clone(),
                        bytes: bytes.clone(),
                        sheets,
                        sheet: 0,
                    }));
                }
            }
            show(name, bytes, 0);
        });
    };

    let pick_sheet = move |ev: leptos::ev::Event| {
        let Ok(sheet) = event_target_value(&ev).parse::<usize>() else {
            return;
        };
        let Some(mut book) = workbook.get_untracked() else {
            return;
        };
        book.sheet = sheet;
        show(book.file_name.clone(), book.bytes.clone(), sheet);
        workbook.set(Some(book));
    };

    let apply = move |mode: Mode| {
        let Some(shown) = preview.get_untracked() else {
            return;
        };
        preview.set(None);
        workbook.set(None);
        let imported = shown.imported.clone();
        let added = imported.sites.len();
        let mut first_new = None;
        state.edit(|d| {
            before.set(Some(Before {
                sites: d.sites.clone(),
                attachments: d.attachments.clone(),
                added,
            }));
            let keep = if mode == Mode::Append {
                d.sites.len()
            } else {
                0
            };
            register::apply(d, imported, mode);
            first_new = d.sites.get(keep).map(|s| s.id.clone());
        });
        state.selected_site.set(first_new);
    };

    let undo = move |_| {
        if let Some(Before {
            sites, attachments, ..
        }) = before.get_untracked()
        {
            state.edit(|d| {
                d.sites = sites;
                d.attachments = attachments;
            });
            state.selected_site.set(None);
            before.set(None);
        }
    };

    let draft_sites = move || state.draft.with(|d| d.sites.len());
    // A new application's empty first site is not kept before the imported ones.
    let kept_sites = move || state.draft.with(register::kept_on_append);

    view! {
        <section class="register" aria-labelledby="register-title">
            <h3 id="register-title">{tx("Sites from and to a spreadsheet")}</h3>
            <p class="help">{tx("Columns are matched by the form's labels in English, French or Portuguese, or by the draft's keys, in any order; columns the file does not have stay empty. Coordinates in decimal degrees (9.0765 or 9,0765) or in degrees, minutes and seconds (9°4'35\"N); yes and no as yes/no, oui/non or sim/não.")}</p>
            <div class="register-actions">
                <span class="register-label">{tx("Template:")}</span>
                <button type="button" class="secondary" on:click=move |_| download("template-xlsx")>{tx("Download the template (XLSX)")}</button>
                <button type="button" class="secondary" on:click=move |_| download("template")>{tx("Download the template (CSV)")}</button>
            </div>
            <div class="register-actions">
                <span class="register-label">{tx("This draft's sites:")}</span>
                <button type="button" class="secondary" disabled=move || draft_sites() == 0 on:click=move |_| download("xlsx")>{tx("Export the sites (XLSX)")}</button>
                <button type="button" class="secondary" disabled=move || draft_sites() == 0 on:click=move |_| download("csv")>{tx("Export the sites (CSV)")}</button>
                <button type="button" class="secondary" disabled=move || draft_sites() == 0 on:click=move |_| download("geojson")>{tx("Export the sites (GeoJSON)")}</button>
            </div>
            <div class="register-actions">
                <label class="file-button primary-button">
                    {tx("Import sites from a file (XLSX, ODS, CSV, GeoJSON, KML, KMZ)")}
                    <input type="file" accept=".xlsx,.ods,.csv,.txt,.geojson,.json,.kml,.kmz" on:change=on_file />
                </label>
            </div>
            {move || workbook.get().map(|book| view! {
                <label class="register-sheet">
                    {tx("Sheet with the sites:")} " "
                    <select on:change=pick_sheet>
                        {book.sheets.iter().enumerate().map(|(i, name)| view! {
                            <option value=i.to_string() selected=i == book.sheet>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                </label>
            })}
            {move || reading.get().map(|name| view! {
                <p class="help" role="status">{move || fill(&t("Reading {file}…"), &[("file", &name)])}</p>
            })}
            {move || error.get().map(|(name, e)| view! {
                <p class="message error" role="alert">{format!("{name}: {e}")}</p>
            })}
            {move || before.get().map(|b| view! {
                <div class="undo" role="status">
                    {move || counted("{n} site imported.", "{n} sites imported.", b.added as u64).render(lang())}
                    <button type="button" on:click=undo>{tx("Undo")}</button>
                </div>
            })}
            {move || preview.get().map(|shown| {
                let count = shown.imported.sites.len();
                let missing: Vec<String> = shown.imported.missing_names(&state.profile.get()).iter().map(|n| n.render(lang())).collect();
                let notes: Vec<String> = shown.imported.left_out().iter().map(|n| n.render(lang())).collect();
                let problems: Vec<String> = shown.problems.iter().take(PROBLEMS_SHOWN).map(|p| p.render(lang())).collect();
                let more = shown.problems.len().saturating_sub(PROBLEMS_SHOWN);
                let errors = shown.problems.iter().filter(|p| p.problem.severity == mgl_domain::Severity::Error).count();
                view! {
                    <div class="register-preview" role="region" aria-labelledby="register-preview-title">
                        <h4 id="register-preview-title">{format!("{}: {}", shown.file_name, counted("{n} site to import", "{n} sites to import", count as u64).render(lang()))}</h4>
                        {(!missing.is_empty()).then(|| view! {
                            <details class="register-missing">
                                <summary>{counted("{n} answer of the form is not in the file: it is left empty, to answer in the form.", "{n} answers of the form are not in the file: they are left empty, to answer in the form.", missing.len() as u64).render(lang())}</summary>
                                <p class="help">{missing.join(", ")}</p>
                            </details>
                        })}
                        {notes.into_iter().map(|n| view! { <p class="help">{n}</p> }).collect_view()}
                        {if problems.is_empty() {
                            view! { <p class="ok">{tx("No problem found in the file.")}</p> }.into_any()
                        } else {
                            view! {
                                <p>{counted("{n} answer to fix, shown here by row and at its field once imported:", "{n} answers to fix, shown here by row and at their fields once imported:", errors as u64).render(lang())}</p>
                                <ul class="register-problems">
                                    {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                                    {(more > 0).then(|| view! { <li>{counted("and {n} more", "and {n} more", more as u64).render(lang())}</li> })}
                                </ul>
                            }.into_any()
                        }}
                        <div class="register-actions">
                            <button type="button" class="primary" on:click=move |_| apply(Mode::Append)>
                                {move || match kept_sites() {
                                    0 => counted("Add {n} site", "Add {n} sites", count as u64).render(lang()),
                                    _ => counted("Add {n} site after the draft's", "Add {n} sites after the draft's", count as u64).render(lang()),
                                }}
                            </button>
                            {move || (kept_sites() > 0).then(|| view! {
                                <button type="button" class="danger" on:click=move |_| apply(Mode::Replace)>
                                    {move || counted("Replace the draft's {n} site", "Replace the draft's {n} sites", draft_sites() as u64).render(lang())}
                                </button>
                            })}
                            <button type="button" class="secondary" on:click=move |_| preview.set(None)>{tx("Cancel")}</button>
                        </div>
                        {move || state.draft.with(|d| d.attachments.iter().any(|a| !a.site_id.is_empty())).then(|| view! {
                            <p class="help">{tx("Replacing also removes the documents attached to the draft's sites; Undo puts them back.")}</p>
                        })}
                    </div>
                }
            })}
        </section>
    }
}
