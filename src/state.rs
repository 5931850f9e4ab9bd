//! The app's state: the open draft in one signal, and what is derived from it (profile, validation
//! report, licence decision) behind firewalls, so that derived numbers update as the user types and
//! are computed once per change however many places show them. The report and the decision are
//! made the first time a screen of the draft asks for them (`report()`, `decision()`): the first
//! screen (the list of drafts) never does, so the validation and the licence rules load with the
//! form's code, not at start. Autosave lives here too: a change is on disk (`storage::save_json`
//! resolved) within half a second of the last keystroke, and "Saved on this device" shows only
//! then; what the list of drafts shows of the draft (its summary) is stored with it, counted when
//! the draft is left.

use crate::browser::storage::{self, Kept};
use crate::browser::{clock, route};
use crate::reactive::{firewall, firewall_pair};
use leptos::prelude::*;
use mgl_domain::outline::Outline;
use mgl_domain::summary::Summary;
use mgl_domain::validate::{Changes, SiteCache, SitesChanged};
use mgl_domain::{decide, validate, CountryProfile, Date, Decision, Draft, Report, Site, Step};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

/// How long typing must pause before the draft is written. The durable write itself takes tens of
/// milliseconds (`bench/autosave.mjs`), so a change is on disk within 500 ms of the last keystroke.
const AUTOSAVE_PAUSE: Duration = Duration::from_millis(300);
/// While the user types without such a pause, the draft is still written this often (ms), so that
/// a crash in the middle of a long answer loses at most about a second of it.
const AUTOSAVE_LONGEST_WAIT_MS: f64 = 1000.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Drafts,
    Edit(Step),
    /// The documents of Section 4.1 for the open draft.
    Documents,
    /// The tariff calculation of Section 6 for the open draft.
    Tariff,
    /// Every remaining problem, signing and export of the open draft.
    Review,
    /// The signing keys on this device.
    Keys,
    /// Verify (and import) a bundle.
    Verify,
}

impl Screen {
    /// Whether the screen belongs to the open draft (the editor with its stepper).
    pub fn in_draft(self) -> bool {
        matches!(
            self,
            Screen::Edit(_) | Screen::Documents | Screen::Tariff | Screen::Review
        )
    }
}

/// The address-bar name of the documents screen (steps use `Step::slug`).
pub const DOCUMENTS_SLUG: &str = "documents";
pub const TARIFF_SLUG: &str = "tariff";
pub const REVIEW_SLUG: &str = "review";

/// Whether the code that summarises a draft is loaded.
#[derive(Clone, Copy)]
enum Summariser {
    NotLoaded,
    Loading,
    Loaded(Summarise),
}

#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Saved { at_ms: f64 },
    Pending,
    Failed(String),
}

/// Summarises a draft from its report for the list of drafts (`Summary::count`): a pointer into the
/// module that holds the checklist and the tariff (`chunks::summariser`), set once it is loaded.
pub type Summarise = fn(&Draft, &Report, Date) -> Summary;

