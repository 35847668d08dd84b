//! Synthetic face embeddings: an identity vector per person and noisy samples of it
//! (biometrics notes §3.4), for the SDK's synthetic face algorithm.

use super::Rng;
use crate::model::{FaceAlgorithm, FaceSample, FaceTemplate};

/// The algorithm id of synthetic embeddings.
pub const ALGORITHM: &str = "jha-interop/synthetic-face@1";
/// Their dimension.
pub const DIMENSION: usize = 128;
/// Cosine between a sample and its identity vector; two samples of one person then have a
/// cosine of about 0.72, far above the impostor spread of `1/√128 ≈ 0.09`.
pub const SAMPLE_FIDELITY: f64 = 0.85;

/// A person's face: a direction in embedding space.
#[derive(Debug, Clone)]
pub struct FaceIdentity {
    vector: Vec<f64>,
}

fn normalised(mut v: Vec<f64>) -> Vec<f64> {
    let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt().max(f64::MIN_POSITIVE);
    v.iter_mut().for_each(|x| *x /= norm);
    v
}

impl FaceIdentity {
    /// A random identity: uniform on the unit sphere.
    pub fn generate(rng: &mut Rng) -> Self {
        FaceIdentity { vector: normalised((0..DIMENSION).map(|_| rng.normal()).collect()) }
    }

    /// The identity of person `id` in the population of `seed`.
    pub fn of(seed: u64, id: u64) -> Self {
        FaceIdentity::generate(&mut Rng::new(seed).fork(0xFACE_0000 + id))
    }

    /// A sample whose cosine with the identity is about `fidelity` (0 < fidelity ≤ 1).
    pub fn sample(&self, rng: &mut Rng, fidelity: f64) -> FaceTemplate {
        let fidelity = fidelity.clamp(0.05, 1.0);
        let sigma = (1.0 / (fidelity * fidelity) - 1.0).sqrt() / (DIMENSION as f64).sqrt();
        let v: Vec<f32> = self.vector.iter().map(|x| (x + sigma * rng.normal()) as f32).collect();
        FaceTemplate::new(FaceAlgorithm::new(ALGORITHM).expect("valid id"), v)
            .expect("a noisy unit vector is a valid template")
    }
}

/// Sample `sample` of person `person` of `seed`, with a good capture quality; deterministic.
pub fn face_sample(seed: u64, person: u64, sample: u64) -> FaceSample {
    let mut rng = Rng::new(seed).fork(0xFACE_0000 + person).fork(sample + 1);
    FaceSample {
        template: FaceIdentity::of(seed, person).sample(&mut rng, SAMPLE_FIDELITY),
        capture_quality: Some(80),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::face::{FaceCalibration, compare};

    #[test]
    fn samples_of_one_person_match_and_others_do_not() {
        let calibration = FaceCalibration::NormalTail;
        for person in 0..20 {
            let a = face_sample(3, person, 1).template;
            let b = face_sample(3, person, 2).template;
            let other = face_sample(3, person + 1000, 1).template;
            assert!(compare(&a, &b, &calibration).unwrap().value() > 60.0);
            assert!(compare(&a, &other, &calibration).unwrap().value() < 40.0);
        }
        assert_eq!(face_sample(3, 1, 1), face_sample(3, 1, 1));
    }
}
