//! The documents of Section 4.1: a completeness matrix (one row per requirement, a column for the
//! company and one per site, each cell a link to its item), then each scope's items with the reason
//! they apply, their files, and the way to attach, drop, reuse or remove files. Files are checked when
//! attached (empty, too large, wrong type by content), hashed in chunks with progress, and kept on the
//! device in IndexedDB.

use crate::browser::{clock, file_store, files};
use crate::i18n::{lang, t, tx};
use crate::state::{use_state, AppState};
use leptos::prelude::*;
use mgl_domain::attachments::{self, accepted_labels, accepted_types};
use mgl_domain::checklist::{checklist, requirement, Item, Level, Need, REQUIREMENTS};
use mgl_domain::draft::FileRecord;
use mgl_domain::drawing::{self, Drawing, NETWORK_DRAWING};
use mgl_domain::format::{fill, format_size};
use mgl_domain::message::counted;

use mgl_domain::Severity;
use std::collections::{HashMap, HashSet};
use wasm_bindgen::JsCast;

/// Messages shown at an item after an attempt to attach, keyed by `item_key`.
type ItemMessages = HashMap<String, Vec<(Severity, String)>>;

fn item_key(site_id: Option<&str>, code: &str) -> String {
    format!("{}-{code}", site_id.unwrap_or("company"))
}

fn need_text(need: Need) -> &'static str {
    match need {
        Need::Required => t("Required"),
        Need::OnRequest => t("On request"),
        Need::NotApplicable => t("Not applicable"),
        Need::Undecided => t("To decide"),
    }
}

/// Checks, hashes, stores and attaches the files the user picked or dropped, one after the other.
/// `replaces`: the hash of a file this one replaces, removed once the new file is attached (so a
/// refused replacement leaves the old file in place).
fn attach_files(
    code: &'static str,
    site_id: Option<String>,
    files: Vec<web_sys::File>,
    busy: RwSignal<Option<(String, f64)>>,
    messages: RwSignal<ItemMessages>,
    replaces: Option<String>,
) {
    let state = use_state();
    let key = item_key(site_id.as_deref(), code);
    messages.update(|m| {
        m.remove(&key);
    });
    leptos::task::spawn_local(async move {
        let say = |severity, text: String| {
            messages.try_update(|m| m.entry(key.clone()).or_default().push((severity, text)));
        };
        let Some(requirement) = requirement(code) else {
            return;
        };
        let profile = state.profile.get_untracked();
        for file in files {
            let name = file.name();
            let fail = |text: String| {
                say(
                    Severity::Error,
                    format!("{name}: {}", crate::i18n::translated(&text)),
                )
            };
            let head = match file_store::head(&file).await {
                Ok(head) => head,
                Err(e) => {
                    fail(e);
                    continue;
                }
            };
            let file_type =
                match attachments::check_file(requirement, file.size() as u64, &head, &profile) {
                    Ok(file_type) => file_type,
                    Err(e) => {
                        fail(e.render(lang()));
                        continue;
                    }
                };
            busy.try_set(Some((name.clone(), 0.0)));
            let hashed =
                file_store::sha256(&file, |done| _ = busy.try_set(Some((name.clone(), done))))
                    .await;
            let stored = match hashed {
                Ok(sha) => file_store::put(&sha, &file).await.map(|_| sha),
                Err(e) => Err(e),
            };
            busy.try_set(None);
            let sha256 = match stored {
                Ok(sha) => sha,
                Err(e) => {
                    fail(e);
                    continue;
                }
            };
            let new_sha = sha256.clone();
            let record = FileRecord {
                sha256,
                name: name.clone(),
                size: file.size() as u64,
                file_type: Some(file_type),
                added_ms: clock::now_ms(),
            };
            let mut warnings = Vec::new();
            state.edit(|d| {
                warnings = attachments::attach(d, code, site_id.as_deref(), record, &profile)
            });
            for w in warnings {
                say(Severity::Warning, format!("{name}: {}", w.render(lang())));
            }
            if let Some(old) = replaces.as_ref().filter(|old| **old != new_sha) {
                remove_file(state, code, site_id.clone(), old.clone());
            }
        }
        state.storage_changed.update(|n| *n += 1);
    });
}

