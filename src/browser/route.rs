//! The address bar remembers which draft and step are open (`#/d/<draft id>/<step>`), so a reload
//! comes back to the same place. It is replaced, not pushed: the app has no pages to go back to.
use super::window;

pub fn read() -> Option<(String, String)> {
    let hash = window().location().hash().ok()?;
    let mut parts = hash.strip_prefix("#/d/")?.splitn(2, '/');
    let id = parts.next()?.to_owned();
    let step = parts.next().unwrap_or("").to_owned();
    (!id.is_empty()).then_some((id, step))
}

pub fn write(draft_id: Option<&str>, step: &str) {
    let url = match draft_id {
        Some(id) => format!("#/d/{id}/{step}"),
        None => "#/".to_owned(),
    };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// A page that belongs to no draft: `#/keys`, `#/verify`.
pub fn read_page() -> Option<String> {
    let hash = window().location().hash().ok()?;
    let page = hash.strip_prefix("#/")?;
    (!page.is_empty() && !page.starts_with("d/")).then(|| page.to_owned())
}

pub fn write_page(page: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#/{page}")),
        );
    }
}
