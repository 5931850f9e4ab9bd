//! Time as the user's device knows it.
use mgl_domain::Date;

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Today's date in the device's time zone.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .expect("the browser's date is valid")
}

/// "2026-11-22 14:05", local time.
pub fn format_local(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// A short random id for drafts ("k3q9x2"): unique enough on one device, easy to read aloud.
pub fn new_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    (0..8)
        .map(|_| {
            ALPHABET[(js_sys::Math::random() * ALPHABET.len() as f64) as usize % ALPHABET.len()]
                as char
        })
        .collect()
}
