//! Verification error rates from genuine and impostor score lists.

/// Error rates of one algorithm on one database.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorRates {
    /// Equal error rate (FVC interpolation), 0–1.
    pub eer: f64,
    /// False non-match rate at the lowest threshold whose false-match rate is at most 1 %.
    pub fnmr_at_fmr_1e2: f64,
    /// False non-match rate at the lowest threshold whose false-match rate is at most 0.1 %.
    pub fnmr_at_fmr_1e3: f64,
    /// The DET curve: (FMR, FNMR) at every distinct threshold, FMR decreasing.
    pub det: Vec<(f64, f64)>,
}

/// (threshold, FMR, FNMR) for every distinct score, plus one threshold above all of them;
/// a comparison matches when its score is at least the threshold.
fn operating_points(genuine: &[f64], impostor: &[f64]) -> Vec<(f64, f64, f64)> {
    let mut g = genuine.to_vec();
    let mut i = impostor.to_vec();
    g.sort_by(f64::total_cmp);
    i.sort_by(f64::total_cmp);
    let mut thresholds: Vec<f64> = g.iter().chain(i.iter()).copied().collect();
    thresholds.sort_by(f64::total_cmp);
    thresholds.dedup();
    thresholds.push(f64::INFINITY);
    thresholds
        .into_iter()
        .map(|t| {
            let below_g = g.partition_point(|&s| s < t);
            let below_i = i.partition_point(|&s| s < t);
            let fmr = (i.len() - below_i) as f64 / i.len().max(1) as f64;
            let fnmr = below_g as f64 / g.len().max(1) as f64;
            (t, fmr, fnmr)
        })
        .collect()
}

/// Error rates of `genuine` and `impostor` scores (higher = more similar).
pub fn error_rates(genuine: &[f64], impostor: &[f64]) -> ErrorRates {
    let points = operating_points(genuine, impostor);
    // FVC's EER: between the last threshold where FNMR ≤ FMR and the first where FNMR > FMR.
    let crossing = points.iter().position(|&(_, fmr, fnmr)| fnmr > fmr).unwrap_or(points.len() - 1);
    let (_, fmr2, fnmr2) = points[crossing];
    let (_, fmr1, fnmr1) = if crossing > 0 { points[crossing - 1] } else { points[crossing] };
    let (low, high) = if fmr1 + fnmr1 <= fmr2 + fnmr2 { (fnmr1, fmr1) } else { (fmr2, fnmr2) };
    let fnmr_at = |target: f64| {
        points.iter().find(|&&(_, fmr, _)| fmr <= target + 1e-12).map_or(1.0, |&(_, _, fnmr)| fnmr)
    };
    ErrorRates {
        eer: (low + high) / 2.0,
        fnmr_at_fmr_1e2: fnmr_at(0.01),
        fnmr_at_fmr_1e3: fnmr_at(0.001),
        det: points.iter().map(|&(_, fmr, fnmr)| (fmr, fnmr)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separated_scores_have_no_errors_and_overlap_has_some() {
        let clean = error_rates(&[10.0, 11.0, 12.0], &[1.0, 2.0, 3.0]);
        assert_eq!(clean.eer, 0.0);
        assert_eq!(clean.fnmr_at_fmr_1e3, 0.0);
        let mixed = error_rates(&[1.0, 5.0, 6.0, 7.0], &[0.0, 2.0, 3.0, 6.5]);
        assert!(mixed.eer > 0.2 && mixed.eer < 0.3, "{}", mixed.eer);
        // No impostor reaches 7, the lowest such threshold; genuine 1, 5 and 6 fall below it.
        assert_eq!(mixed.fnmr_at_fmr_1e2, 0.75);
    }
}
