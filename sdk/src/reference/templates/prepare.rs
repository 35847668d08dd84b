//! Turning biometric input into what the sBMS stores or searches with: decoding, extraction,
//! the automated quality check (BMS-01) and the face-algorithm check (BMS-09). Palm prints are
//! never turned into templates (BMS-03).

use std::sync::Arc;

use crate::api::{Error, Violation};
use crate::matching::face::FaceCalibration;
use crate::matching::fingerprint::{self, FingerprintTemplate, Probe};
use crate::model::{
    BiometricData, FaceSample, FaceTemplate, FingerPosition, FingerprintData, MinutiaeTemplate, Modality,
};

use super::super::config::ReferenceConfig;

/// One finger ready for templating: its minutiae, measured quality, and the engine's prepared
/// forms (the gallery side and the probe side), built once here, outside the store's lock.
#[derive(Debug, Clone)]
pub(crate) struct PreparedFinger {
    pub position: FingerPosition,
    pub quality: u8,
    pub template: Arc<FingerprintTemplate>,
    pub probe: Arc<Probe>,
}

impl PreparedFinger {
    /// `minimum` is the quality gate's threshold, reported with a sample too poor to template
    /// (BMS-01: the refusal gives the measured quality and the threshold).
    fn new(
        position: FingerPosition,
        quality: u8,
        minutiae: &MinutiaeTemplate,
        field: &str,
        minimum: u8,
        settings: &fingerprint::PreparationSettings,
    ) -> Result<Self, Violation> {
        let engine = |e: fingerprint::FingerprintError| {
            Violation::new(crate::requirement!("DQ-B-BIO-QUALITY"), field, e.to_string())
                .with_measure(f64::from(quality.min(minimum.saturating_sub(1))), f64::from(minimum))
        };
        Ok(PreparedFinger {
            position,
            quality,
            // The configured extractor's settings: its calibration scores every comparison.
            template: Arc::new(FingerprintTemplate::with_settings(minutiae, settings).map_err(engine)?),
            probe: Arc::new(Probe::with_settings(minutiae, settings).map_err(engine)?),
        })
    }
}

/// A face ready for templating, with the calibration of its algorithm.
#[derive(Debug, Clone)]
pub(crate) struct PreparedFace {
    pub template: FaceTemplate,
    pub quality: u8,
    pub calibration: FaceCalibration,
}

/// Decoded biometric data: what the sBMS templates or searches with.
#[derive(Debug, Clone, Default)]
pub(crate) struct Prepared {
    pub fingers: Vec<PreparedFinger>,
    pub face: Option<PreparedFace>,
}

impl Prepared {
    /// The modalities present.
    pub fn modalities(&self) -> Vec<Modality> {
        let mut out = Vec::new();
        if !self.fingers.is_empty() {
            out.push(Modality::Fingerprint);
        }
        if self.face.is_some() {
            out.push(Modality::Face);
        }
        out
    }
}

/// Why biometric data were refused: the violations, and whether the quality gate refused them.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub violations: Vec<Violation>,
    pub quality: bool,
}

/// The largest binary payload in the data, in bytes (SEC-05).
pub(crate) fn largest_payload(bio: &BiometricData) -> usize {
    let samples = bio.fingerprints.iter().map(|f| match &f.data {
        FingerprintData::Minutiae(_) => 0,
        FingerprintData::Image(image) => image.data.as_slice().len(),
        FingerprintData::Record { data, .. } => data.as_slice().len(),
    });
    samples.chain(bio.ansi_nist.iter().map(|f| f.as_slice().len())).max().unwrap_or(0)
}

