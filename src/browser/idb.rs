//! IndexedDB, where everything the app must not lose is kept, as few futures: a database opened
//! once per page (its object stores created when missing), and transactions that make requests on
//! one or more object stores and resolve with their results.
//!
//! Every write is a `readwrite` transaction opened with `{ durability: "strict" }`, and resolves
//! only on its `complete` event, which then means the data is on disk: what the app calls saved
//! survives the browser being killed, or the battery dying, the next moment. Both Chromium and
//! Firefox write localStorage (what the app used before) to disk seconds later: a crash 1 s after
//! a "saved" draft lost it, and so does a relaxed IndexedDB transaction. Browsers that do not know
//! the option (Chrome before 83, Firefox before 126) ignore it and use their own default.
//!
//! One non-generic `run` serves every store and operation: each async function is a state machine
//! in the wasm, which the first load downloads.

use super::window;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DomException, Event, EventTarget, IdbDatabase, IdbObjectStore, IdbRequest,
    IdbRequestReadyState, IdbTransaction,
};

/// What the app does once with a database it has just opened, before anyone else uses it (the
/// drafts' database moves the previous version's drafts in).
pub type OnOpen = fn(IdbDatabase) -> Pin<Box<dyn Future<Output = ()>>>;

/// The requests of one transaction (`put`, `get`, `delete`...), made on its object stores, given
/// in the order their names were.
pub type Requests<'a> = &'a dyn Fn(&[IdbObjectStore]) -> Result<Vec<IdbRequest>, JsValue>;

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

const WRITE_FAILED: &str = "The browser could not write to the app's storage on this device.";
const READ_FAILED: &str = "The browser could not read the app's storage on this device.";
const UNAVAILABLE: &str = "This browser does not allow the app to keep data on the device.";

/// A storage operation that failed, in the user's words. The browser's own reason goes to the
/// console, for whoever helps the user; the message says what it means for them.
fn failure(error: &JsValue, write: bool) -> String {
    let exception = error.dyn_ref::<DomException>();
    web_sys::console::warn_2(&"mgl storage:".into(), error);
    match exception.map(|e| e.name()).as_deref() {
        Some("QuotaExceededError") => {
            "The device's storage for this app is full: free some space or remove large attachments."
        }
        Some("InvalidStateError") => {
            "The browser closed the app's storage on this device (its data may have been cleared)."
        }
        // Refused, or no IndexedDB at all.
        Some("SecurityError") => UNAVAILABLE,
        None if error.is_undefined() => UNAVAILABLE,
        _ if write => WRITE_FAILED,
        _ => READ_FAILED,
    }
    .to_owned()
}

fn invalid_state(error: &JsValue) -> bool {
    error
        .dyn_ref::<DomException>()
        .is_some_and(|e| e.name() == "InvalidStateError")
}

/// Waits for the first of the events `names` that `target` fires. The listener is added before
/// anything can fire (the caller has not yielded since making the request) and removed afterwards.
async fn first_event(target: &EventTarget, names: &[&str]) -> String {
    let mut listener = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let on_event = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            let _ = resolve.call1(&JsValue::NULL, &event.type_().into());
        });
        for name in names {
            let _ =
                target.add_event_listener_with_callback(name, on_event.as_ref().unchecked_ref());
        }
        listener = Some(on_event);
    });
    let event = JsFuture::from(promise)
        .await
        .ok()
        .and_then(|e| e.as_string());
    if let Some(on_event) = listener {
        for name in names {
            let _ =
                target.remove_event_listener_with_callback(name, on_event.as_ref().unchecked_ref());
        }
    }
    event.unwrap_or_default()
}

/// A request's result, or its error.
async fn outcome(req: &IdbRequest) -> Result<JsValue, JsValue> {
    if req.ready_state() != IdbRequestReadyState::Done {
        first_event(req, &["success", "error"]).await;
    }
    match req.error() {
        Ok(Some(error)) => Err(error.into()),
        _ => req.result(),
    }
}

