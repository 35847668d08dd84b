//! `jha-interop bench face`: the sBMS face gallery's exhaustive 1:N scan against this machine's
//! memory bandwidth, measured in the same run, per storage type (f32, f16, i8, i8 re-ranked in
//! f32) and batch size, with each compact type's agreement with the exact f32 scan.
//!
//! The gallery holds `n` synthetic identities (random unit vectors: impostor cosines are
//! N(0, 1/d), the hard case for ranking since every impostor is as close as any other); the
//! probes are fresh samples of randomly chosen enrolled identities.

mod bandwidth;

use std::collections::HashSet;
use std::time::Instant;

use jha_interop::matching::face::{FaceCandidate, FaceGallery, FaceStorage, kernel_paths};
use jha_interop::model::{FaceAlgorithm, FaceTemplate, SourceSystem};
use jha_interop::synthetic::Rng;
use jha_interop::synthetic::face::FaceIdentity;
use rayon::prelude::*;

use super::throughput::thread_cpu_nanos;

/// What to measure.
#[derive(Debug, Clone)]
pub struct Options {
    /// Enrolled templates.
    pub n: usize,
    /// Embedding dimension.
    pub dim: usize,
    /// Probes per measurement (each batch size runs all of them).
    pub probes: usize,
    /// Seed of the synthetic population.
    pub seed: u64,
}

/// Candidates returned per probe, and compared with the exact scan.
const TOP_K: usize = 10;
/// Timed runs per figure; the fastest is reported.
const RUNS: usize = 2;
/// The batch sizes measured.
const BATCHES: [usize; 3] = [1, 8, 32];
/// Cosine of a probe with its identity (two samples of one person then have about 0.5).
const PROBE_FIDELITY: f64 = 0.7;

type Gallery = FaceGallery<u32, SourceSystem>;

/// One timed configuration.
struct Row {
    storage: FaceStorage,
    threads: usize,
    batch: usize,
    ms_per_query: f64,
    /// Gallery bytes read per second (a batch reads the gallery once).
    gbps: f64,
}
type Found = Vec<Vec<FaceCandidate<u32, SourceSystem>>>;

