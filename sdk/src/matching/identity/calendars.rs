//! Calendar conversions of dates of birth (DR Annex II §3.2(b), POLICY SIM-P6).
//!
//! Third countries' travel and identity documents give dates of birth in calendars other than
//! the Gregorian one; a record transcribed from such a document holds the digits as written.
//! Every conversion here is pure Julian-day-number arithmetic: a date of the calendar is turned
//! into its Julian day number (days counted from 1 January 4713 BC, proleptic Julian), and that
//! number into a Gregorian date. The four calendars and their rules:
//!
//! - **Solar Hijri** (Iran, Afghanistan): the 33-year arithmetic rule (year `y` is leap when
//!   `(25·y + 11) mod 33 < 8`), months of 31 × 6, 30 × 5 and 29/30 days, anchored so that
//!   1 Farvardin 1403 = 20 March 2024. It agrees with the official astronomical calendar for
//!   the years of any living person's birth.
//! - **Lunar Hijri**, tabular (arithmetical Islamic calendar, type II leap years 2, 5, 7, 10,
//!   13, 16, 18, 21, 24, 26, 29 of each 30-year cycle, civil epoch 1 Muharram 1 = 16 July 622
//!   Julian). The calendar in civil use starts its months by observation of the new moon, which
//!   can fall a day either side of the tabular date, hence a tolerance of one day.
//! - **Ethiopian** (Amete Mihret era): twelve months of 30 days and a thirteenth of 5 (6 in the
//!   year before a Julian leap year), epoch 1 Meskerem 1 = 29 August 8 (Julian).
//! - **Thai Buddhist era**: the Gregorian calendar with the year counted 543 ahead (the reckoning
//!   in force since 1941, when the Thai year began on 1 January; earlier years began on
//!   1 April, which this rule ignores).
//!
//! Only complete dates are converted: a date with an unknown day or month (POLICY SIM-P4) stands
//! for no single day to convert.

use serde::{Deserialize, Serialize};

use crate::model::PartialDate;

/// A calendar in which the comparison also reads dates of birth (DR Annex II §3.2(b), POLICY
/// SIM-P6). The default policy declares all four ([`CalendarConversion::ALL`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarConversion {
    /// Solar Hijri (Iran, Afghanistan), 33-year arithmetic rule.
    SolarHijri,
    /// Lunar Hijri, tabular (type II leap years, civil epoch), with a tolerance of one day.
    LunarHijri,
    /// Ethiopian, Amete Mihret era.
    Ethiopian,
    /// Thai Buddhist era: Gregorian with the year plus 543.
    ThaiBuddhist,
}

impl CalendarConversion {
    /// Every conversion the reference implements, in the order they are tried.
    pub const ALL: [CalendarConversion; 4] = [
        CalendarConversion::SolarHijri,
        CalendarConversion::LunarHijri,
        CalendarConversion::Ethiopian,
        CalendarConversion::ThaiBuddhist,
    ];

    /// Days either side of the converted date that still count as the same day: one for the
    /// Lunar Hijri calendar, whose observed months may start a day off the tabular ones.
    pub fn tolerance_days(self) -> i64 {
        match self {
            CalendarConversion::LunarHijri => 1,
            _ => 0,
        }
    }

    /// How the conversion is computed, for the policy report.
    pub fn description(self) -> &'static str {
        match self {
            CalendarConversion::SolarHijri => {
                "Solar Hijri (Iran, Afghanistan): 33-year arithmetic leap rule, 1 Farvardin 1403 = 2024-03-20"
            }
            CalendarConversion::LunarHijri => {
                "Lunar Hijri: tabular, type II leap years, civil epoch 1 Muharram 1 = 622-07-16 Julian, \
                 tolerance one day"
            }
            CalendarConversion::Ethiopian => {
                "Ethiopian: Amete Mihret era, epoch 1 Meskerem 1 = 8-08-29 Julian"
            }
            CalendarConversion::ThaiBuddhist => "Thai Buddhist era: Gregorian year + 543",
        }
    }

    /// The Julian day number of the date written `year-month-day` in this calendar, or `None`
    /// when no such date exists in it.
    pub fn to_julian_day(self, year: i64, month: u8, day: u8) -> Option<i64> {
        if year < 1 || month == 0 || day == 0 {
            return None;
        }
        match self {
            CalendarConversion::SolarHijri => solar_hijri_to_jdn(year, month, day),
            CalendarConversion::LunarHijri => lunar_hijri_to_jdn(year, month, day),
            CalendarConversion::Ethiopian => ethiopian_to_jdn(year, month, day),
            CalendarConversion::ThaiBuddhist => {
                let gregorian = year - THAI_OFFSET;
                (gregorian >= 1 && day <= gregorian_month_length(gregorian, month)?)
                    .then(|| gregorian_to_jdn(gregorian, month, day))
            }
        }
    }

    /// The Gregorian dates `date`, read as a date of this calendar, stands for: the converted
    /// day and, with a tolerance, the days around it. Empty when `date` is partial, is no date
    /// of this calendar, or converts outside the years a date of birth can have.
    pub fn readings(self, date: PartialDate) -> Vec<PartialDate> {
        let (Some(month), Some(day)) = (date.month(), date.day()) else {
            return Vec::new();
        };
        let Some(jdn) = self.to_julian_day(i64::from(date.year()), month, day) else {
            return Vec::new();
        };
        let tolerance = self.tolerance_days();
        (-tolerance..=tolerance)
            .filter_map(|shift| {
                let (y, m, d) = jdn_to_gregorian(jdn + shift);
                PartialDate::new(u16::try_from(y).ok()?, Some(m), Some(d)).ok()
            })
            .collect()
    }
}

