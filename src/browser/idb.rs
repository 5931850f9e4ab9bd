//! IndexedDB, where everything the app must not lose is kept, as a few futures: a database opened
//! once per page (its object stores created when missing), transactions, their requests, and their
//! commit.
//!
//! Every write is a `readwrite` transaction opened with `{ durability: "strict" }`: its `complete`
//! event fires only once the data is on disk, so what the app then calls saved survives the browser
//! being killed, or the battery dying, the next moment. Both Chromium and Firefox write localStorage
//! (what the app used before) to disk seconds later: a crash 1 s after a "saved" draft lost it, and
//! so does a relaxed IndexedDB transaction. Browsers that do not know the option (Chrome before 83,
//! Firefox before 126) ignore it and use their own default.

use super::{files::js_error, window};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DomException, Event, EventTarget, IdbDatabase, IdbRequest, IdbTransaction};

/// What the app does once with a database it has just opened, before anyone else uses it (the
/// drafts' database moves the previous version's drafts in).
pub type OnOpen = fn(IdbDatabase) -> Pin<Box<dyn Future<Output = ()>>>;

/// One of the app's databases: its name, schema version and object stores. Stores are only ever
/// added, so opening creates whichever are missing.
pub struct Database {
    pub name: &'static str,
    pub version: u32,
    pub stores: &'static [&'static str],
    pub on_open: Option<OnOpen>,
}

thread_local! {
    /// Each database's connection, as the promise of it: opened once, awaited by every user,
    /// including those that ask while it is still opening.
    static CONNECTIONS: RefCell<Vec<(&'static str, js_sys::Promise)>> = const { RefCell::new(Vec::new()) };
}

/// A storage operation that failed, in the user's words. The browser's own reason goes to the
/// console, for whoever helps the user; the message says what it means for them.
fn failure(error: Option<DomException>, fallback: &'static str) -> String {
    let name = error.as_ref().map(|e| e.name()).unwrap_or_default();
    if let Some(e) = &error {
        web_sys::console::warn_1(&format!("mgl storage: {}: {}", e.name(), e.message()).into());
    }
    match name.as_str() {
        "QuotaExceededError" => {
            "The device's storage for this app is full: free some space or remove large attachments."
        }
        "InvalidStateError" => {
            "The browser closed the app's storage on this device (its data may have been cleared)."
        }
        "SecurityError" => "This browser does not allow the app to keep data on the device.",
        _ => fallback,
    }
    .to_owned()
}

const WRITE_FAILED: &str = "The browser could not write to the app's storage on this device.";
const READ_FAILED: &str = "The browser could not read the app's storage on this device.";

fn dom_exception(value: &JsValue) -> Option<DomException> {
    value.dyn_ref::<DomException>().cloned()
}

/// The first of the events `names` that `target` fires. Listeners are added before anything can
/// fire (the caller has not yielded since making the request) and removed afterwards.
async fn first_event(target: &EventTarget, names: &[&str]) -> Event {
    let mut listener = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let on_event = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            let _ = resolve.call1(&JsValue::NULL, &event);
        });
        for name in names {
            let _ =
                target.add_event_listener_with_callback(name, on_event.as_ref().unchecked_ref());
        }
        listener = Some(on_event);
    });
    let event = JsFuture::from(promise)
        .await
        .map(|e| e.unchecked_into::<Event>())
        .unwrap_or_else(|_| Event::new("error").expect("an event"));
    if let Some(on_event) = listener {
        for name in names {
            let _ =
                target.remove_event_listener_with_callback(name, on_event.as_ref().unchecked_ref());
        }
    }
    event
}

/// The result of a request, once it succeeded.
pub async fn request(req: &IdbRequest) -> Result<JsValue, String> {
    let event = first_event(req, &["success", "error"]).await;
    if event.type_() == "success" {
        req.result()
            .map_err(|e| failure(dom_exception(&e), READ_FAILED))
    } else {
        Err(failure(req.error().ok().flatten(), READ_FAILED))
    }
}

/// Resolves once the transaction is committed (for a write: on disk), or fails with the reason it
/// was aborted (the storage full, the database closed under it). Call it before yielding after
/// the transaction's last request, or its `complete` may have fired already.
pub async fn committed(tx: &IdbTransaction) -> Result<(), String> {
    let event = first_event(tx, &["complete", "abort"]).await;
    if event.type_() == "complete" {
        Ok(())
    } else {
        Err(failure(tx.error(), WRITE_FAILED))
    }
}

impl Database {
    /// The open connection: opened (and `on_open` run) the first time, then shared.
    pub async fn connection(&'static self) -> Result<IdbDatabase, String> {
        let opening = CONNECTIONS.with(|c| {
            let mut connections = c.borrow_mut();
            if let Some((_, promise)) = connections.iter().find(|(name, _)| *name == self.name) {
                return promise.clone();
            }
            let promise = wasm_bindgen_futures::future_to_promise(async move {
                let db = self.open().await.map_err(|e| JsValue::from_str(&e))?;
                if let Some(on_open) = self.on_open {
                    on_open(db.clone()).await;
                }
                Ok(db.into())
            });
            connections.push((self.name, promise.clone()));
            promise
        });
        match JsFuture::from(opening).await {
            Ok(db) => Ok(db.unchecked_into()),
            Err(reason) => {
                // Not remembered: the next use tries again (the user may have freed space).
                self.forget();
                Err(reason.as_string().unwrap_or_else(|| READ_FAILED.to_owned()))
            }
        }
    }

