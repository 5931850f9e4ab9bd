//! The reactive helpers of `src/reactive.rs`, in a real headless Chromium: a firewall and a fan-out
//! wake their readers only when what those readers see changes (the reason they exist: see
//! ARCHITECTURE.md, "Nothing reads the draft signal through a memo").
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use mgl_app::reactive::{firewall, Fanout};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets every queued effect run (they run as microtasks; a timer fires after all of them).
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// How many times a reader of `signal` has run.
fn count_runs<T: Send + Sync + 'static>(signal: Signal<T>) -> Rc<Cell<usize>> {
    let runs = Rc::new(Cell::new(0));
    let counter = runs.clone();
    Effect::new(move |_| {
        signal.track();
        counter.set(counter.get() + 1);
    });
    runs
}

fn reactive_runtime() -> Owner {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    owner.set();
    owner
}

#[wasm_bindgen_test]
async fn a_firewall_wakes_its_readers_only_when_its_value_changes() {
    let _owner = reactive_runtime();
    let source = RwSignal::new(1);
    let parity = firewall(move || source.get() % 2);
    assert_eq!(
        parity.get_untracked(),
        1,
        "computed at once, before any effect ran"
    );
    let runs = count_runs::<i32>(parity.into());
    settle().await;
    assert_eq!(runs.get(), 1);

    source.set(3);
    settle().await;
    assert_eq!(parity.get_untracked(), 1);
    assert_eq!(runs.get(), 1, "same value: the reader is not woken");

    source.set(4);
    settle().await;
    assert_eq!(parity.get_untracked(), 0);
    assert_eq!(runs.get(), 2);
}

#[wasm_bindgen_test]
async fn a_fanout_wakes_the_readers_of_the_entries_that_changed_alone() {
    let _owner = reactive_runtime();
    let entries = |list: &[(&str, i32)]| -> Vec<(String, i32)> {
        list.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    };
    let source = RwSignal::new(entries(&[("a", 1), ("b", 2)]));
    let fanout = Fanout::new(move || source.get());
    let (a, b, c) = (fanout.get("a"), fanout.get("b"), fanout.get("c"));
    assert_eq!((a.get_untracked(), b.get_untracked()), (1, 2));
    assert_eq!(
        c.get_untracked(),
        0,
        "a key not computed (yet) reads as the default"
    );
    let (runs_a, runs_b, runs_c) = (count_runs(a), count_runs(b), count_runs(c));
    settle().await;

    source.set(entries(&[("a", 1), ("b", 5)]));
    settle().await;
    assert_eq!(b.get_untracked(), 5);
    assert_eq!((runs_a.get(), runs_b.get(), runs_c.get()), (1, 2, 1));

    source.set(entries(&[("a", 1), ("b", 5), ("c", 7)]));
    settle().await;
    assert_eq!(
        c.get_untracked(),
        7,
        "a key asked for before it existed follows it"
    );
    assert_eq!((runs_a.get(), runs_b.get(), runs_c.get()), (1, 2, 2));

    source.set(entries(&[("b", 5), ("c", 7)]));
    settle().await;
    assert_eq!(
        a.get_untracked(),
        0,
        "a key left out reads as the default again"
    );
    assert_eq!((runs_a.get(), runs_b.get(), runs_c.get()), (2, 2, 2));
}
