//! The documents the application needs (Section 4.1): a matrix with one row per requirement and one
//! column for the company and one per site, then each scope's list with the reason for every item.
//! It follows the answers as they change (legal status, loan capital, connection, permits).

use crate::i18n::{lang, t};
use crate::state::use_state;
use leptos::prelude::*;
use mgl_domain::checklist::{checklist, Item, Level, Need, REQUIREMENTS};

fn need_text(need: Need) -> &'static str {
    match need {
        Need::Required => t("Required"),
        Need::OnRequest => t("On request"),
        Need::NotApplicable => t("Not applicable"),
        Need::Undecided => t("To decide"),
    }
}

fn need_class(need: Need) -> &'static str {
    match need {
        Need::Required => "need need-required",
        Need::OnRequest => "need need-on-request",
        Need::NotApplicable => "need need-not-applicable",
        Need::Undecided => "need need-undecided",
    }
}

#[component]
pub fn Documents() -> impl IntoView {
    let state = use_state();
    let items = Memo::new(move |_| state.draft.with(|d| checklist(d, lang())));
    let sites = Memo::new(move |_| {
        state.draft.with(|d| {
            d.sites
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let name = s.name.trim();
                    let name = if name.is_empty() {
                        format!("{} {}", t("Site"), i + 1)
                    } else {
                        name.to_owned()
                    };
                    (s.id.clone(), name)
                })
                .collect::<Vec<_>>()
        })
    });
    let count = move |need: Need| items.with(|i| i.iter().filter(|i| i.need == need).count());
    let cell = move |code: &'static str, site_id: Option<String>| {
        items.with(|items| {
            items.iter().find(|i| i.requirement.code == code && i.site_id == site_id).map(|item: &Item| {
                view! { <td class=need_class(item.need) title=item.reason.clone()>{need_text(item.need)}</td> }
            })
        })
    };
    let matrix_rows = move || {
        let site_ids: Vec<String> = sites.with(|s| s.iter().map(|(id, _)| id.clone()).collect());
        REQUIREMENTS
            .iter()
            .map(|r| {
                let company = if r.level == Level::Company {
                    cell(r.code, None).into_any()
                } else {
                    view! { <td class="need need-none"></td> }.into_any()
                };
                let per_site = site_ids
                    .iter()
                    .map(|id| {
                        if r.level == Level::Site {
                            cell(r.code, Some(id.clone())).into_any()
                        } else {
                            view! { <td class="need need-none"></td> }.into_any()
                        }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{t(r.title)} <span class="section">{r.section}</span></th>
                        {company}
                        {per_site}
                    </tr>
                }
            })
            .collect_view()
    };
    let scope_list = move |site_id: Option<String>| {
        items.with(|items| {
            items
                .iter()
                .filter(|i| i.site_id == site_id)
                .map(|i| {
                    view! {
                        <li class=need_class(i.need)>
                            <strong>{t(i.requirement.title)}</strong> " (" {i.requirement.section} "): "
                            <span class="need-label">{need_text(i.need)}</span> ". " {i.reason.clone()}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="documents" aria-labelledby="documents-title">
            <h2 id="documents-title"><span class="section">{t("Section 4.1")}</span>{t("Documents to attach")}</h2>
            <p class="lead" data-testid="documents-count">
                {move || format!("{} {}", count(Need::Required), t("documents are required for this application."))}
                {move || match count(Need::Undecided) {
                    0 => String::new(),
                    n => format!(" {n} {}", t("more depend on answers not given yet.")),
                }}
            </p>
            <p class="help">{t("Gather them as PDF, JPEG or PNG files; maps also as GeoJSON, KML or KMZ; plans and the tariff tool also as DOCX, XLSX, ODT or ODS. Attaching them in the app is not available yet: this list tells you what to prepare, and why.")}</p>
            <div class="matrix-scroll">
                <table class="document-matrix">
                    <thead><tr>
                        <th scope="col">{t("Document")}</th>
                        <th scope="col">{t("Company")}</th>
                        {move || sites.get().into_iter().map(|(_, name)| view! { <th scope="col">{name}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>{matrix_rows}</tbody>
                </table>
            </div>
            <h3>{t("Company")}</h3>
            <ul class="document-list">{move || scope_list(None)}</ul>
            {move || sites.get().into_iter().map(|(id, name)| view! {
                <h3>{name}</h3>
                <ul class="document-list">{scope_list(Some(id))}</ul>
            }).collect_view()}
        </section>
    }
}
