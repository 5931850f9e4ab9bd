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
    // The drafts' database is opened (and an older version's drafts moved in) while the rest
    // starts, so that the first screen's read of it does not wait for the opening.
    browser::records::open_early();
    // The form's code is fetched from the start, alongside the language's catalogue and while the
    // first screen is built: opening a draft, nearly always the user's next step, then needs no
    // download (see chunks.rs). Only a split build has something to fetch.
    wasm_bindgen_futures::spawn_local(chunks::prefetch_editor());
    // The app is shown once the language it starts in is ready (its catalogue is fetched on demand).
    // (wasm-bindgen's executor: Leptos's is set up by the mount.)
    wasm_bindgen_futures::spawn_local(async {
        i18n::init().await;
        let reopened = app::draft_in_address_bar().await;
        leptos::mount::mount_to_body(move || leptos::view! { <app::App reopened /> });
        // Once the form's code is here too (the same load as above, awaited once more), the page
        // is ready for the service worker to cache the rest of the app for offline use: index.html
        // waits for this event, so that those downloads come after the ones a user waits for, and
        // find these in the HTTP cache.
        chunks::prefetch_editor().await;
        browser::dispatch_event("mgl-app-ready");
    });
}
