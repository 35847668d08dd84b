//! A small, deterministic harness for profiling the fingerprint engine (not a benchmark: the
//! benchmark is `jha-interop bench fingerprint`).
//!
//! Reads the templates cache the bench writes (`--templates-cache FILE`) and
//!
//! * `check FILE`: compares every ordered pair of different templates and prints a hash of all
//!   raw scores (bit-exact), so that a change that claims "same scores" can be checked;
//! * `search FILE [DB]`: runs the bench's 1:N schedule (probe preparation included) on one
//!   thread for database `DB` (0–3, default all), for instruction counts under
//!   `valgrind --tool=callgrind`.

use std::time::Instant;

use jha_interop::matching::fingerprint::{FingerprintTemplate, Gallery, Probe, ProbeFinger, compare};
use jha_interop::model::{FingerPosition, MinutiaeTemplate};

struct Sample {
    database: usize,
    impression: u64,
    template: MinutiaeTemplate,
}

fn load(path: &str) -> Vec<Sample> {
    let text = std::fs::read_to_string(path).expect("cannot read the templates cache");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&text).expect("not a templates cache");
    rows.iter()
        .map(|row| Sample {
            database: row["database"].as_u64().unwrap_or(0) as usize,
            impression: row["impression"].as_u64().unwrap_or(0),
            template: serde_json::from_value(row["template"].clone()).expect("not a template"),
        })
        .collect()
}

fn check(samples: &[Sample]) {
    let templates: Vec<FingerprintTemplate> =
        samples.iter().map(|s| FingerprintTemplate::new(&s.template).expect("template")).collect();
    let probes: Vec<Probe> = samples.iter().map(|s| Probe::new(&s.template).expect("probe")).collect();
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
    let prepared: Vec<FingerprintTemplate> =
        samples.iter().map(|s| FingerprintTemplate::new(&s.template).expect("template")).collect();
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
            for template in &probes {
                let probe = Probe::new(template).expect("probe");
                let fingers = [ProbeFinger { position, probe }];
                for c in gallery.identify(&fingers, &[0], 10) {
                    checksum += f64::from(c.score.value());
                }
            }
        });
        comparisons += gallery_count * probes.len();
    }
    let seconds = start.elapsed().as_secs_f64();
    println!("{comparisons} comparisons, top-10 checksum {checksum:.4}");
    eprintln!("{:.0} comparisons/s", comparisons as f64 / seconds);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: fingerprint_harness check|search TEMPLATES.json [DB]");
        std::process::exit(2);
    };
    let samples = load(path);
    match mode.as_str() {
        "check" => check(&samples),
        "search" => search(&samples, args.get(3).and_then(|d| d.parse().ok())),
        _ => {
            eprintln!("unknown mode {mode}");
            std::process::exit(2);
        }
    }
}
