//! Choosing the matcher's preparation settings by leave-one-database-out
//! (`bench fingerprint --protocol lodo`): every candidate of a small grid is scored on every
//! database; each fold takes the candidate best on its three training databases (the
//! [`Objective`]: error rates where the DET curve is measured and the genuine pairs missed at the
//! decision threshold) and is measured with it on the fourth, which the choice never saw. The
//! engine's settings and its calibration table are the same rule's choice on all four databases
//! and the synthetic HARD preset (`--protocol lodo-synthetic`). With a few hundred genuine pairs
//! per database many candidates lie within one pair's change of the best
//! ([`Objective::indistinguishable`]); the report gives the held-out range over them, the part of
//! a fold's figure that is chance.

use jha_interop::matching::fingerprint::{FingerprintTemplate, PreparationSettings, Probe, compare};
use rayon::prelude::*;

use super::fvc::{DATABASES, Sample};
use super::metrics::{ErrorRates, error_rates};
use super::synthetic_stress::Group;

mod objective;

pub use objective::{Baseline, Objective};

/// Minimum reported minutia quality tried (MINDTCT reliabilities run 1–99; LEADER's start at 55).
/// 20 was tried until the crawl's angle tolerance became an axis, and no fold chose it.
const MIN_QUALITIES: [u8; 2] = [0, 10];
/// Crawl reach growth with distance from the root, and rigid-agreement distance, tried.
const DISTORTION: [(f32, f32); 4] = [(0.10, 20.0), (0.15, 20.0), (0.15, 26.0), (0.20, 26.0)];
/// Size-correction exponents tried.
const SIZE_EXPONENTS: [f32; 4] = [0.0, 0.15, 0.3, 0.45];
/// Overlap-share exponents tried (0: no overlap normalisation).
const OVERLAP_EXPONENTS: [f32; 3] = [0.0, 0.5, 1.0];
/// Weights of the best pairing's extension over the whole print tried (0: no extension).
const EXTENSION_WEIGHTS: [f32; 3] = [0.0, 0.5, 1.0];
/// Crawl angle tolerances tried (1/256 turn): one MINDTCT direction step (11.25°), one and a
/// quarter, and one and a half.
const CRAWL_ANGLE_TOLERANCES: [u8; 3] = [8, 10, 12];
/// Minutia position noise (px) the crawl's angle tolerance allows for on short edges, tried: none,
/// and 8 px (on DB1–3's genuine pairs the relative-angle error of 20–35 px edges is about twice
/// that of edges beyond 100 px, as an edge direction error of `atan(noise / length)` predicts;
/// 8 is the middle of the noises 7–9 px that were flat on DB1–3 in a harness scan).
const CRAWL_POSITION_NOISES: [f32; 2] = [0.0, 8.0];

/// The candidates: every combination of the grid, the engine's settings `engine` first (ties
/// go to them); the other fields (calibration, minimum kept, minutia weights: full weight from
/// quality 60 was tried until the crawl's angle tolerance became an axis, and no fold chose it)
/// are the engine's. The order is the grid's, the first axis slowest.
pub fn grid(engine: &PreparationSettings) -> Vec<PreparationSettings> {
    let mut grid = vec![*engine];
    expand(&mut grid, &MIN_QUALITIES, |s, q| s.min_minutia_quality = q);
    expand(&mut grid, &SIZE_EXPONENTS, |s, e| s.size_exponent = e);
    expand(&mut grid, &OVERLAP_EXPONENTS, |s, e| s.overlap_exponent = e);
    expand(&mut grid, &DISTORTION, |s, (ratio, distance)| {
        s.pose_distance_ratio = ratio;
        s.alignment_distance = distance;
    });
    expand(&mut grid, &EXTENSION_WEIGHTS, |s, w| s.extension_weight = w);
    expand(&mut grid, &CRAWL_ANGLE_TOLERANCES, |s, t| s.crawl_angle_tolerance = t);
    expand(&mut grid, &CRAWL_POSITION_NOISES, |s, n| s.crawl_position_noise = n);
    let mut all = vec![*engine];
    all.extend(grid.into_iter().filter(|s| s != engine));
    all
}

