//! Anonymous statistics of the Central Repository for Reporting and Statistics (Art 39,
//! 817 Art 66, DR 2021/2223).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Timestamp;

/// A statistics report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
// Open: CRRS reports are added as the statistics regulations grow; other crates match with a `_` arm.
#[non_exhaustive]
pub enum ReportKind {
    /// Queries per ESP profile (817 Art 66(1)).
    EspQueriesPerProfile,
    /// Queries per Interpol database (817 Art 66(1)).
    InterpolQueries,
    /// CIR queries per purpose, Arts 20, 21, 22 (817 Art 66(2)).
    CirQueriesPerPurpose,
    /// Searches with and without biometric data (817 Art 66(2)–(3)).
    SearchesByBiometrics,
    /// Links per colour and per pair of systems (817 Art 66(3)).
    LinksPerColour,
    /// How long yellow and red links stayed yellow or red (817 Art 66(3)).
    LinkColourDurations,
    /// Records per system by nationality, sex, year of birth, document type and issuing
    /// country, with or without biometrics (817 Art 66(2)).
    RecordsByAttributes,
    /// Data quality indicators per system (Art 37(3), IR 2021/2225 Art 6).
    DataQuality,
}

/// A dimension a statistics row is broken down by. Only non-identifying attributes exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Dimension {
    /// ESP profile.
    Profile,
    /// Source system.
    System,
    /// Pair of systems of a link, e.g. `EES+VIS`.
    SystemPair,
    /// Link colour.
    Colour,
    /// CIR purpose.
    Purpose,
    /// Interpol database.
    InterpolDatabase,
    /// `true` or `false`: with biometric data.
    WithBiometrics,
    /// Nationality code.
    Nationality,
    /// Sex.
    Sex,
    /// Year of birth (never the full date).
    YearOfBirth,
    /// Travel document type.
    DocumentType,
    /// Issuing country of the travel document.
    IssuingCountry,
    /// Data quality indicator: completeness, accuracy, timeliness, uniqueness, consistency.
    Indicator,
}

/// One aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StatRow {
    /// The values of the dimensions this row counts.
    pub dimensions: BTreeMap<Dimension, String>,
    /// How many.
    pub count: u64,
    /// A measured value where the report has one (mean hours of a colour; indicator ratio).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
}

/// A statistics report: aggregates only, no personal data (CRRS-01).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StatisticsReport {
    /// Which report.
    pub kind: ReportKind,
    /// When it was produced.
    pub generated_at: Timestamp,
    /// The aggregates.
    pub rows: Vec<StatRow>,
}
