//! The app's records on the device: drafts and signing keys, each the JSON text of one entry under
//! its id, in the IndexedDB database `mgl` (stores `drafts` and `keys`), written durably (see
//! `idb`). Attached files, which are large, are Blobs in a database of their own (`file_store`).
//!
//! The versions before this one kept these records in localStorage (`mgl.draft.<id>`,
//! `mgl.key.<id>`), which the browser writes to disk only seconds later. On the first start of this
//! version they are moved: copied into IndexedDB in one durable transaction, read back, and each
//! localStorage copy removed only once its IndexedDB copy reads back equal. An entry that is in
//! both (a move interrupted after the copy) keeps the copy edited last, so nothing is lost or
//! listed twice. While an entry is still only in localStorage (IndexedDB refused), it is read from
//! there: listed and opened, never hidden. A page that closes with a draft not yet confirmed on
//! disk leaves it there too (`put_until_next_start`), as IndexedDB writes of a closing page may
//! not finish; the next start moves it in by the same rule.

use super::idb::{self, Database};
use wasm_bindgen::{JsCast, JsValue};

/// One kind of record: its object store, and the localStorage prefix the older versions used.
pub struct Records {
    store: &'static str,
    /// A store of what was derived from each entry when it was written (a draft's summary, which
    /// the list of drafts shows), under the same id: written and deleted in the entry's transaction,
    /// so it never outlives the entry. Not every kind has one.
    notes: Option<&'static str>,
    legacy_prefix: &'static str,
    /// When an entry was last changed (from its JSON): of two copies of one entry, the later wins.
    edited_ms: fn(&str) -> f64,
}

/// One stored entry: its id, its JSON, and its note (see `Records::notes`) if it has one.
pub struct Entry {
    pub id: String,
    pub json: String,
    pub note: Option<String>,
}

const DRAFTS_STORE: &str = "drafts";
const KEYS_STORE: &str = "keys";
/// Each draft's `Summary` (mgl_domain::summary), made when it was saved.
const SUMMARIES_STORE: &str = "summaries";

pub static DRAFTS: Records = Records {
    store: DRAFTS_STORE,
    notes: Some(SUMMARIES_STORE),
    legacy_prefix: "mgl.draft.",
    edited_ms: mgl_domain::Draft::updated_ms_of,
};

/// Keys never change once stored: the copy already in IndexedDB wins.
pub static KEYS: Records = Records {
    store: KEYS_STORE,
    notes: None,
    legacy_prefix: "mgl.key.",
    edited_ms: |_| 0.0,
};

static DATABASE: Database = Database {
    name: "mgl",
    // 2: the drafts' summaries.
    version: 2,
    stores: &[DRAFTS_STORE, KEYS_STORE, SUMMARIES_STORE],
    on_open: Some(|db| Box::pin(move_from_local_storage(db))),
};

/// Opens the database now (and moves the older versions' records), so that the first screen's
/// read finds it open.
pub fn open_early() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = DATABASE.connection().await;
    });
}

impl Records {
    /// Writes one entry; resolves once it is on disk.
    pub async fn put(&self, id: &str, json: &str) -> Result<(), String> {
        self.put_with_note(id, json, None).await
    }

    /// Writes one entry and its note (or, with `None`, removes the note it had: it was derived from
    /// an earlier state) in one transaction; resolves once both are on disk.
    pub async fn put_with_note(
        &self,
        id: &str,
        json: &str,
        note: Option<&str>,
    ) -> Result<(), String> {
        let (id, json) = (JsValue::from_str(id), JsValue::from_str(json));
        let note = note.map(JsValue::from_str);
        let stores = self.stores();
        DATABASE
            .run(&stores, true, &|s| {
                let mut made = vec![s[0].put_with_key(&json, &id)?];
                if let Some(notes) = s.get(1) {
                    made.push(match &note {
                        Some(note) => notes.put_with_key(note, &id)?,
                        None => notes.delete(&id)?,
                    });
                }
                Ok(made)
            })
            .await
            .map(drop)
    }

    /// Writes the note of an entry already stored (counted again by the list of drafts).
    pub async fn put_note(&self, id: &str, note: &str) -> Result<(), String> {
        let Some(notes) = self.notes else {
            return Ok(());
        };
        let (id, note) = (JsValue::from_str(id), JsValue::from_str(note));
        DATABASE
            .run(&[notes], true, &|s| {
                Ok(vec![s[0].put_with_key(&note, &id)?])
            })
            .await
            .map(drop)
    }

