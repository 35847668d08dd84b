//! The date-of-birth category (DR Annex I §3.2, Annex II §3.2, POLICY SIM-P4).

use super::policy::SimilarityPolicy;
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

/// At least one date is partial and every part known on both sides agrees (POLICY SIM-P4).
pub(crate) fn is_partial_agreement(a: PartialDate, b: PartialDate) -> bool {
    let agree = |x: Option<u8>, y: Option<u8>| match (x, y) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    (!a.is_complete() || !b.is_complete())
        && a.year() == b.year()
        && agree(a.month(), b.month())
        && agree(a.day(), b.day())
}

/// Every rule under which two dates of birth are equal or similar; only complete dates can
/// be equal (POLICY SIM-P4).
pub(crate) fn date_rules(a: PartialDate, b: PartialDate, policy: &SimilarityPolicy) -> Vec<MatchRule> {
    if a.is_complete() && a == b {
        return vec![MatchRule::Equal];
    }
    let mut rules = Vec::new();
    if is_day_month_swap(a, b) {
        rules.push(MatchRule::DayMonthSwap);
    }
    // CalendarConversion has no value yet, so no policy can declare one (POLICY SIM-P6).
    if let Some(conversion) = policy.calendar_conversions.first() {
        match *conversion {}
    }
    if is_single_character_edit(a, b) {
        rules.push(MatchRule::SingleEdit);
    }
    if is_partial_agreement(a, b) {
        rules.push(MatchRule::PartialDate);
    }
    rules
}

/// Compares every date of birth of one record (aliases included) with every one of the other.
pub(crate) fn compare_dates(
    left: &[(String, PartialDate)],
    right: &[(String, PartialDate)],
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
                    left_field: lf.clone(),
                    right_field: rf.clone(),
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
    fn partial_agreement_needs_a_partial_date() {
        assert!(is_partial_agreement(d("1980-00-00"), d("1980-12-31")));
        assert!(is_partial_agreement(d("1980-05-00"), d("1980-05-00")));
        assert!(!is_partial_agreement(d("1980-05-00"), d("1980-06-01")));
        assert!(!is_partial_agreement(d("1980-05-07"), d("1980-05-07")));
    }
}