/// Decodes every fingerprint sample into minutiae with its measured quality.
fn decode_fingers(
    bio: &BiometricData,
    minimum: u8,
    extractor: &fingerprint::FingerprintExtractor,
) -> Result<Vec<PreparedFinger>, Vec<Violation>> {
    let mut decoded: Vec<(String, FingerPosition, u8, MinutiaeTemplate)> = Vec::new();
    let mut violations = Vec::new();
    for (i, sample) in bio.fingerprints.iter().enumerate() {
        let field = format!("biometrics.fingerprints[{i}]");
        match &sample.data {
            FingerprintData::Minutiae(t) => {
                decoded.push((field, sample.position, fingerprint::quality(t), t.clone()))
            }
            FingerprintData::Image(image) => match extractor.extract(image) {
                Ok(extraction) => {
                    decoded.push((field, sample.position, extraction.quality, extraction.template))
                }
                Err(e) => {
                    violations.push(Violation::new(crate::requirement!("FMT-IMAGE"), field, e.to_string()))
                }
            },
            FingerprintData::Record { standard, data } => {
                match super::decode::minutiae_record(*standard, data.as_slice()) {
                    Ok(t) => decoded.push((field, sample.position, fingerprint::quality(&t), t)),
                    Err(e) => violations.push(Violation::new(crate::requirement!("FMT-FMR"), field, e)),
                }
            }
        }
    }
    if let Some(file) = &bio.ansi_nist {
        match super::decode::ansi_nist_minutiae(file.as_slice()) {
            Ok(samples) => decoded.extend(samples.into_iter().enumerate().map(|(i, (position, t))| {
                (format!("biometrics.ansi_nist[{i}]"), position, fingerprint::quality(&t), t)
            })),
            Err(e) => {
                violations.push(Violation::new(crate::requirement!("FMT-NIST"), "biometrics.ansi_nist", e))
            }
        }
    }
    let mut fingers = Vec::new();
    for (field, position, quality, minutiae) in decoded {
        match PreparedFinger::new(position, quality, &minutiae, &field, minimum, extractor.settings()) {
            Ok(f) => fingers.push(f),
            Err(v) => violations.push(v),
        }
    }
    if violations.is_empty() { Ok(fingers) } else { Err(violations) }
}

fn check_face(sample: &FaceSample, config: &ReferenceConfig) -> Result<PreparedFace, Violation> {
    let Some(spec) = config.face_algorithm(sample.template.algorithm()) else {
        return Err(Violation::new(
            crate::requirement!("BMS-09"),
            "biometrics.face.template.algorithm",
            format!("face algorithm {} is not one this sBMS compares", sample.template.algorithm()),
        ));
    };
    if sample.template.vector().len() != spec.dimension {
        return Err(Violation::new(
            crate::requirement!("BMS-09"),
            "biometrics.face.template.vector",
            format!(
                "{} embeddings have {} dimensions, not {}",
                spec.algorithm,
                spec.dimension,
                sample.template.vector().len()
            ),
        ));
    }
    Ok(PreparedFace {
        template: sample.template.clone(),
        quality: sample.capture_quality.unwrap_or(0),
        calibration: spec.calibration,
    })
}

/// Prepares biometric data for storage: decodes them and applies the quality gate (BMS-01).
/// For face embeddings no image reaches the sBMS, so the check is the embedding's integrity
/// (done by the model) and the capture process's declared quality.
pub(crate) fn prepare(bio: &BiometricData, config: &ReferenceConfig) -> Result<Prepared, Refusal> {
    let mut violations = Vec::new();
    let mut quality = false;
    let fingers = decode_fingers(bio, config.quality.fingerprint, &config.fingerprint_extractor)
        .unwrap_or_else(|v| {
            quality |= v.iter().any(|v| v.measured.is_some());
            violations.extend(v);
            Vec::new()
        });
    for (i, f) in fingers.iter().enumerate() {
        if f.quality < config.quality.fingerprint {
            quality = true;
            violations.push(
                Violation::new(
                    crate::requirement!("DQ-B-BIO-QUALITY"),
                    format!("biometrics.fingerprints[{i}]"),
                    format!(
                        "finger {} has quality {}, below the minimum {}",
                        f.position.code(),
                        f.quality,
                        config.quality.fingerprint
                    ),
                )
                .with_measure(f64::from(f.quality), f64::from(config.quality.fingerprint)),
            );
        }
    }
    let face = match &bio.face {
        Some(sample) => match check_face(sample, config) {
            Ok(face) if face.quality < config.quality.face => {
                quality = true;
                violations.push(
                    Violation::new(
                        crate::requirement!("DQ-B-BIO-QUALITY"),
                        "biometrics.face",
                        format!(
                            "face capture quality {} is below the minimum {}",
                            face.quality, config.quality.face
                        ),
                    )
                    .with_measure(f64::from(face.quality), f64::from(config.quality.face)),
                );
                None
            }
            Ok(face) => Some(face),
            Err(v) => {
                violations.push(v);
                None
            }
        },
        None => None,
    };
    if violations.is_empty() { Ok(Prepared { fingers, face }) } else { Err(Refusal { violations, quality }) }
}

/// Prepares a probe: decoded like stored data, without the storage quality gate.
pub(crate) fn prepare_probe(bio: &BiometricData, config: &ReferenceConfig) -> Result<Prepared, Error> {
    let fingers = decode_fingers(bio, config.quality.fingerprint, &config.fingerprint_extractor)
        .map_err(Error::invalid)?;
    let face = match &bio.face {
        Some(sample) => Some(
            check_face(sample, config)
                .map_err(|v| Error::invalid(vec![v]).with_rule(crate::requirement!("BMS-09")))?,
        ),
        None => None,
    };
    Ok(Prepared { fingers, face })
}
