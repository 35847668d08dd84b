//! Calendar dates, partial dates of birth and UTC timestamps.
//!
//! Written by hand rather than pulled from a date crate: the model needs partial dates with
//! unknown day or month (the EU systems write them `1980-00-00`), and timestamps only as
//! milliseconds since the Unix epoch in UTC, rendered as RFC 3339.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ModelError;

/// Smallest year the model accepts in a date.
pub const MIN_YEAR: u16 = 1800;
/// Largest year the model accepts in a date.
pub const MAX_YEAR: u16 = 2999;

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Number of days in a month of a year of the proleptic Gregorian calendar.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn invalid(what: &'static str, value: &str, reason: &'static str) -> ModelError {
    ModelError::InvalidDate { what, value: value.to_string(), reason }
}

fn parse_digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A complete calendar date (proleptic Gregorian), years 1800–2999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Makes a date, refusing days that do not exist (such as 30 February).
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, ModelError> {
        let text = || format!("{year:04}-{month:02}-{day:02}");
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(invalid("date", &text(), "year outside 1800-2999"));
        }
        if !(1..=12).contains(&month) {
            return Err(invalid("date", &text(), "month outside 1-12"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(invalid("date", &text(), "no such day in that month"));
        }
        Ok(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date that lies `days` days after 1970-01-01, if it is within the model's range.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        let year = u16::try_from(year).ok()?;
        Date::new(year, month as u8, day as u8).ok()
    }

    /// Whole years of age on `on` of a person born on `self` (0 when `on` is earlier).
    pub fn age_on(self, on: Date) -> u16 {
        if on < self {
            return 0;
        }
        let mut age = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            age -= 1;
        }
        age
    }

    /// The same day and month `years` years later, or 28 February for 29 February in a
    /// non-leap year.
    pub fn add_years(self, years: u16) -> Option<Date> {
        let year = self.year.checked_add(years)?;
        let day = self.day.min(days_in_month(year, self.month));
        Date::new(year, self.month, day).ok()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = ModelError;

    /// Parses `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
            return Err(invalid("date", s, "expected YYYY-MM-DD"));
        }
        let (Some(y), Some(m), Some(d)) =
            (parse_digits(parts[0]), parse_digits(parts[1]), parse_digits(parts[2]))
        else {
            return Err(invalid("date", s, "expected digits in YYYY-MM-DD"));
        };
        Date::new(y as u16, m as u8, d as u8)
    }
}

/// A date of birth whose day, or day and month, may be unknown.
///
/// Written `YYYY-MM-DD` with `00` for an unknown part, as the EU systems do (`1980-00-00`);
/// `YYYY` and `YYYY-MM` are accepted on input. A known day requires a known month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

