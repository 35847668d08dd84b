//! The figures of one data set: blocking through the candidate index, DR 2023/333 verdicts on
//! the candidates, and ranked search by [`rank_score`] over the whole gallery.

use std::collections::HashMap;
use std::time::Instant;

use jha_interop::matching::identity::rank::{
    NameFrequencies, RankProfile, RankWeights, RarityScale, rank_score,
};
use jha_interop::matching::identity::{
    CandidateIndex, PreparedIdentity, SearchIndex, SimilarityPolicy, compare_prepared,
};
use jha_interop::model::IdentityVerdict;
use rayon::prelude::*;

use super::super::memory::resident_bytes;
use super::super::throughput::thread_cpu_nanos;
use super::record::Record;

/// A gallery and its probes; in a deduplication every gallery record is also a probe and
/// is not its own match.
pub struct DataSet<'a> {
    pub gallery: &'a [Record],
    pub probes: &'a [Record],
    pub dedup: bool,
}

/// Everything reported for a data set.
#[derive(Debug, Default)]
pub struct Figures {
    pub true_pairs: usize,
    pub pairs_found: usize,
    pub candidates_mean: f64,
    pub candidates_p99: usize,
    pub candidates_max: usize,
    pub predicted: usize,
    pub true_positives: usize,
    pub probes_with_match: usize,
    pub rank_at_1: usize,
    pub rank_at_10: usize,
    pub verdict_at_10: usize,
    pub comparisons_per_core_second: f64,
    pub index_bytes_per_record: f64,
    /// The ranked search's own blocking ([`SearchIndex`]).
    pub search: SearchFigures,
    pub seconds: f64,
}

/// Blocking of ranked search by its search keys, and the ranked search through it.
#[derive(Debug, Default)]
pub struct SearchFigures {
    pub pairs_found: usize,
    pub candidates_mean: f64,
    pub candidates_p99: usize,
    pub candidates_max: usize,
    pub probes_with_match: usize,
    pub rank_at_1: usize,
    pub rank_at_10: usize,
    pub entries_per_record: f64,
    pub bytes_per_record: f64,
    pub microseconds_per_probe: f64,
}

/// The first `k` of `scored` by descending score, ties by gallery index.
fn top(mut scored: Vec<(f32, usize)>, k: usize) -> Vec<(f32, usize)> {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(k);
    scored
}

fn percentile_99(counts: &mut [usize]) -> (f64, usize, usize) {
    counts.sort_unstable();
    let mean = counts.iter().sum::<usize>() as f64 / counts.len().max(1) as f64;
    let p99 = counts.get((counts.len() * 99 / 100).min(counts.len().saturating_sub(1))).copied().unwrap_or(0);
    (mean, p99, counts.last().copied().unwrap_or(0))
}

/// Records prepared for comparison and for ranking, index by index.
struct Side<'a> {
    prepared: &'a [PreparedIdentity],
    profiles: &'a [RankProfile],
}

