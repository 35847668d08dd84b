//! Identity data with every value harmonised and transliterated once, so that one record can
//! be compared with many without repeating that work.

use std::hash::{DefaultHasher, Hash, Hasher};

use super::arabic::{arabic_skeleton, latin_skeleton};
use super::edits::{without_separators, words};
use super::harmonise::harmonise;
use super::renaming::place_key;
use super::tables;
use super::transliterate::latin_forms;
use crate::model::{CountryCode, IdentityData, PartialDate, Sex};

fn sorted_hashes(texts: &[String]) -> Vec<u64> {
    let mut out: Vec<u64> = texts
        .iter()
        .map(|t| {
            let mut hasher = DefaultHasher::new();
            t.hash(&mut hasher);
            hasher.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether two sets of texts share a member, using their sorted hashes to skip the string
/// comparisons when they cannot.
pub(crate) fn share_any(a: &[String], a_hashes: &[u64], b: &[String], b_hashes: &[u64]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a_hashes.len() && j < b_hashes.len() {
        match a_hashes[i].cmp(&b_hashes[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return a.iter().any(|x| b.contains(x)),
        }
    }
    false
}

/// A name or place value ready for comparison.
#[derive(Debug, Clone)]
pub(crate) struct PreparedText {
    /// Field path in the record, e.g. `aliases[0].surname`.
    pub field: String,
    /// The value as recorded.
    pub original: String,
    /// After POLICY SIM-P1.
    pub harmonised: String,
    /// `harmonised` as characters, for the edit rules.
    pub chars: Vec<char>,
    /// `harmonised` without hyphens, commas, apostrophes and spaces.
    pub bare: String,
    /// The words of `harmonised` (split on spaces, hyphens and commas).
    pub words: Vec<String>,
    /// The value and its Latin forms under every known transliteration.
    pub forms: Vec<String>,
    /// Hashes of `forms`, sorted, for a quick intersection test.
    pub form_hashes: Vec<u64>,
    /// Forms with the words of the variant-spelling table replaced by their group.
    pub canonical: Vec<String>,
    /// Hashes of `canonical`, sorted.
    pub canonical_hashes: Vec<u64>,
    /// Consonant skeleton when the value is Arabic script or ICAO X-coded.
    pub arabic_skeleton: Option<String>,
    /// Consonant skeletons of the Latin forms (for comparison with an Arabic value).
    pub latin_skeletons: Vec<String>,
    /// Lines of the renaming table (cities and countries) that hold one of the value's forms,
    /// with the form's lookup key (places only).
    pub renaming_lines: Vec<(usize, String)>,
}

impl PreparedText {
    pub(crate) fn new(field: String, original: &str, with_place_keys: bool) -> Self {
        let harmonised = harmonise(original);
        let mut forms = vec![harmonised.clone()];
        for form in latin_forms(&harmonised) {
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
        let variants = &tables::get().variants;
        let canonical: Vec<String> = forms.iter().filter_map(|f| variants.canonical(f)).collect();
        let arabic_skeleton = arabic_skeleton(&harmonised);
        let latin_skeletons = if arabic_skeleton.is_some() {
            Vec::new()
        } else {
            let mut out: Vec<String> = Vec::new();
            for skeleton in forms.iter().filter(|f| f.is_ascii()).filter_map(|f| latin_skeleton(f)) {
                if !out.contains(&skeleton) {
                    out.push(skeleton);
                }
            }
            out
        };
        let renaming_lines = if with_place_keys {
            let renamings = &tables::get().renamings;
            let mut lines: Vec<(usize, String)> = Vec::new();
            for key in forms.iter().map(|f| place_key(f)) {
                for line in renamings.place_lines(&key) {
                    if !lines.contains(&(line, key.clone())) {
                        lines.push((line, key.clone()));
                    }
                }
            }
            lines
        } else {
            Vec::new()
        };
        PreparedText {
            form_hashes: sorted_hashes(&forms),
            canonical_hashes: sorted_hashes(&canonical),
            field,
            original: original.to_string(),
            chars: harmonised.chars().collect(),
            bare: without_separators(&harmonised),
            words: words(&harmonised).into_iter().map(str::to_string).collect(),
            harmonised,
            forms,
            canonical,
            arabic_skeleton,
            latin_skeletons,
            renaming_lines,
        }
    }
}

/// Identity data prepared for comparison: every name and place harmonised and transliterated
/// once. Build it with [`PreparedIdentity::new`] and compare with
/// [`compare_prepared`](super::compare_prepared); [`compare`](super::compare) does both.
#[derive(Debug, Clone)]
pub struct PreparedIdentity {
    pub(crate) surnames: Vec<PreparedText>,
    pub(crate) first_names: Vec<PreparedText>,
    pub(crate) dates_of_birth: Vec<(String, PartialDate)>,
    pub(crate) sexes: Vec<(String, Sex)>,
    pub(crate) nationalities: Vec<(String, CountryCode)>,
    pub(crate) country_of_birth: Option<CountryCode>,
    pub(crate) place_of_birth: Option<PreparedText>,
}

impl PreparedIdentity {
    /// Harmonises and transliterates every value of `identity`.
    pub fn new(identity: &IdentityData) -> Self {
        let names = |values: Vec<(String, &crate::model::Name)>| {
            values.into_iter().map(|(field, name)| PreparedText::new(field, name.as_str(), false)).collect()
        };
        PreparedIdentity {
            surnames: names(identity.surname_values()),
            first_names: names(identity.first_name_values()),
            dates_of_birth: identity.dates_of_birth(),
            sexes: identity.sexes(),
            nationalities: identity.all_nationalities(),
            country_of_birth: identity.country_of_birth,
            place_of_birth: identity
                .place_of_birth
                .as_ref()
                .map(|p| PreparedText::new("place_of_birth".to_string(), p.as_str(), true)),
        }
    }
}
