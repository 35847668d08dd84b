//! The fingerprint engine of the shared Biometric Matching Service: extraction, quality,
//! 1:1 comparison and 1:N identification of minutiae templates.
//!
//! # Interface
//!
//! * [`extract`] turns a [`FingerprintImage`](crate::model::FingerprintImage) (PNG, TIFF, raw
//!   8-bit grey, any resolution from 250 to 2000 ppi, rescaled to 500 ppi) into a
//!   [`MinutiaeTemplate`] and a quality 0–100 ([`Extraction`]).
//! * [`quality`] scores a minutiae template 0–100 for the BMS-01 gate.
//! * [`FingerprintTemplate::new`] prepares the gallery side once, at enrolment;
//!   [`Probe::new`] prepares a probe once per search; [`compare`] scores one against the other.
//! * [`Gallery`] holds prepared templates per record and finger position, partitioned by
//!   source system, and identifies a multi-finger probe over all cores.
//!
//! # Score scale (BMS-08)
//!
//! [`Comparison::score`] is a [`Score`]: 10 points per decade of false-match rate, `s` ⇔
//! FMR `10^(−s/10)`, so the default BMS-P1 threshold [`Score::DEFAULT_THRESHOLD`] = 40 ⇔
//! 1 in 10,000. [`Comparison::raw`] is the algorithm's own score (paired minutiae plus
//! weighted supporting edges). [`CALIBRATION`] maps one to the other; how it was measured is
//! documented there.
//!
//! # Algorithm
//!
//! A minutiae-pairing matcher in the family of SourceAFIS's edge crawl (own implementation):
//! rotation- and translation-invariant edges between nearby minutiae (length and the two
//! minutiae's directions relative to the edge), a probe index over quantised edge shapes built
//! once per search and stored in blocks of sixteen SIMD lanes, root pairs found by voting and
//! checked for local agreement, and a breadth-first pairing crawl along neighbour edges, held to
//! the root's alignment loosened with distance, that tolerates elastic distortion, missing and
//! spurious minutiae. Everything about the gallery side (points, root edges with their index
//! cell, crawl edge lists) is computed at enrolment; a comparison allocates nothing. See
//! `compare.rs` for the steps and `params.rs` for every tunable.

mod compare;
mod error;
mod extract;
mod gallery;
mod geometry;
mod image;
mod lanes;
mod params;
mod probe;
mod quality;
mod simd;
mod template;

pub use super::score::{Calibration, Score};
pub use error::FingerprintError;
pub use extract::{Extraction, extract};
pub use gallery::{Candidate, FingerScore, Gallery, ProbeFinger};
pub use image::WORKING_PPI;
pub use probe::Probe;
pub use quality::template_quality as quality;
pub use template::FingerprintTemplate;

use crate::model::MinutiaeTemplate;

/// The calibration of the raw score onto [`Score`]: the raw scores at which the false-match
/// rate is 10^−1, 10^−2, … 10^−6.
///
/// Measured with `jha-interop bench fingerprint --calibrate` on the FVC2002 DB1–4_B templates
/// extracted by [`extract`]: every ordered pair of impressions of different fingers within each
/// of the four databases (23,040 impostor comparisons). Pairs from one database share sensor and
/// capture conditions, the hardest impostors; pairs across databases score lower (their 10^−2
/// quantile is a raw 16.61 against 17.78 here), so the scale errs on the safe side for mixed
/// galleries. FMR 10^−1 to 10^−3 are the empirical quantiles (12.13, 17.78, 22.28). Deeper
/// decades cannot be observed on 10^4 comparisons, so they extrapolate the upper tail: over the
/// top 2 % of impostor scores, log10 FMR is linear in the raw score (least-squares slope −0.195
/// per raw point, i.e. 5.1 raw points per decade; the fit reproduces the empirical decades within
/// 0.6 raw points), which gives 27.99 at 10^−4 (the default BMS-P1 threshold, score 40), 33.12
/// and 38.25. Beyond 10^−6 the map continues with the same slope. The extrapolated decades rest
/// on an assumed exponential tail and should be re-measured on a larger impostor set before an
/// operational claim.
pub const CALIBRATION: Calibration = Calibration::new(&[12.13, 17.78, 22.28, 27.99, 33.12, 38.25]);

/// The outcome of one comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    /// The calibrated score (BMS-08).
    pub score: Score,
    /// The algorithm's raw score: paired minutiae plus weighted supporting edges; 0 when no
    /// local structure agrees.
    pub raw: f32,
}

/// Compares a prepared probe with a prepared gallery template.
///
/// Symmetric in meaning but not exactly in value: the gallery side drives the search.
pub fn compare(probe: &Probe, template: &FingerprintTemplate) -> Comparison {
    let raw = compare::raw_score(probe, template);
    Comparison { score: CALIBRATION.score(raw), raw }
}

/// 1:1 verification of two minutiae templates (prepares both; for repeated use prepare once).
///
/// # Errors
/// [`FingerprintError::TooFewMinutiae`] when either template has fewer than 5 minutiae.
pub fn verify(
    probe: &MinutiaeTemplate,
    reference: &MinutiaeTemplate,
) -> Result<Comparison, FingerprintError> {
    Ok(compare(&Probe::new(probe)?, &FingerprintTemplate::new(reference)?))
}

#[cfg(test)]
mod tests;
