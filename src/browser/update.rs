//! App updates: index.html registers the service worker and sets `mglUpdateReady` / calls
//! `mgl-update-ready` when a new version waits; `mglApplyUpdate()` activates it and reloads.
use super::window;
use wasm_bindgen::{JsCast, JsValue};

pub fn is_ready() -> bool {
    js_sys::Reflect::get(&window(), &JsValue::from_str("mglUpdateReady"))
        .is_ok_and(|v| v.is_truthy())
}

pub fn apply() {
    let apply = js_sys::Reflect::get(&window(), &JsValue::from_str("mglApplyUpdate")).ok();
    match apply.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
        Some(f) => {
            let _ = f.call0(&JsValue::NULL);
        }
        None => {
            let _ = window().location().reload();
        }
    }
}