/// Replaces every candidate by one per value of an axis, set by `set`, in the axis's order.
fn expand<T: Copy>(
    candidates: &mut Vec<PreparationSettings>,
    values: &[T],
    set: impl Fn(&mut PreparationSettings, T),
) {
    *candidates = candidates
        .iter()
        .flat_map(|base| {
            values.iter().map(|&v| {
                let mut s = *base;
                set(&mut s, v);
                s
            })
        })
        .collect();
}

/// `settings` as the report prints it.
pub fn describe(settings: &PreparationSettings) -> String {
    format!(
        "min minutia quality {}, size exponent {:.2}, overlap exponent {:.2}, full weight from quality {}, pose reach {:.2}/distance, rigid agreement {:.0} px, extension weight {:.1}, crawl angle tolerance {} + position noise {:.0} px (keep at least {})",
        settings.min_minutia_quality,
        settings.size_exponent,
        settings.overlap_exponent,
        settings.reliable_quality,
        settings.pose_distance_ratio,
        settings.alignment_distance,
        settings.extension_weight,
        settings.crawl_angle_tolerance,
        settings.crawl_position_noise,
        settings.min_kept_minutiae
    )
}

/// One candidate's raw scores on every database.
pub struct Scored {
    /// The candidate.
    pub settings: PreparationSettings,
    /// Per database: the genuine and the impostor raw scores (all within-database pairs).
    pub databases: Vec<(Vec<f64>, Vec<f64>)>,
    /// Per database, the error rates of those scores.
    pub rates: Vec<ErrorRates>,
}

/// Within-database pairs (probe, gallery) with whether they are genuine, per database.
fn pairs(samples: &[Sample], database: usize) -> Vec<(usize, usize, bool)> {
    let ids: Vec<usize> = (0..samples.len()).filter(|&i| samples[i].database == database).collect();
    let mut all = Vec::new();
    for (k, &i) in ids.iter().enumerate() {
        for &j in &ids[k + 1..] {
            all.push((i, j, samples[i].finger == samples[j].finger));
        }
    }
    all
}

/// Prepares every sample with `settings` (probe and gallery side).
pub fn prepare(
    samples: &[Sample],
    settings: &PreparationSettings,
) -> Result<(Vec<Probe>, Vec<FingerprintTemplate>), String> {
    let probes = samples
        .par_iter()
        .map(|s| Probe::with_settings(&s.extraction.template, settings).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    let templates = samples
        .par_iter()
        .map(|s| {
            FingerprintTemplate::with_settings(&s.extraction.template, settings).map_err(|e| e.to_string())
        })
        .collect::<Result<_, _>>()?;
    Ok((probes, templates))
}

/// Scores every candidate on every database, and on the `synthetic` group after them when given.
pub fn score_grid(
    samples: &[Sample],
    candidates: &[PreparationSettings],
    synthetic: Option<&Group>,
) -> Result<Vec<Scored>, String> {
    let pair_lists: Vec<_> = (0..DATABASES.len()).map(|d| pairs(samples, d)).collect();
    candidates
        .iter()
        .map(|settings| {
            let (probes, templates) = prepare(samples, settings)?;
            let mut databases: Vec<(Vec<f64>, Vec<f64>)> = pair_lists
                .iter()
                .map(|list| {
                    let scores: Vec<(f64, bool)> = list
                        .par_iter()
                        .map(|&(i, j, genuine)| (f64::from(compare(&probes[i], &templates[j]).raw), genuine))
                        .collect();
                    let genuine = scores.iter().filter(|s| s.1).map(|s| s.0).collect();
                    let impostor = scores.iter().filter(|s| !s.1).map(|s| s.0).collect();
                    (genuine, impostor)
                })
                .collect();
            if let Some(group) = synthetic {
                databases.push(group.raw_scores(settings)?);
            }
            let rates: Vec<ErrorRates> = databases.iter().map(|(g, i)| error_rates(g, i)).collect();
            let cells: Vec<String> = rates
                .iter()
                .map(|r| format!("{:.2}%/{:.2}%", 100.0 * r.eer, 100.0 * r.fnmr_at_fmr_1e3))
                .collect();
            eprintln!("[tuning] {} | EER/FNMR@0.1% per database: {}", describe(settings), cells.join(" "));
            Ok(Scored { settings: *settings, databases, rates })
        })
        .collect()
}

/// One leave-one-database-out fold: which database it measures, which databases choose its
/// settings and which fit its scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoldPlan {
    /// The real database measured (never used to choose or fit).
    pub held_out: usize,
    /// The databases the settings are chosen on: the other real ones and the synthetic group.
    pub choosing: Vec<usize>,
    /// The databases the scale is fitted on: the other real ones only (a synthetic tail says
    /// nothing about a sensor's impostors).
    pub fitting: Vec<usize>,
}

