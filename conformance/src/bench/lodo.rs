//! Leave-one-database-out checks of the score scale (`bench fingerprint --protocol lodo`).
//!
//! For each fold, the raw scores at FMR 10^−1 … 10^−4 are fitted on the pooled within-database
//! impostors of the three training databases, exactly as the engine's calibration table is
//! made (empirical quantiles where at least ten impostors lie above, a log-linear fit of the
//! upper tail below that), and the false-match rate those thresholds give is measured on data
//! the fit never saw: the held-out database's own impostors, and the cross-database pairs with
//! one side in the held-out database (different sensors, hence certainly different fingers).
//! A scale is conservative at a decade when the measured rate is at or below nominal.

/// The deepest decade fitted and checked (10^−4, the BMS-P1 threshold).
pub const DECADES: usize = 4;

/// Raw scores at FMR 10^−1 … 10^−[`DECADES`] fitted on `impostors`: the empirical quantile
/// where at least ten impostor scores lie at or above it, else the tail fit's value.
pub fn fit_decades(impostors: &[f64]) -> Vec<f64> {
    let mut sorted = impostors.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let fit = TailFit::of(&sorted);
    (1..=DECADES)
        .map(|decade| {
            let fmr = 10f64.powi(-(decade as i32));
            let above = fmr * sorted.len() as f64;
            if above >= 10.0 {
                sorted[(above as usize).min(sorted.len() - 1)]
            } else {
                fit.map_or(f64::INFINITY, |f| f.raw_at(fmr))
            }
        })
        .collect()
}

/// A least-squares line of log10 FMR against the raw score over the top 2 % of impostor
/// scores (at least ten), used below the decades the data can show.
#[derive(Debug, Clone, Copy)]
pub struct TailFit {
    /// Mean raw score of the fitted points.
    pub mean_raw: f64,
    /// Mean log10 FMR of the fitted points.
    pub mean_log_fmr: f64,
    /// Change of log10 FMR per raw point (negative).
    pub slope: f64,
}

impl TailFit {
    /// The fit over `sorted` (highest first); `None` with fewer than 100 scores or a flat tail.
    pub fn of(sorted: &[f64]) -> Option<TailFit> {
        if sorted.len() < 100 {
            return None;
        }
        let total = sorted.len() as f64;
        let top = ((0.02 * total) as usize).max(10).min(sorted.len());
        let points: Vec<(f64, f64)> =
            (0..top).map(|k| (sorted[k], (((k + 1) as f64) / total).log10())).collect();
        let mean_raw = points.iter().map(|p| p.0).sum::<f64>() / top as f64;
        let mean_log_fmr = points.iter().map(|p| p.1).sum::<f64>() / top as f64;
        let spread = points.iter().map(|p| (p.0 - mean_raw).powi(2)).sum::<f64>();
        if spread <= 1e-12 {
            return None;
        }
        let slope = points.iter().map(|p| (p.0 - mean_raw) * (p.1 - mean_log_fmr)).sum::<f64>() / spread;
        (slope < 0.0).then_some(TailFit { mean_raw, mean_log_fmr, slope })
    }

    /// The raw score the fit puts at `fmr`.
    pub fn raw_at(&self, fmr: f64) -> f64 {
        self.mean_raw + (fmr.log10() - self.mean_log_fmr) / self.slope
    }
}

/// How many of `impostors` reach `threshold`, out of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reached {
    /// Impostor scores at or above the threshold.
    pub count: usize,
    /// Impostor scores measured.
    pub of: usize,
}

impl Reached {
    /// Counts the scores of `impostors` at or above `threshold`.
    pub fn count(impostors: &[f64], threshold: f64) -> Reached {
        Reached { count: impostors.iter().filter(|&&s| s >= threshold).count(), of: impostors.len() }
    }

    /// The measured false-match rate.
    pub fn rate(&self) -> f64 {
        self.count as f64 / self.of.max(1) as f64
    }

    /// Whether the measured rate is at or below `nominal`, and the data can tell: at least one
    /// impostor in `1 / nominal` was measured.
    pub fn conservative_at(&self, nominal: f64) -> Option<bool> {
        (self.of as f64 * nominal >= 1.0).then(|| self.rate() <= nominal)
    }

    /// `0.0312% (9/28800)`.
    pub fn describe(&self) -> String {
        format!("{:.4}% ({}/{})", 100.0 * self.rate(), self.count, self.of)
    }
}

/// One fold's check of the fitted decades on unseen data.
#[derive(Debug, Clone)]
pub struct DecadeCheck {
    /// The nominal false-match rate, 10^−k.
    pub nominal: f64,
    /// The raw threshold fitted on the training databases.
    pub threshold: f64,
    /// The held-out database's own impostors reaching it.
    pub within: Reached,
    /// The cross-database impostors with one side held out reaching it.
    pub across: Reached,
}

/// Fits the decades on `training_impostors` and measures them on the held-out sets.
pub fn check_fold(
    training_impostors: &[f64],
    held_out_within: &[f64],
    held_out_across: &[f64],
) -> Vec<DecadeCheck> {
    fit_decades(training_impostors)
        .into_iter()
        .enumerate()
        .map(|(k, threshold)| DecadeCheck {
            nominal: 10f64.powi(-(k as i32 + 1)),
            threshold,
            within: Reached::count(held_out_within, threshold),
            across: Reached::count(held_out_across, threshold),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Impostor scores with an exact exponential tail: P(score ≥ s) = 10^(−s/5).
    fn exponential(n: usize) -> Vec<f64> {
        (0..n).map(|k| -5.0 * ((k as f64 + 0.5) / n as f64).log10()).collect()
    }

    #[test]
    fn decades_are_empirical_where_the_data_show_them_and_fitted_below() {
        let scores = exponential(20_000);
        let fitted = fit_decades(&scores);
        // 10^-1..10^-3 have at least 20 scores above: empirical, at 5, 10, 15 (within the
        // step of one score).
        for (k, want) in [5.0, 10.0, 15.0].iter().enumerate() {
            assert!((fitted[k] - want).abs() < 0.1, "decade {}: {}", k + 1, fitted[k]);
        }
        // 10^-4 has 2 scores above: the tail fit extrapolates the same line, to 20.
        assert!((fitted[3] - 20.0).abs() < 0.3, "{}", fitted[3]);
    }

    #[test]
    fn a_held_out_set_is_conservative_only_when_it_can_tell() {
        let scores = exponential(10_000);
        let checks = check_fold(&scores, &exponential(1_000), &[30.0; 50]);
        assert_eq!(checks.len(), DECADES);
        // Held-out data from the same distribution meet the nominal rate at 10^-1 and 10^-2.
        assert!(checks[1].within.rate() <= 0.011, "{:?}", checks[1]);
        // 1,000 scores cannot tell 10^-4; 50 cross pairs all above every threshold are not
        // conservative where they can tell (10^-1).
        assert_eq!(checks[3].within.conservative_at(1e-4), None);
        assert_eq!(checks[0].across.conservative_at(0.1), Some(false));
        assert_eq!(checks[0].across.describe(), "100.0000% (50/50)");
    }

    #[test]
    fn too_few_or_flat_scores_give_no_tail_fit() {
        assert!(TailFit::of(&[1.0; 50]).is_none());
        assert!(TailFit::of(&[1.0; 500]).is_none());
        assert_eq!(fit_decades(&[1.0; 50])[3], f64::INFINITY);
    }
}
