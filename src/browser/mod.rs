//! Everything that talks to the browser: storage of drafts, files, clock, address bar.
//! The rest of the app calls these small functions and never touches web-sys itself.

pub mod bundle_io;
pub mod clock;
pub mod file_store;
pub mod files;
pub mod keystore;
pub mod route;
pub mod storage;
pub mod update;

pub fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a browser window")
}

/// Takes the keyboard focus off whatever has it (it goes back to the page, as when that element is
/// removed).
pub fn blur_focused() {
    use wasm_bindgen::JsCast;
    if let Some(element) = window().document().and_then(|d| d.active_element()) {
        if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
            let _ = element.blur();
        }
    }
}

/// Tells the page's own scripts (index.html) that something happened, by an event on the window.
pub fn dispatch_event(name: &str) {
    if let Ok(event) = web_sys::Event::new(name) {
        let _ = window().dispatch_event(&event);
    }
}
