//! The web app: renders the domain's form, keeps drafts on the device. The only crate that names
//! leptos, web-sys and js-sys; every rule it shows comes from `mgl-domain`.

pub mod app;
pub mod browser;
pub mod chunks;
pub mod components;
pub mod i18n;
pub mod reactive;
pub mod state;

/// Entry point called by `main.rs` once the wasm module is loaded.
pub fn start() {
    console_error_panic_hook::set_once();
    // The app is shown once the language it starts in is ready (its catalogue is fetched on demand).
    // (wasm-bindgen's executor: Leptos's is set up by the mount.)
    wasm_bindgen_futures::spawn_local(async {
        i18n::init().await;
        leptos::mount::mount_to_body(app::App);
        // The first screen is up. Fetch the form's code now, while the user reads the list of
        // drafts: opening one is nearly always next. Then the page is ready for the service worker
        // to cache the rest of the app for offline use (index.html waits for this event, so that
        // its downloads come after the ones a user waits for, and find these in the HTTP cache).
        chunks::prefetch_editor().await;
        browser::dispatch_event("mgl-app-ready");
    });
}