    /// Drops the remembered connection: the next use opens the database again.
    fn forget(&self) {
        CONNECTIONS.with(|c| c.borrow_mut().retain(|(name, _)| *name != self.name));
    }

    async fn open(&'static self) -> Result<IdbDatabase, String> {
        let unavailable = "This browser does not allow the app to keep data on the device.";
        let factory = window()
            .indexed_db()
            .map_err(|e| failure(dom_exception(&e), unavailable))?
            .ok_or_else(|| unavailable.to_owned())?;
        let open = factory
            .open_with_u32(self.name, self.version)
            .map_err(|e| failure(dom_exception(&e), unavailable))?;
        let upgrading = open.clone();
        let stores = self.stores;
        // Runs inside the upgrade event, while its transaction is active.
        let on_upgrade = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
            if let Ok(db) = upgrading
                .result()
                .map(|r| r.unchecked_into::<IdbDatabase>())
            {
                for store in stores {
                    if !db.object_store_names().contains(store) {
                        let _ = db.create_object_store(store);
                    }
                }
            }
        });
        open.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
        let opened = request(&open).await;
        open.set_onupgradeneeded(None);
        let db: IdbDatabase = opened?.unchecked_into();
        // Another tab opening a newer version of the app waits for this connection to close; and
        // a connection the browser closed (site data cleared) is of no further use.
        let closing = db.clone();
        let on_version_change = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
            closing.close();
            self.forget();
        });
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget();
        let on_close = Closure::<dyn FnMut(Event)>::new(move |_: Event| self.forget());
        db.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        on_close.forget();
        Ok(db)
    }

    /// A `readonly` transaction over `stores`. A connection found closed (the browser closes it
    /// when the site's data is cleared) is opened again once.
    pub async fn read(&'static self, stores: &[&str]) -> Result<IdbTransaction, String> {
        let db = self.connection().await?;
        match begin_raw(&db, stores, false) {
            Err(e) if invalid_state(&e) => {
                self.forget();
                begin(&self.connection().await?, stores, false)
            }
            other => other.map_err(|e| failure(dom_exception(&e), READ_FAILED)),
        }
    }

    /// Makes `requests` in a strict `readwrite` transaction over `stores`, and resolves once they
    /// are committed: on disk. A connection found unusable (closed by the browser when the site's
    /// data is cleared; Firefox refuses further writes on a connection after its quota was
    /// exceeded) is opened again and the write made once more.
    pub async fn write(
        &'static self,
        stores: &[&str],
        requests: impl Fn(&IdbTransaction) -> Result<(), JsValue>,
    ) -> Result<(), String> {
        let mut retried = false;
        loop {
            let db = self.connection().await?;
            let made = begin_raw(&db, stores, true).and_then(|tx| requests(&tx).map(|_| tx));
            match made {
                Ok(tx) => return committed(&tx).await,
                Err(e) if invalid_state(&e) && !retried => {
                    retried = true;
                    db.close();
                    self.forget();
                }
                Err(e) => return Err(failure(dom_exception(&e), WRITE_FAILED)),
            }
        }
    }
}

fn invalid_state(error: &JsValue) -> bool {
    dom_exception(error).is_some_and(|e| e.name() == "InvalidStateError")
}

fn fallback(write: bool) -> &'static str {
    if write {
        WRITE_FAILED
    } else {
        READ_FAILED
    }
}

/// A transaction on this connection: `readonly`, or `readwrite` with strict durability.
pub fn begin(db: &IdbDatabase, stores: &[&str], write: bool) -> Result<IdbTransaction, String> {
    begin_raw(db, stores, write).map_err(|e| failure(dom_exception(&e), fallback(write)))
}

fn begin_raw(db: &IdbDatabase, stores: &[&str], write: bool) -> Result<IdbTransaction, JsValue> {
    let names: js_sys::Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
    let options = js_sys::Object::new();
    if write {
        js_sys::Reflect::set(&options, &"durability".into(), &"strict".into())?;
    }
    let mode = if write { "readwrite" } else { "readonly" };
    // `IDBDatabase.transaction(stores, mode, options)`: web-sys has the options dictionary only
    // among its unstable APIs.
    let transaction: js_sys::Function =
        js_sys::Reflect::get(db, &"transaction".into())?.unchecked_into();
    Ok(transaction
        .call3(db, &names, &mode.into(), &options)?
        .unchecked_into())
}

/// The error of a request that could not even be made (the transaction already finished, a value
/// the browser cannot store), in the user's words.
pub fn refused(value: JsValue) -> String {
    let exception = dom_exception(&value);
    if exception.is_none() {
        web_sys::console::warn_1(&format!("mgl storage: {}", js_error(value)).into());
    }
    failure(exception, WRITE_FAILED)
}
