//! Queries and replies of the shared Biometric Matching Service (Arts 12–16).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{BiometricData, FingerPosition, Modality, RecordRef, SourceSystem, Timestamp};

/// A 1:N identification (Art 4(6)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IdentifyRequest {
    /// The probe.
    pub biometrics: BiometricData,
    /// Systems to search; empty means every system the caller may query.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub systems: Vec<SourceSystem>,
    /// Most candidates to return (1–100).
    pub max_candidates: u16,
}

/// One candidate of an identification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Candidate {
    /// The record whose templates matched.
    pub record: RecordRef,
    /// Calibrated score: 10 points per decade of false-match rate (BMS-08).
    pub score: f64,
    /// The modality that produced the score.
    pub modality: Modality,
}

/// The ranked candidates of an identification (BMS-04).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IdentifyReply {
    /// Candidates by decreasing score.
    pub candidates: Vec<Candidate>,
    /// The declared "same biometric data" threshold (POLICY BMS-P1) on the same scale.
    pub threshold: f64,
}

/// A 1:1 verification of a probe against one record (Art 4(5)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VerifyRequest {
    /// The record claimed.
    pub record: RecordRef,
    /// The probe.
    pub biometrics: BiometricData,
}

/// The result of a verification (BMS-05).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VerifyReply {
    /// The record compared with.
    pub record: RecordRef,
    /// Calibrated score.
    pub score: f64,
    /// The declared threshold.
    pub threshold: f64,
    /// Whether the score reaches the threshold.
    pub is_match: bool,
    /// The modality compared.
    pub modality: Modality,
}

/// What the sBMS stores about one template — never the template itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TemplateInfo {
    /// The record the template was made from (BMS-02: system and record).
    pub record: RecordRef,
    /// The logical partition the template sits in: always the record's system.
    pub partition: SourceSystem,
    /// Fingerprint or face.
    pub modality: Modality,
    /// The finger, for fingerprints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finger: Option<FingerPosition>,
    /// The quality measured by the automated check (0–100).
    pub quality: u8,
    /// Identity of the template-producing algorithm.
    pub algorithm: String,
    /// When the template was created.
    pub created_at: Timestamp,
}
