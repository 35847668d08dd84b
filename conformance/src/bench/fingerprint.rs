//! `bench fingerprint`: our engine against Bozorth3 on FVC2002 DB1–4_B.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use jha_interop::matching::fingerprint::{CALIBRATION, FingerprintTemplate, Probe, compare};
use rayon::prelude::*;

use super::det_plot::{Curve, det_svg};
use super::fvc::{DATABASES, Sample, load};
use super::metrics::{ErrorRates, error_rates};
use super::{baseline, throughput};

/// What to run.
pub struct Options {
    /// Folder holding DB1_B … DB4_B.
    pub data: PathBuf,
    /// Where to write the DET plot.
    pub plot: PathBuf,
    /// Timed 1:N passes.
    pub runs: usize,
    /// Print the calibration quantiles.
    pub calibrate: bool,
}

struct DatabaseResult {
    ours: ErrorRates,
    bozorth3: ErrorRates,
    ours_rates: Vec<f64>,
    ours_all_cores: Vec<f64>,
    bozorth3_rate: f64,
    calibrated_impostors: Vec<f64>,
}

fn percent(x: f64) -> String {
    format!("{:.2}%", 100.0 * x)
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
    eprintln!("[load] extracting FVC2002 DB1–4_B from {} on {cores} threads", options.data.display());
    let started = Instant::now();
    let samples = load(&options.data)?;
    let extraction_seconds = started.elapsed().as_secs_f64();
    let templates: Vec<FingerprintTemplate> = samples
        .par_iter()
        .map(|s| FingerprintTemplate::new(&s.extraction.template).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    let probes: Vec<Probe> = samples
        .par_iter()
        .map(|s| Probe::new(&s.extraction.template).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    let xyt: Vec<_> = samples.iter().map(|s| baseline::to_xyt(&s.extraction.template)).collect();

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
        eprintln!("[{name}] Bozorth3: {} comparisons", all.len());
        let done = AtomicUsize::new(0);
        let bozorth3: Vec<f64> = all
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
        let (g, i) = split(&ours_raw);
        let ours_rates_err = error_rates(&g, &i);
        let (bg, bi) = split(&bozorth3);
        let bozorth3_err = error_rates(&bg, &bi);
        let calibrated_impostors = ours[genuine.len()..].iter().map(|s| s.1).collect();
        eprintln!(
            "[{name}] 1:N throughput, ours: {} passes on 1 thread, {} on {cores}",
            options.runs, options.runs
        );
        let ours_rates = throughput::ours(&samples, &templates, database, 1, options.runs)?;
        let ours_all_cores = throughput::ours(&samples, &templates, database, cores, options.runs)?;
        eprintln!("[{name}] 1:N throughput, Bozorth3: 1 pass on 1 thread");
        let bozorth3_rate = throughput::bozorth3(&samples, &xyt, database);
        results.push(DatabaseResult {
            ours: ours_rates_err,
            bozorth3: bozorth3_err,
            ours_rates,
            ours_all_cores,
            bozorth3_rate,
            calibrated_impostors,
        });
    }
    print_report(options, &samples, &results, extraction_seconds, cores);
    write_plot(&options.plot, &results)?;
    println!("DET plot: {}", options.plot.display());
    if options.calibrate {
        print_calibration(&samples, &probes, &templates);
    }
    Ok(())
}

fn print_report(
    options: &Options,
    samples: &[Sample],
    results: &[DatabaseResult],
    seconds: f64,
    cores: usize,
) {
    let minutiae: f64 = samples.iter().map(|s| s.extraction.template.minutiae().len() as f64).sum::<f64>()
        / samples.len() as f64;
    println!("Fingerprint benchmark: FVC2002 DB1–4_B ({})", options.data.display());
    println!(
        "Templates: {} images extracted with jha-interop (MINDTCT via fprint-mindtct, rescaled to 500 ppi) in {:.1} s on {cores} threads; mean {:.1} minutiae",
        samples.len(),
        seconds,
        minutiae
    );
    println!(
        "Accuracy: all 280 genuine and 2,880 impostor pairs per database, both algorithms on the same templates."
    );
    println!(
        "1:N: per database, 40 probes (impressions 5-8) against 280 templates (impressions 1-4 + the 3 other databases), {} timed passes, probe preparation included.",
        options.runs
    );
    println!();
    println!(
        "{:<6} | {:>7} {:>9} {:>10} {:>19} {:>10} | {:>7} {:>9} {:>10} {:>10} | {:>9} {:>10}",
        "DB",
        "EER",
        "FNMR@1%",
        "FNMR@0.1%",
        "1:N/s/core min/med",
        "1:N/s all",
        "B3 EER",
        "B3 @1%",
        "B3 @0.1%",
        "B3 1:N/s",
        "EER ratio",
        "speed ratio"
    );
    let mut sums = [0.0f64; 9];
    for (k, r) in results.iter().enumerate() {
        let core_min = min(&r.ours_rates);
        let core_median = median(&r.ours_rates);
        let all = median(&r.ours_all_cores);
        println!(
            "{:<6} | {:>7} {:>9} {:>10} {:>9.0}/{:<9.0} {:>10.0} | {:>7} {:>9} {:>10} {:>10.0} | {:>9.2} {:>10.1}",
            DATABASES[k].0,
            percent(r.ours.eer),
            percent(r.ours.fnmr_at_fmr_1e2),
            percent(r.ours.fnmr_at_fmr_1e3),
            core_min,
            core_median,
            all,
            percent(r.bozorth3.eer),
            percent(r.bozorth3.fnmr_at_fmr_1e2),
            percent(r.bozorth3.fnmr_at_fmr_1e3),
            r.bozorth3_rate,
            r.ours.eer / r.bozorth3.eer.max(1e-9),
            core_median / r.bozorth3_rate
        );
        for (s, v) in sums.iter_mut().zip([
            r.ours.eer,
            r.ours.fnmr_at_fmr_1e2,
            r.ours.fnmr_at_fmr_1e3,
            core_min,
            core_median,
            all,
            r.bozorth3.eer,
            r.bozorth3.fnmr_at_fmr_1e2,
            r.bozorth3.fnmr_at_fmr_1e3,
        ]) {
            *s += v;
        }
    }
    let n = results.len() as f64;
    let b3_rate = results.iter().map(|r| r.bozorth3_rate).sum::<f64>() / n;
    let m: Vec<f64> = sums.iter().map(|s| s / n).collect();
    println!(
        "{:<6} | {:>7} {:>9} {:>10} {:>9.0}/{:<9.0} {:>10.0} | {:>7} {:>9} {:>10} {:>10.0} | {:>9.2} {:>10.1}",
        "mean",
        percent(m[0]),
        percent(m[1]),
        percent(m[2]),
        m[3],
        m[4],
        m[5],
        percent(m[6]),
        percent(m[7]),
        percent(m[8]),
        b3_rate,
        m[0] / m[6].max(1e-9),
        m[4] / b3_rate
    );
    println!();
    println!(
        "Ratios ours/Bozorth3: mean EER {:.2} (target <= 0.70), FNMR@FMR1% {:.2}, FNMR@FMR0.1% {:.2}; 1:N speed per core {:.1}x (ours median {:.0}/s, target >= 150,000/s)",
        m[0] / m[6].max(1e-9),
        m[1] / m[7].max(1e-9),
        m[2] / m[8].max(1e-9),
        m[4] / b3_rate,
        m[4]
    );
    let impostors: Vec<f64> = results.iter().flat_map(|r| r.calibrated_impostors.iter().copied()).collect();
    let share = |t: f64| impostors.iter().filter(|&&s| s >= t).count() as f64 / impostors.len().max(1) as f64;
    println!(
        "Calibrated scale check on the {} within-database impostor pairs: score >= 10 in {}, >= 20 in {}, >= 30 in {}, >= 40 in {} (nominal 10%, 1%, 0.1%, 0.01%)",
        impostors.len(),
        percent(share(10.0)),
        percent(share(20.0)),
        percent(share(30.0)),
        percent(share(40.0))
    );
    println!(
        "Conditions: {cores} threads available, shared with other builds while measuring; per-core figures from a 1-thread rayon pool."
    );
}

fn write_plot(path: &std::path::Path, results: &[DatabaseResult]) -> Result<(), String> {
    const COLOURS: [&str; 4] = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];
    let mut curves = Vec::new();
    for (k, r) in results.iter().enumerate() {
        curves.push(Curve {
            label: format!("{} jha-interop", DATABASES[k].0),
            colour: COLOURS[k % 4],
            dashed: false,
            points: r.ours.det.clone(),
        });
        curves.push(Curve {
            label: format!("{} Bozorth3", DATABASES[k].0),
            colour: COLOURS[k % 4],
            dashed: true,
            points: r.bozorth3.det.clone(),
        });
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let svg = det_svg("DET, FVC2002 DB1-4_B: jha-interop (solid) vs Bozorth3 (dashed)", &curves);
    std::fs::write(path, svg).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Impostor raw-score quantiles over every ordered pair of different fingers (within and across
/// databases), with a log-linear fit of the top 1 % for the deeper decades.
fn print_calibration(samples: &[Sample], probes: &[Probe], templates: &[FingerprintTemplate]) {
    let n = samples.len();
    let mut scores: Vec<f64> = (0..n)
        .into_par_iter()
        .flat_map_iter(|i| {
            (0..n)
                .filter(move |&j| {
                    j != i
                        && (samples[i].database, samples[i].finger)
                            != (samples[j].database, samples[j].finger)
                })
                .map(move |j| f64::from(compare(&probes[i], &templates[j]).raw))
        })
        .collect();
    scores.sort_by(|a, b| b.total_cmp(a));
    let total = scores.len() as f64;
    println!();
    println!(
        "Calibration: {} impostor comparisons (ordered pairs of different fingers, all databases)",
        scores.len()
    );
    let empirical = |fmr: f64| scores[((fmr * total) as usize).min(scores.len() - 1)];
    for decade in 1..=3 {
        let fmr = 10f64.powi(-decade);
        println!("  empirical raw at FMR 1e-{decade}: {:.3}", empirical(fmr));
    }
    let top = ((0.01 * total) as usize).max(10).min(scores.len());
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
    println!("  current table: {:?}", CALIBRATION.raw_at_decades());
}