/// What the draft's screens derive from it, made when one first asks (see the module's comment).
#[derive(Clone, Copy)]
struct Derived {
    /// Firewalls (see `reactive::firewall`): a keystroke wakes their readers only if it changes them.
    report: ReadSignal<Report>,
    decision: ReadSignal<Decision>,
    /// (id, `updated_ms`) of the draft the report was last computed from: the report is one
    /// microtask behind an edit, and a summary is made only from a report of the draft as saved.
    report_of: StoredValue<(String, f64)>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub draft: RwSignal<Draft>,
    pub screen: RwSignal<Screen>,
    pub profile: Memo<CountryProfile>,
    pub today: Date,
    pub save: RwSignal<SaveState>,
    /// Whether the browser keeps the app's storage; `None` until it has said.
    pub persistence: RwSignal<Option<Kept>>,
    /// Answers the user has left at least once (paths as in the report): their "required" message shows.
    pub touched: RwSignal<HashSet<String>>,
    /// Steps the user has left at least once: all their messages show.
    pub visited: RwSignal<HashSet<Step>>,
    pub selected_site: RwSignal<Option<String>>,
    /// The last removed site and where it was, for undo.
    pub removed_site: RwSignal<Option<(usize, Site)>>,
    /// Bumped when the list of drafts on the device changes.
    pub drafts_changed: RwSignal<u32>,
    /// Bumped when files are added to or removed from the device's storage.
    pub storage_changed: RwSignal<u32>,
    /// The country outline fetched (`load_outline`), with the profile it is of: the profile is
    /// read again with it.
    outline: RwSignal<Option<(String, Arc<Outline>)>>,
    /// Whether an outline is being fetched.
    outline_asked: StoredValue<bool>,
    /// The owner the derived values are made under: the app's, so that they outlive the screen
    /// that first asked for them.
    owner: StoredValue<Owner, LocalStorage>,
    derived: StoredValue<Option<Derived>>,
    /// What the edits since the last check may have changed (`SiteCache::check`): anything for
    /// `edit`, one site for `edit_site`, the company's answers for `edit_company`.
    changes: StoredValue<Changes>,
    summariser: StoredValue<Summariser>,
    pending_save: StoredValue<Option<TimeoutHandle>>,
    /// When the oldest change not yet handed to the storage was made.
    unsaved_since: StoredValue<Option<f64>>,
    /// When the last change was made.
    last_edit: StoredValue<f64>,
    /// Counts the changes to the open draft (and the drafts opened): a write that completes shows
    /// "Saved" only if nothing changed since it was started.
    revision: StoredValue<u64>,
}

impl AppState {
    pub fn new() -> AppState {
        let draft = RwSignal::new(Draft::default());
        let profile_id = firewall(move || draft.with(|d| d.profile.clone()));
        let outline = RwSignal::new(None::<(String, Arc<Outline>)>);
        let profile = Memo::new(move |_| {
            profile_id.with(|id| {
                let mut profile =
                    CountryProfile::bundled(id).unwrap_or_else(CountryProfile::default_profile);
                outline.with(|o| match o {
                    Some((of, outline)) if of == id => profile.outline = Some(outline.clone()),
                    _ => {}
                });
                profile
            })
        });
        AppState {
            draft,
            screen: RwSignal::new(Screen::Drafts),
            profile,
            today: clock::today(),
            save: RwSignal::new(SaveState::Saved { at_ms: 0.0 }),
            persistence: RwSignal::new(None),
            touched: RwSignal::new(HashSet::new()),
            visited: RwSignal::new(HashSet::new()),
            selected_site: RwSignal::new(None),
            removed_site: RwSignal::new(None),
            drafts_changed: RwSignal::new(0),
            storage_changed: RwSignal::new(0),
            outline,
            outline_asked: StoredValue::new(false),
            owner: StoredValue::new_local(Owner::current().unwrap_or_default()),
            derived: StoredValue::new(None),
            changes: StoredValue::new(Changes::ANY),
            summariser: StoredValue::new(Summariser::NotLoaded),
            pending_save: StoredValue::new(None),
            unsaved_since: StoredValue::new(None),
            last_edit: StoredValue::new(0.0),
            revision: StoredValue::new(0),
        }
    }

    /// The open draft's validation report. Only the draft's screens ask (see the module's comment).
    pub fn report(&self) -> ReadSignal<Report> {
        self.derived().report
    }

    /// The licence decision for the open draft.
    pub fn decision(&self) -> ReadSignal<Decision> {
        self.derived().decision
    }

    fn derived(&self) -> Derived {
        if let Some(derived) = self.derived.get_value() {
            return derived;
        }
        let (draft, profile, today) = (self.draft, self.profile, self.today);
        let made = untrack(|| {
            self.owner.with_value(|owner| {
                owner.with(|| {
                    let report_of = StoredValue::new((String::new(), 0.0));
                    // Each site's checks are remembered: a keystroke rechecks only the site it
                    // changed, and none when it changed a company answer (`changes`).
                    let site_cache = StoredValue::new(SiteCache::default());
                    let changes = self.changes;
                    // The country check wants the profile's outline: fetched once a screen of a
                    // draft asks, for the draft's profile (until then, the country's box).
                    let this = *self;
                    Effect::new(move |_| {
                        profile.track();
                        this.load_outline();
                    });
                    let (report, decision) = firewall_pair(move || {
                        draft.with(|d| {
                            report_of.set_value((d.id.clone(), d.updated_ms));
                            profile.with(|p| {
                                let changed = changes.get_value();
                                changes.set_value(Changes::NONE);
                                site_cache
                                    .try_update_value(|cache| cache.check(d, p, today, changed))
                                    .unwrap_or_else(|| (validate(d, p, today), decide(d, p)))
                            })
                        })
                    });
                    Derived {
                        report,
                        decision,
                        report_of,
                    }
                })
            })
        });
        self.derived.set_value(Some(made));
        self.load_summariser();
        made
    }

