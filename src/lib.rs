//! The web app: renders the domain's form, keeps drafts on the device. The only crate that names
//! leptos, web-sys and js-sys; every rule it shows comes from `mgl-domain`.

pub mod app;
pub mod browser;
pub mod components;
pub mod i18n;
pub mod reactive;
pub mod state;

/// Entry point called by `main.rs` once the wasm module is loaded.
pub fn start() {
    console_error_panic_hook::set_once();
    i18n::init();
    leptos::mount::mount_to_body(app::App);
}
