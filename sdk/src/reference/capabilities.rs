//! What the reference declares: capabilities, policies, thresholds and limits.

use crate::model::{Capabilities, Capability, Modality, PolicySetting, Threshold};

use super::profiles::DEFAULT_PROFILES_VERSION;
use super::quality::RULES_VERSION;
use super::shared::Core;

/// How the fingerprint scale was calibrated (see [`crate::matching::fingerprint::CALIBRATION`]).
const FINGERPRINT_CALIBRATION: &str = "fingerprint calibration 3, fitted to hold on unseen sensors: per \
    decade the worst of the FVC2002 DB1-4_B databases' own impostor thresholds (2,880 within-database \
    impostor pairs each) plus a margin learnt by leaving one database out; fitted on three databases \
    and checked on the fourth, the measured FMR stays at or below nominal at 10^-1..10^-3 on all four \
    folds. The threshold 40 (10^-4) is not observable on same-sensor data here: it rests on a \
    log-linear fit of the impostor tail plus a margin of 2.1 raw points; on 307,200 cross-database \
    impostor pairs (MINDTCT and vendor ISO templates, never used by the fit) none reached it (95 % \
    upper bound 1e-5), but pairs from different sensors score lower than same-sensor ones, so that \
    bound is optimistic; confidence at 10^-4 is limited to that";

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
            "same biometric data at score >= {} (fingerprint) and >= {} (face); score = 10 x -log10(FMR); {FINGERPRINT_CALIBRATION}; fingerprint images are extracted by {}",
            config.thresholds.fingerprint,
            config.thresholds.face,
            config.fingerprint_extractor.describe()
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