impl PartialDate {
    /// Makes a partial date; `month` and `day` are `None` when unknown.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Result<Self, ModelError> {
        let text = format!("{year:04}-{:02}-{:02}", month.unwrap_or(0), day.unwrap_or(0));
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(invalid("date of birth", &text, "year outside 1800-2999"));
        }
        match (month, day) {
            (None, Some(_)) => Err(invalid("date of birth", &text, "a known day needs a known month")),
            (Some(m), _) if !(1..=12).contains(&m) => {
                Err(invalid("date of birth", &text, "month outside 1-12"))
            }
            (Some(m), Some(d)) if d == 0 || d > days_in_month(year, m) => {
                Err(invalid("date of birth", &text, "no such day in that month"))
            }
            _ => Ok(PartialDate { year, month, day }),
        }
    }

    /// A complete date.
    pub fn full(date: Date) -> Self {
        PartialDate { year: date.year, month: Some(date.month), day: Some(date.day) }
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, when known.
    pub fn month(self) -> Option<u8> {
        self.month
    }

    /// The day, when known.
    pub fn day(self) -> Option<u8> {
        self.day
    }

    /// The complete date, when day and month are known.
    pub fn to_date(self) -> Option<Date> {
        match (self.month, self.day) {
            (Some(m), Some(d)) => Date::new(self.year, m, d).ok(),
            _ => None,
        }
    }

    /// Whether day and month are both known.
    pub fn is_complete(self) -> bool {
        self.day.is_some()
    }

    /// The earliest real date this partial date can stand for.
    pub fn earliest(self) -> Date {
        let m = self.month.unwrap_or(1);
        Date::new(self.year, m, self.day.unwrap_or(1)).unwrap_or(Date { year: self.year, month: 1, day: 1 })
    }

    /// The latest real date this partial date can stand for.
    pub fn latest(self) -> Date {
        let m = self.month.unwrap_or(12);
        let d = self.day.unwrap_or_else(|| days_in_month(self.year, m));
        Date::new(self.year, m, d).unwrap_or(Date { year: self.year, month: 12, day: 31 })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

impl FromStr for PartialDate {
    type Err = ModelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.split('-').collect();
        let bad = || invalid("date of birth", s, "expected YYYY-MM-DD with 00 for unknown parts");
        if parts.is_empty() || parts.len() > 3 || parts[0].len() != 4 {
            return Err(bad());
        }
        let year = parse_digits(parts[0]).ok_or_else(bad)? as u16;
        let mut known = [None, None];
        for (slot, part) in known.iter_mut().zip(&parts[1..]) {
            if part.len() != 2 {
                return Err(bad());
            }
            let v = parse_digits(part).ok_or_else(bad)? as u8;
            *slot = (v != 0).then_some(v);
        }
        PartialDate::new(year, known[0], known[1])
    }
}

impl From<Date> for PartialDate {
    fn from(date: Date) -> Self {
        PartialDate::full(date)
    }
}

/// A point in time in UTC with millisecond precision, written in RFC 3339
/// (`2026-11-25T10:13:00Z`, with a fraction only when it is not zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

/// A span of time in milliseconds.
pub type Millis = i64;

/// Milliseconds in one hour.
pub const HOUR_MS: Millis = 3_600_000;
/// Milliseconds in one day.
pub const DAY_MS: Millis = 24 * HOUR_MS;

impl Timestamp {
    /// The timestamp `millis` milliseconds after 1970-01-01T00:00:00Z.
    pub fn from_unix_millis(millis: i64) -> Self {
        Timestamp(millis)
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub fn unix_millis(self) -> i64 {
        self.0
    }

    /// Midnight UTC at the start of `date`.
    pub fn at_midnight(date: Date) -> Self {
        Timestamp(date.days_since_epoch() * DAY_MS)
    }

    /// The UTC calendar date of this instant.
    pub fn date(self) -> Date {
        Date::from_days_since_epoch(self.0.div_euclid(DAY_MS)).unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        })
    }

    /// This instant moved by `millis` (negative moves back).
    pub fn plus(self, millis: Millis) -> Self {
        Timestamp(self.0.saturating_add(millis))
    }

    /// Milliseconds from `earlier` to `self` (negative when `earlier` is later).
    pub fn since(self, earlier: Timestamp) -> Millis {
        self.0.saturating_sub(earlier.0)
    }

    /// The same instant one calendar year later (used for the one-year retention of logs).
    pub fn plus_one_year(self) -> Self {
        let date = self.date();
        let next = date.add_years(1).unwrap_or(date);
        Timestamp(self.0 + (next.days_since_epoch() - date.days_since_epoch()) * DAY_MS)
    }

    /// The current time of the machine's clock.
    pub fn now() -> Self {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        Timestamp(now)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = self.date();
        let ms_of_day = self.0.rem_euclid(DAY_MS);
        let (h, m, s, ms) =
            (ms_of_day / HOUR_MS, ms_of_day / 60_000 % 60, ms_of_day / 1000 % 60, ms_of_day % 1000);
        write!(f, "{date}T{h:02}:{m:02}:{s:02}")?;
        if ms != 0 {
            write!(f, ".{ms:03}")?;
        }
        f.write_str("Z")
    }
}

impl FromStr for Timestamp {
    type Err = ModelError;

