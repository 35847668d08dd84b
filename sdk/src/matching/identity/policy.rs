//! The named, versioned comparison policy (REQUIREMENTS §5, POLICY SIM-P1 to SIM-P6).

use serde::{Deserialize, Serialize};

use crate::model::PolicySetting;

use super::tables;

/// A calendar conversion the comparison may apply to dates of birth (DR Annex II §3.2(b)).
///
/// The reference implements none (POLICY SIM-P6), so the type has no value: a policy cannot
/// declare a conversion the comparison would not perform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CalendarConversion {}

/// The settings of the same/similar comparison: a named, versioned policy. The reference
/// defaults are [`SimilarityPolicy::default`]; the decisions the DR leaves open are fixed by the
/// code and listed by [`SimilarityPolicy::settings`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarityPolicy {
    /// Name of the policy, e.g. `jha-interop-reference`.
    pub name: String,
    /// Version of the policy as a whole.
    pub version: String,
    /// POLICY SIM-P5: the shortest harmonised name that counts as a truncation of a longer one.
    pub truncation_min_chars: usize,
    /// POLICY SIM-P6: calendar conversions applied to dates of birth (none in the reference).
    pub calendar_conversions: Vec<CalendarConversion>,
}

impl Default for SimilarityPolicy {
    /// The reference defaults of REQUIREMENTS §5.
    fn default() -> Self {
        SimilarityPolicy {
            name: "jha-interop-reference".to_string(),
            version: "1.0.0".to_string(),
            truncation_min_chars: 3,
            calendar_conversions: Vec::new(),
        }
    }
}

const HARMONISATION_VERSION: &str = "1";
const COMBINATION_VERSION: &str = "1";
const PARTIAL_DATES_VERSION: &str = "1";

impl SimilarityPolicy {
    /// `name@version`, the identifier every [`IdentityComparison`](crate::model::IdentityComparison)
    /// carries.
    pub fn identifier(&self) -> String {
        format!("{}@{}", self.name, self.version)
    }

    /// Every setting as (id, version, value), for a capabilities report.
    pub fn settings(&self) -> Vec<PolicySetting> {
        let tables = tables::get();
        let setting =
            |id: &str, version: String, value: String| PolicySetting { id: id.to_string(), version, value };
        let table_versions = |ids: &[&str]| {
            tables
                .headers()
                .into_iter()
                .filter(|h| ids.contains(&h.id.as_str()))
                .map(|h| format!("{} {}", h.id, h.version))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let conversions = if self.calendar_conversions.is_empty() {
            "none".to_string()
        } else {
            format!("{:?}", self.calendar_conversions)
        };
        vec![
            setting(
                "SIM-P1",
                HARMONISATION_VERSION.to_string(),
                "Unicode NFC; full Unicode upper case; white space trimmed and collapsed; diacritics kept; \
                 country codes normalised by the data model"
                    .to_string(),
            ),
            setting(
                "SIM-P2",
                COMBINATION_VERSION.to_string(),
                "SIMILAR = not SAME, sex equal, and names, date of birth and nationality/place of birth each \
                 equal or similar; a category missing on one side makes the pair DIFFERENT; sex X equals X; \
                 one rule per value pair (no chaining), the transliteration and variant tables counting as one \
                 rule"
                    .to_string(),
            ),
            setting(
                "SIM-P3",
                table_versions(&["latin", "cyrillic", "greek", "arabic", "arabic-skeleton", "variants"]),
                format!(
                    "ICAO Doc 9303 Part 3 tables (Latin ICAO and plain, Cyrillic with language variants and \
                 BGN/PCGN, German, French forms, Greek ELOT 743 and BGN/PCGN 1962, Arabic X-codes read back), \
                 Arabic consonant skeletons, {} curated variant-spelling groups",
                tables.variants.len()
            ),
            ),
            setting(
                "SIM-P4",
                PARTIAL_DATES_VERSION.to_string(),
                "a date with unknown day or month is never equal; it is similar to any date whose known parts \
                 agree"
                    .to_string(),
            ),
            setting(
                "SIM-P5",
                self.truncation_min_chars.to_string(),
                format!(
                    "truncation: the shorter harmonised name is a prefix of the longer and has at least {} characters",
                    self.truncation_min_chars
                ),
            ),
            setting(
                "SIM-P6",
                table_versions(&["renamings"]),
                format!(
                    "calendar conversions: {conversions}; {} renamings of cities, countries and codes; \
                     no single-character edit between two country codes (they are validated, so an edit gives \
                     another country)",
                    tables.renamings.len()
                ),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_lists_the_six_settings_with_table_versions() {
        let policy = SimilarityPolicy::default();
        assert_eq!(policy.identifier(), "jha-interop-reference@1.0.0");
        let settings = policy.settings();
        let ids: Vec<&str> = settings.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["SIM-P1", "SIM-P2", "SIM-P3", "SIM-P4", "SIM-P5", "SIM-P6"]);
        assert!(settings[2].version.contains("cyrillic 1.0.0"), "{}", settings[2].version);
        assert!(settings[4].value.contains("at least 3"));
        assert!(settings[5].value.contains("calendar conversions: none"));
        assert!(settings[5].version.starts_with("renamings "));
    }
}