    /// This kind's store, then its notes' store if it has one.
    fn stores(&self) -> Vec<&'static str> {
        std::iter::once(self.store).chain(self.notes).collect()
    }

    /// The entry `id`, if there is one.
    pub async fn get(&self, id: &str) -> Result<Option<String>, String> {
        let key = JsValue::from_str(id);
        let stored = DATABASE
            .run(&[self.store], false, &|s| Ok(vec![s[0].get(&key)?]))
            .await;
        match stored {
            Ok(values) => Ok(values
                .first()
                .and_then(JsValue::as_string)
                .or_else(|| self.legacy_entry(id))),
            Err(e) => self.legacy_entry(id).map(Some).ok_or(e),
        }
    }

    /// Removes the entry `id` (from wherever it is); resolves once that is on disk.
    pub async fn delete(&self, id: &str) -> Result<(), String> {
        if let Some(ls) = local_storage() {
            let _ = ls.remove_item(&format!("{}{id}", self.legacy_prefix));
        }
        let key = JsValue::from_str(id);
        DATABASE
            .run(&self.stores(), true, &|s| {
                s.iter().map(|store| store.delete(&key)).collect()
            })
            .await
            .map(drop)
    }

    /// Every entry, with its note: what IndexedDB holds, then what is still only in localStorage.
    /// `Err` carries the reason IndexedDB could not be read, with what localStorage still holds.
    pub async fn all(&self) -> Result<Vec<Entry>, (String, Vec<Entry>)> {
        let legacy = || {
            self.legacy_entries()
                .into_iter()
                .map(|(id, json)| Entry {
                    id,
                    json,
                    note: None,
                })
                .collect::<Vec<_>>()
        };
        // Keys and values in one transaction come in the same (key) order.
        let stored = DATABASE
            .run(&self.stores(), false, &|s| {
                s.iter()
                    .flat_map(|store| [store.get_all_keys(), store.get_all()])
                    .collect()
            })
            .await;
        let results = match stored {
            Ok(results) => results,
            Err(reason) => return Err((reason, legacy())),
        };
        // (key, value) of the store whose getAllKeys result is at `i`.
        let pairs = |i: usize| -> Vec<(String, String)> {
            let array = |i: usize| {
                results
                    .get(i)
                    .map(|a| a.unchecked_ref::<js_sys::Array>().to_vec())
                    .unwrap_or_default()
            };
            array(i)
                .into_iter()
                .zip(array(i + 1))
                .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
                .collect()
        };
        let mut notes: std::collections::HashMap<String, String> = pairs(2).into_iter().collect();
        let mut entries: Vec<Entry> = pairs(0)
            .into_iter()
            .map(|(id, json)| Entry {
                note: notes.remove(&id),
                id,
                json,
            })
            .collect();
        for entry in legacy() {
            if !entries.iter().any(|stored| stored.id == entry.id) {
                entries.push(entry);
            }
        }
        Ok(entries)
    }

    /// Writes one entry in the older versions' layout, synchronously: the next start moves it in
    /// (or drops it, if IndexedDB holds it as edited at least as late). For a page that closes.
    pub fn put_until_next_start(&self, id: &str, json: &str) {
        if let Some(ls) = local_storage() {
            let _ = ls.set_item(&format!("{}{id}", self.legacy_prefix), json);
        }
    }

    fn legacy_entry(&self, id: &str) -> Option<String> {
        local_storage()?
            .get_item(&format!("{}{id}", self.legacy_prefix))
            .ok()
            .flatten()
    }

    /// What the older versions left in localStorage: (id, JSON) of each entry of this kind.
    fn legacy_entries(&self) -> Vec<(String, String)> {
        let Some(ls) = local_storage() else {
            return Vec::new();
        };
        (0..ls.length().unwrap_or(0))
            .filter_map(|i| ls.key(i).ok().flatten())
            .filter_map(|key| {
                let id = key.strip_prefix(self.legacy_prefix)?.to_owned();
                let json = ls.get_item(&key).ok().flatten()?;
                Some((id, json))
            })
            .collect()
    }

    /// Moves this kind's localStorage entries into IndexedDB (see the module's comment). Runs
    /// while the database opens, on its connection (`Database::run` would wait for the opening).
    async fn move_from_local_storage(&self, db: &web_sys::IdbDatabase) -> Result<(), JsValue> {
        let legacy = self.legacy_entries();
        if legacy.is_empty() {
            return Ok(());
        }
        let ids: Vec<JsValue> = legacy.iter().map(|(id, _)| id.into()).collect();
        let read_each =
            &|s: &[web_sys::IdbObjectStore]| ids.iter().map(|id| s[0].get(id)).collect();
        let already = idb::run_on(db, &[self.store], false, read_each).await?;
        // Copy what IndexedDB lacks, or holds in an older state than localStorage.
        let copies: Vec<&(String, String)> = legacy
            .iter()
            .zip(&already)
            .filter(|((_, json), stored)| match stored.as_string() {
                None => true,
                Some(stored) => (self.edited_ms)(json) > (self.edited_ms)(&stored),
            })
            .map(|(entry, _)| entry)
            .collect();
        if !copies.is_empty() {
            // A note derived from the copy IndexedDB held goes with it.
            let put_each = &|s: &[web_sys::IdbObjectStore]| {
                let mut made = Vec::new();
                for (id, json) in &copies {
                    made.push(s[0].put_with_key(&json.into(), &id.into())?);
                    if let Some(notes) = s.get(1) {
                        made.push(notes.delete(&id.into())?);
                    }
                }
                Ok(made)
            };
            idb::run_on(db, &self.stores(), true, put_each).await?;
        }
        // Read back: a localStorage copy goes only when IndexedDB holds it, or holds a later one.
        let now = idb::run_on(db, &[self.store], false, read_each).await?;
        let ls = local_storage().ok_or(JsValue::UNDEFINED)?;
        for ((id, json), stored) in legacy.iter().zip(now) {
            let Some(stored) = stored.as_string() else {
                continue;
            };
            let copied = copies.iter().any(|(copied, _)| copied == id);
            // Not copied: IndexedDB held this entry already, as edited at least as late.
            if !copied || stored == *json {
                let _ = ls.remove_item(&format!("{}{id}", self.legacy_prefix));
            }
        }
        Ok(())
    }
}

/// Moves what the older versions left in localStorage now (the app does it when it opens the
/// database; moving twice is harmless).
pub async fn move_legacy_records() {
    if let Ok(db) = DATABASE.connection().await {
        move_from_local_storage(db).await;
    }
}

/// The first open of the database in this page: the older versions' drafts and keys move in.
async fn move_from_local_storage(db: web_sys::IdbDatabase) {
    for records in [&DRAFTS, &KEYS] {
        if let Err(reason) = records.move_from_local_storage(&db).await {
            // They stay in localStorage, still listed from there, and are moved at the next start.
            web_sys::console::warn_2(&"mgl: not moved from localStorage:".into(), &reason);
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    super::window().local_storage().ok().flatten()
}
