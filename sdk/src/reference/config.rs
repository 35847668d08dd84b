//! The reference's configuration: profiles, policies, thresholds, limits and the Member States
//! with Art 20 legislation. `ReferenceConfig::default()` is the documented default of every
//! policy.

use crate::matching::face::FaceCalibration;
use crate::matching::identity::SimilarityPolicy;
use crate::model::{CountryCode, Date, EspProfile, FaceAlgorithm, Limits, Timestamp};

use super::policies::MidPolicy;
use super::profiles::default_profiles;

/// Minimum sample quality for a template to be stored (BMS-01).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QualityThresholds {
    /// Minimum fingerprint quality, 0–100, on the engine's quality scale.
    pub fingerprint: u8,
    /// Minimum face capture quality, 0–100, as declared by the capture process.
    pub face: u8,
}

/// "Same biometric data" thresholds on the calibrated scale, 10 points per decade of
/// false-match rate (POLICY BMS-P1, BMS-08).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BiometricThresholds {
    /// Fingerprint threshold; 40 ⇔ FMR 1 in 10,000.
    pub fingerprint: f64,
    /// Face threshold; 40 ⇔ FMR 1 in 10,000.
    pub face: f64,
}

/// A face algorithm whose templates the sBMS accepts: its dimension and how its cosine maps onto
/// the calibrated scale.
#[derive(Debug, Clone, PartialEq)]
pub struct FaceAlgorithmSpec {
    /// The algorithm's identity.
    pub algorithm: FaceAlgorithm,
    /// The dimension of its embeddings.
    pub dimension: usize,
    /// Its calibration.
    pub calibration: FaceCalibration,
}

/// Everything the reference can be configured with.
#[derive(Debug, Clone)]
pub struct ReferenceConfig {
    /// The ESP profiles (POLICY ESP-P1 default set).
    pub profiles: Vec<EspProfile>,
    /// The MID policies (MID-P1, MID-P2, MID-P3 and the border deadline).
    pub mid: MidPolicy,
    /// The same/similar policy (SIM-P1..P6).
    pub similarity: SimilarityPolicy,
    /// Biometric thresholds (BMS-P1).
    pub thresholds: BiometricThresholds,
    /// Quality gate (BMS-01).
    pub quality: QualityThresholds,
    /// Face algorithms whose templates are accepted.
    pub face_algorithms: Vec<FaceAlgorithmSpec>,
    /// Member States with the national legislation of Art 20(5).
    pub art20_member_states: Vec<CountryCode>,
    /// Size limits (SEC-05).
    pub limits: Limits,
    /// How long the ESP waits for a source before reporting it timed out, in milliseconds.
    pub esp_source_timeout_ms: u64,
    /// Address of the web portal given in notices to persons (Art 49).
    pub web_portal: String,
    /// Whether Interpol can be queried without revealing the query to the alert owner
    /// (ESP-07): the reference's Interpol data are local copies, so it can.
    pub interpol_no_reveal: bool,
    /// Start time of the clock; `None` for the machine's time.
    pub start_time: Option<Timestamp>,
    /// Threads of the pool the sBMS's 1:N identifications scan on, apart from the pool that
    /// registrations' detection searches use, so that a burst of identifications cannot take
    /// every core from registrations. `None` (the default): one pool, rayon's global one.
    pub identification_threads: Option<usize>,
    /// Multiple-identity detection compares a written record's biometrics with every stored
    /// template while fewer records than this hold a face, and above it, for a record with a
    /// face, only with the records whose face codes are nearest (`matching::shortlist`), in
    /// full and at the same thresholds. The default, 20,000 records, keeps small galleries
    /// exact; `jha-interop bench mid` measures what the shortlist finds against an exhaustive
    /// identification.
    pub detection_exhaustive_below: usize,
    /// The minutiae extractor that fingerprint images are turned into templates with: MINDTCT
    /// by default, LEADER when built with the feature `leader` and given its model
    /// (`FingerprintExtractor::new(ExtractorKind::Leader)`, a typed error otherwise). Declared in
    /// the capabilities' BMS-P1 setting; each extractor's minutiae are scored on its own
    /// calibration (`fingerprint::CALIBRATION`, `fingerprint::LEADER_CALIBRATION`).
    pub fingerprint_extractor: crate::matching::fingerprint::FingerprintExtractor,
}

pub use crate::synthetic::face::ALGORITHM as SYNTHETIC_FACE_ALGORITHM;

impl ReferenceConfig {
    /// The accepted face algorithm `algorithm`, if it is one.
    pub fn face_algorithm(&self, algorithm: &FaceAlgorithm) -> Option<&FaceAlgorithmSpec> {
        self.face_algorithms.iter().find(|spec| &spec.algorithm == algorithm)
    }
}

impl Default for ReferenceConfig {
    fn default() -> Self {
        let reviewed = Date::new(2026, 1, 15).expect("valid date");
        let art20 = ["AUT", "BEL", "DEU", "ESP", "FRA", "ITA", "NLD", "POL", "PRT", "SWE"]
            .into_iter()
            .map(|c| CountryCode::new(c).expect("valid code"))
            .collect();
        ReferenceConfig {
            profiles: default_profiles(reviewed),
            mid: MidPolicy::default(),
            similarity: SimilarityPolicy::default(),
            thresholds: BiometricThresholds { fingerprint: 40.0, face: 40.0 },
            quality: QualityThresholds { fingerprint: 20, face: 40 },
            face_algorithms: vec![FaceAlgorithmSpec {
                algorithm: FaceAlgorithm::new(SYNTHETIC_FACE_ALGORITHM).expect("valid id"),
                dimension: crate::synthetic::face::DIMENSION,
                calibration: FaceCalibration::GaussianImpostors {
                    dimension: crate::synthetic::face::DIMENSION,
                },
            }],
            art20_member_states: art20,
            limits: Limits {
                max_request_bytes: 16 * 1024 * 1024,
                max_biometric_payload_bytes: 8 * 1024 * 1024,
                max_fingerprints: 10,
                max_candidates: 100,
            },
            esp_source_timeout_ms: 1_500,
            web_portal: "https://interoperability-portal.europa.eu".into(),
            interpol_no_reveal: true,
            start_time: None,
            identification_threads: None,
            detection_exhaustive_below: 20_000,
            fingerprint_extractor: crate::matching::fingerprint::FingerprintExtractor::mindtct(),
        }
    }
}