    /// The open draft's summary for the list of drafts: counted from a report of the draft as it
    /// is, once the summarising code is loaded; until then its title, sites and time alone, which
    /// the list shows at once while it counts.
    fn summary_now(&self) -> Summary {
        let counted = || {
            let Summariser::Loaded(summarise) = self.summariser.get_value() else {
                // Asked again if a load failed.
                if self.derived.with_value(Option::is_some) {
                    self.load_summariser();
                }
                return None;
            };
            let derived = self.derived.get_value()?;
            self.draft.with_untracked(|d| {
                let fresh = derived
                    .report_of
                    .with_value(|(id, updated_ms)| *id == d.id && *updated_ms == d.updated_ms);
                fresh.then(|| {
                    derived
                        .report
                        .with_untracked(|r| summarise(d, r, self.today))
                })
            })
        };
        counted().unwrap_or_else(|| self.draft.with_untracked(Summary::uncounted))
    }

    /// Fetches the outline of the open draft's country (the build's `outlines/<profile>.json`,
    /// precached) when it is not there yet; the profile is then read again with it, so the checks
    /// and the map use it. Until it arrives (or if it cannot be read), the country's box serves.
    fn load_outline(&self) {
        let (id, wanted) = self.profile.with_untracked(|p| {
            (
                p.id.clone(),
                p.iso_3166_numeric.is_some() && p.outline.is_none(),
            )
        });
        if !wanted || self.outline_asked.get_value() {
            return;
        }
        self.outline_asked.set_value(true);
        let this = *self;
        leptos::task::spawn_local(async move {
            let fetched =
                match crate::browser::files::fetch_app_file(&format!("outlines/{id}.json")).await {
                    Ok(json) => crate::chunks::read_outline(json)
                        .await
                        .unwrap_or_else(|_| Err("its reader could not be loaded".to_owned())),
                    Err(reason) => Err(reason),
                };
            this.outline_asked.try_set_value(false);
            match fetched {
                Ok(outline) => _ = this.outline.try_set(Some((id, Arc::new(outline)))),
                Err(reason) => {
                    web_sys::console::warn_1(&format!("mgl: outline of {id}: {reason}").into())
                }
            }
        });
    }

    /// Loads the code that summarises a draft (the checklist, the tariff), once a screen of the
    /// draft is up: not before, so that it never competes with the form's own code.
    fn load_summariser(&self) {
        if !matches!(self.summariser.get_value(), Summariser::NotLoaded) {
            return;
        }
        self.summariser.set_value(Summariser::Loading);
        let this = *self;
        leptos::task::spawn_local(async move {
            let loaded = crate::chunks::summariser().await;
            this.summariser.try_set_value(match loaded {
                Ok(summarise) => Summariser::Loaded(summarise),
                Err(_) => Summariser::NotLoaded,
            });
        });
    }

    /// Changes the open draft and schedules its autosave.
    pub fn edit(&self, change: impl FnOnce(&mut Draft)) {
        self.changed(Changes::ANY, change);
    }

    /// Changes the answers of the site at `index` alone: the other sites' checks are not looked
    /// at again (`SiteCache`).
    pub fn edit_site(&self, index: usize, change: impl FnOnce(&mut Site)) {
        let changes = Changes {
            company: false,
            sites: SitesChanged::Only(index),
        };
        self.changed(changes, |d| {
            if let Some(site) = d.sites.get_mut(index) {
                change(site);
            }
        });
    }

