//! What one comparison paired: for failure analysis (`bench fingerprint --failures`), not for
//! the search loop (it prepares both sides and allocates).

use super::FingerprintError;
use super::compare::{best_pairing, consistent_pairs};
use super::geometry::kept_minutiae;
use super::params::MIN_CHECKED_PAIRS;
use super::probe::Probe;
use super::settings::PreparationSettings;
use super::template::FingerprintTemplate;
use crate::model::MinutiaeTemplate;

/// One pair of the best pairing: indices into each template's `minutiae()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExplainedPair {
    /// The gallery template's minutia.
    pub gallery: usize,
    /// The probe's minutia.
    pub probe: usize,
    /// Whether it agrees with the pairing's overall rigid alignment (pairings of fewer than
    /// five pairs are not checked and count as agreeing).
    pub consistent: bool,
}

/// The best pairing of one comparison and what the matcher worked with.
#[derive(Debug, Clone, PartialEq)]
pub struct PairingExplanation {
    /// The raw score ([`Comparison::raw`](super::Comparison::raw)).
    pub raw: f32,
    /// The gallery minutiae the matcher kept (indices into `minutiae()`), most reliable first.
    pub gallery_kept: Vec<usize>,
    /// The probe minutiae the matcher kept.
    pub probe_kept: Vec<usize>,
    /// The pairs of the best-scoring pairing, in the order the crawl found them (the root first),
    /// then the pairs its extension added (`PreparationSettings::extension_weight`).
    pub pairs: Vec<ExplainedPair>,
}

/// Compares `probe` with `gallery` prepared with `settings` and returns the best pairing.
///
/// # Errors
/// [`FingerprintError::TooFewMinutiae`] when either template has fewer than 5 usable minutiae.
pub fn explain(
    probe: &MinutiaeTemplate,
    gallery: &MinutiaeTemplate,
    settings: &PreparationSettings,
) -> Result<PairingExplanation, FingerprintError> {
    let (prepared_probe, prepared_gallery) =
        (Probe::with_settings(probe, settings)?, FingerprintTemplate::with_settings(gallery, settings)?);
    let (raw, paired) = best_pairing(&prepared_probe, &prepared_gallery);
    let (gallery_kept, probe_kept) = (kept_minutiae(gallery, settings), kept_minutiae(probe, settings));
    let mut consistent = vec![true; paired.len()];
    if paired.len() >= MIN_CHECKED_PAIRS {
        consistent_pairs(&paired, &prepared_probe, &prepared_gallery, |k, ok| consistent[k] = ok);
    }
    let pairs = paired
        .iter()
        .zip(consistent)
        .map(|(&(g, p), consistent)| ExplainedPair {
            gallery: gallery_kept[usize::from(g)],
            probe: probe_kept[usize::from(p)],
            consistent,
        })
        .collect();
    Ok(PairingExplanation { raw, gallery_kept, probe_kept, pairs })
}
