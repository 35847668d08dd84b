//! Synthetic face embeddings: identities as random unit vectors, samples as an identity plus
//! Gaussian noise sized for a chosen genuine cosine.
//!
//! With an identity `u` uniform on the unit sphere of dimension `d` and a sample
//! `u + n`, `n ~ N(0, σ² I)`, `σ = √(1/c² − 1) / √d`, the normalised sample has cosine about `c`
//! with `u`, and two samples of one identity about `c²`. Samples of different identities have
//! cosine ~ N(0, 1/d): exactly the impostor model of
//! [`FaceCalibration::GaussianImpostors`](crate::matching::face::FaceCalibration).

use super::Rng;
use crate::model::{FaceAlgorithm, FaceSample, FaceTemplate, ModelError};

/// A synthetic identity: a unit vector.
#[derive(Debug, Clone, PartialEq)]
pub struct FaceIdentity {
    vector: Vec<f32>,
}

impl FaceIdentity {
    /// A random identity of `dimension` (uniform on the unit sphere).
    pub fn random(dimension: usize, rng: &mut Rng) -> Self {
        let mut vector: Vec<f32> = (0..dimension).map(|_| rng.normal() as f32).collect();
        normalise(&mut vector);
        FaceIdentity { vector }
    }

    /// The unit vector.
    pub fn vector(&self) -> &[f32] {
        &self.vector
    }

    /// A sample of this identity whose cosine with the identity is about `cosine` (clamped to
    /// 0.05–1), as a template of `algorithm`.
    ///
    /// # Errors
    /// When the dimension is outside what [`FaceTemplate`] accepts (8–4096).
    pub fn sample(
        &self,
        algorithm: &FaceAlgorithm,
        cosine: f64,
        rng: &mut Rng,
    ) -> Result<FaceTemplate, ModelError> {
        let c = cosine.clamp(0.05, 1.0);
        let d = self.vector.len().max(1) as f64;
        let sigma = ((1.0 / (c * c) - 1.0).max(0.0)).sqrt() / d.sqrt();
        let vector: Vec<f32> = self.vector.iter().map(|&v| v + (sigma * rng.normal()) as f32).collect();
        FaceTemplate::new(algorithm.clone(), vector)
    }
}

/// The algorithm id of the SDK's synthetic embeddings.
pub const ALGORITHM: &str = "jha-interop/synthetic-face@1";
/// Their dimension.
pub const DIMENSION: usize = 128;
/// Cosine between a sample and its identity: two samples of one person then have a cosine of
/// about 0.72, far above the impostor spread of `1/√128 ≈ 0.09`.
pub const SAMPLE_FIDELITY: f64 = 0.85;

impl FaceIdentity {
    /// The identity of person `id` in the population of `seed`, in [`DIMENSION`] dimensions.
    pub fn of(seed: u64, id: u64) -> Self {
        FaceIdentity::random(DIMENSION, &mut Rng::new(seed).fork(0xFACE_0000 + id))
    }
}

/// Sample `sample` of person `person` of `seed` for the synthetic algorithm, with a good
/// capture quality; deterministic.
pub fn face_sample(seed: u64, person: u64, sample: u64) -> FaceSample {
    let mut rng = Rng::new(seed).fork(0xFACE_0000 + person).fork(sample + 1);
    let algorithm = FaceAlgorithm::new(ALGORITHM).expect("a valid algorithm id");
    let template = FaceIdentity::of(seed, person)
        .sample(&algorithm, SAMPLE_FIDELITY, &mut rng)
        .expect("the synthetic dimension is within the model's limits");
    FaceSample { template, capture_quality: Some(80) }
}

fn normalise(vector: &mut [f32]) {
    let norm = vector.iter().map(|v| f64::from(*v).powi(2)).sum::<f64>().sqrt();
    if norm > 0.0 {
        for v in vector {
            *v = (f64::from(*v) / norm) as f32;
        }
    } else if let Some(first) = vector.first_mut() {
        *first = 1.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::face::cosine;

    #[test]
    fn genuine_cosine_is_near_target_and_impostors_near_zero() {
        let algorithm = FaceAlgorithm::new("synthetic/gaussian@1").unwrap();
        let mut rng = Rng::new(5);
        let (a, b) = (FaceIdentity::random(256, &mut rng), FaceIdentity::random(256, &mut rng));
        let a1 = a.sample(&algorithm, 0.8, &mut rng).unwrap();
        let identity = FaceTemplate::new(algorithm.clone(), a.vector().to_vec()).unwrap();
        let to_identity = cosine(&a1, &identity).unwrap();
        assert!((to_identity - 0.8).abs() < 0.05, "{to_identity}");
        let b1 = b.sample(&algorithm, 0.8, &mut rng).unwrap();
        assert!(cosine(&a1, &b1).unwrap().abs() < 4.0 / 16.0);
    }

    #[test]
    fn population_samples_are_deterministic_and_separate() {
        assert_eq!(face_sample(3, 1, 1), face_sample(3, 1, 1));
        let same = cosine(&face_sample(3, 1, 1).template, &face_sample(3, 1, 2).template).unwrap();
        let other = cosine(&face_sample(3, 1, 1).template, &face_sample(3, 2, 1).template).unwrap();
        assert!(same > 0.6 && other.abs() < 0.35, "{same} {other}");
    }
}
