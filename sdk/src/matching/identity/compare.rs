//! The overall SAME / SIMILAR / DIFFERENT verdict (REQUIREMENTS SIM-01 to SIM-07).

use super::dates::compare_dates;
use super::names::compare_names;
use super::places::{PlaceValues, compare_places};
use super::policy::SimilarityPolicy;
use super::prepared::{FieldPath, PreparedIdentity};
use crate::model::{
    CategoryResult, CategoryVerdict, IdentityCategory, IdentityComparison, IdentityData, IdentityVerdict,
    MatchRule, MatchedValues, Sex,
};

/// Sex is equal or different only (SIM-05). `X` is a recorded value like `M` and `F`
/// (several states issue it), so `X` equals `X` and differs from `M` and `F`; a record without
/// any sex makes the category `Missing`.
fn compare_sexes(left: &[(FieldPath, Sex)], right: &[(FieldPath, Sex)]) -> CategoryResult {
    let result = |verdict, matches| CategoryResult { category: IdentityCategory::Sex, verdict, matches };
    if left.is_empty() || right.is_empty() {
        return result(CategoryVerdict::Missing, Vec::new());
    }
    let mut matches = Vec::new();
    for (lf, a) in left {
        for (rf, b) in right {
            if a == b {
                matches.push(MatchedValues {
                    left_field: lf.to_string(),
                    right_field: rf.to_string(),
                    left_value: format!("{a:?}"),
                    right_value: format!("{b:?}"),
                    rule: MatchRule::Equal,
                });
            }
        }
    }
    let verdict = if matches.is_empty() { CategoryVerdict::Different } else { CategoryVerdict::Equal };
    result(verdict, matches)
}

fn places_of(record: &PreparedIdentity) -> PlaceValues<'_> {
    PlaceValues {
        nationalities: &record.nationalities,
        country_of_birth: record.country_of_birth,
        place_of_birth: record.place_of_birth.as_ref(),
    }
}

/// Compares two prepared records; see [`compare`].
pub fn compare_prepared(
    left: &PreparedIdentity,
    right: &PreparedIdentity,
    policy: &SimilarityPolicy,
) -> IdentityComparison {
    let names = compare_names(left, right, policy);
    let date_of_birth = compare_dates(&left.dates_of_birth, &right.dates_of_birth, policy);
    let sex = compare_sexes(&left.sexes, &right.sexes);
    let places = compare_places(&places_of(left), &places_of(right));
    let categories = vec![names, date_of_birth, sex, places];
    let all_equal = categories.iter().all(|c| c.verdict == CategoryVerdict::Equal);
    let equal_or_similar =
        |c: &CategoryResult| matches!(c.verdict, CategoryVerdict::Equal | CategoryVerdict::Similar);
    let verdict = if all_equal {
        IdentityVerdict::Same
    } else if categories[2].verdict == CategoryVerdict::Equal && categories.iter().all(equal_or_similar) {
        IdentityVerdict::Similar
    } else {
        IdentityVerdict::Different
    };
    IdentityComparison { verdict, categories, policy: policy.identifier() }
}

/// Whether [`compare_prepared`] can give anything but DIFFERENT: sex equal and every other
/// category equal or similar. The categories are decided cheapest first and the first that
/// rules the pair out ends the check, without building the comparison; multiple-identity
/// detection rules out most of its blocking candidates this way.
pub fn may_match_prepared(
    left: &PreparedIdentity,
    right: &PreparedIdentity,
    policy: &SimilarityPolicy,
) -> bool {
    let equal_or_similar =
        |c: CategoryResult| matches!(c.verdict, CategoryVerdict::Equal | CategoryVerdict::Similar);
    compare_sexes(&left.sexes, &right.sexes).verdict == CategoryVerdict::Equal
        && equal_or_similar(compare_dates(&left.dates_of_birth, &right.dates_of_birth, policy))
        && equal_or_similar(compare_names(left, right, policy))
        && equal_or_similar(compare_places(&places_of(left), &places_of(right)))
}

/// Compares the identity data of two records under DR 2023/333 (and 2023/332).
///
/// Every rule is evaluated, and each category lists the value pairs found equal or similar
/// with their field paths and the rule that applied (a pair can appear once per rule):
/// - **SAME** (SIM-01, SIM-02): a surname-type and a first-name-type value equal (any-to-any
///   within each group, aliases and previous names included), date of birth equal (partial
///   dates never are), sex equal, and a nationality equal; an equal place of birth alone does
///   not make the last category equal.
/// - **SIMILAR** (SIM-07, POLICY SIM-P2): not SAME, sex equal, and names, date of birth and
///   nationality/place of birth each equal or similar under Annex II §3.
/// - **DIFFERENT** otherwise, including when a category has no value on one side (`Missing`).
///
/// Rules are not chained: each value pair must be similar under one rule of Annex II on its
/// own. The transliteration tables and the variant-spelling table are one rule (§3.1(a)).
///
/// ```
/// use jha_interop::matching::identity::{compare, SimilarityPolicy};
/// use jha_interop::model::{IdentityData, IdentityVerdict, Sex};
///
/// let ees = IdentityData::person("MÜLLER", "Anna", "1990-05-07", Sex::F, "DEU")?;
/// let vis = IdentityData::person("MUELLER", "ANNA", "1990-07-05", Sex::F, "DEU")?;
/// let result = compare(&ees, &vis, &SimilarityPolicy::default());
/// assert_eq!(result.verdict, IdentityVerdict::Similar);
/// # Ok::<(), jha_interop::model::ModelError>(())
/// ```
pub fn compare(left: &IdentityData, right: &IdentityData, policy: &SimilarityPolicy) -> IdentityComparison {
    compare_prepared(&PreparedIdentity::new(left), &PreparedIdentity::new(right), policy)
}
