//! Face templates: L2-normalised embeddings tagged with their algorithm, compared by cosine on
//! the calibrated score scale, never across algorithms (BMS-09), searched 1:N by exact scan.
//!
//! Exact search rather than an approximate index: an index that misses the mate raises the
//! false non-identification rate, and an exact scan of a few hundred thousand embeddings takes
//! milliseconds (biometrics notes §2.2, §7).

mod gallery;

pub use gallery::{FaceCandidate, FaceGallery};

use super::score::Score;
use crate::model::{FaceAlgorithm, FaceTemplate};

/// Why two face templates cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FaceError {
    /// Embeddings of different algorithms are not comparable (BMS-09).
    #[error("face templates of {probe} and {gallery} are not comparable (BMS-09)")]
    AlgorithmMismatch {
        /// The probe's algorithm.
        probe: FaceAlgorithm,
        /// The stored template's algorithm.
        gallery: FaceAlgorithm,
    },
    /// Same algorithm, different dimensions: one of the templates is corrupt.
    #[error("face templates of {algorithm} have {probe} and {gallery} dimensions")]
    DimensionMismatch {
        /// The algorithm.
        algorithm: FaceAlgorithm,
        /// The probe's dimension.
        probe: usize,
        /// The stored template's dimension.
        gallery: usize,
    },
}

/// How an algorithm's cosine similarity maps onto the calibrated scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FaceCalibration {
    /// Impostor cosines are normal with mean 0 and variance `1/d` (unrelated identities in `d`
    /// dimensions, as the SDK's synthetic algorithm produces): FMR at cosine `c` is the normal
    /// tail `Q(c·√d)`.
    NormalTail,
    /// A measured table: the cosines at which the impostor false-match rate is 10^−1, 10^−2, …,
    /// each scaled by 1000 (the calibration works on raw scores).
    Table(super::score::Calibration),
}

impl FaceCalibration {
    /// The calibrated score of `cosine` between `dimension`-dimensional embeddings.
    pub fn score(&self, cosine: f32, dimension: usize) -> Score {
        match self {
            FaceCalibration::NormalTail => {
                let z = f64::from(cosine) * (dimension as f64).sqrt();
                let tail = 0.5 * erfc(z / std::f64::consts::SQRT_2);
                Score::at_false_match_rate(tail)
            }
            FaceCalibration::Table(table) => table.score(cosine * 1000.0),
        }
    }
}

/// Cosine similarity of two L2-normalised vectors of equal length (their dot product).
///
/// Eight independent accumulators let the compiler vectorise the loop: a single running sum is
/// a dependency chain it may not reorder (floating-point addition is not associative).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let chunks = a.len().min(b.len()) / 8;
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)).take(chunks) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    let tail: f32 = a[chunks * 8..].iter().zip(&b[chunks * 8..]).map(|(x, y)| x * y).sum();
    acc.iter().sum::<f32>() + tail
}

/// Compares two face templates (1:1).
///
/// # Errors
/// [`FaceError::AlgorithmMismatch`] across algorithms (BMS-09); [`FaceError::DimensionMismatch`]
/// when one algorithm's templates differ in size.
pub fn compare(
    probe: &FaceTemplate,
    reference: &FaceTemplate,
    calibration: &FaceCalibration,
) -> Result<Score, FaceError> {
    if probe.algorithm() != reference.algorithm() {
        return Err(FaceError::AlgorithmMismatch {
            probe: probe.algorithm().clone(),
            gallery: reference.algorithm().clone(),
        });
    }
    if probe.vector().len() != reference.vector().len() {
        return Err(FaceError::DimensionMismatch {
            algorithm: probe.algorithm().clone(),
            probe: probe.vector().len(),
            gallery: reference.vector().len(),
        });
    }
    Ok(calibration.score(cosine(probe.vector(), reference.vector()), probe.vector().len()))
}

/// The complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(algorithm: &str, v: Vec<f32>) -> FaceTemplate {
        FaceTemplate::new(FaceAlgorithm::new(algorithm).unwrap(), v).unwrap()
    }

    fn unit(d: usize, i: usize) -> Vec<f32> {
        (0..d).map(|k| if k == i { 1.0 } else { 0.0 }).collect()
    }

    #[test]
    fn cosine_matches_the_plain_dot_product() {
        let a: Vec<f32> = (0..131).map(|i| (i as f32 * 0.37).sin()).collect();
        let b: Vec<f32> = (0..131).map(|i| (i as f32 * 0.11).cos()).collect();
        let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert!((cosine(&a, &b) - plain).abs() < 1e-4);
    }

    /// BMS-08: scores follow the normal tail of the calibration.
    #[test]
    fn normal_tail_calibration() {
        let d = 128;
        let a = template("t/face@1", unit(d, 0));
        let orthogonal = template("t/face@1", unit(d, 1));
        // Cosine 0: half of impostors score higher, FMR 0.5, score 10·log10(2) ≈ 3.
        assert!(
            (compare(&a, &orthogonal, &FaceCalibration::NormalTail).unwrap().value() - 3.0103).abs() < 0.01
        );
        // Cosine 0.5 in 128 dimensions is 5.66 standard deviations: FMR ≈ 7.6e-9, score ≈ 81.
        let half = template(
            "t/face@1",
            (0..d)
                .map(|i| match i {
                    0 => 0.5,
                    1 => 0.75f32.sqrt(),
                    _ => 0.0,
                })
                .collect(),
        );
        let s = compare(&a, &half, &FaceCalibration::NormalTail).unwrap().value();
        assert!((s - 81.2).abs() < 0.5, "{s}");
        assert!((erfc(0.0) - 1.0).abs() < 1e-7 && (erfc(1.0) - 0.157_299_2).abs() < 1e-6);
    }

    /// BMS-09: templates of different algorithms are never compared.
    #[test]
    fn bms_09_algorithms_never_mix() {
        let a = template("vendor-a/face@1", unit(64, 0));
        let b = template("vendor-b/face@3", unit(64, 0));
        assert!(matches!(
            compare(&a, &b, &FaceCalibration::NormalTail),
            Err(FaceError::AlgorithmMismatch { .. })
        ));
        let c = template("vendor-a/face@1", unit(128, 0));
        assert!(matches!(
            compare(&a, &c, &FaceCalibration::NormalTail),
            Err(FaceError::DimensionMismatch { .. })
        ));
    }
}
