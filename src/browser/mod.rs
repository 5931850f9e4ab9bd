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

/// Once the next page is drawn, puts the keyboard focus at the start of its main content, unless
/// something has the focus by then: a keyboard or screen-reader user goes on from there, instead
/// of from the top of the document.
pub fn focus_main_soon() {
    use wasm_bindgen::JsCast;
    leptos::prelude::request_animation_frame(|| {
        let Some(document) = window().document() else {
            return;
        };
        let unfocused = document
            .active_element()
            .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
        if let Some(main) = document.get_element_by_id("main").filter(|_| unfocused) {
            if let Some(main) = main.dyn_ref::<web_sys::HtmlElement>() {
                // Without scrolling: the page opens at its top, its title in view.
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = main.focus_with_options(&options);
            }
        }
    });
}

/// Tells the page's own scripts (index.html) that something happened, by an event on the window.
pub fn dispatch_event(name: &str) {
    if let Ok(event) = web_sys::Event::new(name) {
        let _ = window().dispatch_event(&event);
    }
}
