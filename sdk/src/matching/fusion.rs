//! Fusing calibrated scores of several independent comparisons into one calibrated score.
//!
//! On the calibrated scale an impostor's false-match rate `u = 10^(−s/10)` is (at most)
//! uniform on (0, 1], so `x = Σ −ln u_i = ln 10 / 10 · Σ s_i` follows a Gamma(n, 1) law over `n`
//! independent comparisons. Fisher's method gives the chance that `n` impostor comparisons sum
//! to `x` or more: `P = e^(−x) Σ_{k<n} x^k / k!`; the fused score is `−10 log10 P`. For one
//! comparison it is the score itself; two fingers at 40 fuse to about 69 (not 80: there were
//! two chances), one at 40 and one at 0 to about 30.

use super::score::Score;

/// The fused calibrated score of `scores` (Fisher's method); 0 for none.
pub fn fuse(scores: &[Score]) -> Score {
    if scores.is_empty() {
        return Score::new(0.0);
    }
    let x: f64 = scores.iter().map(|s| f64::from(s.value())).sum::<f64>() * std::f64::consts::LN_10 / 10.0;
    // log P = −x + ln Σ_{k<n} x^k/k!, summed in log space to stay finite for large x.
    let mut term = 0.0f64; // ln(x^k / k!)
    let mut log_sum = 0.0f64; // ln Σ, starting with the k = 0 term (1)
    for k in 1..scores.len() {
        term += x.ln() - (k as f64).ln();
        let (hi, lo) = if term > log_sum { (term, log_sum) } else { (log_sum, term) };
        log_sum = hi + (lo - hi).exp().ln_1p();
    }
    let log_p = (-x + log_sum).min(0.0);
    Score::new((-10.0 * log_p / std::f64::consts::LN_10) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_score_is_itself_and_more_evidence_scores_higher() {
        assert!((fuse(&[Score::new(40.0)]).value() - 40.0).abs() < 1e-3);
        let two = fuse(&[Score::new(40.0), Score::new(40.0)]).value();
        assert!(two > 60.0 && two < 80.0, "{two}");
        let one_and_zero = fuse(&[Score::new(40.0), Score::new(0.0)]).value();
        assert!(one_and_zero < 40.0 && one_and_zero > 25.0, "{one_and_zero}");
        assert_eq!(fuse(&[]).value(), 0.0);
        assert!(fuse(&[Score::new(2000.0); 10]).value().is_finite());
    }
}
