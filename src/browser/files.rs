//! Files the user saves or opens. Downloads are made from a Blob in the page: nothing leaves the device.
use super::window;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// The media type of an XLSX workbook (the register's, the tariff's).
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Offers `contents` as a file download named `file_name`.
pub fn download_text(file_name: &str, mime: &str, contents: &str) -> Result<(), String> {
    download_blob(file_name, &text_blob(contents, mime)?)
}

fn text_blob(contents: &str, mime: &str) -> Result<Blob, String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js_error)
}

/// Offers bytes made in the page (a workbook) as a file download named `file_name`.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_blob_sequence_and_options(&parts, &options).map_err(js_error)?;
    download_blob(file_name, &blob)
}

/// Offers a Blob (an attached file) as a download, to open or check it.
pub fn download_blob(file_name: &str, blob: &Blob) -> Result<(), String> {
    let url = Url::create_object_url_with_blob(blob).map_err(js_error)?;
    let document = window().document().ok_or("no document")?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_error)?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    Url::revoke_object_url(&url).map_err(js_error)?;
    Ok(())
}

/// Opens an HTML document made in the page (the printable application) in a new tab, from a Blob:
/// nothing is fetched. Returns false when the browser blocked the new tab.
pub fn open_html(html: &str) -> Result<bool, String> {
    let blob = text_blob(html, "text/html;charset=utf-8")?;
    let url = Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    // The URL stays valid while this page lives, so the new tab can be reloaded and printed.
    Ok(window()
        .open_with_url_and_target(&url, "_blank")
        .map_err(js_error)?
        .is_some())
}

/// Shows a printable page in a new tab; where the browser blocks new tabs, saves it as a file instead.
pub fn show_printable(html: &str, fallback_name: &str) {
    if !matches!(open_html(html), Ok(true)) {
        let _ = download_text(fallback_name, "text/html", html);
    }
}

/// One of the app's own files (a catalogue, an outline), from its origin or the service worker's
/// cache: the only fetches the app makes (ARCHITECTURE.md, invariants). The single-file build,
/// opened from a file, answers them from the page (scripts/single-file.mjs).
pub async fn fetch_app_file(path: &str) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let failed = |_| format!("{path} could not be read");
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    if !response.ok() {
        return Err(format!("{path}: {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?;
    text.as_string()
        .ok_or_else(|| format!("{path} is not text"))
}

/// Reads a file the user picked as text.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(js_error)?;
    text.as_string()
        .ok_or_else(|| "The file is not text.".to_owned())
}

/// The file the user picked in the file input that sent `ev`; the input is emptied, so that
/// picking the same file again is a change too.
pub fn picked_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = ev.target()?.unchecked_into();
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

/// Reads a file the user picked as bytes (a register in a legacy encoding, a zip).
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(js_error)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A file name made from what the user typed, for downloads: letters (any script), digits, dashes.
pub fn safe_file_name(stem: &str, extension: &str) -> String {
    mgl_domain::bundle::payload::file_name_keeping(
        stem,
        extension,
        char::is_alphanumeric,
        "application",
    )
}

pub fn js_error(value: JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| {
            value
                .dyn_ref::<web_sys::DomException>()
                .map(|e| e.message())
        })
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}