/// Years the Thai Buddhist era counts ahead of the Gregorian calendar.
const THAI_OFFSET: i64 = 543;
/// Julian day number the 33-year rule counts from. The rule extrapolated back to year 1 puts
/// 1 Farvardin 1 on 18 March 622 (Julian), a day before the historical epoch; it is claimed for
/// modern years only, where it meets the oracle and 1 Farvardin 1403 = 20 March 2024.
const SOLAR_HIJRI_EPOCH: i64 = 1_948_320;
/// Julian day number of 1 Muharram 1, civil epoch (16 July 622, Julian).
const LUNAR_HIJRI_EPOCH: i64 = 1_948_440;
/// Julian day number of 1 Meskerem 1, Amete Mihret (29 August 8, Julian).
const ETHIOPIAN_EPOCH: i64 = 1_724_221;

/// Julian day number of a proleptic Gregorian date (Fliegel and Van Flandern, 1968), for years
/// from 1 on.
pub(crate) fn gregorian_to_jdn(year: i64, month: u8, day: u8) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let a = (14 - m) / 12;
    let y = year + 4800 - a;
    let m = m + 12 * a - 3;
    d + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
}

/// The proleptic Gregorian date of a Julian day number (the inverse of [`gregorian_to_jdn`]).
pub(crate) fn jdn_to_gregorian(jdn: i64) -> (i64, u8, u8) {
    let a = jdn + 32044;
    let b = (4 * a + 3) / 146_097;
    let c = a - 146_097 * b / 4;
    let d = (4 * c + 3) / 1461;
    let e = c - 1461 * d / 4;
    let m = (5 * e + 2) / 153;
    let day = e - (153 * m + 2) / 5 + 1;
    let month = m + 3 - 12 * (m / 10);
    let year = 100 * b + d - 4800 + m / 10;
    // day is 1..=31 and month 1..=12 by construction.
    (year, month as u8, day as u8)
}

fn gregorian_month_length(year: i64, month: u8) -> Option<u8> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

/// Whether Solar Hijri year `year` (from 1) has 366 days under the 33-year rule.
fn is_solar_hijri_leap(year: i64) -> bool {
    (25 * year + 11).rem_euclid(33) < 8
}

/// Leap years among Solar Hijri years 1 to `year - 1`: eight per full 33-year cycle, the rest
/// counted.
fn solar_hijri_leaps_before(year: i64) -> i64 {
    let cycles = (year - 1) / 33;
    let counted = (33 * cycles + 1..year).filter(|y| is_solar_hijri_leap(*y)).count() as i64;
    8 * cycles + counted
}

fn solar_hijri_to_jdn(year: i64, month: u8, day: u8) -> Option<i64> {
    let length = match month {
        1..=6 => 31,
        7..=11 => 30,
        12 if is_solar_hijri_leap(year) => 30,
        12 => 29,
        _ => return None,
    };
    if day > length {
        return None;
    }
    let m = i64::from(month);
    let days_before_month = if m <= 7 { 31 * (m - 1) } else { 30 * (m - 1) + 6 };
    Some(
        SOLAR_HIJRI_EPOCH
            + 365 * (year - 1)
            + solar_hijri_leaps_before(year)
            + days_before_month
            + i64::from(day)
            - 1,
    )
}

/// Whether tabular Lunar Hijri year `year` has 355 days (type II leap years).
fn is_lunar_hijri_leap(year: i64) -> bool {
    (14 + 11 * year).rem_euclid(30) < 11
}

fn lunar_hijri_to_jdn(year: i64, month: u8, day: u8) -> Option<i64> {
    let length = match month {
        12 if is_lunar_hijri_leap(year) => 30,
        1..=12 if month % 2 == 1 => 30,
        1..=12 => 29,
        _ => return None,
    };
    if day > length {
        return None;
    }
    let m = i64::from(month);
    // Months alternate 30 and 29 days: ceil(29.5 · (m − 1)) days before month m.
    let days_before_month = (59 * (m - 1) + 1) / 2;
    Some(LUNAR_HIJRI_EPOCH + 354 * (year - 1) + (3 + 11 * year) / 30 + days_before_month + i64::from(day) - 1)
}

fn ethiopian_to_jdn(year: i64, month: u8, day: u8) -> Option<i64> {
    let length = match month {
        1..=12 => 30,
        13 if year % 4 == 3 => 6,
        13 => 5,
        _ => return None,
    };
    if day > length {
        return None;
    }
    Some(ETHIOPIAN_EPOCH + 365 * (year - 1) + year / 4 + 30 * (i64::from(month) - 1) + i64::from(day) - 1)
}

#[cfg(test)]
#[path = "calendars_tests.rs"]
mod tests;
