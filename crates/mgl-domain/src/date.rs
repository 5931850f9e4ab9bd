//! Calendar dates as typed in `<input type="date">` (ISO `YYYY-MM-DD`), with the little arithmetic the
//! regulation needs (months for the 3.4 deadline, weekdays for the working-day rule).

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let date = Date { year, month, day };
        (month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month)).then_some(date)
    }

    /// Parses `YYYY-MM-DD`; surrounding spaces are ignored.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// 0 = Monday ... 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.days_since_epoch() + 3).rem_euclid(7) as u32
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// Same day `months` later; a day that does not exist in the target month becomes its last day.
    pub fn add_months(self, months: u32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) + i64::from(months);
        let year = index.div_euclid(12) as i32;
        let month = index.rem_euclid(12) as u32 + 1;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_dates_and_rejects_impossible_ones() {
        assert_eq!(Date::parse_iso(" 2024-02-29 "), Date::new(2024, 2, 29));
        assert_eq!(Date::parse_iso("2023-02-29"), None);
        assert_eq!(Date::parse_iso("2023-13-01"), None);
        assert_eq!(Date::parse_iso("23-01-01"), None);
        assert_eq!(Date::parse_iso("2023/01/01"), None);
        assert_eq!(Date::parse_iso(""), None);
    }

    #[test]
    fn day_numbers_round_trip_and_weekdays_are_right() {
        for days in [-800_000, -1, 0, 1, 19_000, 20_414, 2_000_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2026, 11, 22).unwrap().weekday(), 6, "a Sunday");
        assert_eq!(Date::new(2024, 1, 1).unwrap().weekday(), 0, "a Monday");
    }

    #[test]
    fn adding_months_clamps_to_the_end_of_the_month() {
        let aug31 = Date::new(2025, 8, 31).unwrap();
        assert_eq!(aug31.add_months(6), Date::new(2026, 2, 28).unwrap());
        assert_eq!(aug31.add_months(12), Date::new(2026, 8, 31).unwrap());
        assert_eq!(
            Date::new(2025, 12, 15).unwrap().add_months(1),
            Date::new(2026, 1, 15).unwrap()
        );
    }
}

/// `2026-11-22T19:50:00Z` for a time in seconds since 1970 (UTC).
pub fn utc_timestamp(unix_seconds: i64) -> String {
    let date = Date::from_days_since_epoch(unix_seconds.div_euclid(86_400));
    let s = unix_seconds.rem_euclid(86_400);
    format!("{date}T{:02}:{:02}:{:02}Z", s / 3600, s % 3600 / 60, s % 60)
}
