//! Small, hand-written readers for what people type: numbers, coordinates, e-mail, phone and web
//! addresses. Hand-written because the general-purpose crates (`validator`'s email and url rules) cost
//! over 100 KB of wasm for rules this simple. Each returns a reason in the user's words when it fails.

/// Why a typed number was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    NotANumber,
    /// "1,200": thousands or decimals? We ask rather than guess.
    AmbiguousComma,
    Negative,
    NotWhole,
}

/// Reads a quantity: digits with an optional decimal point (or a decimal comma), spaces as thousands
/// separators, an optional unit after the number is not accepted (units are shown beside the field).
pub fn parse_quantity(text: &str, whole: bool) -> Result<f64, NumberError> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .collect();
    if compact.is_empty() {
        return Err(NumberError::NotANumber);
    }
    let (negative, digits) = match compact.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, compact.strip_prefix('+').unwrap_or(&compact)),
    };
    let commas = digits.matches(',').count();
    let normalised = match (commas, digits.contains('.')) {
        (0, _) => digits.to_owned(),
        (1, false) => {
            let after = digits.split(',').nth(1).unwrap_or("");
            if after.len() == 3 && after.bytes().all(|b| b.is_ascii_digit()) {
                return Err(NumberError::AmbiguousComma);
            }
            digits.replace(',', ".")
        }
        _ => return Err(NumberError::AmbiguousComma),
    };
    let well_formed = !normalised.is_empty()
        && normalised.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && normalised.matches('.').count() <= 1
        && normalised.bytes().any(|b| b.is_ascii_digit());
    if !well_formed {
        return Err(NumberError::NotANumber);
    }
    let value: f64 = normalised.parse().map_err(|_| NumberError::NotANumber)?;
    if !value.is_finite() {
        return Err(NumberError::NotANumber);
    }
    if negative && value != 0.0 {
        return Err(NumberError::Negative);
    }
    if whole && value.fract() != 0.0 {
        return Err(NumberError::NotWhole);
    }
    Ok(value)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    Latitude,
    Longitude,
}

impl Axis {
    pub fn limit(self) -> f64 {
        match self {
            Axis::Latitude => 90.0,
            Axis::Longitude => 180.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoordinateError {
    NotACoordinate,
    /// A hemisphere letter of the other axis (E on a latitude, N on a longitude).
    WrongHemisphere,
    /// Minutes or seconds of 60 or more.
    MinutesOrSecondsTooLarge,
    OutOfRange,
}

/// Reads one coordinate in decimal degrees (`-9.0765`, `9.0765 N`) or degrees-minutes-seconds
/// (`9°4'35.4"N`, `9 4 35.4 N`, `9°4.59'N`). A hemisphere letter S or W (O for Ouest/Oeste) makes it
/// negative.
pub fn parse_coordinate(text: &str, axis: Axis) -> Result<f64, CoordinateError> {
    let mut text = text.trim().to_ascii_uppercase(); // only the hemisphere letters (ASCII) matter
    let mut sign = 1.0;
    let hemisphere = text.chars().find(|c| c.is_ascii_alphabetic());
    if let Some(letter) = hemisphere {
        let ok = match (axis, letter) {
            (Axis::Latitude, 'N') | (Axis::Longitude, 'E') => true,
            (Axis::Latitude, 'S') | (Axis::Longitude, 'W' | 'O') => {
                sign = -1.0;
                true
            }
            (Axis::Latitude, 'E' | 'W' | 'O') | (Axis::Longitude, 'N' | 'S') => {
                return Err(CoordinateError::WrongHemisphere)
            }
            _ => false,
        };
        let only_one_letter = text.chars().filter(|c| c.is_ascii_alphabetic()).count() == 1;
        let at_an_end = text.starts_with(letter) || text.ends_with(letter);
        if !ok || !only_one_letter || !at_an_end {
            return Err(CoordinateError::NotACoordinate);
        }
        text = text.replace(letter, "");
    }
    let text = text.trim();
    let (text, negative) = match text.strip_prefix('-') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    if negative && hemisphere.is_some() {
        return Err(CoordinateError::NotACoordinate);
    }
    if negative {
        sign = -1.0;
    }
    // Degree, minute and second marks (including the typographic ones) separate the parts.
    let parts: Vec<&str> = text
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '°' | 'º' | '\'' | '’' | '′' | '"' | '”' | '″')
        })
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || parts.len() > 3 {
        return Err(CoordinateError::NotACoordinate);
    }
    let mut numbers = Vec::with_capacity(3);
    for (i, part) in parts.iter().enumerate() {
        // A decimal comma is fine in a coordinate: there are no thousands.
        let part = part.replace(',', ".");
        let ok =
            part.bytes().all(|b| b.is_ascii_digit() || b == b'.') && part.matches('.').count() <= 1;
        let is_last = i == parts.len() - 1;
        if !ok || (!is_last && part.contains('.')) {
            return Err(CoordinateError::NotACoordinate);
        }
        numbers.push(
            part.parse::<f64>()
                .map_err(|_| CoordinateError::NotACoordinate)?,
        );
    }
    if numbers.iter().skip(1).any(|n| *n >= 60.0) {
        return Err(CoordinateError::MinutesOrSecondsTooLarge);
    }
    let degrees = numbers[0]
        + numbers.get(1).unwrap_or(&0.0) / 60.0
        + numbers.get(2).unwrap_or(&0.0) / 3600.0;
    if degrees > axis.limit() {
        return Err(CoordinateError::OutOfRange);
    }
    Ok(sign * degrees)
}

