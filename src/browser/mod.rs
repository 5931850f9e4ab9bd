//! Everything that talks to the browser: storage of drafts, keys and files, clock, address bar.
//! The rest of the app calls these small functions and never touches web-sys itself.

pub mod bundle_io;
pub mod clock;
pub mod file_store;
pub mod files;
pub mod idb;
pub mod keystore;
pub mod records;
pub mod route;
pub mod storage;
pub mod update;

pub fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a browser window")
}

/// Hands the keyboard focus to the page about to open: takes it off the element that has it now
/// (removing a focused element makes the browser fix the focus up at once, with a style and layout
/// pass over the half-built next page: 45-130 ms at 4x CPU when a draft was opened), and once the
/// next page is drawn gives it to `target` (an element id: "main", the start of a page's content, or
/// "step-title", the heading of the step a Next or Back button opened), unless something took it by
/// then. A keyboard or screen-reader user goes on from there (and hears where they are), not from
/// the top of the document, nor from where the button was (Firefox's next Tab then goes to the
/// step's list of problems, past its questions).
pub fn hand_focus_to(target: &'static str) {
    use wasm_bindgen::JsCast;
    let Some(document) = window().document() else {
        return;
    };
    if let Some(focused) = document.active_element() {
        if let Some(focused) = focused.dyn_ref::<web_sys::HtmlElement>() {
            let _ = focused.blur();
        }
    }
    focus_if_lost(target);
}

/// On the next frame, focuses the element `target` if nothing has the focus (it is on the page's
/// body): a screen shown after "Loading…" takes the focus its page was handed while it loaded.
pub fn focus_if_lost(target: &'static str) {
    use wasm_bindgen::JsCast;
    let Some(document) = window().document() else {
        return;
    };
    leptos::prelude::request_animation_frame(move || {
        let unfocused = document
            .active_element()
            .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
        if let Some(target) = document.get_element_by_id(target).filter(|_| unfocused) {
            if let Some(target) = target.dyn_ref::<web_sys::HtmlElement>() {
                // Without scrolling: the page opens at its top, its title in view.
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = target.focus_with_options(&options);
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

/// Lets the page handle input and paint before going on with a long piece of work: the work
/// resumes as a new task, by a message to itself (a timer of 0 ms is held back 4 ms or more once
/// timers nest, and much longer on a slow laptop).
pub async fn yield_to_page() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
    });
    let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    channel.port1().set_onmessage(None);
}
