//! What an implementation declares about itself: capabilities, policies, thresholds, limits.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{CountryCode, FaceAlgorithm, Modality};

/// An optional capability (REQUIREMENTS: MAY, and SEC-06).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
// Open: optional capabilities are added as the contract grows; other crates match with a `_` arm.
#[non_exhaustive]
pub enum Capability {
    /// Setting the clock, resetting state and simulating source outages (SEC-06).
    TestControl,
    /// Interpol databases can be queried without revealing the query to the alert owner
    /// (ESP-07); without it Interpol is never queried.
    InterpolNoReveal,
    /// Fingerprint images are accepted and minutiae extracted.
    FingerprintImages,
    /// ISO/IEC 19794-2 and ANSI INCITS 378 records are accepted.
    MinutiaeRecords,
    /// ANSI/NIST-ITL files are accepted as biometric input.
    AnsiNistFiles,
}

/// One policy setting (REQUIREMENTS "POLICY ..."): a named, versioned value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PolicySetting {
    /// Policy identifier, e.g. `MID-P2`.
    pub id: String,
    /// Version of the setting.
    pub version: String,
    /// The value, in words or as a compact expression.
    pub value: String,
}

/// A declared "same biometric data" threshold (POLICY BMS-P1, BMS-08).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Threshold {
    /// The modality.
    pub modality: Modality,
    /// The algorithm it applies to.
    pub algorithm: String,
    /// The score threshold on the published scale.
    pub score: f64,
    /// The false-match rate the threshold corresponds to.
    pub false_match_rate: f64,
    /// How the scale is defined.
    pub scale: String,
}

/// Documented size limits (SEC-05).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Limits {
    /// Largest request body over HTTP, in bytes.
    pub max_request_bytes: u64,
    /// Largest binary biometric payload (image, record or file), in bytes.
    pub max_biometric_payload_bytes: u64,
    /// Most fingerprint samples in one record or query.
    pub max_fingerprints: u16,
    /// Most candidates an identification may ask for.
    pub max_candidates: u16,
}

/// The declaration of an implementation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Capabilities {
    /// Name of the implementation.
    pub implementation: String,
    /// Its version.
    pub version: String,
    /// Optional capabilities it supports.
    pub capabilities: Vec<Capability>,
    /// Its policy settings.
    pub policies: Vec<PolicySetting>,
    /// Its biometric thresholds.
    pub thresholds: Vec<Threshold>,
    /// The face algorithms whose templates it accepts.
    pub face_algorithms: Vec<FaceAlgorithm>,
    /// Its size limits.
    pub limits: Limits,
    /// Member States declared as having the national legislation of Art 20(5).
    pub art20_member_states: Vec<CountryCode>,
}

impl Capabilities {
    /// Whether `capability` is declared.
    pub fn has(&self, capability: Capability) -> bool {
        self.capabilities.contains(&capability)
    }

    /// The value of policy `id`, if declared.
    pub fn policy(&self, id: &str) -> Option<&PolicySetting> {
        self.policies.iter().find(|p| p.id == id)
    }
}
