//! Identity data with every value harmonised and transliterated once, so that one record can
//! be compared with many without repeating that work.

use super::arabic::{arabic_skeleton, latin_skeleton};
use super::edits::without_separators;
use super::harmonise::harmonise;
use super::renaming::place_key;
use super::tables;
use super::transliterate::latin_forms;
use crate::model::{CountryCode, IdentityData, PartialDate, Sex};

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
    /// The value and its Latin forms under every known transliteration.
    pub forms: Vec<String>,
    /// Forms with the words of the variant-spelling table replaced by their group.
    pub canonical: Vec<String>,
    /// Consonant skeleton when the value is Arabic script or ICAO X-coded.
    pub arabic_skeleton: Option<String>,
    /// Consonant skeletons of the Latin forms (for comparison with an Arabic value).
    pub latin_skeletons: Vec<String>,
    /// Lookup keys of the renaming table (places only).
    pub place_keys: Vec<String>,
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
        let canonical = forms.iter().filter_map(|f| variants.canonical(f)).collect();
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
        let place_keys = if with_place_keys {
            let mut keys: Vec<String> = Vec::new();
            for key in forms.iter().map(|f| place_key(f)) {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            keys
        } else {
            Vec::new()
        };
        PreparedText {
            field,
            original: original.to_string(),
            chars: harmonised.chars().collect(),
            bare: without_separators(&harmonised),
            harmonised,
            forms,
            canonical,
            arabic_skeleton,
            latin_skeletons,
            place_keys,
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
