//! Drafts and keys on the device, in a real headless Chromium and Firefox ESR (scripts/test runs
//! both): the storage functions, the move of the previous version's records out of localStorage,
//! and the whole app autosaving what is typed.
#![cfg(target_arch = "wasm32")]

use mgl_app::browser::{keystore, records, storage};
use mgl_domain::summary::Summary;
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

fn local_storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

/// No draft or key on the device, in either storage.
async fn clear_device() {
    local_storage().clear().unwrap();
    for d in storage::list().await.drafts {
        storage::delete(&d.id).await.unwrap();
    }
    for k in keystore::list().await {
        keystore::delete(&k.key_id).await.unwrap();
    }
}

/// The ids of the drafts listed that can be read.
async fn listed_ids() -> Vec<String> {
    storage::list()
        .await
        .drafts
        .into_iter()
        .filter(|d| d.read(Draft::from_json).is_some())
        .map(|d| d.id)
        .collect()
}

async fn load(id: &str) -> Option<Draft> {
    let json = storage::load_json(id).await?;
    let mut draft = Draft::from_json(&json).ok()?;
    draft.id = id.into();
    Some(draft)
}

fn summary_of(draft: &Draft) -> Summary {
    Summary {
        title: draft.title().into(),
        sites: draft.sites.len(),
        updated_ms: draft.updated_ms,
        complete_steps: 3,
        ..Summary::default()
    }
}

async fn stored_summary(id: &str) -> Option<Summary> {
    storage::list()
        .await
        .drafts
        .into_iter()
        .find(|d| d.id == id)?
        .summary
}

#[wasm_bindgen_test]
async fn saved_drafts_are_listed_newest_first_loaded_and_deleted() {
    clear_device().await;
    storage::save(&draft("older", "Sunrise Rural Power", 1_000.0))
        .await
        .unwrap();
    let mut newer = draft("newer", "Kuchi Community Energy", 2_000.0);
    newer.sites[0].latitude = "9°48'36\"N".into();
    storage::save(&newer).await.unwrap();

    assert_eq!(listed_ids().await, ["newer", "older"]);
    assert_eq!(load("newer").await, Some(newer.clone()));
    // A summary is written with its draft's JSON, in one transaction, and replaced with it.
    assert_eq!(
        stored_summary("newer").await,
        Some(Summary::uncounted(&newer))
    );
    let summary = summary_of(&newer);
    storage::save_json("newer", &newer.to_json(), &summary)
        .await
        .unwrap();
    assert_eq!(stored_summary("newer").await, Some(summary.clone()));
    storage::save(&newer).await.unwrap();
    assert_eq!(
        stored_summary("newer").await,
        Some(Summary::uncounted(&newer))
    );
    storage::save_summary("newer", &summary).await.unwrap();
    assert_eq!(stored_summary("newer").await, Some(summary));
    assert!(storage::exists("older").await);
    // Nothing of it in localStorage: the drafts are in IndexedDB.
    assert_eq!(local_storage().length().unwrap(), 0);

    storage::delete("older").await.unwrap();
    assert!(!storage::exists("older").await);
    assert_eq!(storage::list().await.drafts.len(), 1);
    assert_eq!(load("older").await, None);
}

#[wasm_bindgen_test]
async fn an_unreadable_entry_does_not_hide_the_other_drafts() {
    clear_device().await;
    storage::save_json("broken", "{not json", &Summary::default())
        .await
        .unwrap();
    storage::save(&draft("good", "Sunrise", 1.0)).await.unwrap();
    let listing = storage::list().await;
    assert_eq!(listing.problem, None);
    let read: Vec<(String, bool)> = listing
        .drafts
        .iter()
        .map(|d| (d.id.clone(), d.read(Draft::from_json).is_some()))
        .collect();
    assert_eq!(read, [("good".into(), true), ("broken".into(), false)]);
    storage::delete("broken").await.unwrap();
}

fn stored_key(key_id: &str, created_ms: f64) -> keystore::StoredKey {
    keystore::StoredKey {
        key_id: key_id.into(),
        label: format!("Signer {key_id}"),
        fingerprint: "fp".into(),
        secret_file: "untrusted comment: minisign encrypted secret key\nRWRT...".into(),
        pub_file: "untrusted comment: minisign public key\nRWQ...".into(),
        created_ms,
    }
}

/// The previous versions' layout: one localStorage entry per draft and per key.
fn keep_the_old_way(draft: &Draft) {
    local_storage()
        .set_item(&format!("mgl.draft.{}", draft.id), &draft.to_json())
        .unwrap();
}

