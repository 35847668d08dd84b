//! A stress test beside the real databases (`bench fingerprint`): minutiae made by the synthetic
//! generator's presets, whose departures from the finger (rotation, shift, elastic distortion,
//! position and direction noise, missed and spurious minutiae) are set and whose ground truth is
//! known, compared by our matcher and by Bozorth3 on the same templates. FVC2002 is the data the
//! matcher's settings were chosen on; a preset is not, so a matcher that holds on FVC2002 and
//! breaks here depends on FVC2002's kind of noise.

use jha_interop::matching::fingerprint::{FingerprintTemplate, PreparationSettings, Probe, compare};
use jha_interop::model::MinutiaeTemplate;
use jha_interop::synthetic::fingerprint::{ImpressionParams, impression};
use rayon::prelude::*;

use super::baseline;
use super::figures::{optional_percent, percent, ratio};
use super::metrics::{ErrorRates, error_rates};

/// The presets measured, easiest first.
pub const PRESETS: [(&str, ImpressionParams); 3] = [
    ("EASY", ImpressionParams::EASY),
    ("MEDIUM", ImpressionParams::MEDIUM),
    ("HARD", ImpressionParams::HARD),
];

/// The shape of the stress data: independent sets (generator seeds) of fingers and impressions;
/// pairs are compared within a set, like FVC's databases (FVC2002's B sets: 10 fingers × 8).
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// Independent sets (seeds).
    pub sets: u64,
    /// Fingers per set.
    pub fingers: u64,
    /// Impressions per finger.
    pub impressions: u64,
}

/// Four sets shaped like FVC2002's B databases.
pub const SHAPE: Shape = Shape { sets: 4, fingers: 10, impressions: 8 };

/// First generator seed (set `k` uses `SEED + k`).
const SEED: u64 = 0x0571_3e55;

/// One preset's figures.
pub struct StressResult {
    /// The preset's name.
    pub preset: &'static str,
    /// Genuine and impostor pairs compared.
    pub pairs: (usize, usize),
    /// Our matcher with the run's settings.
    pub ours: ErrorRates,
    /// Bozorth3 on the same templates (none when the baseline is skipped).
    pub bozorth3: Option<ErrorRates>,
}

/// One preset's templates and the pairs compared within its sets.
pub struct Group {
    templates: Vec<MinutiaeTemplate>,
    genuine: Pairs,
    impostor: Pairs,
}

/// (probe, gallery) indices of compared templates.
type Pairs = Vec<(usize, usize)>;

impl Group {
    /// The templates `params` makes in `shape`, and every pair within a set.
    pub fn of(params: &ImpressionParams, shape: Shape) -> Group {
        let (labels, templates): (Vec<(u64, u64)>, Vec<MinutiaeTemplate>) = (0..shape.sets)
            .flat_map(|set| {
                (0..shape.fingers).flat_map(move |finger| {
                    (0..shape.impressions)
                        .map(move |k| ((set, finger), impression(SEED + set, finger, k, params)))
                })
            })
            .unzip();
        let (genuine, impostor) = pairs(&labels);
        Group { templates, genuine, impostor }
    }

    /// The HARD preset's group: the augmentation of `bench fingerprint --protocol lodo-synthetic`.
    pub fn hard(shape: Shape) -> Group {
        Group::of(&ImpressionParams::HARD, shape)
    }

    /// Genuine and impostor pairs.
    pub fn pair_counts(&self) -> (usize, usize) {
        (self.genuine.len(), self.impostor.len())
    }