/// Runs the benchmark, printing the report on stdout and progress on stderr.
pub fn run(options: &Options) -> Result<(), String> {
    let (n, d) = (options.n.max(1), options.dim);
    let algorithm = FaceAlgorithm::new("jha-interop/bench-face@1").map_err(|e| e.to_string())?;
    eprintln!("bench face: measuring memory read bandwidth (1 GiB streaming sum)…");
    let mut bandwidth = bandwidth::measure()?;
    eprintln!("bench face: generating {n} × {d} embeddings…");
    let started = Instant::now();
    let vectors = generate(n, d, options.seed);
    let probes = probes(&vectors, n, d, options.probes.max(1), options.seed, &algorithm)?;
    eprintln!("bench face: generated in {:.1} s", started.elapsed().as_secs_f64());
    let cores = bandwidth.cores;
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().map_err(|e| e.to_string())?;
    let all = rayon::ThreadPoolBuilder::new().num_threads(cores).build().map_err(|e| e.to_string())?;

    println!(
        "face 1:N — exhaustive scan, {n} × {d}-d synthetic templates, {} probes, top {TOP_K}",
        probes.len()
    );
    println!(
        "memory read bandwidth (streaming sum over 1 GiB, best of 3): 1 core {:.1} GB/s, {cores} cores {:.1} GB/s",
        bandwidth.one_core, bandwidth.all_cores
    );
    println!(
        "1-core figures use the searching thread's CPU time, all-core figures wall-clock time (best of {RUNS})"
    );
    println!("kernel paths on this CPU: {}", kernel_paths());
    // Rows are printed at the end, every ratio against the best bandwidth of the whole run.
    let mut rows: Vec<Row> = Vec::new();
    let mut truth: Option<Found> = None;
    let mut quality = Vec::new();
    for storage in FaceStorage::ALL {
        eprintln!("bench face: {}: enrolling {n} templates…", storage.name());
        let started = Instant::now();
        let gallery = build(storage, &vectors, n, d, &algorithm)?;
        eprintln!(
            "bench face: {}: enrolled in {:.1} s; scanning…",
            storage.name(),
            started.elapsed().as_secs_f64()
        );
        // Re-measured beside each storage type and the best kept: the machine is shared, so a
        // single early measurement could understate what the memory delivers.
        let again = bandwidth::measure()?;
        bandwidth.one_core = bandwidth.one_core.max(again.one_core);
        bandwidth.all_cores = bandwidth.all_cores.max(again.all_cores);
        for (pool, threads) in [(&one, 1), (&all, cores)] {
            for batch in BATCHES {
                let seconds = time(pool, threads, &gallery, &probes, batch)?;
                let passes = probes.len().div_ceil(batch) as f64;
                let gbps = passes * (n * storage.scanned_bytes(d)) as f64 / seconds / 1e9;
                rows.push(Row {
                    storage,
                    threads,
                    batch,
                    ms_per_query: seconds * 1e3 / probes.len() as f64,
                    gbps,
                });
            }
        }
        let found = all.install(|| gallery.identify_batch(&probes, &[SourceSystem::Vis], TOP_K));
        let found = found.map_err(|e| e.to_string())?;
        let exact = truth.get_or_insert_with(|| found.clone());
        quality.push((storage, agreement(exact, &found), cosine_error(&gallery, exact, &probes)?));
        eprintln!("bench face: {}: done", storage.name());
    }
    println!(
        "memory read bandwidth, best over the run (the ratios' reference): 1 core {:.1} GB/s, {cores} cores {:.1} GB/s",
        bandwidth.one_core, bandwidth.all_cores
    );
    println!();
    println!(
        "{:<7} {:>9} {:>6} {:>5} {:>9} {:>7} {:>10}",
        "storage", "B/vector", "cores", "batch", "ms/query", "GB/s", "×bandwidth"
    );
    for row in &rows {
        let reference = if row.threads == 1 { bandwidth.one_core } else { bandwidth.all_cores };
        println!(
            "{:<7} {:>9} {:>6} {:>5} {:>9.2} {:>7.1} {:>10.2}",
            row.storage.name(),
            row.storage.scanned_bytes(d),
            row.threads,
            row.batch,
            row.ms_per_query,
            row.gbps,
            row.gbps / reference
        );
    }
    println!();
    println!(
        "{:<7} {:>17} {:>17} {:>15} {:>14}",
        "storage", "top-10 agreement", "rank-1 = f32 rank-1", "max |Δcosine|", "mean |Δcosine|"
    );
    for (storage, (top, first), (max, mean)) in quality {
        println!(
            "{:<7} {:>16.2}% {:>18.2}% {:>15.5} {:>14.6}{}",
            storage.name(),
            100.0 * top,
            100.0 * first,
            max,
            mean,
            if storage.is_exact() { "   (exact by construction)" } else { "" }
        );
    }
    Ok(())
}

/// Seconds to search every probe in batches of `batch`, best of [`RUNS`]: on one thread the
/// CPU time of the searching thread (other processes on the machine do not inflate it), on
/// all cores the wall-clock time.
fn time(
    pool: &rayon::ThreadPool,
    threads: usize,
    gallery: &Gallery,
    probes: &[FaceTemplate],
    batch: usize,
) -> Result<f64, String> {
    let mut best = f64::INFINITY;
    for _ in 0..RUNS {
        let started = Instant::now();
        let cpu = pool.install(|| -> Result<Option<u64>, String> {
            let cpu = thread_cpu_nanos();
            for chunk in probes.chunks(batch) {
                std::hint::black_box(
                    gallery.identify_batch(chunk, &[SourceSystem::Vis], TOP_K).map_err(|e| e.to_string())?,
                );
            }
            Ok(cpu.zip(thread_cpu_nanos()).map(|(a, b)| b.saturating_sub(a)))
        })?;
        let seconds = match cpu.filter(|&n| threads == 1 && n > 0) {
            Some(nanos) => nanos as f64 * 1e-9,
            None => started.elapsed().as_secs_f64(),
        };
        best = best.min(seconds);
    }
    Ok(best)
}

