//! What the reference declares: capabilities, policies, thresholds and limits.

use crate::model::{Capabilities, Capability, Modality, PolicySetting, Threshold};

use super::profiles::DEFAULT_PROFILES_VERSION;
use super::quality::RULES_VERSION;
use super::shared::Core;

/// How the fingerprint scale was calibrated (see [`crate::matching::fingerprint::CALIBRATION`]).
const FINGERPRINT_CALIBRATION: &str = "fingerprint calibration 2: empirical at FMR 10^-1..10^-3 over \
    the 23,040 within-database impostor pairs of FVC2002 DB1-4_B, log-linear tail fit beyond";

/// The declaration of the reference.
pub(crate) fn declare(core: &Core) -> Capabilities {
    let config = &core.config;
    let mut capabilities = vec![
        Capability::TestControl,
        Capability::FingerprintImages,
        Capability::MinutiaeRecords,
        Capability::AnsiNistFiles,
    ];
    if core.interpol_no_reveal() {
        capabilities.push(Capability::InterpolNoReveal);
    }
    capabilities.sort();
    let mut policies = vec![PolicySetting {
        id: "ESP-P1".into(),
        version: DEFAULT_PROFILES_VERSION.into(),
        value: config.profiles.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", "),
    }];
    policies.push(PolicySetting {
        id: "BMS-P1".into(),
        version: "1".into(),
        value: format!(
            "same biometric data at score >= {} (fingerprint) and >= {} (face); score = 10 x -log10(FMR); {FINGERPRINT_CALIBRATION}",
            config.thresholds.fingerprint, config.thresholds.face
        ),
    });
    policies.extend(config.mid.settings());
    policies.extend(config.similarity.settings());
    policies.push(super::policies::log_p1());
    policies.push(PolicySetting {
        id: "DQ-RULES".into(),
        version: RULES_VERSION.into(),
        value: format!(
            "blocking and soft data-quality rules of the reference; minimum quality {} (fingerprint), {} (face)",
            config.quality.fingerprint, config.quality.face
        ),
    });
    let scale = "10 points per decade of false-match rate: score s <=> FMR 10^(-s/10)".to_string();
    let thresholds = vec![
        Threshold {
            modality: Modality::Fingerprint,
            algorithm: super::sbms::FINGERPRINT_ALGORITHM.to_string(),
            score: config.thresholds.fingerprint,
            false_match_rate: 10f64.powf(-config.thresholds.fingerprint / 10.0),
            // Where the scale's claim comes from, so a filed report says what the threshold rests on.
            scale: format!("{scale}; {FINGERPRINT_CALIBRATION}"),
        },
        Threshold {
            modality: Modality::Face,
            algorithm: config
                .face_algorithms
                .iter()
                .map(|a| a.algorithm.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            score: config.thresholds.face,
            false_match_rate: 10f64.powf(-config.thresholds.face / 10.0),
            scale,
        },
    ];
    Capabilities {
        implementation: "jha-interop reference".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        capabilities,
        policies,
        thresholds,
        face_algorithms: config.face_algorithms.iter().map(|a| a.algorithm.clone()).collect(),
        limits: config.limits,
        art20_member_states: config.art20_member_states.clone(),
    }
}
