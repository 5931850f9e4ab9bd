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

/// Tells the page's own scripts (index.html) that something happened, by an event on the window.
pub fn dispatch_event(name: &str) {
    if let Ok(event) = web_sys::Event::new(name) {
        let _ = window().dispatch_event(&event);
    }
}