    /// Our raw scores of the genuine and of the impostor pairs, prepared with `settings`.
    ///
    /// # Errors
    /// When a template cannot be prepared (fewer than 5 minutiae).
    pub fn raw_scores(&self, settings: &PreparationSettings) -> Result<(Vec<f64>, Vec<f64>), String> {
        let probes = self
            .templates
            .par_iter()
            .map(|t| Probe::with_settings(t, settings).map_err(|e| e.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        let gallery = self
            .templates
            .par_iter()
            .map(|t| FingerprintTemplate::with_settings(t, settings).map_err(|e| e.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        let scores = |list: &[(usize, usize)]| -> Vec<f64> {
            list.par_iter().map(|&(i, j)| f64::from(compare(&probes[i], &gallery[j]).raw)).collect()
        };
        Ok((scores(&self.genuine), scores(&self.impostor)))
    }

    /// Bozorth3's error rates on the same pairs.
    pub fn bozorth3(&self) -> ErrorRates {
        let xyt: Vec<_> = self.templates.iter().map(baseline::to_xyt).collect();
        let scores = |list: &[(usize, usize)]| -> Vec<f64> {
            list.par_iter().map(|&(i, j)| baseline::score(&xyt[i], &xyt[j])).collect()
        };
        error_rates(&scores(&self.genuine), &scores(&self.impostor))
    }
}

/// Every pair within a set: the genuine ones, then the impostors.
fn pairs(labels: &[(u64, u64)]) -> (Pairs, Pairs) {
    let (mut genuine, mut impostor) = (Vec::new(), Vec::new());
    for i in 0..labels.len() {
        for j in i + 1..labels.len() {
            if labels[i].0 != labels[j].0 {
                continue;
            }
            if labels[i] == labels[j] { genuine.push((i, j)) } else { impostor.push((i, j)) }
        }
    }
    (genuine, impostor)
}

/// Measures every preset of [`PRESETS`] in `shape` with our matcher prepared with `settings`
/// and, when `baseline`, with Bozorth3.
///
/// # Errors
/// When a generated template cannot be prepared (fewer than 5 minutiae).
pub fn run(
    settings: &PreparationSettings,
    shape: Shape,
    baseline: bool,
) -> Result<Vec<StressResult>, String> {
    PRESETS
        .iter()
        .map(|&(preset, params)| {
            let group = Group::of(&params, shape);
            let (genuine, impostor) = group.raw_scores(settings).map_err(|e| format!("{preset}: {e}"))?;
            Ok(StressResult {
                preset,
                pairs: group.pair_counts(),
                ours: error_rates(&genuine, &impostor),
                bozorth3: baseline.then(|| group.bozorth3()),
            })
        })
        .collect()
}

/// Prints the results as the bench's table.
pub fn print(results: &[StressResult], shape: Shape) {
    let Some(first) = results.first() else { return };
    println!();
    let hard = ImpressionParams::HARD;
    println!(
        "Synthetic stress: the generator's presets (not the data the settings were chosen on), {} sets x {} fingers x {} impressions, all pairs within a set ({} genuine + {} impostor); HARD is {} deg / {} px / {} px distortion, noise {} px / {} deg, {:.0} % missed, up to {:.0} % spurious.",
        shape.sets,
        shape.fingers,
        shape.impressions,
        first.pairs.0,
        first.pairs.1,
        hard.rotation,
        hard.shift,
        hard.distortion,
        hard.position_noise,
        hard.angle_noise,
        100.0 * hard.missing,
        100.0 * hard.spurious
    );
    println!(
        "{:<7}| {:>8} {:>8} {:>9} | {:>8} {:>8} {:>9} | {:>6}",
        "preset", "EER", "FNMR@1%", "FNMR@.1%", "B3 EER", "FNMR@1%", "FNMR@.1%", "ratio"
    );
    for r in results {
        let b3 = |of: fn(&ErrorRates) -> f64| r.bozorth3.as_ref().map(of);
        println!(
            "{:<7}| {:>8} {:>8} {:>9} | {:>8} {:>8} {:>9} | {:>6}",
            r.preset,
            percent(r.ours.eer),
            percent(r.ours.fnmr_at_fmr_1e2),
            percent(r.ours.fnmr_at_fmr_1e3),
            optional_percent(b3(|b| b.eer)),
            optional_percent(b3(|b| b.fnmr_at_fmr_1e2)),
            optional_percent(b3(|b| b.fnmr_at_fmr_1e3)),
            ratio(r.ours.eer, b3(|b| b.eer))
        );
    }
}

#[cfg(test)]
mod tests {
    use jha_interop::matching::fingerprint::SETTINGS;

    use super::*;

    #[test]
    fn pairs_stay_within_a_set_and_genuine_ones_share_the_finger() {
        let labels = [(0, 0), (0, 0), (0, 1), (1, 0), (1, 0)];
        let (genuine, impostor) = pairs(&labels);
        assert_eq!(genuine, vec![(0, 1), (3, 4)]);
        assert_eq!(impostor, vec![(0, 2), (1, 2)]);
    }

    #[test]
    fn the_easy_preset_separates_and_the_hard_one_costs_both_matchers() {
        let shape = Shape { sets: 1, fingers: 5, impressions: 4 };
        let results = run(&SETTINGS, shape, true).unwrap();
        assert_eq!(results.len(), 3);
        // 5 fingers x C(4, 2) genuine pairs, C(20, 2) pairs in all.
        assert_eq!(results[0].pairs, (30, 160));
        let easy = &results[0];
        assert!(easy.ours.eer < 0.05, "{}", easy.ours.eer);
        let hard = &results[2];
        assert!(hard.ours.eer > easy.ours.eer, "{} vs {}", hard.ours.eer, easy.ours.eer);
        let (easy_b3, hard_b3) = (easy.bozorth3.as_ref().unwrap(), hard.bozorth3.as_ref().unwrap());
        assert!(hard_b3.eer >= easy_b3.eer, "{} vs {}", hard_b3.eer, easy_b3.eer);
        assert!(run(&SETTINGS, shape, false).unwrap().iter().all(|r| r.bozorth3.is_none()));
    }
}
