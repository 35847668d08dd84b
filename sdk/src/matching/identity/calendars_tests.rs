//! The calendar conversions against an external oracle (ICU4X's `icu_calendar`, the Unicode
//! consortium's calendar implementation, a dev-dependency only) over every day of more than a
//! century, and against published anchors.

use icu_calendar::cal::hijri::{TabularAlgorithmEpoch, TabularAlgorithmLeapYears};
use icu_calendar::cal::{Ethiopian, Hijri, Persian};
use icu_calendar::{Date, Iso};

use super::*;

/// Every day from 1 January 1900 to 31 December 2030 (47,847 days): the birth dates that matter.
fn every_day() -> impl Iterator<Item = Date<Iso>> {
    let first = gregorian_to_jdn(1900, 1, 1);
    let last = gregorian_to_jdn(2030, 12, 31);
    (first..=last).map(|jdn| {
        let (y, m, d) = jdn_to_gregorian(jdn);
        Date::try_new_iso(y as i32, m, d).unwrap()
    })
}

fn jdn_of(iso: &Date<Iso>) -> i64 {
    gregorian_to_jdn(i64::from(iso.year().extended_year()), iso.month().ordinal, iso.day_of_month().0)
}

/// For each day, the oracle writes it in `calendar`; our conversion of that written date must
/// give the same day back.
fn check_against_oracle<C: icu_calendar::Calendar + Copy>(ours: CalendarConversion, calendar: C) -> usize {
    let mut checked = 0;
    for iso in every_day() {
        let theirs = iso.to_calendar(calendar);
        let (y, m, d) =
            (i64::from(theirs.year().extended_year()), theirs.month().ordinal, theirs.day_of_month().0);
        assert_eq!(
            ours.to_julian_day(y, m, d),
            Some(jdn_of(&iso)),
            "{ours:?} {y}-{m}-{d} is {iso:?} for ICU4X"
        );
        checked += 1;
    }
    checked
}

#[test]
fn gregorian_day_numbers_round_trip_and_match_the_oracle() {
    for iso in every_day() {
        let jdn = jdn_of(&iso);
        // ICU4X's rata die counts from 1 January 1 (Gregorian) = JDN 1721426.
        assert_eq!(iso.to_rata_die().to_i64_date() + 1_721_425, jdn, "{iso:?}");
    }
    assert_eq!(gregorian_to_jdn(2000, 1, 1), 2_451_545);
}

#[test]
fn solar_hijri_matches_icu4x_persian() {
    assert_eq!(check_against_oracle(CalendarConversion::SolarHijri, Persian::new()), 47_847);
}

#[test]
fn lunar_hijri_matches_icu4x_tabular_civil_type_ii() {
    let tabular = Hijri::new_tabular(TabularAlgorithmLeapYears::TypeII, TabularAlgorithmEpoch::Friday);
    assert_eq!(check_against_oracle(CalendarConversion::LunarHijri, tabular), 47_847);
}

#[test]
fn ethiopian_matches_icu4x_amete_mihret() {
    assert_eq!(check_against_oracle(CalendarConversion::Ethiopian, Ethiopian::new()), 47_847);
}

#[test]
fn thai_buddhist_matches_icu4x_buddhist() {
    assert_eq!(check_against_oracle(CalendarConversion::ThaiBuddhist, icu_calendar::cal::Buddhist), 47_847);
}

#[test]
fn dates_that_do_not_exist_in_a_calendar_convert_to_nothing() {
    let cases = [
        (CalendarConversion::SolarHijri, 1402, 12, 30), // 1402 is not leap
        (CalendarConversion::SolarHijri, 1403, 7, 31),  // months 7-12 have at most 30 days
        (CalendarConversion::LunarHijri, 1445, 2, 30),  // even months have 29 days
        (CalendarConversion::Ethiopian, 2016, 13, 6),   // Pagume has 6 days only before a Julian leap year
        (CalendarConversion::Ethiopian, 2016, 14, 1),
        (CalendarConversion::ThaiBuddhist, 2567, 2, 30),
        (CalendarConversion::ThaiBuddhist, 543, 1, 1), // no year 0
    ];
    for (calendar, y, m, d) in cases {
        assert_eq!(calendar.to_julian_day(y, m, d), None, "{calendar:?} {y}-{m}-{d}");
    }
    assert!(CalendarConversion::SolarHijri.to_julian_day(1403, 12, 30).is_some());
    assert!(CalendarConversion::Ethiopian.to_julian_day(2015, 13, 6).is_some());
}

fn gregorian(calendar: CalendarConversion, y: i64, m: u8, d: u8) -> (i64, u8, u8) {
    jdn_to_gregorian(calendar.to_julian_day(y, m, d).unwrap())
}

/// Published dates: Nowruz 1403 (20 March 2024), 1 Muharram 1446 (7 July 2024 in Saudi
/// Arabia's Umm al-Qura calendar, a day before the tabular date: inside the tolerance),
/// Ethiopian New Year 2017 (11 September 2024), the Thai year 2567 (2024).
#[test]
fn published_anchors() {
    assert_eq!(gregorian(CalendarConversion::SolarHijri, 1403, 1, 1), (2024, 3, 20));
    assert_eq!(gregorian(CalendarConversion::SolarHijri, 1369, 2, 17), (1990, 5, 7));
    assert_eq!(gregorian(CalendarConversion::LunarHijri, 1446, 1, 1), (2024, 7, 8));
    let jdn = CalendarConversion::LunarHijri.to_julian_day(1446, 1, 1).unwrap();
    assert_eq!(jdn_to_gregorian(jdn - CalendarConversion::LunarHijri.tolerance_days()), (2024, 7, 7));
    assert_eq!(gregorian(CalendarConversion::Ethiopian, 2017, 1, 1), (2024, 9, 11));
    assert_eq!(gregorian(CalendarConversion::Ethiopian, 1982, 8, 29), (1990, 5, 7));
    assert_eq!(gregorian(CalendarConversion::ThaiBuddhist, 2567, 1, 1), (2024, 1, 1));
    assert_eq!(gregorian(CalendarConversion::ThaiBuddhist, 2533, 5, 7), (1990, 5, 7));
}

#[test]
fn readings_apply_to_complete_dates_with_the_tolerance() {
    let d = |s: &str| s.parse::<PartialDate>().unwrap();
    assert_eq!(CalendarConversion::ThaiBuddhist.readings(d("2533-05-07")), vec![d("1990-05-07")]);
    assert_eq!(CalendarConversion::Ethiopian.readings(d("1982-08-29")), vec![d("1990-05-07")]);
    assert!(CalendarConversion::Ethiopian.readings(d("1982-08-00")).is_empty());
    assert!(CalendarConversion::Ethiopian.readings(d("1982-00-00")).is_empty());
    // A Gregorian date of a living person read as Thai falls before any date of birth.
    assert!(CalendarConversion::ThaiBuddhist.readings(d("1990-05-07")).is_empty());
    // 1 Muharram 2000 AH is in 2562: the tolerance gives three days.
    let lunar = CalendarConversion::LunarHijri.readings(d("2000-01-01"));
    assert_eq!(lunar.len(), 3);
    assert_eq!(lunar[1].to_string(), {
        let (y, m, dd) = gregorian(CalendarConversion::LunarHijri, 2000, 1, 1);
        format!("{y:04}-{m:02}-{dd:02}")
    });
}
