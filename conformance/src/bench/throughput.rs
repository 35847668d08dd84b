//! 1:N throughput on a realistic gallery: mostly non-mates, no duplicated probe.
//!
//! For database k the gallery holds impressions 1–4 of its 10 fingers plus all 240 impressions of
//! the three other databases (280 templates, of which a probe has 4 mates: 1.4 %); the probes are
//! impressions 5–8 of database k (40). A pass prepares each probe and searches the whole gallery
//! (top 10), so probe preparation is included in the time.

use std::time::Instant;

use fprint_bozorth3::Minutia as Xyt;
use jha_interop::matching::fingerprint::{FingerprintTemplate, Gallery, Probe, ProbeFinger};
use jha_interop::model::{FingerPosition, MinutiaeTemplate};

use super::baseline;
use super::fvc::Sample;

/// Gallery and probe indices of database `database`'s schedule.
pub fn schedule(samples: &[Sample], database: usize) -> (Vec<usize>, Vec<usize>) {
    let gallery = (0..samples.len())
        .filter(|&i| samples[i].database != database || samples[i].impression <= 4)
        .collect();
    let probes = (0..samples.len())
        .filter(|&i| samples[i].database == database && samples[i].impression > 4)
        .collect();
    (gallery, probes)
}

/// Nanoseconds the calling thread has run on a CPU (Linux `schedstat`), so that per-core
/// throughput is not skewed by other processes sharing the machine; `None` elsewhere.
pub fn thread_cpu_nanos() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// One pass's throughput: comparisons per wall-clock second and per CPU second of the thread
/// that ran it (1-thread pools only).
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    /// Comparisons per wall-clock second.
    pub wall: f64,
    /// Comparisons per second of CPU time of the measuring thread.
    pub cpu: Option<f64>,
}

/// Templates with at least this many minutiae are timed apart (issue 14 point 4: other
/// sensors give about 61 on average against FVC2002's 45, and comparisons cost more).
pub const LARGE_TEMPLATE: usize = 60;

/// The large-template schedule: every template of at least [`LARGE_TEMPLATE`] minutiae from
/// all databases, impressions 1–4 in the gallery and 5–8 as probes.
pub fn large_schedule(samples: &[Sample]) -> (Vec<usize>, Vec<usize>) {
    let large = |i: &usize| samples[*i].extraction.template.minutiae().len() >= LARGE_TEMPLATE;
    let gallery = (0..samples.len()).filter(large).filter(|&i| samples[i].impression <= 4).collect();
    let probes = (0..samples.len()).filter(large).filter(|&i| samples[i].impression > 4).collect();
    (gallery, probes)
}

/// Comparisons per second of each timed pass of our engine on `threads` threads.
pub fn ours(
    samples: &[Sample],
    prepared: &[FingerprintTemplate],
    database: usize,
    threads: usize,
    runs: usize,
) -> Result<Vec<Rate>, String> {
    ours_on(samples, prepared, schedule(samples, database), threads, runs, 1, true)
}

/// [`ours`] on a given (gallery, probes) schedule, each pass searching with every probe
/// `repeats` times (small schedules need repeating to outlast the clock's resolution); probe
/// preparation is timed with the search when `prepare_in_pass`, else done once beforehand (a
/// small gallery cannot amortise it, and the figure is then the comparisons' alone).
#[allow(clippy::too_many_arguments)]
pub fn ours_on(
    samples: &[Sample],
    prepared: &[FingerprintTemplate],
    (gallery_ids, probe_ids): (Vec<usize>, Vec<usize>),
    threads: usize,
    runs: usize,
    repeats: usize,
    prepare_in_pass: bool,
) -> Result<Vec<Rate>, String> {
    let position = FingerPosition::new(1).map_err(|e| e.to_string())?;
    let gallery: Gallery<usize, u8> = Gallery::new();
    for &i in &gallery_ids {
        gallery.enrol(0, i, position, prepared[i].clone());
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| e.to_string())?;
    let probes: Vec<&MinutiaeTemplate> = probe_ids.iter().map(|&i| &samples[i].extraction.template).collect();
    let ready: Vec<[ProbeFinger; 1]> = if prepare_in_pass {
        Vec::new()
    } else {
        probes
            .iter()
            .map(|t| Probe::new(t).map(|probe| [ProbeFinger { position, probe }]).map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?
    };
    let comparisons = (gallery_ids.len() * probe_ids.len() * repeats) as f64;
    let mut rates = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let cpu = pool.install(|| -> Result<Option<u64>, String> {
            let cpu_start = thread_cpu_nanos();
            if prepare_in_pass {
                for template in probes.iter().cycle().take(probes.len() * repeats) {
                    let probe = Probe::new(template).map_err(|e| e.to_string())?;
                    let fingers = [ProbeFinger { position, probe }];
                    std::hint::black_box(gallery.identify(&fingers, &[0], 10));
                }
            } else {
                for fingers in ready.iter().cycle().take(ready.len() * repeats) {
                    std::hint::black_box(gallery.identify(fingers, &[0], 10));
                }
            }
            Ok(cpu_start.zip(thread_cpu_nanos()).map(|(a, b)| b.saturating_sub(a)))
        })?;
        let wall = comparisons / start.elapsed().as_secs_f64();
        let cpu = cpu.filter(|_| threads == 1).filter(|&n| n > 0).map(|n| comparisons / (n as f64 * 1e-9));
        rates.push(Rate { wall, cpu });
    }
    Ok(rates)
}

/// Comparisons per second of Bozorth3 on one thread, one pass of the same schedule.
pub fn bozorth3(samples: &[Sample], xyt: &[Vec<Xyt>], database: usize) -> Rate {
    let (gallery_ids, probe_ids) = schedule(samples, database);
    let start = Instant::now();
    let cpu_start = thread_cpu_nanos();
    for &p in &probe_ids {
        for &g in &gallery_ids {
            std::hint::black_box(baseline::score(&xyt[p], &xyt[g]));
        }
    }
    let comparisons = (gallery_ids.len() * probe_ids.len()) as f64;
    let cpu = cpu_start.zip(thread_cpu_nanos()).map(|(a, b)| b.saturating_sub(a)).filter(|&n| n > 0);
    Rate {
        wall: comparisons / start.elapsed().as_secs_f64(),
        cpu: cpu.map(|n| comparisons / (n as f64 * 1e-9)),
    }
}
