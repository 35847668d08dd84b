//! A small, deterministic harness for profiling the fingerprint engine (not a benchmark: the
//! benchmark is `jha-interop bench fingerprint`).
//!
//! Reads the templates cache the bench writes (`--templates-cache FILE`) and
//!
//! * `check FILE`: compares every ordered pair of different templates and prints a hash of all
//!   raw scores (bit-exact), so that a change that claims "same scores" can be checked;
//! * `search FILE [DB]`: runs the bench's 1:N schedule (probe preparation included) on one
//!   thread for database `DB` (0–3, default all), for instruction counts under
//!   `valgrind --tool=callgrind`, or `JHA_REPEAT` times over (default once) for timings long
//!   enough to compare two builds;
//! * `rates FILE [EXTENSION_WEIGHT]`: per database, the EER and the FNMR at FMR 0.1 % of all
//!   within-database pairs (with `JHA_DUMP=FILE`, every pair's raw score written there), for a
//!   quick A/B of a matcher change; the bench's LODO protocol is the measurement;
//! * `prep FILE`: the mean time of one probe preparation (every template, 20 times);
//! * `explain FILE I J`: the best pairing of template `I` (probe) against template `J`, pair by
//!   pair, to see why a comparison scored what it did.
//!
//! Every mode uses the engine's settings, with `JHA_Q` (minimum minutia quality), `JHA_REL`
//! (quality of full weight), `JHA_SIZE` and `JHA_OVERLAP` (size and overlap exponents),
//! `JHA_POSE` (pose reach), `JHA_EXT` (extension weight), `JHA_TOL` (crawl angle tolerance),
//! `JHA_NOISE` (the crawl's position noise) and `JHA_ROOTS` (roots crawled) in their place when
//! set.

use std::time::Instant;

use jha_interop::matching::fingerprint::{
    FingerprintTemplate, Gallery, PreparationSettings, Probe, ProbeFinger, SETTINGS, compare, explain,
};
use jha_interop::model::{FingerPosition, MinutiaeTemplate};
use rayon::prelude::*;

struct Sample {
    database: usize,
    finger: u64,
    impression: u64,
    template: MinutiaeTemplate,
}

fn load(path: &str) -> Vec<Sample> {
    let text = std::fs::read_to_string(path).expect("cannot read the templates cache");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&text).expect("not a templates cache");
    rows.iter()
        .map(|row| Sample {
            database: row["database"].as_u64().unwrap_or(0) as usize,
            finger: row["finger"].as_u64().unwrap_or(0),
            impression: row["impression"].as_u64().unwrap_or(0),
            template: serde_json::from_value(row["template"].clone()).expect("not a template"),
        })
        .collect()
}

