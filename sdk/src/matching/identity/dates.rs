//! The date-of-birth category (DR Annex I §3.2, Annex II §3.2, POLICY SIM-P4).

use super::calendars::CalendarConversion;
use super::policy::SimilarityPolicy;
use super::prepared::FieldPath;
use crate::model::{
    CategoryResult, CategoryVerdict, IdentityCategory, MatchRule, MatchedValues, PartialDate,
};

/// A date of birth written `YYYYMMDD` with `00` for unknown parts: the form on which "one
/// character differs" is judged.
pub(crate) fn written_form(date: PartialDate) -> [u8; 8] {
    let digit = |value: u32, power: u32| b'0' + (value / 10u32.pow(power) % 10) as u8;
    let (y, m, d) =
        (u32::from(date.year()), u32::from(date.month().unwrap_or(0)), u32::from(date.day().unwrap_or(0)));
    [digit(y, 3), digit(y, 2), digit(y, 1), digit(y, 0), digit(m, 1), digit(m, 0), digit(d, 1), digit(d, 0)]
}

/// Day and month both known and swapped, year equal (§3.2(a)).
pub(crate) fn is_day_month_swap(a: PartialDate, b: PartialDate) -> bool {
    match (a.month(), a.day(), b.month(), b.day()) {
        (Some(am), Some(ad), Some(bm), Some(bd)) => a.year() == b.year() && am != ad && am == bd && ad == bm,
        _ => false,
    }
}

/// The written forms differ in exactly one character (§3.2(c)). The forms have a fixed
/// width, so an insertion or deletion would shift every later digit: the one edit is a
/// substitution.
pub(crate) fn is_single_character_edit(a: PartialDate, b: PartialDate) -> bool {
    let (wa, wb) = (written_form(a), written_form(b));
    wa.iter().zip(&wb).filter(|(x, y)| x != y).count() == 1
}

/// The calendar in which one date, read as a date of that calendar, converts to the other
/// (§3.2(b), POLICY SIM-P6): the first of `calendars` that does, in either direction. Only
/// complete dates convert.
pub(crate) fn calendar_conversion(
    a: PartialDate,
    b: PartialDate,
    calendars: &[CalendarConversion],
) -> Option<CalendarConversion> {
    calendars.iter().copied().find(|c| c.readings(a).contains(&b) || c.readings(b).contains(&a))
}

/// Every rule under which two dates of birth are equal or similar: only complete dates can be
/// equal, and a partial date, written with zeros in its unknown parts, is similar only by the
/// three rules of Annex II §3.2 (POLICY SIM-P4: the list is exhaustive, no rule of its own).
pub(crate) fn date_rules(a: PartialDate, b: PartialDate, policy: &SimilarityPolicy) -> Vec<MatchRule> {
    if a.is_complete() && a == b {
        return vec![MatchRule::Equal];
    }
    let mut rules = Vec::new();
    if is_day_month_swap(a, b) {
        rules.push(MatchRule::DayMonthSwap);
    }
    if calendar_conversion(a, b, &policy.calendar_conversions).is_some() {
        rules.push(MatchRule::CalendarConversion);
    }
    if is_single_character_edit(a, b) {
        rules.push(MatchRule::SingleEdit);
    }
    rules
}

/// Compares every date of birth of one record (aliases included) with every one of the other.
pub(crate) fn compare_dates(
    left: &[(FieldPath, PartialDate)],
    right: &[(FieldPath, PartialDate)],
    policy: &SimilarityPolicy,
) -> CategoryResult {
    let result =
        |verdict, matches| CategoryResult { category: IdentityCategory::DateOfBirth, verdict, matches };
    if left.is_empty() || right.is_empty() {
        return result(CategoryVerdict::Missing, Vec::new());
    }
    let mut matches = Vec::new();
    let mut equal = false;
    for (lf, ld) in left {
        for (rf, rd) in right {
            for rule in date_rules(*ld, *rd, policy) {
                equal |= rule == MatchRule::Equal;
                matches.push(MatchedValues {
                    left_field: lf.to_string(),
                    right_field: rf.to_string(),
                    left_value: ld.to_string(),
                    right_value: rd.to_string(),
                    rule,
                });
            }
        }
    }
    let verdict = match (equal, matches.is_empty()) {
        (true, _) => CategoryVerdict::Equal,
        (false, false) => CategoryVerdict::Similar,
        (false, true) => CategoryVerdict::Different,
    };
    result(verdict, matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn written_form_pads_unknown_parts_with_zeros() {
        assert_eq!(&written_form(d("1980-05-07")), b"19800507");
        assert_eq!(&written_form(d("1980-00-00")), b"19800000");
    }

    #[test]
    fn swap_needs_complete_dates_with_day_and_month_different() {
        assert!(is_day_month_swap(d("1990-05-07"), d("1990-07-05")));
        assert!(!is_day_month_swap(d("1990-05-05"), d("1990-05-05")));
        assert!(!is_day_month_swap(d("1990-05-07"), d("1991-07-05")));
        assert!(!is_day_month_swap(d("1990-05-00"), d("1990-05-07")));
    }

    #[test]
    fn a_partial_date_is_similar_only_by_its_written_form() {
        let policy = SimilarityPolicy::default();
        let rules = |a: &str, b: &str| date_rules(d(a), d(b), &policy);
        // One character apart once the unknown day is written 00.
        assert_eq!(rules("1990-05-00", "1990-05-07"), vec![MatchRule::SingleEdit]);
        assert_eq!(rules("1990-05-00", "1990-05-30"), vec![MatchRule::SingleEdit]);
        // Same month, but two characters apart: nothing else may make them similar.
        assert!(rules("1990-05-00", "1990-05-17").is_empty());
        assert!(rules("1990-00-00", "1990-05-07").is_empty());
        assert!(rules("1990-00-00", "1990-12-00").is_empty());
        assert_eq!(rules("1990-00-00", "1990-05-00"), vec![MatchRule::SingleEdit]);
        // Never equal, not even to itself: the same written form is zero characters apart.
        assert!(rules("1990-05-00", "1990-05-00").is_empty());
        assert!(rules("1990-00-00", "1990-00-00").is_empty());
    }

    #[test]
    fn a_date_written_in_another_calendar_is_similar_by_conversion() {
        let policy = SimilarityPolicy::default();
        let conversion = |a: &str, b: &str| calendar_conversion(d(a), d(b), &policy.calendar_conversions);
        assert_eq!(conversion("1982-08-29", "1990-05-07"), Some(CalendarConversion::Ethiopian));
        assert_eq!(conversion("1990-05-07", "2533-05-07"), Some(CalendarConversion::ThaiBuddhist));
        assert_eq!(conversion("1990-05-07", "2532-05-07"), None);
        assert_eq!(conversion("1982-08-00", "1990-05-00"), None);
        assert_eq!(
            date_rules(d("1982-08-29"), d("1990-05-07"), &policy),
            vec![MatchRule::CalendarConversion]
        );
        let none = SimilarityPolicy { calendar_conversions: Vec::new(), ..SimilarityPolicy::default() };
        assert!(date_rules(d("1982-08-29"), d("1990-05-07"), &none).is_empty());
    }
}