/// Makes `requests` on `stores` in one transaction of this connection, and resolves with their
/// results: a `readonly` transaction, or for a write a strict `readwrite` one, resolved (with no
/// results) once committed, all of it or nothing.
pub async fn run_on(
    db: &IdbDatabase,
    stores: &[&str],
    write: bool,
    requests: Requests<'_>,
) -> Result<Vec<JsValue>, JsValue> {
    let options = js_sys::Object::new();
    if write {
        js_sys::Reflect::set(&options, &"durability".into(), &"strict".into())?;
    }
    let mode = if write { "readwrite" } else { "readonly" };
    // `IDBDatabase.transaction(stores, mode, options)`: web-sys has the options dictionary only
    // among its unstable APIs.
    let transaction: js_sys::Function =
        js_sys::Reflect::get(db, &"transaction".into())?.unchecked_into();
    let names: js_sys::Array = stores.iter().map(|name| JsValue::from_str(name)).collect();
    let tx: IdbTransaction = transaction
        .call3(db, &names, &mode.into(), &options)?
        .unchecked_into();
    let opened = stores
        .iter()
        .map(|name| tx.object_store(name))
        .collect::<Result<Vec<_>, _>>()?;
    let made = requests(&opened)?;
    if write {
        return match first_event(&tx, &["complete", "abort"]).await.as_str() {
            "complete" => Ok(Vec::new()),
            _ => Err(tx.error().map_or(JsValue::NULL, Into::into)),
        };
    }
    let mut results = Vec::with_capacity(made.len());
    for req in &made {
        results.push(outcome(req).await?);
    }
    Ok(results)
}

impl Database {
    /// `run_on` this database's connection. A connection found unusable (closed by the browser
    /// when the site's data is cleared; Firefox refuses further writes on a connection after its
    /// quota was exceeded) is opened again and the transaction made once more: nothing of it was
    /// written.
    pub async fn run(
        &'static self,
        stores: &[&str],
        write: bool,
        requests: Requests<'_>,
    ) -> Result<Vec<JsValue>, String> {
        let mut retried = false;
        loop {
            let db = self.connection().await?;
            match run_on(&db, stores, write, requests).await {
                Ok(results) => return Ok(results),
                Err(e) if invalid_state(&e) && !retried => {
                    retried = true;
                    db.close();
                    self.forget();
                }
                Err(e) => return Err(failure(&e, write)),
            }
        }
    }

    /// The open connection: opened (and `on_open` run) the first time, then shared.
    pub async fn connection(&'static self) -> Result<IdbDatabase, String> {
        let opening = CONNECTIONS.with(|c| {
            let mut connections = c.borrow_mut();
            if let Some((_, promise)) = connections.iter().find(|(name, _)| *name == self.name) {
                return promise.clone();
            }
            let promise = js_sys::Promise::new(&mut |resolve, reject| {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = match self.open().await {
                        Ok(db) => {
                            if let Some(on_open) = self.on_open {
                                on_open(db.clone()).await;
                            }
                            resolve.call1(&JsValue::NULL, &db)
                        }
                        Err(e) => reject.call1(&JsValue::NULL, &e),
                    };
                });
            });
            connections.push((self.name, promise.clone()));
            promise
        });
        match JsFuture::from(opening).await {
            Ok(db) => Ok(db.unchecked_into()),
            Err(e) => {
                // Not remembered: the next use tries again (the user may have freed space).
                self.forget();
                Err(failure(&e, false))
            }
        }
    }

    /// Drops the remembered connection: the next use opens the database again.
    fn forget(&self) {
        CONNECTIONS.with(|c| c.borrow_mut().retain(|(name, _)| *name != self.name));
    }

    async fn open(&'static self) -> Result<IdbDatabase, JsValue> {
        let open = window()
            .indexed_db()?
            .ok_or(JsValue::UNDEFINED)?
            .open_with_u32(self.name, self.version)?;
        let upgrading = open.clone();
        let stores = self.stores;
        // Runs inside the upgrade event, while its transaction is active.
        let on_upgrade = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
            if let Ok(db) = upgrading
                .result()
                .map(JsCast::unchecked_into::<IdbDatabase>)
            {
                for store in stores {
                    if !db.object_store_names().contains(store) {
                        let _ = db.create_object_store(store);
                    }
                }
            }
        });
        open.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
        let opened = outcome(&open).await;
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
}