    /// Changes the company's answers (steps 1 to 4, the existing licences), no site: the sites'
    /// checks are not looked at again, nor the licence decision unless an answer it reads changed.
    pub fn edit_company(&self, change: impl FnOnce(&mut Draft)) {
        let changes = Changes {
            company: true,
            sites: SitesChanged::None,
        };
        self.changed(changes, change);
    }

    /// Makes an edit that may have changed `changes`, and schedules the autosave.
    fn changed(&self, changes: Changes, change: impl FnOnce(&mut Draft)) {
        self.changes.update_value(|c| *c = c.and(changes));
        self.draft.update(|d| {
            change(d);
            d.updated_ms = clock::now_ms();
        });
        self.revision.update_value(|r| *r += 1);
        self.schedule_save();
    }

    /// Writes the draft once typing pauses, or once the oldest unsaved change is a second old.
    fn schedule_save(&self) {
        if self.save.with_untracked(|s| *s != SaveState::Pending) {
            self.save.set(SaveState::Pending);
        }
        let now = clock::now_ms();
        self.last_edit.set_value(now);
        if self.unsaved_since.get_value().is_none() {
            self.unsaved_since.set_value(Some(now));
        }
        // One timer per pause, not one per keystroke: when it fires it writes, or waits the rest.
        if self.pending_save.with_value(Option::is_none) {
            self.arm_save_timer(AUTOSAVE_PAUSE);
        }
    }

    fn arm_save_timer(&self, wait: Duration) {
        let this = *self;
        let handle = set_timeout_with_handle(move || this.save_when_due(), wait).ok();
        self.pending_save.set_value(handle);
    }

    /// The save timer fired: the draft is written once typing has paused for `AUTOSAVE_PAUSE`, or
    /// once the oldest change not yet written is `AUTOSAVE_LONGEST_WAIT_MS` old.
    fn save_when_due(&self) {
        let now = clock::now_ms();
        let paused = self.last_edit.get_value() + AUTOSAVE_PAUSE.as_millis() as f64;
        let longest = self.unsaved_since.get_value().unwrap_or(now) + AUTOSAVE_LONGEST_WAIT_MS;
        let due = paused.min(longest);
        // Timers may fire a little early.
        if now + 1.0 >= due {
            self.write(false);
        } else {
            self.arm_save_timer(Duration::from_millis((due - now) as u64));
        }
    }

    /// Writes the open draft now, with its summary counted (when the page is hidden or closed, or
    /// another page opens: the list of drafts may show next). The write completes later; its
    /// outcome shows in the save state.
    pub fn save_now(&self) {
        self.write(true);
    }

    /// Writes the open draft. `counted`: with its summary's counts, which take a checklist of every
    /// site (milliseconds with 50 sites at every save); the autosave while typing writes the
    /// title, sites and time alone, and the counts come when the user leaves the draft (or from
    /// the list, after a crash).
    fn write(&self, counted: bool) {
        if let Some(handle) = self.pending_save.get_value() {
            handle.clear();
        }
        self.pending_save.set_value(None);
        self.unsaved_since.set_value(None);
        if !self.screen.get_untracked().in_draft() {
            return;
        }
        // Serialised now: later edits do not change what this write holds.
        let (id, json) = self.draft.with_untracked(|d| (d.id.clone(), d.to_json()));
        let summary = if counted {
            self.summary_now()
        } else {
            self.draft.with_untracked(Summary::uncounted)
        };
        let revision = self.revision.get_value();
        let this = *self;
        leptos::task::spawn_local(async move {
            let result = storage::save_json(&id, &json, &summary).await;
            this.saved(&id, revision, result);
        });
    }

    /// The page is going away (closed, reloaded, left): what is not yet confirmed on disk is
    /// written now. Chromium drops the IndexedDB work of a page being torn down (a write begun in
    /// `pagehide` was lost every time we tried, one begun in `beforeunload` about half the time),
    /// so the draft is also left in localStorage, at once, in the previous versions' layout, which
    /// the next start moves into IndexedDB if it is newer than what is there (`records`).
    pub fn save_on_leaving(&self) {
        let confirmed = matches!(self.save.get_untracked(), SaveState::Saved { .. });
        if (confirmed && !self.has_unsaved_changes()) || !self.screen.get_untracked().in_draft() {
            return;
        }
        self.draft
            .with_untracked(|d| storage::keep_until_next_start(&d.id, &d.to_json()));
        self.save_now();
    }