/// The folds over `real` databases (0..real), and the databases of the choice on all of them. A
/// synthetic group (`synthetic`) is database `real`: in every choice, never held out, never in a
/// fit.
pub fn fold_plan(real: usize, synthetic: bool) -> (Vec<FoldPlan>, Vec<usize>) {
    let extra: Vec<usize> = synthetic.then_some(real).into_iter().collect();
    let with_extra =
        |dbs: Vec<usize>| -> Vec<usize> { dbs.into_iter().chain(extra.iter().copied()).collect() };
    let folds = (0..real)
        .map(|k| {
            let fitting: Vec<usize> = (0..real).filter(|&d| d != k).collect();
            FoldPlan { held_out: k, choosing: with_extra(fitting.clone()), fitting }
        })
        .collect();
    (folds, with_extra((0..real).collect()))
}

#[cfg(test)]
mod tests {
    use jha_interop::matching::fingerprint::SETTINGS;

    use super::*;

    #[test]
    fn the_grid_starts_with_the_engine_settings_and_has_no_duplicate() {
        let all = grid(&SETTINGS);
        assert_eq!(all[0], SETTINGS);
        for (k, a) in all.iter().enumerate() {
            assert!(all[k + 1..].iter().all(|b| b != a));
        }
        // Every combination (the engine's settings are one of them), the last axis fastest.
        assert_eq!(all.len(), 2 * 4 * 3 * 4 * 3 * 3 * 2);
        let first = PreparationSettings {
            min_minutia_quality: 0,
            size_exponent: 0.0,
            overlap_exponent: 0.0,
            reliable_quality: 0,
            pose_distance_ratio: 0.10,
            alignment_distance: 20.0,
            extension_weight: 0.0,
            crawl_angle_tolerance: 8,
            crawl_position_noise: 0.0,
            ..SETTINGS
        };
        assert_eq!(all[1], first);
        assert_eq!(all[2], PreparationSettings { crawl_position_noise: 8.0, ..first });
        assert_eq!(all[3], PreparationSettings { crawl_angle_tolerance: 10, ..first });
        assert_eq!(all[7], PreparationSettings { extension_weight: 0.5, ..first });
        assert_eq!(all.last().map(|s| s.min_minutia_quality), Some(10));
    }

    #[test]
    fn a_synthetic_group_chooses_in_every_fold_but_is_never_held_out_or_fitted() {
        let (folds, all) = fold_plan(4, true);
        assert_eq!(folds.iter().map(|f| f.held_out).collect::<Vec<_>>(), vec![0, 1, 2, 3]);
        assert_eq!(all, vec![0, 1, 2, 3, 4]);
        for fold in &folds {
            assert!(!fold.choosing.contains(&fold.held_out) && !fold.fitting.contains(&fold.held_out));
            assert!(fold.choosing.contains(&4), "{fold:?}");
            assert!(!fold.fitting.contains(&4), "{fold:?}");
            assert_eq!(fold.fitting.len(), 3);
            assert_eq!(fold.choosing.len(), 4);
        }
        let (plain, all) = fold_plan(4, false);
        assert_eq!(all, vec![0, 1, 2, 3]);
        assert!(plain.iter().all(|f| f.choosing == f.fitting && f.fitting.len() == 3));
    }
}