    /// Parses RFC 3339 with `Z` or a numeric offset; fractions beyond milliseconds are cut.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |reason| invalid("timestamp", s, reason);
        if s.len() < 20 || !s.is_ascii() {
            return Err(bad("expected RFC 3339, e.g. 2026-11-25T10:13:00Z"));
        }
        let date: Date = s[..10].parse().map_err(|_| bad("bad date part"))?;
        let sep = s.as_bytes()[10];
        if sep != b'T' && sep != b't' && sep != b' ' {
            return Err(bad("expected T between date and time"));
        }
        let time = &s[11..];
        if time.len() < 9 || time.as_bytes()[2] != b':' || time.as_bytes()[5] != b':' {
            return Err(bad("expected hh:mm:ss"));
        }
        let (Some(h), Some(mi), Some(sec)) =
            (parse_digits(&time[0..2]), parse_digits(&time[3..5]), parse_digits(&time[6..8]))
        else {
            return Err(bad("expected digits in hh:mm:ss"));
        };
        if h > 23 || mi > 59 || sec > 60 {
            return Err(bad("time of day out of range"));
        }
        let mut rest = &time[8..];
        let mut millis = 0i64;
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return Err(bad("empty fraction"));
            }
            let kept = &frac[..digits.min(3)];
            millis = i64::from(parse_digits(kept).unwrap_or(0)) * 10i64.pow(3 - kept.len() as u32);
            rest = &frac[digits..];
        }
        let offset_minutes: i64 = match rest {
            "Z" | "z" => 0,
            _ if rest.len() == 6
                && (rest.starts_with('+') || rest.starts_with('-'))
                && &rest[3..4] == ":" =>
            {
                let (Some(oh), Some(om)) = (parse_digits(&rest[1..3]), parse_digits(&rest[4..6])) else {
                    return Err(bad("bad offset"));
                };
                let sign = if rest.starts_with('-') { -1 } else { 1 };
                sign * i64::from(oh * 60 + om)
            }
            _ => return Err(bad("expected Z or +hh:mm")),
        };
        let secs = i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(sec.min(59));
        Ok(Timestamp(date.days_since_epoch() * DAY_MS + secs * 1000 + millis - offset_minutes * 60_000))
    }
}

macro_rules! string_serde {
    ($ty:ty, $name:literal, $schema:tt) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = Cow::<str>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}

string_serde!(Date, "Date", {"type": "string", "format": "date", "description": "A calendar date, YYYY-MM-DD."});
string_serde!(PartialDate, "PartialDate", {
    "type": "string",
    "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
    "description": "A date of birth, YYYY-MM-DD, with 00 for an unknown month or day (1980-00-00)."
});
string_serde!(Timestamp, "Timestamp", {"type": "string", "format": "date-time", "description": "An instant in UTC, RFC 3339."});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_reject_impossible_days() {
        assert!(Date::new(2023, 2, 29).is_err());
        assert!(Date::new(2024, 2, 29).is_ok());
        assert!(Date::new(1900, 2, 29).is_err());
        assert!(Date::new(2000, 2, 29).is_ok());
        assert!(Date::new(2024, 4, 31).is_err());
        assert!(Date::new(2024, 13, 1).is_err());
        assert!("2024-1-01".parse::<Date>().is_err());
        assert_eq!("2024-03-01".parse::<Date>().unwrap().to_string(), "2024-03-01");
    }

    #[test]
    fn epoch_days_round_trip() {
        for days in [-60_000i64, -1, 0, 1, 19_000, 20_000, 300_000] {
            let d = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(d.days_since_epoch(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
    }

    #[test]
    fn partial_dates_use_zero_for_unknown_parts() {
        let p: PartialDate = "1980-00-00".parse().unwrap();
        assert_eq!((p.year(), p.month(), p.day()), (1980, None, None));
        assert_eq!(p.to_string(), "1980-00-00");
        let p: PartialDate = "1980-05".parse().unwrap();
        assert_eq!(p.to_string(), "1980-05-00");
        assert!("1980-00-05".parse::<PartialDate>().is_err());
        assert!("1980-02-30".parse::<PartialDate>().is_err());
        assert_eq!("1980-02-00".parse::<PartialDate>().unwrap().latest(), Date::new(1980, 2, 29).unwrap());
    }

    #[test]
    fn age_counts_whole_years() {
        let born = Date::new(2014, 6, 15).unwrap();
        assert_eq!(born.age_on(Date::new(2026, 6, 14).unwrap()), 11);
        assert_eq!(born.age_on(Date::new(2026, 6, 15).unwrap()), 12);
    }

    #[test]
    fn timestamps_render_and_parse_rfc3339() {
        let t: Timestamp = "2026-11-25T10:13:00Z".parse().unwrap();
        assert_eq!(t.to_string(), "2026-11-25T10:13:00Z");
        let t2: Timestamp = "2026-11-25T11:13:00.5+01:00".parse().unwrap();
        assert_eq!(t2.to_string(), "2026-11-25T10:13:00.500Z");
        assert!("2026-11-25 10:13".parse::<Timestamp>().is_err());
        assert_eq!(t.plus_one_year().to_string(), "2027-11-25T10:13:00Z");
        let leap: Timestamp = "2028-02-29T00:00:00Z".parse().unwrap();
        assert_eq!(leap.plus_one_year().to_string(), "2029-02-28T00:00:00Z");
    }
}