    /// A write of draft `id` as it was at `revision` has completed (or failed).
    fn saved(&self, id: &str, revision: u64, result: Result<(), String>) {
        let still_open = self.draft.with_untracked(|d| d.id == id);
        match result {
            Err(reason) if still_open => _ = self.save.try_set(SaveState::Failed(reason)),
            Ok(())
                if still_open
                    && self.revision.try_get_value() == Some(revision)
                    && !self.has_unsaved_changes() =>
            {
                self.save.try_set(SaveState::Saved {
                    at_ms: clock::now_ms(),
                });
            }
            _ => {}
        }
        self.drafts_changed.try_update(|n| *n += 1);
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.pending_save.with_value(Option::is_some)
    }

    /// Opens a draft at a step.
    pub fn open(&self, draft: Draft, step: Step) {
        self.save_now();
        self.selected_site
            .set(draft.sites.first().map(|s| s.id.clone()));
        self.touched.set(HashSet::new());
        self.visited.set(HashSet::new());
        self.removed_site.set(None);
        self.changes.set_value(Changes::ANY);
        self.draft.set(draft);
        self.revision.update_value(|r| *r += 1);
        self.save.set(SaveState::Saved {
            at_ms: self.draft.with_untracked(|d| d.updated_ms),
        });
        self.go(Screen::Edit(step));
    }

    /// Opens a draft that is not on the device yet (new, opened from a file, imported from a
    /// bundle) and writes it at once.
    pub fn open_new(&self, draft: Draft, step: Step) {
        self.open(draft, step);
        self.save.set(SaveState::Pending);
        self.save_now();
    }

    /// Creates, stores and opens a new draft.
    pub fn create(&self) {
        let profile = CountryProfile::default_profile();
        let draft = Draft::new(
            clock::new_id(),
            &profile.id,
            profile.admin_levels.len(),
            clock::now_ms(),
        );
        self.open_new(draft, Step::Applicant);
    }

    /// Moves to another screen; leaving a step marks it visited (its messages then all show).
    pub fn go(&self, screen: Screen) {
        let from = self.screen.get_untracked();
        // Another page (within the editor, the stepper keeps the focus where it is).
        if !(from == screen || from.in_draft() && screen.in_draft()) {
            crate::browser::hand_focus_to("main");
        }
        if let Screen::Edit(step) = from {
            if screen != Screen::Edit(step) {
                self.visited.update(|v| {
                    v.insert(step);
                });
            }
        }
        if !screen.in_draft() {
            self.save_now();
        }
        self.screen.set(screen);
        match screen {
            Screen::Drafts => route::write(None, ""),
            Screen::Edit(step) => self
                .draft
                .with_untracked(|d| route::write(Some(&d.id), step.slug())),
            Screen::Documents => self
                .draft
                .with_untracked(|d| route::write(Some(&d.id), DOCUMENTS_SLUG)),
            Screen::Tariff => self
                .draft
                .with_untracked(|d| route::write(Some(&d.id), TARIFF_SLUG)),
            Screen::Review => self
                .draft
                .with_untracked(|d| route::write(Some(&d.id), REVIEW_SLUG)),
            Screen::Keys => route::write_page("keys"),
            Screen::Verify => route::write_page("verify"),
        }
    }

    pub fn touch(&self, path: &str) {
        if !self.touched.with_untracked(|t| t.contains(path)) {
            self.touched.update(|t| {
                t.insert(path.to_owned());
            });
        }
    }

    /// Whether the message of an answer should show: once it has been left, once its step has been
    /// left, or as soon as something is typed (a format problem shows while typing).
    pub fn shows_problem(&self, step: Step, path: &str, value_is_empty: bool) -> bool {
        !value_is_empty
            || self.visited.with(|v| v.contains(&step))
            || self.touched.with(|t| t.contains(path))
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
