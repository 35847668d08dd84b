//! Face comparison for the shared Biometric Matching Service: L2-normalised embeddings tagged
//! with their algorithm ([`FaceTemplate`]), compared by cosine similarity, never across
//! algorithms (BMS-09), with scores on the shared FMR scale (BMS-08).
//!
//! * [`compare`] — 1:1, with a typed error when the algorithms differ.
//! * [`FaceGallery`] — 1:N by exhaustive scan (no approximate index: every mate is found, and
//!   the scan is deterministic), partitioned by source system and algorithm, on all cores,
//!   several probes per pass, in the [`FaceStorage`] chosen (f32, f16, i8, or i8 re-ranked
//!   exactly in f32); kernels for AVX-512 (VNNI for i8), AVX-VNNI and AVX2 chosen at run
//!   time, with portable fallbacks, all giving the same scores.
//! * [`FaceCalibration`] — how one algorithm's cosine maps to a [`Score`]; a gallery holds one
//!   per algorithm.

mod calibration;
mod f16;
mod gallery;
mod i8_probes;
mod isa;
mod kernel;
#[cfg(target_arch = "x86_64")]
mod kernel_avx512;
mod kernel_f16;
mod kernel_i8;
#[cfg(target_arch = "x86_64")]
mod kernel_i8_x86;
mod lanes;
mod scan;
mod storage;

pub use super::score::Score;
pub use calibration::FaceCalibration;
pub use gallery::{FaceCandidate, FaceGallery};
pub use kernel::dot;
pub use storage::FaceStorage;

use crate::model::{FaceAlgorithm, FaceTemplate};

/// The kernel path each storage type's scan takes on this CPU, e.g.
/// `f32 AVX-512, f16 AVX-512, i8 AVX-512 VNNI` (for reports: every path gives the same scores).
pub fn kernel_paths() -> String {
    isa::Kernels::detect().to_string()
}

/// Why two face templates cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FaceError {
    /// The templates come from different algorithms (BMS-09).
    #[error("face templates of algorithm {probe} and {reference} are never compared")]
    AlgorithmMismatch {
        /// The probe's algorithm.
        probe: FaceAlgorithm,
        /// The reference's algorithm.
        reference: FaceAlgorithm,
    },
    /// Same algorithm, different embedding lengths: the input is inconsistent.
    #[error("algorithm {algorithm} embeddings have {expected} dimensions; got {found}")]
    DimensionMismatch {
        /// The algorithm.
        algorithm: FaceAlgorithm,
        /// The dimension stored for it.
        expected: usize,
        /// The dimension received.
        found: usize,
    },
}

/// The outcome of one face comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceComparison {
    /// Cosine similarity in [−1, 1] (the raw score).
    pub cosine: f32,
    /// The calibrated score.
    pub score: Score,
}

/// Cosine similarity of two templates of the same algorithm (their vectors are unit length).
///
/// # Errors
/// [`FaceError::AlgorithmMismatch`] when the algorithms differ (BMS-09);
/// [`FaceError::DimensionMismatch`] when the lengths differ.
pub fn cosine(probe: &FaceTemplate, reference: &FaceTemplate) -> Result<f32, FaceError> {
    if probe.algorithm() != reference.algorithm() {
        return Err(FaceError::AlgorithmMismatch {
            probe: probe.algorithm().clone(),
            reference: reference.algorithm().clone(),
        });
    }
    if probe.vector().len() != reference.vector().len() {
        return Err(FaceError::DimensionMismatch {
            algorithm: probe.algorithm().clone(),
            expected: reference.vector().len(),
            found: probe.vector().len(),
        });
    }
    Ok(dot(probe.vector(), reference.vector()).clamp(-1.0, 1.0))
}

/// 1:1 comparison with `calibration` (the one of the templates' algorithm).
///
/// # Errors
/// As [`cosine`].
pub fn compare(
    probe: &FaceTemplate,
    reference: &FaceTemplate,
    calibration: &FaceCalibration,
) -> Result<FaceComparison, FaceError> {
    let cosine = cosine(probe, reference)?;
    Ok(FaceComparison { cosine, score: calibration.score(cosine) })
}

#[cfg(test)]
mod tests;
