//! The named, versioned comparison policy (REQUIREMENTS §5, POLICY SIM-P1 to SIM-P6).

use serde::{Deserialize, Serialize};

use crate::model::PolicySetting;

use super::calendars::CalendarConversion;
use super::tables;

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
    /// POLICY SIM-P6: the calendars in which dates of birth are also read (all four in the
    /// reference; DR Annex II §2 asks every rule to be checked).
    pub calendar_conversions: Vec<CalendarConversion>,
}

impl Default for SimilarityPolicy {
    /// The reference defaults of REQUIREMENTS §5.
    fn default() -> Self {
        SimilarityPolicy {
            name: "jha-interop-reference".to_string(),
            version: "2.0.0".to_string(),
            truncation_min_chars: 3,
            calendar_conversions: CalendarConversion::ALL.to_vec(),
        }
    }
}

const HARMONISATION_VERSION: &str = "1";
const COMBINATION_VERSION: &str = "1";
/// Version 2: no rule of its own for partial dates (catalogue version 2 corrected SIM-P4).
const PARTIAL_DATES_VERSION: &str = "2";
/// Version of the calendar conversions of [`CalendarConversion`] (POLICY SIM-P6): 2.0.0 added
/// the four calendars of catalogue version 2.
const CALENDARS_VERSION: &str = "calendars 2.0.0";

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
            self.calendar_conversions.iter().map(|c| c.description()).collect::<Vec<_>>().join("; ")
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
                 Arabic consonant skeletons, {} curated variant-spelling groups, each naming the script its \
                 name is transliterated from; nicknames and translations excluded",
                tables.variants.len()
            ),
            ),
            setting(
                "SIM-P4",
                PARTIAL_DATES_VERSION.to_string(),
                "a date with unknown day or month is written with zeros (YYYY-MM-00, YYYY-00-00), is never \
                 equal, and is similar only by the rules of Annex II §3.2 applied to that written form (day/month \
                 swap, calendar conversion, one character); no rule of its own"
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
                format!("{CALENDARS_VERSION}, {}", table_versions(&["renamings"])),
                format!(
                    "calendar conversions of complete dates of birth, either date read in the calendar: \
                     {conversions}; {} renamings of cities, countries and codes; \
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
        assert_eq!(policy.identifier(), "jha-interop-reference@2.0.0");
        let settings = policy.settings();
        let ids: Vec<&str> = settings.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["SIM-P1", "SIM-P2", "SIM-P3", "SIM-P4", "SIM-P5", "SIM-P6"]);
        assert!(settings[2].version.contains("cyrillic 1.0.0"), "{}", settings[2].version);
        assert!(settings[4].value.contains("at least 3"));
        assert_eq!(settings[3].version, "2");
        for calendar in ["Solar Hijri", "Lunar Hijri", "tolerance one day", "Ethiopian", "Thai Buddhist era"]
        {
            assert!(settings[5].value.contains(calendar), "{calendar}: {}", settings[5].value);
        }
        assert!(settings[5].version.starts_with("calendars 2.0.0, renamings "), "{}", settings[5].version);
    }
}
