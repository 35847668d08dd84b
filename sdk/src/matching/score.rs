//! The calibrated score scale shared by every biometric modality (BMS-08).
//!
//! A score `s` means that an impostor comparison reaches `s` or more with probability
//! (false-match rate) `10^(−s/10)`: 10 points per decade of FMR. So 20 ⇔ FMR 1 %, 30 ⇔ 0.1 %,
//! 40 ⇔ 0.01 % — the default BMS-P1 threshold for "same biometric data". Each algorithm maps
//! its raw score onto this scale with a [`Calibration`] measured on impostor comparisons.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A score on the calibrated scale: `s` ⇔ false-match rate `10^(−s/10)`. Never negative.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Score(f32);

impl Score {
    /// Points per decade of false-match rate.
    pub const POINTS_PER_DECADE: f32 = 10.0;
    /// The reference's default BMS-P1 threshold: FMR 1 in 10,000.
    pub const DEFAULT_THRESHOLD: Score = Score(40.0);

    /// A score from its value; negative or non-finite values become 0.
    pub fn new(value: f32) -> Self {
        if value.is_finite() && value > 0.0 { Score(value) } else { Score(0.0) }
    }

    /// The score that corresponds to false-match rate `fmr` (clamped to `(0, 1]`).
    pub fn at_false_match_rate(fmr: f64) -> Self {
        let fmr = if fmr.is_finite() { fmr.clamp(f64::MIN_POSITIVE, 1.0) } else { 1.0 };
        Score::new((-f64::from(Self::POINTS_PER_DECADE) * fmr.log10()) as f32)
    }

    /// The value.
    pub fn value(self) -> f32 {
        self.0
    }

    /// The false-match rate this score stands for, `10^(−s/10)`.
    pub fn false_match_rate(self) -> f64 {
        10f64.powf(-f64::from(self.0) / f64::from(Self::POINTS_PER_DECADE))
    }

    /// Whether this score reaches `threshold` ("same biometric data" under BMS-P1).
    pub fn reaches(self, threshold: Score) -> bool {
        self.0 >= threshold.0
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.1}", self.0)
    }
}

/// A monotone piecewise-linear map from an algorithm's raw score to [`Score`], given as the raw
/// scores at which the impostor false-match rate is 10^−1, 10^−2, … (scores 10, 20, …).
///
/// Below the first point the map is linear from (raw 0, score 0); beyond the last one it
/// continues with the slope of the last segment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    raw_at_decades: &'static [f32],
}

impl Calibration {
    /// A calibration from the raw scores at FMR 10^−1, 10^−2, …; they must increase strictly
    /// (checked in the tests of each algorithm's table).
    pub const fn new(raw_at_decades: &'static [f32]) -> Self {
        Calibration { raw_at_decades }
    }

    /// The raw scores at FMR 10^−1, 10^−2, ….
    pub fn raw_at_decades(&self) -> &'static [f32] {
        self.raw_at_decades
    }

    /// Whether the table is usable: at least two points, finite and strictly increasing.
    pub fn is_valid(&self) -> bool {
        self.raw_at_decades.len() >= 2
            && self.raw_at_decades.iter().all(|r| r.is_finite())
            && self.raw_at_decades.windows(2).all(|w| w[0] < w[1])
    }

    /// The calibrated score of `raw`.
    pub fn score(&self, raw: f32) -> Score {
        let points = self.raw_at_decades;
        let step = Score::POINTS_PER_DECADE;
        if !raw.is_finite() || points.is_empty() {
            return Score::new(0.0);
        }
        let (mut low_raw, mut low_score) = (points[0].min(0.0), 0.0f32);
        for (k, &high_raw) in points.iter().enumerate() {
            let high_score = step * (k + 1) as f32;
            if raw <= high_raw {
                let span = high_raw - low_raw;
                let t = if span > 0.0 { (raw - low_raw) / span } else { 1.0 };
                return Score::new(low_score + t * (high_score - low_score));
            }
            (low_raw, low_score) = (high_raw, high_score);
        }
        let n = points.len();
        let slope_raw = if n >= 2 { points[n - 1] - points[n - 2] } else { points[0].max(1e-6) };
        Score::new(low_score + step * (raw - low_raw) / slope_raw.max(1e-6))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_and_false_match_rate_are_inverse() {
        assert!((Score::new(40.0).false_match_rate() - 1e-4).abs() < 1e-12);
        assert!((Score::at_false_match_rate(1e-3).value() - 30.0).abs() < 1e-4);
        assert_eq!(Score::new(-3.0).value(), 0.0);
        assert_eq!(Score::new(f32::NAN).value(), 0.0);
        assert!(Score::new(40.0).reaches(Score::DEFAULT_THRESHOLD));
        assert!(!Score::new(39.9).reaches(Score::DEFAULT_THRESHOLD));
    }

    #[test]
    fn calibration_interpolates_and_extrapolates() {
        static TABLE: [f32; 3] = [5.0, 9.0, 11.0];
        let c = Calibration::new(&TABLE);
        assert!(c.is_valid());
        assert_eq!(c.score(0.0).value(), 0.0);
        assert_eq!(c.score(5.0).value(), 10.0);
        assert_eq!(c.score(7.0).value(), 15.0);
        assert_eq!(c.score(11.0).value(), 30.0);
        assert_eq!(c.score(13.0).value(), 40.0);
        assert!(!Calibration::new(&[3.0, 2.0]).is_valid());
    }
}