/// `n` random unit vectors of `d` values, row-major, generated in parallel (deterministic).
fn generate(n: usize, d: usize, seed: u64) -> Vec<f32> {
    const CHUNK: usize = 4096;
    let mut vectors = vec![0.0f32; n * d];
    let root = Rng::new(seed);
    vectors.par_chunks_mut(CHUNK * d).enumerate().for_each(|(c, chunk)| {
        let mut rng = root.fork(c as u64);
        for row in chunk.chunks_exact_mut(d) {
            row.copy_from_slice(FaceIdentity::random(d, &mut rng).vector());
        }
    });
    vectors
}

/// Fresh samples of `count` randomly chosen enrolled identities.
fn probes(
    vectors: &[f32],
    n: usize,
    d: usize,
    count: usize,
    seed: u64,
    algorithm: &FaceAlgorithm,
) -> Result<Vec<FaceTemplate>, String> {
    let mut rng = Rng::new(seed).fork(u64::MAX);
    let sigma = ((1.0 / (PROBE_FIDELITY * PROBE_FIDELITY) - 1.0) / d as f64).sqrt();
    (0..count)
        .map(|_| {
            let k = rng.below(n as u64) as usize;
            let sample: Vec<f32> =
                vectors[k * d..(k + 1) * d].iter().map(|&v| v + (sigma * rng.normal()) as f32).collect();
            FaceTemplate::new(algorithm.clone(), sample).map_err(|e| e.to_string())
        })
        .collect()
}

fn build(
    storage: FaceStorage,
    vectors: &[f32],
    n: usize,
    d: usize,
    algorithm: &FaceAlgorithm,
) -> Result<Gallery, String> {
    let gallery = Gallery::with_storage(storage);
    gallery.reserve(SourceSystem::Vis, algorithm, d, n);
    for (k, row) in vectors.chunks_exact(d).enumerate() {
        let template = FaceTemplate::new(algorithm.clone(), row.to_vec()).map_err(|e| e.to_string())?;
        gallery.enrol(SourceSystem::Vis, k as u32, &template).map_err(|e| e.to_string())?;
        if (k + 1) % 250_000 == 0 {
            eprintln!("bench face: {}: {} / {n}", storage.name(), k + 1);
        }
    }
    Ok(gallery)
}

/// Mean share of the exact top 10 found in `found`'s top 10, and share of probes whose first
/// candidate is the exact scan's first.
fn agreement(exact: &Found, found: &Found) -> (f64, f64) {
    let (mut shared, mut total, mut first) = (0usize, 0usize, 0usize);
    for (e, f) in exact.iter().zip(found) {
        let got: HashSet<u32> = f.iter().map(|c| c.record).collect();
        shared += e.iter().filter(|c| got.contains(&c.record)).count();
        total += e.len();
        first += usize::from(e.first().map(|c| c.record) == f.first().map(|c| c.record));
    }
    (shared as f64 / total.max(1) as f64, first as f64 / exact.len().max(1) as f64)
}

/// Largest and mean |cosine − f32 cosine| over the exact top 10 of every probe, as `gallery`
/// stores those records.
fn cosine_error(gallery: &Gallery, exact: &Found, probes: &[FaceTemplate]) -> Result<(f64, f64), String> {
    let (mut max, mut sum, mut count) = (0.0f64, 0.0f64, 0usize);
    for (candidates, probe) in exact.iter().zip(probes) {
        for c in candidates {
            let compact = gallery.verify(SourceSystem::Vis, &c.record, probe).map_err(|e| e.to_string())?;
            let error = f64::from((compact.map_or(f32::NAN, |x| x.cosine) - c.comparison.cosine).abs());
            max = max.max(error);
            sum += error;
            count += 1;
        }
    }
    Ok((max, sum / count.max(1) as f64))
}
