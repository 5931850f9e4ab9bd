//! Numbers, sizes and message templates as people read them, in their language. Shown text only:
//! what is kept as data (answers, CSV) uses `format_number`'s form, which every language reads back.

use crate::i18n::{tr, Lang};

/// Replaces `{name}` placeholders in a translated template.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// A number as people write it: no trailing zeros, at most 3 decimals, thousands grouped with spaces.
/// Written with integers: `f64`'s `Display` would add about 10 KB of float formatting to the wasm.
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return String::from("–");
    }
    let thousandths = (value.abs() * 1000.0).round();
    if thousandths >= 9.0e18 {
        return String::from("–");
    }
    let thousandths = thousandths as u64;
    let (int, frac) = (thousandths / 1000, thousandths % 1000);
    let digits = int.to_string();
    let mut text = String::with_capacity(digits.len() + 8);
    if value < 0.0 && thousandths != 0 {
        text.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            text.push(' ');
        }
        text.push(c);
    }
    if frac != 0 {
        let decimals = format!("{frac:03}");
        text.push('.');
        text.push_str(decimals.trim_end_matches('0'));
    }
    text
}

/// A number as `lang` writes it, for people to read: French and Portuguese take a decimal comma
/// ("1 234,5"), as people there read and type numbers (the number readers accept both). What is
/// kept as data (answers, CSV) stays in `format_number`'s form.
pub fn format_number_in(value: f64, lang: Lang) -> String {
    let text = format_number(value);
    match lang {
        Lang::En => text,
        Lang::Fr | Lang::Pt => text.replace('.', ","),
    }
}

/// A file size as people read it: "812 bytes", "45.3 KB", "12.5 MB" (powers of 1000, as disks say),
/// in `lang` ("45,3 Ko" in French).
pub fn format_size(bytes: u64, lang: Lang) -> String {
    let b = bytes as f64;
    let (value, unit) = match bytes {
        0..=999 => return fill(tr(lang, "{bytes} bytes"), &[("bytes", &bytes.to_string())]),
        1_000..=999_999 => ((b / 100.0).round() / 10.0, tr(lang, "KB")),
        _ => ((b / 100_000.0).round() / 10.0, tr(lang, "MB")),
    };
    format!("{} {unit}", format_number_in(value, lang))
}

#[cfg(test)]
mod tests {
    use super::format_number;

    #[test]
    fn numbers_are_written_as_people_write_them() {
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(80.0), "80");
        assert_eq!(format_number(5000.5), "5 000.5");
        assert_eq!(format_number(1234567.125), "1 234 567.125");
        assert_eq!(format_number(0.1 + 0.2), "0.3");
        assert_eq!(format_number(-12.05), "-12.05");
        assert_eq!(format_number(-0.0001), "0");
        assert_eq!(format_number(f64::NAN), "–");
        assert_eq!(format_number(1e300), "–");
    }

    #[test]
    fn sizes_are_written_in_bytes_kb_or_mb() {
        use super::{format_number_in, format_size};
        use crate::i18n::Lang;
        assert_eq!(format_size(0, Lang::En), "0 bytes");
        assert_eq!(format_size(812, Lang::En), "812 bytes");
        assert_eq!(format_size(45_349, Lang::En), "45.3 KB");
        assert_eq!(format_size(25_000_001, Lang::En), "25 MB");
        assert_eq!(format_size(150_300_000, Lang::En), "150.3 MB");
        // As the language writes them: decimal comma, its own units.
        assert_eq!(format_size(812, Lang::Fr), "812 octets");
        assert_eq!(format_size(45_349, Lang::Fr), "45,3 Ko");
        assert_eq!(format_size(150_300_000, Lang::Pt), "150,3 MB");
        assert_eq!(format_number_in(1234567.125, Lang::Fr), "1 234 567,125");
        assert_eq!(format_number_in(-12.05, Lang::Pt), "-12,05");
        assert_eq!(format_number_in(5000.5, Lang::En), "5 000.5");
    }
}