/// Removes a file from an item; its bytes leave the device when no draft uses them any more.
/// Takes the state as an argument: it is also called from inside async work, where the reactive
/// context (`use_state`) is no longer reachable.
fn remove_file(state: AppState, code: &'static str, site_id: Option<String>, sha256: String) {
    let mut unused = false;
    state.edit(|d| unused = attachments::detach(d, code, site_id.as_deref(), &sha256));
    if unused {
        state.save_now();
        leptos::task::spawn_local(async move {
            // After the draft's write just started: the list it reads no longer has the file here.
            crate::browser::storage::delete_unused_files(
                vec![sha256],
                mgl_domain::Draft::from_json,
            )
            .await;
            state.storage_changed.try_update(|n| *n += 1);
        });
    }
}

/// Offers an attached file back to the user (to check it), from the device's storage.
fn open_file(record: FileRecord) {
    leptos::task::spawn_local(async move {
        if let Ok(Some(blob)) = file_store::get(&record.sha256).await {
            let _ = files::download_blob(&record.name, &blob);
        }
    });
}

/// A whole percentage (an integer: formatting an `f64` would pull float printing into the wasm).
fn percent(fraction: f64) -> u32 {
    (fraction.clamp(0.0, 1.0) * 100.0).round() as u32
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
                    (
                        s.id.clone(),
                        if name.is_empty() {
                            format!("{} {}", t("Site"), i + 1)
                        } else {
                            name.to_owned()
                        },
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let completeness = Memo::new(move |_| state.draft.with(attachments::completeness));
    let busy = RwSignal::new(None::<(String, f64)>);
    let messages = RwSignal::new(ItemMessages::new());
    // Files listed in the draft but not on this device (a draft opened from a file on another laptop).
    let absent = RwSignal::new(HashSet::<String>::new());
    Effect::new(move |_| {
        let hashes: Vec<String> = state
            .draft
            .with(|d| d.files.iter().map(|f| f.sha256.clone()).collect());
        leptos::task::spawn_local(async move {
            let missing = file_store::absent(hashes).await;
            // The page may be gone by now (the user moved on): then there is nothing to update.
            if absent.try_with_untracked(|a| *a != missing) == Some(true) {
                absent.try_set(missing);
            }
        });
    });
    let storage = LocalResource::new(move || {
        state.storage_changed.track();
        file_store::estimate()
    });

    let status_of = move |code: &'static str, site_id: Option<String>| {
        let need = items.with(|i| {
            i.iter()
                .find(|i| i.requirement.code == code && i.site_id == site_id)
                .map(|i| i.need)
        });
        let count = state
            .draft
            .with(|d| attachments::attached(d, code, site_id.as_deref()).len());
        (need, count)
    };
    let matrix_rows = move || {
        let site_ids: Vec<String> = sites.with(|s| s.iter().map(|(id, _)| id.clone()).collect());
        REQUIREMENTS
            .iter()
            .map(|r| {
                let cell = move |site_id: Option<String>| {
                    let applies = (r.level() == Level::Company) == site_id.is_none();
                    if !applies {
                        return view! { <td class="need need-none"></td> }.into_any();
                    }
                    let key = item_key(site_id.as_deref(), r.code);
                    let status = move || {
                        let (need, count) = status_of(r.code, site_id.clone());
                        match (need, count) {
                            (_, n) if n > 0 => ("need attached", format!("{} ({n})", t("Attached"))),
                            (Some(Need::Required), _) => ("need need-required", t("Missing").to_owned()),
                            (Some(need), _) => (if need == Need::Undecided { "need need-undecided" } else { "need need-not-applicable" }, need_text(need).to_owned()),
                            (None, _) => ("need", String::new()),
                        }
                    };
                    let status = Memo::new(move |_| status());
                    // Items that do not apply have no entry below to go to: plain text.
                    let linked = Memo::new(move |_| !status.with(|s| s.0.ends_with("not-applicable")));
                    view! {
                        <td class=move || status.get().0>
                            {move || if linked.get() {
                                let key = key.clone();
                                view! {
                                    <a href=format!("#doc-{key}") on:click=move |ev| {
                                        ev.prevent_default();
                                        crate::components::step_summary::focus_field(format!("attach-{key}"));
                                    }>{move || status.get().1}</a>
                                }.into_any()
                            } else {
                                view! { <span>{move || status.get().1}</span> }.into_any()
                            }}
                        </td>
                    }
                    .into_any()
                };
                view! {
                    <tr>
                        <th scope="row">{tx(r.title)} <span class="section">{section_ref(r.section)}</span></th>
                        {cell(None)}
                        {site_ids.iter().map(|id| cell(Some(id.clone()))).collect_view()}
                    </tr>
                }
            })
            .collect_view()
    };

    let scope_items = move |site_id: Option<String>| {
        let codes: Vec<&'static str> = items.with(|items| {
            items
                .iter()
                .filter(|i| i.site_id == site_id && i.need != Need::NotApplicable)
                .map(|i| i.requirement.code)
                .collect()
        });
        codes.into_iter().map(|code| view! { <DocumentItem code=code site_id=site_id.clone() items=items busy=busy messages=messages absent=absent /> }).collect_view()
    };
    let codes_key = Memo::new(move |_| {
        items.with(|i| {
            i.iter()
                .map(|i| {
                    (
                        i.requirement.code,
                        i.site_id.clone(),
                        i.need == Need::NotApplicable,
                    )
                })
                .collect::<Vec<_>>()
        })
    });

    view! {
        <section class="documents" aria-labelledby="documents-title">
            <h2 id="documents-title"><span class="section">{tx("Section 4.1")}</span>{tx("Documents to attach")}</h2>
            <p class="lead" data-testid="documents-count">
                {move || { let c = completeness.get(); format!("{} {} {} {}", c.attached, t("of"), c.required, t("required documents attached.")) }}
                {move || match items.with(|i| i.iter().filter(|i| i.need == Need::Undecided).count()) {
                    0 => String::new(),
                    n => format!(" {}", counted("{n} more depends on an answer not given yet.", "{n} more depend on answers not given yet.", n as u64).render(lang())),
                }}
            </p>
            <p class="storage" data-testid="storage">
                {move || state.draft.with(|d| counted("Attachments of this application: {size} in {n} file.", "Attachments of this application: {size} in {n} files.", d.files.len() as u64).with("size", format_size(attachments::total_bytes(d), lang())).render(lang()))}
                " "
                {move || storage.get().flatten().map(|(used, quota)| fill(t("The app uses {used} of the {quota} this browser allows on this device."), &[("used", &format_size(used as u64, lang())), ("quota", &format_size(quota as u64, lang()))]))}
            </p>
            {move || busy.get().map(|(name, done)| view! {
                <p class="busy" role="status">
                    {move || fill(t("Checking and storing {name}…"), &[("name", &name)])} " "
                    <progress max="100" value=percent(done)></progress> " " {format!("{}%", percent(done))}
                </p>
            })}
            <div class="table-scroll">
                <table class="document-matrix">
                    <thead><tr>
                        <th scope="col">{tx("Document")}</th>
                        <th scope="col">{tx("Company")}</th>
                        {move || sites.get().into_iter().map(|(_, name)| view! { <th scope="col">{name}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>{move || { sites.track(); matrix_rows() }}</tbody>
                </table>
            </div>
            {move || { codes_key.track(); view! {
                <section class="doc-scope"><h3>{tx("Company")}</h3>{scope_items(None)}</section>
                {sites.get().into_iter().map(|(id, name)| view! {
                    <section class="doc-scope"><h3>{name}</h3>{scope_items(Some(id))}</section>
                }).collect_view()}
            }}}
        </section>
    }
}

#[component]
fn DocumentItem(
    code: &'static str,
    site_id: Option<String>,
    items: Memo<Vec<Item>>,
    busy: RwSignal<Option<(String, f64)>>,
    messages: RwSignal<ItemMessages>,
    absent: RwSignal<HashSet<String>>,
) -> impl IntoView {
    let state = use_state();
    let requirement = requirement(code).expect("known requirement");
    let key = item_key(site_id.as_deref(), code);
    let (sid1, sid2, sid3, sid4) = (site_id.clone(), site_id.clone(), site_id.clone(), site_id);
    let item = Memo::new(move |_| {
        items.with(|i| {
            i.iter()
                .find(|i| i.requirement.code == code && i.site_id == sid1)
                .map(|i| (i.need, i.reason.clone()))
        })
    });
    let files = Memo::new(move |_| {
        state.draft.with(|d| {
            attachments::attached(d, code, sid2.as_deref())
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    // Files of this draft attached elsewhere, offered for reuse.
    let reusable = Memo::new(move |_| {
        let here: HashSet<String> = files.with(|f| f.iter().map(|f| f.sha256.clone()).collect());
        state.draft.with(|d| {
            d.files
                .iter()
                .filter(|f| !here.contains(&f.sha256))
                .filter(|f| {
                    f.file_type
                        .is_some_and(|t| accepted_types(requirement.accepts).contains(&t))
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let accept = accepted_types(requirement.accepts)
        .iter()
        .flat_map(|t| t.extensions().iter().copied().chain([t.media_type()]))
        .collect::<Vec<_>>()
        .join(",");
    let accept_list = accept.clone();
    let on_pick = {
        let sid = sid3.clone();
        move |ev: leptos::ev::Event| {
            let input: web_sys::HtmlInputElement = ev.target().expect("input").unchecked_into();
            let picked: Vec<web_sys::File> = input
                .files()
                .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
                .unwrap_or_default();
            input.set_value("");
            attach_files(code, sid.clone(), picked, busy, messages, None);
        }
    };
    let on_drop = {
        let sid = sid3.clone();
        move |ev: leptos::ev::DragEvent| {
            ev.prevent_default();
            let dropped: Vec<web_sys::File> = ev
                .data_transfer()
                .and_then(|dt| dt.files())
                .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
                .unwrap_or_default();
            attach_files(code, sid.clone(), dropped, busy, messages, None);
        }
    };
    let on_reuse = move |ev: leptos::ev::Event| {
        let select: web_sys::HtmlSelectElement = ev.target().expect("select").unchecked_into();
        let sha = select.value();
        select.set_value("");
        let record = state
            .draft
            .with_untracked(|d| d.files.iter().find(|f| f.sha256 == sha).cloned());
        if let Some(record) = record {
            let profile = state.profile.get_untracked();
            let mut warnings = Vec::new();
            state.edit(|d| {
                warnings = attachments::attach(d, code, sid4.as_deref(), record, &profile)
            });
            let key = item_key(sid4.as_deref(), code);
            messages.update(|m| {
                m.insert(
                    key,
                    warnings
                        .iter()
                        .map(|w| (Severity::Warning, w.render(lang())))
                        .collect(),
                );
            });
        }
    };
    let item_messages = {
        let key = key.clone();
        move || messages.with(|m| m.get(&key).cloned().unwrap_or_default())
    };
    let (input_id, label_for) = (format!("attach-{key}"), format!("attach-{key}"));
    view! {
        <div class="doc-item" id=format!("doc-{key}") on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <h4>{tx(requirement.title)} " " <span class="section">{section_ref(requirement.section)}</span></h4>
            <p class="reason">
                <span class=move || format!("need-label {}", if item.with(|i| i.as_ref().is_some_and(|i| i.0 == Need::Required)) { "need-required" } else { "" })>
                    {move || item.with(|i| i.as_ref().map(|i| need_text(i.0)).unwrap_or_default())}
                </span>
                ". " {move || item.with(|i| i.as_ref().map(|i| i.1.clone()).unwrap_or_default())}
            </p>
            {(code == "tariff-tool").then(|| view! {
                <p class="filled-by-app">
                    {move || if state.draft.with(|d| attachments::filled_by_app(d, code)) { t("Filled in by the app's tariff calculation.") } else { t("Not yet computed in the app's tariff calculation.") }}
                    " " <button type="button" class="link" on:click=move |_| state.go(crate::state::Screen::Tariff)>{tx("Open the tariff calculation")}</button>
                </p>
            })}
            <ul class="doc-files">
                {move || files.get().into_iter().map(|f| {
                    let (open, remove, replaced) = (f.clone(), f.sha256.clone(), f.sha256.clone());
                    let (sid, replace_sid) = (sid3.clone(), sid3.clone());
                    let on_replace = move |ev: leptos::ev::Event| {
                        let input: web_sys::HtmlInputElement = ev.target().expect("input").unchecked_into();
                        let picked: Vec<web_sys::File> = input.files().and_then(|list| list.get(0)).into_iter().collect();
                        input.set_value("");
                        attach_files(code, replace_sid.clone(), picked, busy, messages, Some(replaced.clone()));
                    };
                    let missing = { let sha = f.sha256.clone(); move || absent.with(|a| a.contains(&sha)) };
                    view! {
                        <li>
                            <span class="file-name">{f.name.clone()}</span>
                            <span class="file-meta">
                                {let size = f.size; move || format_size(size, lang())} " · " {f.file_type.map(|t| t.label()).unwrap_or("?")} " · " <code title=f.sha256.clone()>{f.short_hash().to_owned()}</code>
                            </span>
                            {move || missing().then(|| view! { <span class="message warning">{tx("Not on this device: attach it again.")}</span> })}
                            {(code == NETWORK_DRAWING).then(|| sid3.clone()).flatten().map(|site_id| view! { <DrawingCheck file=f.clone() site_id /> })}
                            <button type="button" class="secondary" on:click=move |_| open_file(open.clone())>{tx("Open")}</button>
                            <label class="file-button">
                                {tx("Replace")}
                                <input type="file" accept=accept_list.clone() aria-label=format!("{} {}", t("Replace:"), f.name) on:change=on_replace />
                            </label>
                            <button type="button" class="danger" aria-label=format!("{} {}", t("Remove:"), f.name) on:click=move |_| remove_file(state, code, sid.clone(), remove.clone())>{tx("Remove")}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || item_messages().into_iter().map(|(severity, text)| view! {
                <p class=if severity == Severity::Error { "message error" } else { "message warning" } role="alert">{text}</p>
            }).collect_view()}
            <div class="doc-actions">
                <label class="file-button" for=label_for>
                    {tx("Attach files")}
                    <input type="file" id=input_id multiple=true accept=accept on:change=on_pick
                        disabled=move || busy.with(Option::is_some) />
                </label>
                <span class="help">{move || fill(t("or drop them here. {types}, at most {max} each."), &[("types", &accepted_labels(requirement.accepts, lang())), ("max", &format_size(state.profile.with_untracked(|p| p.max_file_bytes()), lang()))])}</span>
                <Show when=move || reusable.with(|r| !r.is_empty())>
                    <select class="reuse" aria-label=tx("Use a file already attached") on:change=on_reuse.clone()>
                        <option value="">{tx("Use a file already attached…")}</option>
                        {move || reusable.get().into_iter().map(|f| view! { <option value=f.sha256.clone()>{format!("{} ({})", f.name, format_size(f.size, lang()))}</option> }).collect_view()}
                    </select>
                </Show>
            </div>
        </div>
    }
}

thread_local! {
    /// Each geographic drawing read, by its SHA-256 (its bytes never change): read once per page.
    static DRAWINGS: std::cell::RefCell<HashMap<String, Result<Drawing, mgl_domain::message::Text>>> = Default::default();
}

/// Whether a site's network drawing (GeoJSON, KML, KMZ) comes near the site's coordinates, said at
/// the file as the coordinates change; nothing for a PDF or an image, which have no coordinates.
#[component]
fn DrawingCheck(file: FileRecord, site_id: String) -> impl IntoView {
    let state = use_state();
    let file_type = file.file_type.filter(|t| Drawing::has_geometry(*t))?;
    let sha = file.sha256.clone();
    let read = RwSignal::new(DRAWINGS.with_borrow(|d| d.get(&sha).cloned()));
    if read.with_untracked(Option::is_none) {
        leptos::task::spawn_local(async move {
            let bytes = match file_store::get(&sha).await {
                Ok(Some(blob)) => file_store::read_slice(&blob, 0.0, blob.size()).await,
                // Not on this device: the item says so already.
                Ok(None) => return,
                Err(e) => Err(e),
            };
            let result = match bytes {
                Ok(bytes) => Drawing::read(&bytes, file_type)
                    .unwrap_or_else(|| Ok(Drawing::default()))
                    .map_err(|e| drawing::unreadable(&e)),
                Err(_) => return,
            };
            DRAWINGS.with_borrow_mut(|d| d.insert(sha, result.clone()));
            let _ = read.try_set(Some(result));
        });
    }
    let said = move || {
        let text = read.with(|read| match read.as_ref()? {
            Err(why) => Some(why.render(lang())),
            Ok(drawing) => state.draft.with(|d| {
                let site = d.sites.iter().find(|s| s.id == site_id)?;
                state
                    .profile
                    .with(|p| drawing.check(site, p))
                    .map(|m| m.render(lang()))
            }),
        })?;
        Some(view! { <span class="message warning">{text}</span> })
    };
    Some(said)
}

/// A requirement's section reference: numbers read the same in every language, so only the few with
/// words ("App. I") are in the catalogues; the others show as they are.
fn section_ref(section: &'static str) -> impl Fn() -> &'static str {
    move || mgl_domain::i18n::translation(lang(), section).unwrap_or(section)
}
