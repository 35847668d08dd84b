//! The names category (DR Annex I §3.1, Annex II §3.1).

use super::edits::{differs_only_by_punctuation, is_word_swap};
use super::policy::SimilarityPolicy;
use super::prepared::{PreparedIdentity, PreparedText, share_any};
use crate::model::{CategoryResult, CategoryVerdict, IdentityCategory, MatchRule, MatchedValues};

/// Known transliteration (Annex II §3.1(a)): one of the ICAO or other known schemes gives the
/// same Latin form, or an Arabic value's consonant skeleton equals a Latin transcription's.
pub(crate) fn is_transliteration(a: &PreparedText, b: &PreparedText) -> bool {
    share_any(a.forms(), a.form_hashes(), b.forms(), b.form_hashes())
        || a.arabic_skeleton().is_some_and(|s| b.latin_skeletons().any(|l| l == s))
        || b.arabic_skeleton().is_some_and(|s| a.latin_skeletons().any(|l| l == s))
}

/// Every rule under which two name values are equal or similar, in the order of
/// [`MatchRule`]; empty when they are different. Equal values give only `Equal`. Each rule
/// is tested on its own: rules are not chained (the transliteration and variant tables
/// together count as the one rule of §3.1(a)).
pub(crate) fn name_rules(a: &PreparedText, b: &PreparedText, policy: &SimilarityPolicy) -> Vec<MatchRule> {
    if a.harmonised() == b.harmonised() {
        return vec![MatchRule::Equal];
    }
    let mut rules = Vec::new();
    let transliteration = is_transliteration(a, b);
    if transliteration {
        rules.push(MatchRule::Transliteration);
    }
    if !transliteration && share_any(a.canonical(), a.canonical_hashes(), b.canonical(), b.canonical_hashes())
    {
        rules.push(MatchRule::VariantSpelling);
    }
    // Words are split only when both values have several (a swap needs two words or more).
    if a.has_several_words() && b.has_several_words() && is_word_swap(&a.words(), &b.words()) {
        rules.push(MatchRule::WordOrder);
    }
    let letters = a.letters_with(b);
    if letters.letter_transposition() {
        rules.push(MatchRule::LetterTransposition);
    }
    if letters.single_edit() {
        rules.push(MatchRule::SingleEdit);
    }
    if differs_only_by_punctuation(a.harmonised(), b.harmonised(), a.bare(), b.bare()) {
        rules.push(MatchRule::Punctuation);
    }
    if letters.truncation(policy.truncation_min_chars) {
        rules.push(MatchRule::Truncation);
    }
    rules
}

fn matched(left: &PreparedText, right: &PreparedText, rule: MatchRule) -> MatchedValues {
    MatchedValues {
        left_field: left.field().to_string(),
        right_field: right.field().to_string(),
        left_value: left.original().to_string(),
        right_value: right.original().to_string(),
        rule,
    }
}

/// The result of comparing every value of one group with every value of the other.
struct GroupPairs {
    comparable: bool,
    equal: bool,
    equal_or_similar: bool,
    matches: Vec<MatchedValues>,
}

fn compare_group(left: &[PreparedText], right: &[PreparedText], policy: &SimilarityPolicy) -> GroupPairs {
    let mut out = GroupPairs {
        comparable: !left.is_empty() && !right.is_empty(),
        equal: false,
        equal_or_similar: false,
        matches: Vec::new(),
    };
    for l in left {
        for r in right {
            for rule in name_rules(l, r, policy) {
                out.equal |= rule == MatchRule::Equal;
                out.equal_or_similar = true;
                out.matches.push(matched(l, r, rule));
            }
        }
    }
    out
}

