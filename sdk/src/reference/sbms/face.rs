//! Face similarity on the calibrated scale.

/// The calibrated score of two face embeddings of the same algorithm.
///
/// For embeddings whose impostor cosines are centred normal with variance `1/d` (unrelated
/// identities in `d` dimensions, as the synthetic algorithm produces), the false-match rate at
/// cosine `c` is the normal tail `Q(c·√d)`.
pub(crate) fn face_score(a: &crate::model::FaceTemplate, b: &crate::model::FaceTemplate) -> f64 {
    let cosine: f64 = a.vector().iter().zip(b.vector()).map(|(x, y)| f64::from(*x) * f64::from(*y)).sum();
    let z = cosine * (a.vector().len() as f64).sqrt();
    let tail = 0.5 * erfc(z / std::f64::consts::SQRT_2);
    (-10.0 * tail.max(1e-300).log10()).max(0.0)
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
    use crate::model::{FaceAlgorithm, FaceTemplate};

    fn template(v: Vec<f32>) -> FaceTemplate {
        FaceTemplate::new(FaceAlgorithm::new("test/face@1").unwrap(), v).unwrap()
    }

    #[test]
    fn face_scores_follow_the_normal_tail() {
        let d = 128;
        let a = template((0..d).map(|i| if i == 0 { 1.0 } else { 0.0 }).collect());
        let orthogonal = template((0..d).map(|i| if i == 1 { 1.0 } else { 0.0 }).collect());
        // cosine 0: half of impostors score higher, FMR 0.5, score 10·log10(2) ≈ 3.
        assert!((face_score(&a, &orthogonal) - 3.0103).abs() < 0.01);
        // cosine 0.5 in 128 dimensions is 5.66 standard deviations: FMR ≈ 7.6e-9.
        let half = template(
            (0..d)
                .map(|i| match i {
                    0 => 0.5,
                    1 => 0.75f32.sqrt(),
                    _ => 0.0,
                })
                .collect(),
        );
        let s = face_score(&a, &half);
        assert!((s - 81.2).abs() < 0.5, "{s}");
        assert!((erfc(0.0) - 1.0).abs() < 1e-7 && (erfc(1.0) - 0.157_299_2).abs() < 1e-6);
    }
}
