//! The tariff as a workbook (4.1(2)(e), 4.7), on the tariff screen: saved with every result a live
//! formula of the entries (`mgl_domain::tariff_workbook`), and opened again after someone (the
//! Authority in a negotiation, a consultant) changed entries in Excel or LibreOffice. Nothing is
//! replaced before the user has seen what the workbook changes, and the entries that were on the
//! screen can be put back.

use crate::browser::files;
use crate::chunks::{self, NotLoaded, NOT_LOADED_MESSAGE};
use crate::i18n::{lang, t, tx};
use crate::state::use_state;
use leptos::prelude::*;
use mgl_domain::draft::TariffDraft;
use mgl_domain::message::{counted, text};
use mgl_domain::tariff::{TariffInput, TariffResults};
use mgl_domain::tariff_workbook::{changes, keeping_unused, read};
use mgl_domain::Lang;

/// Far above any tariff workbook (ours is some 30 KB): a bigger file is refused before it is read.
const MAX_WORKBOOK_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// A workbook read, waiting for the user to use its entries or not.
#[derive(Clone, Debug)]
pub struct Opened {
    file_name: String,
    /// Its entries as the screen's answers (`keeping_unused`: the split it does not use keeps
    /// the screen's).
    tariff: TariffDraft,
    /// Its currency.
    currency: String,
    /// What it changes against the screen's entries, in the user's words.
    changes: Vec<String>,
}

/// Reads a workbook against the screen's entries `current`: in the workbook's module
/// (`chunks::open_tariff_workbook`), loaded when a workbook is opened. The error in `lang`.
pub fn opened(bytes: &[u8], current: &TariffDraft, lang: Lang) -> Result<Opened, String> {
    let back = read(bytes).map_err(|why| why.render(lang))?;
    let changes = changes(current, &back.tariff)
        .iter()
        .map(|c| c.text().render(lang))
        .collect();
    Ok(Opened {
        file_name: String::new(),
        tariff: keeping_unused(current, back.tariff),
        currency: back.currency,
        changes,
    })
}

/// "Save as workbook (XLSX)": enabled once the tariff computes (a workbook holds results).
#[component]
pub fn SaveWorkbook(results: Memo<Option<(TariffInput, TariffResults)>>) -> impl IntoView {
    let state = use_state();
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let save = move |_| {
        let Some((input, results)) = results.get_untracked() else {
            return;
        };
        let title = state.draft.with_untracked(|d| d.title().to_owned());
        leptos::task::spawn_local(async move {
            match chunks::tariff_workbook(input, results, lang()).await {
                Ok(bytes) => {
                    error.try_set(None);
                    let _ = files::download_bytes(
                        &files::safe_file_name(&format!("{title} {}", t("tariff")), "xlsx"),
                        files::XLSX_TYPE,
                        &bytes,
                    );
                }
                Err(NotLoaded) => {
                    error.try_set(Some(t(NOT_LOADED_MESSAGE).to_owned()));
                }
            }
        });
    };
    view! {
        <button type="button" class="secondary" disabled=move || results.with(Option::is_none) on:click=save>
            {tx("Save as workbook (XLSX)")}
        </button>
        {move || error.get().map(|e| view! { <p class="message error" role="alert">{e}</p> })}
    }
}

/// "Open a tariff workbook": its entries read, what they change listed, then used or not.
#[component]
pub fn OpenWorkbook() -> impl IntoView {
    let state = use_state();
    let opened: RwSignal<Option<Opened>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    // The entries the screen had before a workbook's replaced them, to put back.
    let replaced: RwSignal<Option<TariffDraft>> = RwSignal::new(None);

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files::picked_file(&ev) else {
            return;
        };
        opened.set(None);
        error.set(None);
        let name = file.name();
        if file.size() > MAX_WORKBOOK_BYTES {
            error.set(Some(
                text("{file}: this file is too big to be a tariff workbook.")
                    .with("file", name)
                    .render(lang()),
            ));
            return;
        }
        leptos::task::spawn_local(async move {
            let said = |why: String| {
                text("{file}: {why}")
                    .with("file", name.clone())
                    .with("why", why)
            };
            let bytes = match files::read_bytes(&file).await {
                Ok(bytes) => bytes,
                Err(e) => {
                    error.try_set(Some(said(e).render(lang())));
                    return;
                }
            };
            let current = state
                .draft
                .with_untracked(|d| d.tariff.clone().unwrap_or_default());
            let book = match chunks::open_tariff_workbook(bytes, current, lang()).await {
                Ok(Ok(book)) => book,
                Ok(Err(why)) => {
                    error.try_set(Some(said(why).render(lang())));
                    return;
                }
                Err(NotLoaded) => {
                    error.try_set(Some(said(t(NOT_LOADED_MESSAGE).to_owned()).render(lang())));
                    return;
                }
            };
            opened.try_set(Some(Opened {
                file_name: name.clone(),
                ..book
            }));
        });
    };

    let use_entries = move |_| {
        let Some(book) = opened.get_untracked() else {
            return;
        };
        let before = state.draft.with_untracked(|d| d.tariff.clone());
        replaced.set(before);
        state.edit(move |d| d.tariff = Some(book.tariff));
        opened.set(None);
    };
    let put_back = move |_| {
        if let Some(before) = replaced.get_untracked() {
            state.edit(move |d| d.tariff = Some(before));
        }
        replaced.set(None);
    };

    view! {
        <div class="tariff-workbook">
            <p class="note">{tx("A tariff workbook saved here (or by mgl) can be opened again after entries were changed in Excel or LibreOffice: you see what it changes before its entries are used.")}</p>
            <label class="file-button">
                {tx("Open a tariff workbook (XLSX)")}
                <input type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" on:change=on_file />
            </label>
            {move || error.get().map(|e| view! { <p class="message error" role="alert">{e}</p> })}
            {move || opened.get().map(|book| {
                let n = book.changes.len() as u64;
                let heading = if n == 0 {
                    text("“{file}” holds the same entries as this screen.").with("file", book.file_name.clone())
                } else {
                    counted("“{file}” changes {n} entry:", "“{file}” changes {n} entries:", n).with("file", book.file_name.clone())
                };
                view! {
                    <div class="workbook-preview" role="region" aria-label=t("What the workbook changes")>
                        <p>{heading.render(lang())}</p>
                        {(book.currency != state.profile.with_untracked(|p| p.currency.clone())).then(|| book.currency.clone()).map(|c| view! {
                            <p class="message warning">{text("Its amounts are in {theirs}; this application's are in {ours}: check them before you use them.")
                                .with("theirs", c).with("ours", state.profile.with_untracked(|p| p.currency.clone())).render(lang())}</p>
                        })}
                        <ul class="workbook-changes">{book.changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                        <div class="actions">
                            <button type="button" class="primary" disabled=n == 0 on:click=use_entries>{tx("Use the workbook's entries")}</button>
                            <button type="button" class="secondary" on:click=move |_| opened.set(None)>{tx("Cancel")}</button>
                        </div>
                    </div>
                }
            })}
            {move || replaced.get().is_some().then(|| view! {
                <p class="workbook-in-use" role="status">
                    {tx("The workbook's entries are in use.")} " "
                    <button type="button" class="link" on:click=put_back>{tx("Put back the entries as they were")}</button>
                </p>
            })}
        </div>
    }
}