#[wasm_bindgen_test]
async fn drafts_and_keys_of_the_previous_version_move_to_indexeddb_without_loss_or_duplicates() {
    clear_device().await;
    // Only in localStorage: moved.
    let only_old = draft("onlyold", "Gurmana Solar Cooperative", 3_000.0);
    keep_the_old_way(&only_old);
    // In both, edited later in IndexedDB (a move interrupted, then edited): IndexedDB's copy stays.
    let mut stale = draft("both1", "Kuchi (before)", 1_000.0);
    keep_the_old_way(&stale);
    stale.applicant.organisation = "Kuchi (after)".into();
    stale.updated_ms = 2_000.0;
    storage::save(&stale).await.unwrap();
    // In both, edited later in localStorage (an older tab went on writing there): that copy wins.
    let mut old_in_idb = draft("both2", "Tashan Dutse (first)", 1_000.0);
    let summary = summary_of(&old_in_idb);
    storage::save_json("both2", &old_in_idb.to_json(), &summary)
        .await
        .unwrap();
    old_in_idb.applicant.organisation = "Tashan Dutse (edited)".into();
    old_in_idb.updated_ms = 4_000.0;
    keep_the_old_way(&old_in_idb);
    // Not a draft's JSON: moved as it is (it was not readable before either).
    local_storage()
        .set_item("mgl.draft.garbled", "{not json")
        .unwrap();
    let key = stored_key("ABCDEF0123456789", 5.0);
    local_storage()
        .set_item(
            "mgl.key.ABCDEF0123456789",
            &serde_json::to_string(&key).unwrap(),
        )
        .unwrap();
    // Not the app's records: left alone.
    local_storage().set_item("mgl.lang", "fr").unwrap();

    // Before the move, the list already shows what only localStorage holds.
    assert_eq!(listed_ids().await, ["onlyold", "both1", "both2"]);
    records::move_legacy_records().await;

    assert_eq!(listed_ids().await, ["both2", "onlyold", "both1"]);
    // The summary of the copy that was replaced went with it.
    assert_eq!(stored_summary("both2").await, None);
    assert_eq!(load("onlyold").await, Some(only_old));
    assert_eq!(
        load("both1").await.unwrap().applicant.organisation,
        "Kuchi (after)"
    );
    assert_eq!(
        load("both2").await.unwrap().applicant.organisation,
        "Tashan Dutse (edited)"
    );
    assert_eq!(keystore::list().await, [key]);
    // Every record's localStorage copy is gone; the language choice stays.
    let left: Vec<String> = (0..local_storage().length().unwrap())
        .filter_map(|i| local_storage().key(i).unwrap())
        .collect();
    assert_eq!(left, ["mgl.lang"]);
    // A second start moves nothing more and lists each draft once.
    records::move_legacy_records().await;
    assert_eq!(listed_ids().await, ["both2", "onlyold", "both1"]);
    clear_device().await;
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
    clear_device().await;
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

    let drafts = storage::list().await.drafts;
    assert_eq!(drafts.len(), 1);
    let saved = drafts[0].read(Draft::from_json).unwrap();
    assert_eq!(saved.applicant.organisation, "Gurmana Solar Cooperative");
    // What the list of drafts shows is saved with the draft: while typing its title, sites and
    // time (its counts come when the draft is left, below).
    let summary = drafts[0]
        .summary
        .clone()
        .expect("a summary saved with the draft");
    assert_eq!(
        (summary.title.as_str(), summary.sites, summary.updated_ms),
        ("Gurmana Solar Cooperative", 1, saved.updated_ms)
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
    assert_eq!(
        storage::list().await.drafts[0]
            .read(Draft::from_json)
            .unwrap()
            .applicant
            .email,
        "info@sunrise"
    );
    let message = window()
        .document()
        .unwrap()
        .get_element_by_id("f-applicant-email-msg")
        .expect("message at the field");
    assert!(message.text_content().unwrap().contains("e-mail address"));

    // Left for the list of drafts: the summary is counted, from the form's own report.
    click_button("All applications");
    sleep(500).await;
    let summary = storage::list().await.drafts[0].summary.clone().unwrap();
    assert_eq!(summary.title, "Gurmana Solar Cooperative");
    assert!(summary.documents_required > 0, "{summary:?}");
    assert!(
        !summary.rules.is_empty(),
        "counted by this build's rules: {summary:?}"
    );
}
