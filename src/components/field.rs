//! A labelled input for one answer, drawn from its definition in the domain's field tables: the kind
//! of answer decides the control, the unit beside it, and the message shown at the field.
//!
//! Numbers are typed into text inputs (with a numeric keyboard hint), not `type="number"`: a number
//! input throws away what it cannot parse, and the user must never lose what was typed.

use crate::i18n::{t, tx};
use crate::reactive::{firewall, Fanout};
use crate::state::{use_state, AppState};
use leptos::prelude::*;
use mgl_domain::fields::{self, dom_id, Kind, EXISTING_LICENCE_FIELDS};
use mgl_domain::{Severity, Site, Step};

/// What every answer's input needs, whatever it belongs to.
#[derive(Clone)]
struct Binding {
    dom_id: String,
    path: String,
    step: Step,
    /// Follow the user's language.
    label: Signal<String>,
    help: Signal<String>,
    has_help: bool,
    kind: Kind,
    required: bool,
    value: Signal<String>,
    set: Callback<String>,
    /// Whether the answer is asked at all (conditional answers). A firewall, so that the field is
    /// rebuilt only when this changes, never while the user types in it.
    applies: Signal<bool>,
}

/// An answer of the application as a whole, by its key in `DRAFT_FIELDS`.
#[component]
pub fn DraftField(key: &'static str) -> AnyView {
    let state = use_state();
    let Some(field) = fields::draft_field(key) else {
        return unknown_answer(key);
    };
    let draft = state.draft;
    bound_input(
        state,
        Binding {
            dom_id: field.dom_id(),
            path: field.key.to_owned(),
            step: field.step,
            label: Signal::derive(move || t(field.label).to_owned()),
            help: Signal::derive(move || t(field.help).to_owned()),
            has_help: !field.help.is_empty(),
            kind: field.kind,
            required: field.required,
            value: firewall(move || draft.with(|d| (field.get)(d).clone())).into(),
            set: Callback::new(move |v| state.edit_company(|d| *(field.get_mut)(d) = v)),
            // An answer always asked does not need to watch the draft: one subscriber less per field.
            applies: match field.applies {
                None => Signal::stored(true),
                Some(_) => firewall(move || draft.with(|d| field.applies_to(d))).into(),
            },
        },
    )
    .into_any()
}

/// What shows in place of an answer whose key is in no field table: a slip of the code that a test
/// of the domain catches (`tests/handles.rs`), told in words rather than a page that dies.
fn unknown_answer(key: &str) -> AnyView {
    web_sys::console::error_1(&format!("mgl: no field {key}").into());
    view! { <p class="message error" role="alert">{tx("This answer cannot be shown: the app has a fault here. What you typed elsewhere is kept.")}</p> }.into_any()
}

/// The site open in the site editor: where it is in the list (fixed: the editor is rebuilt when the
/// site moves) and its answers, each as its own signal. One effect reads the draft for the whole
/// editor and writes only the answers that changed (see `reactive::Fanout`), so a keystroke wakes the
/// input it came from and what shows it, not the other forty answers of the site.
#[derive(Clone, Copy)]
pub struct OpenSite {
    pub index: usize,
    site_id: StoredValue<String>,
    /// Whether the site is still there (it may be removed while open).
    pub exists: ReadSignal<bool>,
    /// Every answer by its key (`location[i]` for the administrative levels), and the extra texts
    /// the editor shows, computed from the answers (see `OpenSite::new`).
    values: Fanout<String>,
    /// Whether each conditional answer is asked.
    asked: Fanout<bool>,
}

impl OpenSite {
    /// `extras` computes further texts shown by the editor (totals, title) under their own keys.
    pub fn new(
        state: AppState,
        index: usize,
        site_id: String,
        extras: fn(&Site, usize, mgl_domain::Lang) -> Vec<(String, String)>,
    ) -> OpenSite {
        // The open site in the draft, `None` once it is gone; every reader below goes through it.
        let id = StoredValue::new(site_id);
        let with_site = move |f: &mut dyn FnMut(Option<&Site>)| {
            state
                .draft
                .with(|d| id.with_value(|id| f(d.sites.get(index).filter(|s| &s.id == id))))
        };
        let values = Fanout::new(move || {
            let mut out = Vec::new();
            with_site(&mut |site| {
                let Some(site) = site else { return };
                let answers = fields::SITE_FIELDS
                    .iter()
                    .map(|f| (f.key.to_owned(), (f.get)(site).clone()));
                let location = site
                    .location
                    .iter()
                    .enumerate()
                    .map(|(level, v)| (format!("location[{level}]"), v.clone()));
                // The extras follow the language (numbers are written as it writes them).
                let extras = extras(site, index, crate::i18n::lang());
                out = answers.chain(location).chain(extras).collect();
            });
            out
        });
        let asked = Fanout::new(move || {
            let mut out = Vec::new();
            with_site(&mut |site| {
                out = fields::SITE_FIELDS
                    .iter()
                    .filter(|f| f.applies.is_some())
                    .map(|f| (f.key.to_owned(), site.is_some_and(|s| f.applies_to(s))))
                    .collect();
            });
            out
        });
        let exists = firewall(move || {
            let mut found = false;
            with_site(&mut |site| found = site.is_some());
            found
        });
        OpenSite {
            index,
            site_id: id,
            exists,
            values,
            asked,
        }
    }

