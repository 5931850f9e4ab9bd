//! Drafts on the device, in a real headless Chromium: the storage functions, and the whole app
//! autosaving what is typed.
#![cfg(target_arch = "wasm32")]

use mgl_app::browser::storage;
use mgl_domain::Draft;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

fn draft(id: &str, organisation: &str, updated_ms: f64) -> Draft {
    let mut d = Draft::new(id.into(), "ng", 4, updated_ms);
    d.applicant.organisation = organisation.into();
    d
}

#[wasm_bindgen_test]
fn saved_drafts_are_listed_newest_first_loaded_and_deleted() {
    window().local_storage().unwrap().unwrap().clear().unwrap();
    storage::save(&draft("older", "Sunrise Rural Power", 1_000.0)).unwrap();
    let mut newer = draft("newer", "Kuchi Community Energy", 2_000.0);
    newer.sites[0].latitude = "9°48'36\"N".into();
    storage::save(&newer).unwrap();

    let listed: Vec<String> = storage::list().into_iter().map(|d| d.id).collect();
    assert_eq!(listed, ["newer", "older"]);
    assert_eq!(storage::load("newer"), Some(newer));
    assert!(storage::exists("older"));

    storage::delete("older").unwrap();
    assert!(!storage::exists("older"));
    assert_eq!(storage::list().len(), 1);
    assert_eq!(storage::load("older"), None);
}

#[wasm_bindgen_test]
fn an_unreadable_entry_does_not_hide_the_other_drafts() {
    let ls = window().local_storage().unwrap().unwrap();
    ls.clear().unwrap();
    ls.set_item("mgl.draft.broken", "{not json").unwrap();
    ls.set_item("unrelated", "x").unwrap();
    storage::save(&draft("good", "Sunrise", 1.0)).unwrap();
    let listed: Vec<String> = storage::list().into_iter().map(|d| d.id).collect();
    assert_eq!(listed, ["good"]);
}

#[wasm_bindgen_test]
fn a_draft_larger_than_the_storage_is_refused_with_words_a_user_understands() {
    window().local_storage().unwrap().unwrap().clear().unwrap();
    let mut huge = draft("huge", "Sunrise", 1.0);
    huge.business.activities = "x".repeat(12 * 1024 * 1024);
    let error = storage::save(&huge).unwrap_err();
    assert!(error.contains("storage for this app is full"), "{error}");
    assert!(!storage::exists("huge"));
}

fn input_by_id(id: &str) -> web_sys::HtmlInputElement {
    window()
        .document()
        .unwrap()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("no #{id}"))
        .unchecked_into()
}

fn click_button(text: &str) {
    let document = window().document().unwrap();
    let buttons = document.query_selector_all("button").unwrap();
    let button = (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == text)
        .unwrap_or_else(|| panic!("no button {text:?}"));
    button.click();
}

#[wasm_bindgen_test]
async fn the_app_autosaves_what_is_typed_within_a_second() {
    window().local_storage().unwrap().unwrap().clear().unwrap();
    mgl_app::start();
    sleep(50).await;
    click_button("Start a new application");
    sleep(50).await;

    let organisation = input_by_id("f-applicant-organisation");
    organisation.set_value("Gurmana Solar Cooperative");
    organisation
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    sleep(1000).await;

    let drafts = storage::list();
    assert_eq!(drafts.len(), 1);
    assert_eq!(
        drafts[0].applicant.organisation,
        "Gurmana Solar Cooperative"
    );
    let status = window()
        .document()
        .unwrap()
        .query_selector("[data-testid=save-status]")
        .unwrap()
        .unwrap();
    assert!(
        status
            .text_content()
            .unwrap()
            .contains("Saved on this device"),
        "{:?}",
        status.text_content()
    );

    // An invalid answer is kept as typed, and its message shows at the field.
    let email = input_by_id("f-applicant-email");
    email.set_value("info@sunrise");
    email
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    sleep(1000).await;
    assert_eq!(storage::list()[0].applicant.email, "info@sunrise");
    let message = window()
        .document()
        .unwrap()
        .get_element_by_id("f-applicant-email-msg")
        .expect("message at the field");
    assert!(message.text_content().unwrap().contains("e-mail address"));
}