/// Surname group and first-name group swapped (§3.1(b)): a surname-type value of one side
/// equals a first-name-type value of the other, and the other way round.
fn group_swaps(left: &PreparedIdentity, right: &PreparedIdentity) -> Vec<MatchedValues> {
    let mut out = Vec::new();
    for ls in left.surnames() {
        for rf in right.first_names() {
            if ls.harmonised() != rf.harmonised() {
                continue;
            }
            for lf in left.first_names() {
                for rs in right.surnames() {
                    if lf.harmonised() == rs.harmonised() && ls.harmonised() != lf.harmonised() {
                        out.push(matched(ls, rf, MatchRule::NameGroupSwap));
                        out.push(matched(lf, rs, MatchRule::NameGroupSwap));
                    }
                }
            }
        }
    }
    out
}

/// `whole` is `first` followed by `second`.
fn is_concatenation(whole: &str, first: &str, second: &str) -> bool {
    whole.len() == first.len() + second.len() && whole.starts_with(first) && whole.ends_with(second)
}

/// First names and surname run together in one field (§3.1(c)): one value of `single` equals
/// a surname-type value and a first-name-type value of `split` joined in either order,
/// ignoring the separators between them.
fn run_together(
    single: &PreparedIdentity,
    split: &PreparedIdentity,
    single_is_left: bool,
) -> Vec<MatchedValues> {
    let mut out = Vec::new();
    for value in single.surnames().iter().chain(single.first_names()) {
        for s in split.surnames() {
            for f in split.first_names() {
                if !is_concatenation(value.bare(), s.bare(), f.bare())
                    && !is_concatenation(value.bare(), f.bare(), s.bare())
                {
                    continue;
                }
                let (split_field, split_value) =
                    (format!("{}+{}", s.field(), f.field()), format!("{} {}", s.original(), f.original()));
                let (value_field, value_original) = (value.field().to_string(), value.original().to_string());
                let (left_field, left_value, right_field, right_value) = if single_is_left {
                    (value_field, value_original, split_field, split_value)
                } else {
                    (split_field, split_value, value_field, value_original)
                };
                out.push(MatchedValues {
                    left_field,
                    right_field,
                    left_value,
                    right_value,
                    rule: MatchRule::RunTogether,
                });
            }
        }
    }
    out
}

/// Compares the names of two records.
///
/// - `Equal`: a surname-type pair and a first-name-type pair are equal (any-to-any within each
///   group, aliases and previous names included).
/// - `Similar`: a surname-type pair and a first-name-type pair are each equal or similar, or
///   the groups are swapped, or the names are run together in one field.
/// - `Missing`: one side holds no name, or lacks a whole group while the comparable group is
///   not different.
/// - `Different` otherwise.
pub(crate) fn compare_names(
    left: &PreparedIdentity,
    right: &PreparedIdentity,
    policy: &SimilarityPolicy,
) -> CategoryResult {
    let result = |verdict, matches| CategoryResult { category: IdentityCategory::Names, verdict, matches };
    let left_empty = left.surnames().is_empty() && left.first_names().is_empty();
    let right_empty = right.surnames().is_empty() && right.first_names().is_empty();
    if left_empty || right_empty {
        return result(CategoryVerdict::Missing, Vec::new());
    }
    let surnames = compare_group(left.surnames(), right.surnames(), policy);
    let first_names = compare_group(left.first_names(), right.first_names(), policy);
    let swaps = group_swaps(left, right);
    let mut run = run_together(left, right, true);
    run.extend(run_together(right, left, false));

    let verdict = if surnames.equal && first_names.equal {
        CategoryVerdict::Equal
    } else if (surnames.equal_or_similar && first_names.equal_or_similar)
        || !swaps.is_empty()
        || !run.is_empty()
    {
        CategoryVerdict::Similar
    } else if (surnames.comparable && !surnames.equal_or_similar)
        || (first_names.comparable && !first_names.equal_or_similar)
    {
        CategoryVerdict::Different
    } else {
        CategoryVerdict::Missing
    };
    if !matches!(verdict, CategoryVerdict::Equal | CategoryVerdict::Similar) {
        return result(verdict, Vec::new());
    }
    let mut matches = surnames.matches;
    matches.extend(first_names.matches);
    matches.extend(swaps);
    matches.extend(run);
    result(verdict, matches)
}