    /// The text at `key`: an answer, or one of the editor's extras.
    pub fn value(&self, key: &str) -> Signal<String> {
        self.values.get(key)
    }

    /// Changes the site in the draft, if it is still there (checked in the draft itself, which is
    /// always current, rather than `exists`, which settles a microtask later).
    fn edit(&self, state: AppState, change: impl FnOnce(&mut Site)) {
        let index = self.index;
        let Some(id) = self.site_id.try_get_value() else {
            return;
        };
        if state.draft.with_untracked(|d| d.site_index(&id)) == Some(index) {
            state.edit_site(index, change);
        }
    }

    fn path(&self, key: &str) -> String {
        format!("sites[{}].{key}", self.index)
    }
}

/// An answer of one site, by its key in `SITE_FIELDS`.
#[component]
pub fn SiteField(key: &'static str, open: OpenSite) -> AnyView {
    let state = use_state();
    let Some(field) = fields::site_field(key) else {
        return unknown_answer(key);
    };
    let exists = open.exists;
    bound_input(
        state,
        Binding {
            dom_id: field.dom_id(),
            path: open.path(key),
            step: Step::Sites,
            label: Signal::derive(move || t(field.label).to_owned()),
            help: Signal::derive(move || t(field.help).to_owned()),
            has_help: !field.help.is_empty(),
            kind: field.kind,
            required: field.required,
            value: open.value(key),
            set: Callback::new(move |v| open.edit(state, |s| *(field.get_mut)(s) = v)),
            applies: match field.applies {
                None => exists.into(),
                Some(_) => open.asked.get(key),
            },
        },
    )
    .into_any()
}

/// A site's location at one administrative level of the country profile ("State", "Ward" ...).
#[component]
pub fn LocationField(level: usize, open: OpenSite) -> impl IntoView {
    let state = use_state();
    let name = state
        .profile
        .with_untracked(|p| p.admin_levels.get(level).cloned().unwrap_or_default());
    let key = format!("location[{level}]");
    bound_input(
        state,
        Binding {
            dom_id: dom_id(&key),
            path: open.path(&key),
            step: Step::Sites,
            // Level names come from the country profile, which is already in the user's language.
            label: Signal::derive(move || name.clone()),
            help: Signal::derive(String::new),
            has_help: false,
            kind: Kind::Text,
            required: true,
            value: open.value(&key),
            set: Callback::new(move |v| {
                open.edit(state, |s| {
                    if s.location.len() <= level {
                        s.location.resize(level + 1, String::new());
                    }
                    s.location[level] = v;
                })
            }),
            applies: Signal::stored(true),
        },
    )
}

/// One answer of one row of the existing licences list (3.2).
#[component]
pub fn ExistingLicenceField(key: &'static str, row: usize) -> AnyView {
    let state = use_state();
    let Some(field) = EXISTING_LICENCE_FIELDS.iter().find(|f| f.key == key) else {
        return unknown_answer(key);
    };
    let draft = state.draft;
    let path = format!("nature.existing_licences[{row}].{key}");
    bound_input(
        state,
        Binding {
            dom_id: dom_id(&path),
            path,
            step: Step::Nature,
            label: Signal::derive(move || t(field.label).to_owned()),
            help: Signal::derive(move || t(field.help).to_owned()),
            has_help: !field.help.is_empty(),
            kind: field.kind,
            required: field.required,
            value: firewall(move || {
                draft.with(|d| {
                    d.nature
                        .existing_licences
                        .get(row)
                        .map(|l| (field.get)(l).clone())
                        .unwrap_or_default()
                })
            })
            .into(),
            set: Callback::new(move |v| {
                state.edit_company(|d| {
                    if let Some(l) = d.nature.existing_licences.get_mut(row) {
                        *(field.get_mut)(l) = v;
                    }
                })
            }),
            applies: Signal::stored(true),
        },
    )
    .into_any()
}

/// The input, its label, unit, help and message; not shown while the answer does not apply (what
/// was typed stays in the draft).
fn bound_input(state: AppState, binding: Binding) -> impl IntoView {
    let applies = binding.applies;
    move || applies.get().then(|| render_field(state, binding.clone()))
}

