//! Biometric samples named in scenarios. A finger label ("F1") is one finger of one person;
//! every use of the label in a scenario is a new impression of that finger (rotated, shifted,
//! distorted, with missing and spurious minutiae), so the suite never passes a test through
//! byte equality. A face label ("P1") works the same way for face embeddings.

use std::collections::HashMap;

use jha_interop::model::{
    BiometricData, FaceAlgorithm, FaceSample, FaceTemplate, FingerPosition, FingerprintSample,
    MinutiaeTemplate,
};
use jha_interop::synthetic::Rng;
use jha_interop::synthetic::face::{FaceIdentity, SAMPLE_FIDELITY};
use jha_interop::synthetic::fingerprint::{ImpressionParams, impression};

use crate::failure::Failure;

/// The population every scenario draws its fingers and faces from.
const POPULATION_SEED: u64 = 0x4A48_4132_0025;

/// A stable 64-bit hash of a label (FNV-1a), so that "F1" is the same finger in every run.
pub fn label_hash(label: &str) -> u64 {
    label.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Hands out impressions of labelled fingers and faces, counting uses per label.
#[derive(Debug, Default)]
pub struct SampleSource {
    uses: HashMap<String, u64>,
}

impl SampleSource {
    fn next_use(&mut self, label: &str) -> u64 {
        let n = self.uses.entry(label.to_string()).or_default();
        *n += 1;
        *n
    }

    /// A new impression of finger `label`.
    pub fn finger(&mut self, label: &str) -> MinutiaeTemplate {
        let n = self.next_use(label);
        impression(POPULATION_SEED, label_hash(label), n, &ImpressionParams::EASY)
    }

    /// Fingerprint samples of the comma-separated finger labels, at positions 1, 2, … in order.
    pub fn fingers(&mut self, labels: &str) -> Result<Vec<FingerprintSample>, Failure> {
        labels
            .split(',')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .enumerate()
            .map(|(i, label)| {
                let position = FingerPosition::new(i as u8 + 1)?;
                Ok(FingerprintSample::minutiae(position, self.finger(label)))
            })
            .collect()
    }

    /// A new sample of the face of person `label` for the synthetic face algorithm.
    pub fn face(&mut self, label: &str) -> FaceSample {
        let n = self.next_use(&format!("face:{label}"));
        let person = label_hash(label);
        let mut rng = Rng::new(POPULATION_SEED).fork(0xFACE_0000 + person).fork(n + 1);
        let algorithm = FaceAlgorithm::new(SYNTHETIC_FACE_ALGORITHM)
            .expect("the suite's face algorithm identifier is valid (unit test)");
        let template = FaceIdentity::of(POPULATION_SEED, person)
            .sample(&algorithm, SAMPLE_FIDELITY, &mut rng)
            .expect("the synthetic dimension is within the model's limits (unit test)");
        FaceSample { template, capture_quality: Some(80) }
    }

    /// A sample of the face of `label` as if produced by another algorithm `algorithm` (same
    /// dimension, so only the algorithm tag tells them apart).
    pub fn face_of_algorithm(&mut self, label: &str, algorithm: &str) -> Result<FaceSample, Failure> {
        let n = self.next_use(&format!("face:{label}"));
        let algorithm = FaceAlgorithm::new(algorithm)?;
        let mut rng = Rng::new(POPULATION_SEED).fork(label_hash(label)).fork(n);
        let template: FaceTemplate = FaceIdentity::of(POPULATION_SEED, label_hash(label)).sample(
            &algorithm,
            SAMPLE_FIDELITY,
            &mut rng,
        )?;
        Ok(FaceSample { template, capture_quality: Some(80) })
    }

    /// Biometric data of the given finger labels and face label (either may be empty).
    pub fn biometrics(&mut self, fingers: &str, face: &str) -> Result<BiometricData, Failure> {
        let mut data = BiometricData { fingerprints: self.fingers(fingers)?, ..BiometricData::default() };
        if !face.trim().is_empty() {
            data.face = Some(self.face(face.trim()));
        }
        Ok(data)
    }
}

/// The algorithm identifier the suite gives its synthetic face embeddings (made with the SDK's
/// generator, `FaceIdentity`, in its 128 dimensions). It is the suite's own declaration, not
/// read from the reference or the SDK's constants: a target runs the `@face` scenarios only when
/// it declares this identifier, so renaming the reference's algorithm is judged, not followed.
pub const SYNTHETIC_FACE_ALGORITHM: &str = "jha-interop/synthetic-face@1";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn face_samples_carry_the_suites_own_algorithm_and_differ_per_use() {
        let mut source = SampleSource::default();
        let (a, b) = (source.face("P1"), source.face("P1"));
        assert_eq!(a.template.algorithm().as_str(), SYNTHETIC_FACE_ALGORITHM);
        assert_ne!(a.template, b.template, "each use is a new capture");
    }

    #[test]
    fn every_use_is_a_new_impression_of_the_same_finger() {
        let mut source = SampleSource::default();
        let a = source.finger("F1");
        let b = source.finger("F1");
        assert_ne!(a, b, "impressions differ");
        let mut again = SampleSource::default();
        assert_eq!(again.finger("F1"), a, "and are reproducible");
        assert_ne!(label_hash("F1"), label_hash("F2"));
    }
}