/// A plausible e-mail address: one `@`, something before it, a domain with a dot after it, no spaces.
pub fn is_email(text: &str) -> bool {
    let text = text.trim();
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c))
        && is_domain(domain)
}

/// A host name with at least two labels, e.g. `example.ng` or `mail.sunrise-power.com`.
fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(char::is_alphabetic) && tld.chars().count() >= 2)
}

/// A phone number in international (`+234 803 123 4567`) or national (`0803 123 4567`) form:
/// digits and spaces (hyphens allowed), at most one leading `+`, 7 to 15 digits.
pub fn is_phone(text: &str) -> bool {
    let text = text.trim();
    let body = text.strip_prefix('+').unwrap_or(text);
    let digits = body.bytes().filter(u8::is_ascii_digit).count();
    body.bytes()
        .all(|b| b.is_ascii_digit() || b == b' ' || b == b'-')
        && body.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && (7..=15).contains(&digits)
}

/// A web address with or without `http(s)://`: `www.example.ng`, `https://example.com/about`.
pub fn is_web_address(text: &str) -> bool {
    let text = text.trim();
    if text.contains(char::is_whitespace) {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    if rest.contains("://") {
        return false;
    }
    let host_and_port = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = match host_and_port.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => return false,
        None => host_and_port,
    };
    is_domain(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_accept_plain_grouped_and_decimal_forms() {
        assert_eq!(parse_quantity("1200", true), Ok(1200.0));
        assert_eq!(parse_quantity(" 1 200 ", true), Ok(1200.0));
        assert_eq!(parse_quantity("12.5", false), Ok(12.5));
        assert_eq!(parse_quantity("12,5", false), Ok(12.5), "decimal comma");
        assert_eq!(parse_quantity("0", true), Ok(0.0));
        assert_eq!(parse_quantity("-0", true), Ok(0.0));
    }

    #[test]
    fn quantities_refuse_negatives_fractions_of_counts_and_ambiguity() {
        assert_eq!(parse_quantity("-3", false), Err(NumberError::Negative));
        assert_eq!(parse_quantity("2.5", true), Err(NumberError::NotWhole));
        assert_eq!(
            parse_quantity("1,200", true),
            Err(NumberError::AmbiguousComma)
        );
        assert_eq!(
            parse_quantity("1,200.5", false),
            Err(NumberError::AmbiguousComma)
        );
        assert_eq!(parse_quantity("12 kW", false), Err(NumberError::NotANumber));
        assert_eq!(parse_quantity("1.2.3", false), Err(NumberError::NotANumber));
        assert_eq!(parse_quantity(".", false), Err(NumberError::NotANumber));
        assert_eq!(parse_quantity("", false), Err(NumberError::NotANumber));
        assert_eq!(parse_quantity("1e400", false), Err(NumberError::NotANumber));
    }

    #[test]
    fn coordinates_in_decimal_degrees() {
        assert_eq!(parse_coordinate("9.0765", Axis::Latitude), Ok(9.0765));
        assert_eq!(parse_coordinate("-9.0765", Axis::Latitude), Ok(-9.0765));
        assert_eq!(parse_coordinate("9.0765 S", Axis::Latitude), Ok(-9.0765));
        assert_eq!(parse_coordinate("7,4951 E", Axis::Longitude), Ok(7.4951));
        assert_eq!(parse_coordinate("W 1.5", Axis::Longitude), Ok(-1.5));
        assert_eq!(parse_coordinate("1.5 O", Axis::Longitude), Ok(-1.5));
        assert_eq!(parse_coordinate("90", Axis::Latitude), Ok(90.0));
        assert_eq!(parse_coordinate("-180", Axis::Longitude), Ok(-180.0));
    }

    #[test]
    fn coordinates_in_degrees_minutes_seconds() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(close(
            parse_coordinate("9°4'35.4\"N", Axis::Latitude).unwrap(),
            9.0 + 4.0 / 60.0 + 35.4 / 3600.0
        ));
        assert!(close(
            parse_coordinate("9 4 35.4 S", Axis::Latitude).unwrap(),
            -(9.0 + 4.0 / 60.0 + 35.4 / 3600.0)
        ));
        assert!(close(
            parse_coordinate("7° 29.5′ E", Axis::Longitude).unwrap(),
            7.0 + 29.5 / 60.0
        ));
        assert!(close(
            parse_coordinate("-7°30'", Axis::Longitude).unwrap(),
            -7.5
        ));
    }

    #[test]
    fn coordinates_out_of_range_or_malformed_are_refused() {
        assert_eq!(
            parse_coordinate("90.0001", Axis::Latitude),
            Err(CoordinateError::OutOfRange)
        );
        assert_eq!(
            parse_coordinate("-91", Axis::Latitude),
            Err(CoordinateError::OutOfRange)
        );
        assert_eq!(
            parse_coordinate("180.5", Axis::Longitude),
            Err(CoordinateError::OutOfRange)
        );
        assert_eq!(
            parse_coordinate("9 61 0 N", Axis::Latitude),
            Err(CoordinateError::MinutesOrSecondsTooLarge)
        );
        assert_eq!(
            parse_coordinate("9 4 60", Axis::Latitude),
            Err(CoordinateError::MinutesOrSecondsTooLarge)
        );
        assert_eq!(
            parse_coordinate("9.5 E", Axis::Latitude),
            Err(CoordinateError::WrongHemisphere)
        );
        assert_eq!(
            parse_coordinate("9.5 N", Axis::Longitude),
            Err(CoordinateError::WrongHemisphere)
        );
        assert_eq!(
            parse_coordinate("-9.5 S", Axis::Latitude),
            Err(CoordinateError::NotACoordinate)
        );
        assert_eq!(
            parse_coordinate("9.5.1", Axis::Latitude),
            Err(CoordinateError::NotACoordinate)
        );
        assert_eq!(
            parse_coordinate("9.5 4", Axis::Latitude),
            Err(CoordinateError::NotACoordinate)
        );
        assert_eq!(
            parse_coordinate("abc", Axis::Latitude),
            Err(CoordinateError::NotACoordinate)
        );
        assert_eq!(
            parse_coordinate("", Axis::Latitude),
            Err(CoordinateError::NotACoordinate)
        );
        assert_eq!(
            parse_coordinate("1 2 3 4", Axis::Latitude),
            Err(CoordinateError::NotACoordinate)
        );
    }

    #[test]
    fn emails() {
        for ok in ["info@sunrise.ng", "a.b+c@mail.example.com", "x@ümlaut.de"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "",
            "info",
            "info@",
            "@x.ng",
            "info@localhost",
            "a b@x.ng",
            "a@b@x.ng",
            "a@x..ng",
            ".a@x.ng",
            "a@x.n1",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn phones_in_international_and_national_form() {
        for ok in [
            "+234 803 123 4567",
            "08031234567",
            "0803-123-4567",
            "+2348031234567",
            " 0 9 1 2 3 4 5 ",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in [
            "",
            "+",
            "12345",
            "++234 803 123 4567",
            "0803 123 4567 ext 5",
            "(0803) 1234567",
            "+ 234 803",
            "1234567890123456",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn web_addresses() {
        for ok in [
            "www.sunrise.ng",
            "https://sunrise-power.com/about?x=1",
            "http://example.org:8080/",
            "Example.COM",
        ] {
            assert!(is_web_address(ok), "{ok}");
        }
        for bad in [
            "",
            "sunrise",
            "ftp://x.ng",
            "http://",
            "https://exa mple.com",
            "http://x.ng:port",
            "https://-x.ng",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
