//! This machine's memory read bandwidth: a plain streaming sum over a buffer much larger than
//! the caches, on one core and on all cores, so that a scan's GB/s can be read as a fraction
//! of what the memory delivers here, measured in the same run.

use std::time::Instant;

use rayon::prelude::*;

use super::super::throughput::thread_cpu_nanos;

/// Buffer size: far beyond any last-level cache.
const BYTES: usize = 1 << 30;
/// Timed passes; the fastest is reported (the others met interference).
const PASSES: usize = 3;

/// Read bandwidth in GB/s (10⁹ bytes per second).
#[derive(Debug, Clone, Copy)]
pub struct Bandwidth {
    /// One core.
    pub one_core: f64,
    /// All cores of the machine.
    pub all_cores: f64,
    /// How many cores "all" is.
    pub cores: usize,
}

#[inline(always)]
fn sum_portable(values: &[f32]) -> f32 {
    // 32 independent accumulators (four AVX2 registers): the loop is bound by loads, not by
    // the latency of a serial chain of additions (float sums are not reassociated for us).
    const LANES: usize = 32;
    let mut acc = [0.0f32; LANES];
    let mut chunks = values.chunks_exact(LANES);
    for chunk in &mut chunks {
        for k in 0..LANES {
            acc[k] += chunk[k];
        }
    }
    acc.iter().sum::<f32>() + chunks.remainder().iter().sum::<f32>()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn sum_avx2(values: &[f32]) -> f32 {
    sum_portable(values)
}

fn sum(values: &[f32]) -> f32 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2, checked just above.
            return unsafe { sum_avx2(values) };
        }
    }
    sum_portable(values)
}

/// Measures both figures (about 2 GB read per pass).
pub fn measure() -> Result<Bandwidth, String> {
    let mut words = vec![0.0f32; BYTES / 4];
    // Touch every page, in parallel, before timing.
    words.par_chunks_mut(1 << 16).enumerate().for_each(|(i, chunk)| chunk.fill(i as f32));
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().map_err(|e| e.to_string())?;
    let all = rayon::ThreadPoolBuilder::new().num_threads(cores).build().map_err(|e| e.to_string())?;
    // One core: the thread's CPU time, as the 1-core scans are timed.
    let best = |pool: &rayon::ThreadPool, parallel: bool| {
        (0..PASSES)
            .map(|_| {
                let start = Instant::now();
                let (total, cpu) = pool.install(|| {
                    let cpu = thread_cpu_nanos();
                    let total =
                        if parallel { words.par_chunks(1 << 20).map(sum).sum::<f32>() } else { sum(&words) };
                    (total, cpu.zip(thread_cpu_nanos()).map(|(a, b)| b.saturating_sub(a)))
                });
                std::hint::black_box(total);
                let seconds = match cpu.filter(|&n| !parallel && n > 0) {
                    Some(nanos) => nanos as f64 * 1e-9,
                    None => start.elapsed().as_secs_f64(),
                };
                BYTES as f64 / seconds / 1e9
            })
            .fold(0.0f64, f64::max)
    };
    Ok(Bandwidth { one_core: best(&one, false), all_cores: best(&all, true), cores })
}
