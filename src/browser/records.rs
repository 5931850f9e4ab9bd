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
    legacy_prefix: &'static str,
    /// When an entry was last changed (from its JSON): of two copies of one entry, the later wins.
    edited_ms: fn(&str) -> f64,
}

const DRAFTS_STORE: &str = "drafts";
const KEYS_STORE: &str = "keys";

pub static DRAFTS: Records = Records {
    store: DRAFTS_STORE,
    legacy_prefix: "mgl.draft.",
    edited_ms: |json| mgl_domain::Draft::from_json(json).map_or(0.0, |d| d.updated_ms),
};

/// Keys never change once stored: the copy already in IndexedDB wins.
pub static KEYS: Records = Records {
    store: KEYS_STORE,
    legacy_prefix: "mgl.key.",
    edited_ms: |_| 0.0,
};

static DATABASE: Database = Database {
    name: "mgl",
    version: 1,
    stores: &[DRAFTS_STORE, KEYS_STORE],
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
        let (id, json) = (JsValue::from_str(id), JsValue::from_str(json));
        DATABASE
            .run(self.store, true, &|s| Ok(vec![s.put_with_key(&json, &id)?]))
            .await
            .map(drop)
    }

    /// The entry `id`, if there is one.
    pub async fn get(&self, id: &str) -> Result<Option<String>, String> {
        let key = JsValue::from_str(id);
        let stored = DATABASE
            .run(self.store, false, &|s| Ok(vec![s.get(&key)?]))
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
            .run(self.store, true, &|s| Ok(vec![s.delete(&key)?]))
            .await
            .map(drop)
    }

    /// Every entry, as (id, JSON): what IndexedDB holds, then what is still only in localStorage.
    /// `Err` carries the reason IndexedDB could not be read, with what localStorage still holds.
    pub async fn all(&self) -> Result<Vec<(String, String)>, (String, Vec<(String, String)>)> {
        let legacy = self.legacy_entries();
        // Keys and values in one transaction come in the same (key) order.
        let stored = DATABASE
            .run(self.store, false, &|s| {
                Ok(vec![s.get_all_keys()?, s.get_all()?])
            })
            .await;
        let results = match stored {
            Ok(results) => results,
            Err(reason) => return Err((reason, legacy)),
        };
        let array = |i: usize| {
            results
                .get(i)
                .map(|a| a.unchecked_ref::<js_sys::Array>().to_vec())
                .unwrap_or_default()
        };
        let mut entries: Vec<(String, String)> = array(0)
            .into_iter()
            .zip(array(1))
            .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
            .collect();
        for (id, json) in legacy {
            if !entries.iter().any(|(stored, _)| *stored == id) {
                entries.push((id, json));
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
        let read_each = &|s: &web_sys::IdbObjectStore| ids.iter().map(|id| s.get(id)).collect();
        let already = idb::run_on(db, self.store, false, read_each).await?;
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
            let put_each = &|s: &web_sys::IdbObjectStore| {
                copies
                    .iter()
                    .map(|(id, json)| s.put_with_key(&json.into(), &id.into()))
                    .collect()
            };
            idb::run_on(db, self.store, true, put_each).await?;
        }
        // Read back: a localStorage copy goes only when IndexedDB holds it, or holds a later one.
        let now = idb::run_on(db, self.store, false, read_each).await?;
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
