//! The result of comparing two records' identity data under DR 2023/333 (and 2023/332).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The overall verdict of an identity-data comparison (REQUIREMENTS §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum IdentityVerdict {
    /// Same identity data (DR Annex I): every category equal.
    Same,
    /// Similar identity data (DR Annex II, combined by POLICY SIM-P2).
    Similar,
    /// Neither same nor similar.
    Different,
}

/// The four categories the delegated regulation compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IdentityCategory {
    /// Surname-type and first-name-type values.
    Names,
    /// Date of birth.
    DateOfBirth,
    /// Sex (gender).
    Sex,
    /// Nationalities and place of birth.
    NationalityOrPlaceOfBirth,
}

/// The outcome for one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CategoryVerdict {
    /// Equal after harmonisation (for names: a surname-type **and** a first-name-type value
    /// equal; for nationality/place of birth: a common nationality).
    Equal,
    /// Similar by one of the rules of DR Annex II §3.
    Similar,
    /// Neither equal nor similar.
    Different,
    /// At least one side holds no value for the category, so it cannot be compared.
    Missing,
}

/// The rule by which two values were found equal or similar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
// Open: the explanations of a similarity may name new rules; other crates match with a `_` arm.
#[non_exhaustive]
pub enum MatchRule {
    /// Equal after the harmonisation function (POLICY SIM-P1).
    Equal,
    /// Equal through a known transliteration (Annex II §3.1(a), §3.4(a); POLICY SIM-P3).
    Transliteration,
    /// Equal through the curated table of common variant spellings (POLICY SIM-P3).
    VariantSpelling,
    /// Surname group and first-name group swapped (§3.1(b)).
    NameGroupSwap,
    /// First names and surname run together in one field (§3.1(c)).
    RunTogether,
    /// Two words in another order (§3.1(d)).
    WordOrder,
    /// Two letters in another order, adjacent or not (§3.1(e)).
    LetterTransposition,
    /// One insertion, deletion or substitution (§3.1(f), §3.2(c), §3.4(b)).
    SingleEdit,
    /// A difference only in hyphens, commas or apostrophes (§3.1(g)).
    Punctuation,
    /// One name is a truncation of the other (§3.1(h); POLICY SIM-P5).
    Truncation,
    /// Day and month swapped (§3.2(a)).
    DayMonthSwap,
    /// A known calendar conversion: one date, read in another calendar, converts to the other
    /// (§3.2(b); the calendars of POLICY SIM-P6). A partial date has no rule of its own
    /// (POLICY SIM-P4): it is similar only by one of the three date rules.
    CalendarConversion,
    /// A known renaming of a country or city (§3.4(c); POLICY SIM-P6).
    Renaming,
}

/// Two values, one from each record, found equal or similar.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct MatchedValues {
    /// Field of the left record, e.g. `surname` or `aliases[0].first_names`.
    pub left_field: String,
    /// Field of the right record.
    pub right_field: String,
    /// The left value as recorded.
    pub left_value: String,
    /// The right value as recorded.
    pub right_value: String,
    /// The rule that applied.
    pub rule: MatchRule,
}

/// The outcome of one category with the value pairs that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct CategoryResult {
    /// Which category.
    pub category: IdentityCategory,
    /// Its verdict.
    pub verdict: CategoryVerdict,
    /// The value pairs found equal or similar (empty when different or missing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matches: Vec<MatchedValues>,
}

/// The full result of comparing two identity data sets.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct IdentityComparison {
    /// SAME, SIMILAR or DIFFERENT.
    pub verdict: IdentityVerdict,
    /// One entry per category, in the order names, date of birth, sex, nationality/place.
    pub categories: Vec<CategoryResult>,
    /// Identifier and version of the comparison policy that produced the result.
    pub policy: String,
}

/// Which fields were found same or similar and by which rule, without the values: what the
/// comparison log of DR Art 4 keeps (LOG-03).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct MatchedField {
    /// The category.
    pub category: IdentityCategory,
    /// Field of the left record.
    pub left_field: String,
    /// Field of the right record.
    pub right_field: String,
    /// The rule that applied.
    pub rule: MatchRule,
}

impl IdentityComparison {
    /// The result of one category.
    pub fn category(&self, category: IdentityCategory) -> Option<&CategoryResult> {
        self.categories.iter().find(|c| c.category == category)
    }

    /// The matched fields and rules without personal data.
    pub fn matched_fields(&self) -> Vec<MatchedField> {
        self.categories
            .iter()
            .flat_map(|c| {
                c.matches.iter().map(|m| MatchedField {
                    category: c.category,
                    left_field: m.left_field.clone(),
                    right_field: m.right_field.clone(),
                    rule: m.rule,
                })
            })
            .collect()
    }
}