fn check(samples: &[Sample]) {
    let settings = settings_from_env();
    let templates: Vec<FingerprintTemplate> = samples
        .iter()
        .map(|s| FingerprintTemplate::with_settings(&s.template, &settings).expect("template"))
        .collect();
    let probes: Vec<Probe> =
        samples.iter().map(|s| Probe::with_settings(&s.template, &settings).expect("probe")).collect();
    let start = Instant::now();
    let (mut hash, mut sum, mut count, mut nonzero) = (0xcbf2_9ce4_8422_2325u64, 0f64, 0u64, 0u64);
    for (i, probe) in probes.iter().enumerate() {
        for (j, template) in templates.iter().enumerate() {
            if i == j {
                continue;
            }
            let raw = compare(probe, template).raw;
            hash = (hash ^ u64::from(raw.to_bits())).wrapping_mul(0x0100_0000_01b3);
            sum += f64::from(raw);
            count += 1;
            nonzero += u64::from(raw > 0.0);
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!("{count} comparisons, {nonzero} non-zero, sum {sum:.4}, hash {hash:016x}");
    eprintln!("{:.0} comparisons/s", count as f64 / seconds);
}

fn search(samples: &[Sample], only: Option<usize>) {
    let position = FingerPosition::new(1).expect("position");
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
    let settings = settings_from_env();
    // Passes over the schedule (`JHA_REPEAT`), for timings long enough to compare.
    let repeat = std::env::var("JHA_REPEAT").ok().and_then(|v| v.parse().ok()).unwrap_or(1usize);
    let prepared: Vec<FingerprintTemplate> = samples
        .iter()
        .map(|s| FingerprintTemplate::with_settings(&s.template, &settings).expect("template"))
        .collect();
    let (mut comparisons, mut checksum) = (0usize, 0f64);
    let start = Instant::now();
    for database in 0..4 {
        if only.is_some_and(|d| d != database) {
            continue;
        }
        let gallery: Gallery<usize, u8> = Gallery::new();
        let mut gallery_count = 0;
        for (i, s) in samples.iter().enumerate() {
            if s.database != database || s.impression <= 4 {
                gallery.enrol(0, i, position, prepared[i].clone());
                gallery_count += 1;
            }
        }
        let probes: Vec<&MinutiaeTemplate> = samples
            .iter()
            .filter(|s| s.database == database && s.impression > 4)
            .map(|s| &s.template)
            .collect();
        pool.install(|| {
            for template in probes.iter().cycle().take(probes.len() * repeat) {
                let probe = Probe::with_settings(template, &settings).expect("probe");
                let fingers = [ProbeFinger { position, probe }];
                for c in gallery.identify(&fingers, &[0], 10) {
                    checksum += f64::from(c.score.value());
                }
            }
        });
        comparisons += gallery_count * probes.len() * repeat;
    }
    let seconds = start.elapsed().as_secs_f64();
    println!("{comparisons} comparisons, top-10 checksum {checksum:.4}");
    eprintln!("{:.0} comparisons/s", comparisons as f64 / seconds);
}

/// The EER (the lower of the two rates where they cross) and the FNMR at FMR 0.1 %.
fn eer_and_fnmr(genuine: &mut [f32], impostor: &mut [f32]) -> (f64, f64) {
    genuine.sort_by(f32::total_cmp);
    impostor.sort_by(f32::total_cmp);
    let (g, i) = (genuine.len() as f64, impostor.len() as f64);
    // Rates at threshold t (match when score >= t).
    let rates = |t: f32| {
        let fnmr = genuine.partition_point(|&x| x < t) as f64 / g;
        let fmr = (impostor.len() - impostor.partition_point(|&x| x < t)) as f64 / i;
        (fmr, fnmr)
    };
    let mut eer = 1.0f64;
    let mut fnmr_at = 1.0f64;
    for &t in genuine.iter().chain(impostor.iter()).chain([f32::INFINITY].iter()) {
        let (fmr, fnmr) = rates(t);
        eer = eer.min(fmr.max(fnmr));
        if fmr <= 0.001 {
            fnmr_at = fnmr_at.min(fnmr);
        }
    }
    (eer, fnmr_at)
}

fn rates(samples: &[Sample], settings: &PreparationSettings) {
    let templates: Vec<FingerprintTemplate> = samples
        .iter()
        .map(|s| FingerprintTemplate::with_settings(&s.template, settings).expect("template"))
        .collect();
    let probes: Vec<Probe> =
        samples.iter().map(|s| Probe::with_settings(&s.template, settings).expect("probe")).collect();
    let (mut eers, mut fnmrs) = (0.0, 0.0);
    for database in 0..4 {
        let ids: Vec<usize> = (0..samples.len()).filter(|&i| samples[i].database == database).collect();
        let pairs: Vec<(usize, usize)> =
            ids.iter().enumerate().flat_map(|(k, &i)| ids[k + 1..].iter().map(move |&j| (i, j))).collect();
        let scored: Vec<(f32, bool)> = pairs
            .par_iter()
            .map(|&(i, j)| {
                let genuine = samples[i].finger == samples[j].finger;
                (compare(&probes[i], &templates[j]).raw, genuine)
            })
            .collect();
        let mut genuine: Vec<f32> = scored.iter().filter(|s| s.1).map(|s| s.0).collect();
        let mut impostor: Vec<f32> = scored.iter().filter(|s| !s.1).map(|s| s.0).collect();
        if let Ok(dump) = std::env::var("JHA_DUMP") {
            let text: String = pairs
                .iter()
                .zip(&scored)
                .map(|(&(i, j), &(raw, genuine))| format!("{database} {i} {j} {} {raw}\n", u8::from(genuine)))
                .collect();
            let mut old = std::fs::read_to_string(&dump).unwrap_or_default();
            if database == 0 {
                old.clear();
            }
            std::fs::write(&dump, old + &text).expect("dump");
        }
        let (eer, fnmr) = eer_and_fnmr(&mut genuine, &mut impostor);
        println!("DB{}: EER {:.2} %, FNMR@0.1% {:.2} %", database + 1, 100.0 * eer, 100.0 * fnmr);
        eers += eer / 4.0;
        fnmrs += fnmr / 4.0;
    }
    println!("mean: EER {:.2} %, FNMR@0.1% {:.2} %", 100.0 * eers, 100.0 * fnmrs);
}

/// The best pairing of probe `i` against gallery `j`, pair by pair.
fn explain_pair(samples: &[Sample], i: usize, j: usize) {
    let settings = settings_from_env();
    let (probe, gallery) = (&samples[i].template, &samples[j].template);
    let explained = explain(probe, gallery, &settings).expect("explain");
    println!(
        "raw {:.2}: {} pairs ({} agreeing) of {} gallery / {} probe minutiae kept",
        explained.raw,
        explained.pairs.len(),
        explained.pairs.iter().filter(|p| p.consistent).count(),
        explained.gallery_kept.len(),
        explained.probe_kept.len()
    );
    for pair in &explained.pairs {
        let (g, p) = (&gallery.minutiae()[pair.gallery], &probe.minutiae()[pair.probe]);
        println!(
            "  g{:>3} ({:>3},{:>3}) {:>3}deg q{:>3}  p{:>3} ({:>3},{:>3}) {:>3}deg q{:>3} {}",
            pair.gallery,
            g.x,
            g.y,
            g.direction as i32,
            g.quality,
            pair.probe,
            p.x,
            p.y,
            p.direction as i32,
            p.quality,
            if pair.consistent { "" } else { "x" }
        );
    }
}

/// The engine's settings, with the `JHA_*` overrides the module doc lists replacing theirs when
/// set.
fn settings_from_env() -> PreparationSettings {
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f32>().ok());
    PreparationSettings {
        min_minutia_quality: env("JHA_Q").map_or(SETTINGS.min_minutia_quality, |q| q as u8),
        reliable_quality: env("JHA_REL").map_or(SETTINGS.reliable_quality, |q| q as u8),
        size_exponent: env("JHA_SIZE").unwrap_or(SETTINGS.size_exponent),
        overlap_exponent: env("JHA_OVERLAP").unwrap_or(SETTINGS.overlap_exponent),
        pose_distance_ratio: env("JHA_POSE").unwrap_or(SETTINGS.pose_distance_ratio),
        extension_weight: env("JHA_EXT").unwrap_or(SETTINGS.extension_weight),
        crawl_angle_tolerance: env("JHA_TOL").map_or(SETTINGS.crawl_angle_tolerance, |t| t as u8),
        crawl_position_noise: env("JHA_NOISE").unwrap_or(SETTINGS.crawl_position_noise),
        max_roots: env("JHA_ROOTS").map_or(SETTINGS.max_roots, |r| r as usize),
        ..SETTINGS
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(path)) = (args.get(1), args.get(2)) else {
        eprintln!(
            "usage: fingerprint_harness check|search|rates|prep|explain TEMPLATES.json [DB|EXTENSION_WEIGHT|I J]"
        );
        std::process::exit(2);
    };
    let samples = load(path);
    match mode.as_str() {
        "check" => check(&samples),
        "search" => search(&samples, args.get(3).and_then(|d| d.parse().ok())),
        "prep" => {
            let settings = settings_from_env();
            let start = Instant::now();
            let mut kept = 0usize;
            for _ in 0..20 {
                for s in &samples {
                    kept += Probe::with_settings(&s.template, &settings).expect("probe").minutiae_count();
                }
            }
            let each = start.elapsed().as_secs_f64() / (20 * samples.len()) as f64;
            println!("{:.1} us per probe preparation ({kept} minutiae kept)", each * 1e6);
        }
        "explain" => {
            let index = |k: usize| args.get(k).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
            explain_pair(&samples, index(3), index(4));
        }
        "rates" => {
            let settings = settings_from_env();
            let weight = args.get(3).and_then(|w| w.parse().ok()).unwrap_or(settings.extension_weight);
            rates(&samples, &PreparationSettings { extension_weight: weight, ..settings });
        }
        _ => {
            eprintln!("unknown mode {mode}");
            std::process::exit(2);
        }
    }
}