/// Files the gallery in a [`SearchIndex`], then, per probe, its candidates and the first ten
/// of them by rank score. With `JHA_IDENTITY_MISSES=<set name>` in the environment, the probes
/// of that set whose true records no key meets are printed on stderr (to study one set's
/// misses and hold the others out).
fn search(
    set: &DataSet,
    gallery: Side,
    probes: Side,
    truth_of: &(dyn Fn(usize) -> Vec<usize> + Sync),
    weights: &RankWeights,
    name: &str,
) -> SearchFigures {
    let (prepared, profiles) = (gallery.prepared, gallery.profiles);
    let (probe_prepared, probe_profiles) = (probes.prepared, probes.profiles);
    let show_misses = std::env::var("JHA_IDENTITY_MISSES").is_ok_and(|v| v == name);
    let before = resident_bytes();
    let mut index = SearchIndex::new();
    for (g, record) in prepared.iter().enumerate() {
        index.insert(g as u32, record);
    }
    let after = resident_bytes();
    let started = Instant::now();
    let per_probe: Vec<(usize, usize, bool, bool, bool)> = (0..set.probes.len())
        .into_par_iter()
        .map(|p| {
            let truth = truth_of(p);
            let candidates: Vec<usize> = index
                .candidates(&probe_prepared[p])
                .into_iter()
                .map(|&g| g as usize)
                .filter(|&g| !(set.dedup && g == p))
                .collect();
            let found = truth.iter().filter(|t| candidates.contains(t)).count();
            if show_misses {
                for t in truth.iter().filter(|t| !candidates.contains(t)) {
                    eprintln!("missed: {:?}\n    for {:?}", set.probes[p].identity, set.gallery[*t].identity);
                }
            }
            let scored = candidates
                .iter()
                .map(|&g| (rank_score(&probe_profiles[p], &profiles[g], weights), g))
                .collect();
            let best = top(scored, 10);
            let at_1 = best.first().is_some_and(|b| truth.contains(&b.1));
            let at_10 = best.iter().any(|b| truth.contains(&b.1));
            (found, candidates.len(), !truth.is_empty(), at_1, at_10)
        })
        .collect();
    let elapsed = started.elapsed().as_secs_f64();
    let mut counts: Vec<usize> = per_probe.iter().map(|x| x.1).collect();
    let (candidates_mean, candidates_p99, candidates_max) = percentile_99(&mut counts);
    let with_match = per_probe.iter().filter(|x| x.2);
    SearchFigures {
        pairs_found: per_probe.iter().map(|x| x.0).sum(),
        candidates_mean,
        candidates_p99,
        candidates_max,
        probes_with_match: with_match.clone().count(),
        rank_at_1: with_match.clone().filter(|x| x.3).count(),
        rank_at_10: with_match.filter(|x| x.4).count(),
        entries_per_record: index.entries() as f64 / prepared.len().max(1) as f64,
        bytes_per_record: before
            .zip(after)
            .map_or(f64::NAN, |(b, a)| a.saturating_sub(b) as f64 / prepared.len().max(1) as f64),
        // Wall time over the probes on every core, per probe and core.
        microseconds_per_probe: elapsed * 1e6 * rayon::current_num_threads() as f64
            / set.probes.len().max(1) as f64,
    }
}

/// Prints on stderr a probe whose true records are not among the first ten of the ranked
/// search, with their scores, the tenth score and the first item (`JHA_IDENTITY_RANK_MISSES=<set
/// name>`: to study one set's misses and hold the others out).
fn print_rank_miss(
    set: &DataSet,
    p: usize,
    truth: &[usize],
    best: &[(f32, usize)],
    score: impl Fn(usize) -> f32,
) {
    let show = |identity: &jha_interop::model::IdentityData| {
        format!(
            "{:?} | {:?} | {}",
            identity.surname.as_ref().map(|n| n.as_str()),
            identity.first_names.as_ref().map(|n| n.as_str()),
            identity.date_of_birth.map_or_else(|| "-".to_string(), |d| d.to_string())
        )
    };
    eprintln!("rank miss: probe {}", show(&set.probes[p].identity));
    for &t in truth {
        eprintln!("    true  {:6.1} {}", score(t), show(&set.gallery[t].identity));
    }
    if let (Some(first), Some(last)) = (best.first(), best.last()) {
        eprintln!("    first {:6.1} {}", first.0, show(&set.gallery[first.1].identity));
        eprintln!("    10th  {:6.1} {}", last.0, show(&set.gallery[last.1].identity));
    }
}

/// The term-frequency adjustment of the ranked search: [`RarityScale::default`], or
/// `JHA_RANK_RARITY=scale,lowest,highest` to try others on the tuning sets, or
/// `JHA_RANK_RARITY=off` for none (to compare).
pub fn rarity_scale() -> Option<RarityScale> {
    match std::env::var("JHA_RANK_RARITY") {
        Ok(text) if text == "off" => None,
        Ok(text) => {
            let n: Vec<f32> = text.split(',').filter_map(|x| x.trim().parse().ok()).collect();
            match n.as_slice() {
                [scale, lowest, highest] => {
                    Some(RarityScale { scale: *scale, lowest: *lowest, highest: *highest })
                }
                _ => {
                    eprintln!("JHA_RANK_RARITY: three numbers or off expected; default used");
                    Some(RarityScale::default())
                }
            }
        }
        Err(_) => Some(RarityScale::default()),
    }
}

