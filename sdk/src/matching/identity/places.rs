//! The nationality and place-of-birth category (DR Annex I §3.4, Annex II §3.4).
//!
//! Like is compared with like: nationalities (aliases' included) with nationalities, country
//! of birth with country of birth, place of birth with place of birth.
//!
//! Country codes are validated against ISO 3166-1 and ICAO Doc 9303 by the data model, so they
//! are equal or related by a known renaming (POLICY SIM-P6) but never similar by a
//! one-character edit: nearly every edit of a valid code is another valid code (AUT and AUS are
//! Austria and Australia), so the edit would say "different countries", not "misspelt".
//! Places of birth are free text and get all three rules of Annex II §3.4.

use super::names::is_transliteration;
use super::prepared::{FieldPath, PreparedText};
use super::tables;
use crate::model::{
    CategoryResult, CategoryVerdict, CountryCode, IdentityCategory, MatchRule, MatchedValues,
};

fn code_rule(a: CountryCode, b: CountryCode) -> Option<MatchRule> {
    if a == b {
        Some(MatchRule::Equal)
    } else if tables::get().renamings.codes_related(a, b) {
        Some(MatchRule::Renaming)
    } else {
        None
    }
}

/// Every rule under which two places of birth are equal or similar.
pub(crate) fn place_rules(a: &PreparedText, b: &PreparedText) -> Vec<MatchRule> {
    if a.harmonised() == b.harmonised() {
        return vec![MatchRule::Equal];
    }
    let mut rules = Vec::new();
    if is_transliteration(a, b) {
        rules.push(MatchRule::Transliteration);
    }
    if a.letters_with(b).single_edit() {
        rules.push(MatchRule::SingleEdit);
    }
    // Two forms on one line of the table, under different names (the same name is equality
    // or transliteration, not a renaming).
    if a.renaming_lines.iter().any(|(la, ka)| b.renaming_lines.iter().any(|(lb, kb)| la == lb && ka != kb)) {
        rules.push(MatchRule::Renaming);
    }
    rules
}

/// The values of the category that one record holds.
pub(crate) struct PlaceValues<'a> {
    pub nationalities: &'a [(FieldPath, CountryCode)],
    pub country_of_birth: Option<CountryCode>,
    pub place_of_birth: Option<&'a PreparedText>,
}

fn code_match(lf: &str, a: CountryCode, rf: &str, b: CountryCode, rule: MatchRule) -> MatchedValues {
    MatchedValues {
        left_field: lf.to_string(),
        right_field: rf.to_string(),
        left_value: a.to_string(),
        right_value: b.to_string(),
        rule,
    }
}

/// Compares nationalities and place of birth.
///
/// - `Equal`: a nationality is equal (Annex I §3.4 requires a nationality among the equal
///   fields).
/// - `Similar`: no equal nationality, but some pair of the category is equal or similar, which
///   includes an equal place or country of birth (not SAME by SIM-02, yet not different).
/// - `Missing`: no field is present on both sides.
pub(crate) fn compare_places(left: &PlaceValues<'_>, right: &PlaceValues<'_>) -> CategoryResult {
    let mut matches = Vec::new();
    let mut comparable = false;
    let mut nationality_equal = false;
    if !left.nationalities.is_empty() && !right.nationalities.is_empty() {
        comparable = true;
        for (lf, a) in left.nationalities {
            for (rf, b) in right.nationalities {
                if let Some(rule) = code_rule(*a, *b) {
                    nationality_equal |= rule == MatchRule::Equal;
                    matches.push(code_match(lf, *a, rf, *b, rule));
                }
            }
        }
    }
    if let (Some(a), Some(b)) = (left.country_of_birth, right.country_of_birth) {
        comparable = true;
        if let Some(rule) = code_rule(a, b) {
            matches.push(code_match("country_of_birth", a, "country_of_birth", b, rule));
        }
    }
    if let (Some(a), Some(b)) = (left.place_of_birth, right.place_of_birth) {
        comparable = true;
        for rule in place_rules(a, b) {
            matches.push(MatchedValues {
                left_field: a.field().to_string(),
                right_field: b.field().to_string(),
                left_value: a.original().to_string(),
                right_value: b.original().to_string(),
                rule,
            });
        }
    }
    let verdict = if !comparable {
        CategoryVerdict::Missing
    } else if nationality_equal {
        CategoryVerdict::Equal
    } else if !matches.is_empty() {
        CategoryVerdict::Similar
    } else {
        CategoryVerdict::Different
    };
    CategoryResult { category: IdentityCategory::NationalityOrPlaceOfBirth, verdict, matches }
}
