//! European Search Portal user profiles (Art 8): data, not code (ESP-10).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::text::{checked_identifier, validated_string};
use super::{AuthorityKind, Date, ModelError, SourceSystem};

fn check_profile_id(value: &str) -> Result<String, ModelError> {
    checked_identifier(value, "profile id", 64)
}

validated_string!(
    /// The identifier of an ESP profile.
    ProfileId,
    check_profile_id,
    {"type": "string", "pattern": "^[A-Za-z0-9._:-]{1,64}$", "description": "Identifier of an ESP user profile."}
);

/// A field a query may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
// Open: new systems bring new query fields and data categories; other crates match with a `_` arm.
#[non_exhaustive]
pub enum QueryField {
    /// Surname (any surname-type value).
    Surname,
    /// First names.
    FirstNames,
    /// Date of birth.
    DateOfBirth,
    /// Sex.
    Sex,
    /// Nationality.
    Nationality,
    /// Place of birth.
    PlaceOfBirth,
    /// Travel document number.
    DocumentNumber,
    /// Travel document type.
    DocumentType,
    /// Issuing country of the travel document.
    IssuingCountry,
    /// Fingerprints.
    Fingerprints,
    /// Facial image or template.
    Face,
}

/// A category of data a reply may carry (Art 8(1)(d)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DataCategory {
    /// Identity data.
    IdentityData,
    /// Travel document data.
    TravelDocumentData,
    /// Biometric data.
    BiometricData,
    /// MID links of the record.
    Links,
    /// SIS alert information.
    AlertData,
}

/// A purpose for which a profile allows querying the Common Identity Repository.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
// Closed on purpose (not non_exhaustive): the three purposes of the CIR, by regulation (Arts 20,
// 21 and 22 of 2019/817 and 2019/818).
pub enum CirPurpose {
    /// Identification by police (Art 20).
    Identification,
    /// Manual verification of MID links (Art 21).
    MultipleIdentityDetection,
    /// Law enforcement hit/no-hit query (Art 22).
    LawEnforcementHitFlag,
}

/// One ESP user profile: a user category and purpose, with what it may query and receive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EspProfile {
    /// Identifier.
    pub id: ProfileId,
    /// What the profile is for, in words.
    pub description: String,
    /// The user category it is made for.
    pub user_category: AuthorityKind,
    /// Fields a query may carry (Art 8(1)(a), (c)).
    pub query_fields: Vec<QueryField>,
    /// Systems and databases queried on every search (Art 8(1)(b)).
    pub systems_to_query: Vec<SourceSystem>,
    /// Systems and databases that can be queried, only when the caller names them in the
    /// search (Art 8(1)(b), ESP-10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub systems_that_can_be_queried: Vec<SourceSystem>,
    /// Systems whose answers are delivered to the user (Art 8(1)(b)).
    pub systems_that_reply: Vec<SourceSystem>,
    /// Categories of data a reply may return (Art 8(1)(d)).
    pub reply_categories: Vec<DataCategory>,
    /// CIR purposes the profile allows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cir_purposes: Vec<CirPurpose>,
    /// Whether holders may perform MID manual verification.
    #[serde(default)]
    pub mid_manual_verification: bool,
    /// Whether holders may read CRRS statistics.
    #[serde(default)]
    pub statistics: bool,
    /// Whether holders may read logs (supervisory authorities).
    #[serde(default)]
    pub log_access: bool,
    /// Date of the last review with the Member States (Art 8(3)).
    pub last_reviewed: Date,
}