/// Gallery indices of `probe`'s true matches.
fn matches(set: &DataSet, by_entity: &HashMap<u64, Vec<usize>>, p: usize) -> Vec<usize> {
    let entity = set.probes[p].entity;
    by_entity.get(&entity).into_iter().flatten().copied().filter(|&g| !(set.dedup && g == p)).collect()
}

/// Measures `set`; `rank_probes` caps the probes of the ranked search (it scores the whole
/// gallery per probe), `progress` names the set on stderr.
pub fn measure(set: &DataSet, weights: &RankWeights, rank_probes: usize, progress: &str) -> Figures {
    let started = Instant::now();
    let policy = SimilarityPolicy::default();
    let mut by_entity: HashMap<u64, Vec<usize>> = HashMap::new();
    for (g, record) in set.gallery.iter().enumerate() {
        by_entity.entry(record.entity).or_default().push(g);
    }
    eprintln!("bench identity: {progress}: preparing {} records…", set.gallery.len());
    let prepared: Vec<PreparedIdentity> =
        set.gallery.par_iter().map(|r| PreparedIdentity::new(&r.identity)).collect();
    let mut profiles: Vec<RankProfile> = prepared.par_iter().map(RankProfile::new).collect();
    // The gallery's name frequencies, counted on the gallery alone (no label), weigh an equal
    // rare name more than an equal common one.
    if let Some(rarity) = rarity_scale() {
        let mut frequencies = NameFrequencies::new();
        profiles.iter().for_each(|p| frequencies.count(p));
        frequencies.adjust(profiles.iter_mut(), &rarity);
    }
    let profiles = profiles;
    let probe_prepared: Vec<PreparedIdentity> = if set.dedup {
        Vec::new()
    } else {
        set.probes.par_iter().map(|r| PreparedIdentity::new(&r.identity)).collect()
    };
    let probe_of = |p: usize| if set.dedup { &prepared[p] } else { &probe_prepared[p] };

    eprintln!("bench identity: {progress}: indexing…");
    let before = resident_bytes();
    let mut index = CandidateIndex::new();
    for (g, record) in set.gallery.iter().enumerate() {
        index.insert(g, &record.identity);
    }
    let after = resident_bytes();
    let mut figures = Figures {
        index_bytes_per_record: before
            .zip(after)
            .map_or(f64::NAN, |(b, a)| a.saturating_sub(b) as f64 / set.gallery.len().max(1) as f64),
        ..Figures::default()
    };

    eprintln!("bench identity: {progress}: blocking and verdicts…");
    let per_probe: Vec<(usize, usize, usize, usize, usize, bool)> = (0..set.probes.len())
        .into_par_iter()
        .map(|p| {
            let truth = matches(set, &by_entity, p);
            let candidates: Vec<usize> = index
                .candidates(&set.probes[p].identity)
                .into_iter()
                .copied()
                .filter(|&g| !(set.dedup && g == p))
                .collect();
            let found = truth.iter().filter(|t| candidates.contains(t)).count();
            let mut hits: Vec<(IdentityVerdict, usize)> = Vec::new();
            for &g in &candidates {
                let verdict = compare_prepared(probe_of(p), &prepared[g], &policy).verdict;
                if verdict != IdentityVerdict::Different {
                    hits.push((verdict, g));
                }
            }
            let true_hits = hits.iter().filter(|(_, g)| truth.contains(g)).count();
            // Ordered by verdict (SAME before SIMILAR), then by record: today's ranking.
            hits.sort_by_key(|&(v, g)| (v != IdentityVerdict::Same, g));
            let verdict_hit = hits.iter().take(10).any(|(_, g)| truth.contains(g));
            (truth.len(), found, candidates.len(), hits.len(), true_hits, verdict_hit)
        })
        .collect();
    let mut counts: Vec<usize> = per_probe.iter().map(|x| x.2).collect();
    (figures.candidates_mean, figures.candidates_p99, figures.candidates_max) = percentile_99(&mut counts);
    for &(truth, found, _, predicted, true_hits, _) in &per_probe {
        figures.true_pairs += truth;
        figures.pairs_found += found;
        figures.predicted += predicted;
        figures.true_positives += true_hits;
    }

    let probe_profiles: Vec<RankProfile> =
        if set.dedup { Vec::new() } else { probe_prepared.par_iter().map(RankProfile::new).collect() };
    let profile_of = |p: usize| if set.dedup { &profiles[p] } else { &probe_profiles[p] };
    eprintln!("bench identity: {progress}: search keys…");
    figures.search = search(
        set,
        Side { prepared: &prepared, profiles: &profiles },
        Side {
            prepared: if set.dedup { &prepared } else { &probe_prepared },
            profiles: if set.dedup { &profiles } else { &probe_profiles },
        },
        &|p| matches(set, &by_entity, p),
        weights,
        progress,
    );
    eprintln!("bench identity: {progress}: ranked search over the whole gallery…");
    let show_rank_misses = std::env::var("JHA_IDENTITY_RANK_MISSES").is_ok_and(|v| v == progress);
    // The misses printed are those outside the first `depth` items (10 unless
    // JHA_IDENTITY_RANK_MISS_DEPTH says fewer): on a small tuning set, the probes whose true
    // match is beaten by a few strangers show what beats it on a larger gallery.
    let depth = std::env::var("JHA_IDENTITY_RANK_MISS_DEPTH")
        .ok()
        .and_then(|d| d.parse::<usize>().ok())
        .map_or(10, |d| d.clamp(1, 10));
    let step = (set.probes.len() / rank_probes.max(1)).max(1);
    let ranked: Vec<usize> =
        (0..set.probes.len()).step_by(step).filter(|&p| !matches(set, &by_entity, p).is_empty()).collect();
    let outcomes: Vec<(bool, bool, bool)> = ranked
        .par_iter()
        .map(|&p| {
            let truth = matches(set, &by_entity, p);
            let probe = profile_of(p);
            let mut best: Vec<(f32, usize)> = Vec::with_capacity(32);
            let mut cut = f32::NEG_INFINITY;
            for (g, candidate) in profiles.iter().enumerate() {
                if set.dedup && g == p {
                    continue;
                }
                let score = rank_score(probe, candidate, weights);
                if score >= cut {
                    best.push((score, g));
                    if best.len() >= 30 {
                        best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                        best.truncate(10);
                        cut = best[9].0;
                    }
                }
            }
            let best = top(best, 10);
            if show_rank_misses && !best.iter().take(depth).any(|b| truth.contains(&b.1)) {
                print_rank_miss(set, p, &truth, &best, |g| rank_score(probe, &profiles[g], weights));
            }
            let verdict_hit = per_probe[p].5;
            (
                best.first().is_some_and(|b| truth.contains(&b.1)),
                best.iter().any(|b| truth.contains(&b.1)),
                verdict_hit,
            )
        })
        .collect();
    figures.probes_with_match = outcomes.len();
    figures.rank_at_1 = outcomes.iter().filter(|o| o.0).count();
    figures.rank_at_10 = outcomes.iter().filter(|o| o.1).count();
    figures.verdict_at_10 = outcomes.iter().filter(|o| o.2).count();

    // Comparisons per second on one core: the first probes against the whole gallery, timed
    // by the thread's CPU time.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build();
    if let Ok(pool) = pool {
        let target = 2_000_000usize;
        let probes = (target / set.gallery.len().max(1)).clamp(1, set.probes.len().max(1));
        let (count, nanos, wall) = pool.install(|| {
            let cpu = thread_cpu_nanos();
            let wall = Instant::now();
            let mut total = 0.0f32;
            let mut count = 0usize;
            for p in 0..probes.min(set.probes.len()) {
                let probe = profile_of(p);
                for candidate in &profiles {
                    total += rank_score(probe, candidate, weights);
                    count += 1;
                }
            }
            std::hint::black_box(total);
            (
                count,
                cpu.zip(thread_cpu_nanos()).map(|(a, b)| b.saturating_sub(a)),
                wall.elapsed().as_secs_f64(),
            )
        });
        let seconds = nanos.filter(|&n| n > 0).map_or(wall, |n| n as f64 * 1e-9);
        figures.comparisons_per_core_second = count as f64 / seconds;
    }
    figures.seconds = started.elapsed().as_secs_f64();
    figures
}
