//! A derived value that does not wake its readers until it really changes.

use leptos::prelude::*;
use std::collections::HashMap;

/// A value computed from other signals, like a memo, behind a firewall.
///
/// Leptos memos are push-pull: when a signal changes, every memo and effect downstream of it is
/// marked (walking the whole subgraph, once per path) before anything re-runs. With the whole draft
/// in one signal, each keystroke walked nearly every node of the page. A firewall is recomputed by an
/// effect, which is marked alone, and writes its signal only when the value differs: its readers are
/// not touched until then. The price is that readers see a new value one microtask after the change
/// (still before the next paint), so code that must read a fresh value right after an edit computes
/// it from the draft instead.
pub fn firewall<T>(compute: impl Fn() -> T + 'static) -> ReadSignal<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    // Boxed: the effect's machinery is then compiled once per value type, not once per call site.
    firewall_boxed(Box::new(compute))
}

fn firewall_boxed<T>(compute: Box<dyn Fn() -> T>) -> ReadSignal<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    let value = RwSignal::new(untrack(&compute));
    Effect::new(move |_| {
        let next = compute();
        if value.with_untracked(|current| *current != next) {
            value.set(next);
        }
    });
    value.read_only()
}

/// Two firewalls behind one effect, for two values computed together (the report and the licence
/// decision): one effect per change instead of three (a firewall of the pair, then one of each).
pub fn firewall_pair<A, B>(compute: impl Fn() -> (A, B) + 'static) -> (ReadSignal<A>, ReadSignal<B>)
where
    A: PartialEq + Send + Sync + 'static,
    B: PartialEq + Send + Sync + 'static,
{
    let (a, b) = untrack(&compute);
    let (first, second) = (RwSignal::new(a), RwSignal::new(b));
    Effect::new(move |_| {
        let (a, b) = compute();
        if first.with_untracked(|current| *current != a) {
            first.set(a);
        }
        if second.with_untracked(|current| *current != b) {
            second.set(b);
        }
    });
    (first.read_only(), second.read_only())
}

/// Many firewalls behind one effect: one signal per key, for lists whose entries each have their
/// own readers (a site's answers, the rows of the sites table). The effect recomputes all the
/// values at once and writes only the entries that changed, so a keystroke in one answer wakes that
/// answer's readers alone, where one firewall per entry would run one effect per entry.
pub struct Fanout<V: Send + Sync + 'static> {
    signals: StoredValue<HashMap<String, ArcRwSignal<V>>>,
}

impl<V: Send + Sync + 'static> Clone for Fanout<V> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<V: Send + Sync + 'static> Copy for Fanout<V> {}

impl<V> Fanout<V>
where
    V: PartialEq + Clone + Default + Send + Sync + 'static,
{
    /// `compute` gives every key's value; a key it leaves out reads as `V::default()`.
    pub fn new(compute: impl Fn() -> Vec<(String, V)> + 'static) -> Fanout<V> {
        Self::new_boxed(Box::new(compute))
    }

    fn new_boxed(compute: Box<dyn Fn() -> Vec<(String, V)>>) -> Fanout<V> {
        let initial = untrack(&compute)
            .into_iter()
            .map(|(key, value)| (key, ArcRwSignal::new(value)))
            .collect();
        let signals = StoredValue::new(initial);
        Effect::new(move |_| {
            let mut next: HashMap<String, V> = compute().into_iter().collect();
            signals.update_value(|signals: &mut HashMap<String, ArcRwSignal<V>>| {
                for (key, signal) in signals.iter() {
                    let value = next.remove(key).unwrap_or_default();
                    if signal.with_untracked(|current| *current != value) {
                        signal.set(value);
                    }
                }
                for (key, value) in next {
                    signals.insert(key, ArcRwSignal::new(value));
                }
            });
        });
        Fanout { signals }
    }

    /// The value at `key`, as a signal that changes only when that entry does.
    pub fn get(&self, key: &str) -> Signal<V> {
        let signal = self.signals.try_update_value(|signals| {
            signals
                .entry(key.to_owned())
                .or_insert_with(|| ArcRwSignal::new(V::default()))
                .clone()
        });
        match signal {
            Some(signal) => Signal::from(signal.read_only()),
            None => Signal::stored(V::default()),
        }
    }
}