fn render_field(state: AppState, b: Binding) -> AnyView {
    let Binding {
        dom_id,
        path,
        step,
        label,
        help,
        has_help,
        kind,
        required,
        value,
        set,
        ..
    } = b;
    let report = state.report();
    let problem_path = path.clone();
    let problem = Memo::new(move |_| {
        let empty = value.with(|v| v.trim().is_empty());
        if !state.shows_problem(step, &problem_path, empty) {
            return None;
        }
        report.with(|r| {
            r.at_path(&problem_path)
                .next()
                .map(|p| (p.severity, p.message.render(crate::i18n::lang())))
        })
    });
    let message_id = format!("{dom_id}-msg");
    let help_id = format!("{dom_id}-help");
    let described_by = {
        let (message_id, help_id) = (message_id.clone(), help_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_help {
                ids.push(help_id.clone());
            }
            if problem.with(Option::is_some) {
                ids.push(message_id.clone());
            }
            ids.join(" ")
        }
    };
    let invalid = move || {
        problem
            .with(|p| matches!(p, Some((Severity::Error, _))))
            .to_string()
    };
    let on_leave = move |_| state.touch(&path);
    let required_mark =
        required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> });
    let help_view = has_help.then(|| view! { <p class="help" id=help_id>{help}</p> });
    let message_view = move || {
        problem.get().map(|(severity, text)| {
            let (class, prefix) = match severity {
                Severity::Error => ("message error", t("Problem: ")),
                Severity::Warning => ("message warning", t("Check: ")),
            };
            view! { <p class=class id=message_id.clone()><span class="visually-hidden">{prefix}</span>{text}</p> }
        })
    };
    match kind {
        Kind::Choice(options) => {
            let radios = options
                .iter()
                .enumerate()
                .map(|(i, option)| {
                    // The first option carries the field's id, so links to the field land on it.
                    let radio_id = if i == 0 { dom_id.clone() } else { format!("{dom_id}-{}", option.code) };
                    let code = option.code;
                    view! {
                        <label class="choice">
                            <input type="radio" id=radio_id name=dom_id.clone() value=code
                                prop:checked=move || value.with(|v| v == code)
                                on:change=move |_| set.run(code.to_owned())
                                on:blur=on_leave.clone() />
                            <span>{tx(option.label)}</span>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="field" aria-describedby=described_by aria-invalid=invalid>
                    <legend>{label}{required_mark}</legend>
                    {help_view}
                    <div class="choices">{radios}</div>
                    {message_view}
                </fieldset>
            }
            .into_any()
        }
        Kind::Checkbox => view! {
            <div class="field checkbox">
                <label class="choice">
                    <input type="checkbox" id=dom_id
                        prop:checked=move || value.with(|v| v == mgl_domain::draft::YES)
                        on:change=move |ev| set.run(if event_target_checked(&ev) { "yes".into() } else { String::new() })
                        on:blur=on_leave
                        aria-describedby=described_by />
                    <span>{label}</span>
                </label>
                {help_view}
                {message_view}
            </div>
        }
        .into_any(),
        Kind::LongText => view! {
            <div class="field">
                <label for=dom_id.clone()>{label}{required_mark}</label>
                {help_view}
                <textarea id=dom_id rows="4" prop:value=move || value.get()
                    on:input=move |ev| set.run(event_target_value(&ev)) on:blur=on_leave
                    aria-describedby=described_by aria-invalid=invalid aria-required=required.to_string()></textarea>
                {message_view}
            </div>
        }
        .into_any(),
        _ => {
            let (input_type, input_mode) = match kind {
                Kind::Email => ("email", "email"),
                Kind::Phone => ("tel", "tel"),
                Kind::WebAddress => ("text", "url"),
                Kind::Date { .. } => ("date", "text"),
                Kind::Quantity { .. } | Kind::Money => ("text", "decimal"),
                _ => ("text", "text"),
            };
            let unit = match kind {
                Kind::Quantity { unit, .. } => Some(Signal::derive(move || t(unit).to_owned())),
                Kind::Money => Some(Signal::derive(move || state.profile.with(|p| p.currency.clone()))),
                _ => None,
            };
            let class = if unit.is_some() { "control with-unit" } else { "control" };
            view! {
                <div class="field">
                    <label for=dom_id.clone()>{label}{required_mark}</label>
                    {help_view}
                    <span class=class>
                        <input type=input_type inputmode=input_mode id=dom_id
                            prop:value=move || value.get()
                            on:input=move |ev| set.run(event_target_value(&ev)) on:blur=on_leave
                            aria-describedby=described_by aria-invalid=invalid aria-required=required.to_string() />
                        {unit.map(|u| view! { <span class="unit">{u}</span> })}
                    </span>
                    {message_view}
                </div>
            }
            .into_any()
        }
    }
}
