//! Per-algorithm calibration of face cosine similarity onto the shared FMR score scale.

use crate::matching::score::{Calibration, Score};

/// How an algorithm's cosine similarity maps onto [`Score`] (`s` ⇔ FMR `10^(−s/10)`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FaceCalibration {
    /// Impostor cosines are Gaussian with mean 0 and variance `1/dimension`, as for
    /// structure-free embeddings such as [`crate::synthetic::face`]'s: FMR(c) =
    /// P(N(0, 1/d) ≥ c) = ½ erfc(c √(d/2)), computed analytically.
    GaussianImpostors {
        /// The embedding dimension.
        dimension: usize,
    },
    /// A measured table: the cosines at which an algorithm's impostor FMR is 10^−1, 10^−2, …
    /// (from its vendor or an evaluation such as NIST FRTE).
    Measured(Calibration),
}

impl FaceCalibration {
    /// The calibrated score of `cosine`.
    pub fn score(&self, cosine: f32) -> Score {
        match *self {
            FaceCalibration::GaussianImpostors { dimension } => {
                let z = f64::from(cosine) * (dimension.max(1) as f64 / 2.0).sqrt();
                // FMR = ½ erfc(z); score = −10 log10 FMR.
                let log_fmr = ln_erfc(z) - std::f64::consts::LN_2;
                Score::new((-10.0 * log_fmr / std::f64::consts::LN_10) as f32)
            }
            FaceCalibration::Measured(table) => table.score(cosine),
        }
    }
}

/// ln erfc(x), accurate to about 1e-7 relative in erfc for every x (Chebyshev-fitted form of
/// W. H. Press et al., *Numerical Recipes*, §6.2), and finite for large x where erfc underflows.
fn ln_erfc(x: f64) -> f64 {
    if x < 0.0 {
        // erfc(−x) = 2 − erfc(x) ∈ [1, 2): no underflow on this side.
        return (2.0 - ln_erfc(-x).exp()).ln();
    }
    let t = 1.0 / (1.0 + 0.5 * x);
    let poly = -1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    t.ln() - x * x + poly
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erfc_matches_known_values() {
        for (x, erfc) in [
            (0.0, 1.0),
            (0.5, 0.479_500_122),
            (1.0, 0.157_299_207),
            (2.0, 0.004_677_735),
            (4.0, 1.541_725_8e-8),
        ] {
            let got = ln_erfc(x).exp();
            assert!((got - erfc).abs() / erfc < 1e-6, "erfc({x}) = {got}, expected {erfc}");
        }
        assert!((ln_erfc(-1.0).exp() - 1.842_700_793).abs() < 1e-6);
        assert!(ln_erfc(30.0).is_finite());
    }

    #[test]
    fn gaussian_calibration_gives_fmr_scores() {
        let c = FaceCalibration::GaussianImpostors { dimension: 512 };
        // z = 0 → FMR ½ → 3.01 points.
        assert!((c.score(0.0).value() - 3.0103).abs() < 1e-3);
        // FMR 1e-4 ⇔ z = 3.7190 σ; σ = 1/√512.
        let cosine = 3.719_016 / 512f32.sqrt();
        assert!((c.score(cosine).value() - 40.0).abs() < 0.01, "{}", c.score(cosine).value());
        assert!(c.score(-0.5).value() < 1e-3);
    }
}
