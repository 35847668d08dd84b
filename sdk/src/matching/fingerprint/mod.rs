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

mod area_count;
mod calibration;
mod compare;
mod error;
mod explain;
mod extension_lanes;
mod extract;
mod extractor;
mod gallery;
mod geometry;
mod image;
mod lanes;
#[cfg(feature = "leader")]
pub mod leader;
mod params;
mod probe;
mod quality;
mod settings;
mod simd;
mod template;

pub use super::score::{Calibration, Score};
pub use calibration::{CALIBRATION, LEADER_CALIBRATION};
pub use error::FingerprintError;
pub use explain::{ExplainedPair, PairingExplanation, explain};
pub use extract::{Extraction, extract};
pub use extractor::{ExtractorKind, FingerprintExtractor};
pub use gallery::{Candidate, FingerScore, Gallery, ProbeFinger};
pub use image::WORKING_PPI;
pub use probe::Probe;
pub use quality::template_quality as quality;
pub use settings::{LEADER_SETTINGS, PreparationSettings, SETTINGS};
pub use template::FingerprintTemplate;

use crate::model::MinutiaeTemplate;

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
///
/// The score is the probe's calibration (its settings', see [`PreparationSettings`]) of the
/// raw score.
pub fn compare(probe: &Probe, template: &FingerprintTemplate) -> Comparison {
    let raw = compare::raw_score(probe, template);
    Comparison { score: probe.calibration.score(raw), raw }
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
