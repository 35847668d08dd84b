//! The in-memory 1:N gallery: prepared templates per record and finger position, logically
//! separated per partition (the source system), searched on all cores.
//!
//! # Concurrency
//!
//! Templates live in copy-on-write chunks of at most 256 entries. A search takes the read lock
//! only to clone the list of chunk handles of the partitions it may see (a snapshot), then scans
//! without any lock; enrolment and removal take the write lock briefly and copy at most one chunk
//! when a running search still holds it. So enrol and remove never wait for a search, searches
//! never wait for each other, and a search sees the gallery as it was when it started: a removal
//! (BMS-06) is visible to every search that starts after `remove` returns.
//!
//! # Threads
//!
//! The scan runs on rayon's pool (all cores by default; run `identify` inside
//! `rayon::ThreadPool::install` to choose), in tasks of about 32 templates cut at record
//! boundaries, so that even a gallery of a few hundred templates keeps every core busy and
//! work stealing balances the very uneven cost of comparisons (an impostor usually ends after
//! the root search, a mate crawls its whole pairing). Each task keeps its own top-k and
//! allocates a candidate only for a record that can still enter it.
//!
//! # Fusion
//!
//! Only the same finger positions are compared. A record's per-finger calibrated scores are
//! fused with Fisher's method ([`crate::matching::fusion::fuse`]) over the probe fingers the
//! record has, so the fused score stays on the FMR scale: a record is not favoured for merely
//! having more fingers enrolled.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, RwLock};

use rayon::prelude::*;

use super::{FingerprintTemplate, Probe, Score, compare};
use crate::matching::fusion::fuse;
use crate::model::FingerPosition;

const CHUNK: usize = 256;

#[derive(Debug, Clone)]
struct Entry<R> {
    record: R,
    position: FingerPosition,
    template: Arc<FingerprintTemplate>,
}

type Chunk<R> = Arc<Vec<Entry<R>>>;

#[derive(Debug)]
struct Partition<R> {
    chunks: Vec<Chunk<R>>,
    /// Which chunk holds each record's fingers.
    chunk_of: HashMap<R, usize>,
}

impl<R> Default for Partition<R> {
    fn default() -> Self {
        Partition { chunks: Vec::new(), chunk_of: HashMap::new() }
    }
}

/// One finger's comparison within a candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FingerScore {
    /// The finger position compared.
    pub position: FingerPosition,
    /// Its calibrated score.
    pub score: Score,
    /// Its raw score.
    pub raw: f32,
}

/// A candidate of an identification.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<R, P> {
    /// The record.
    pub record: R,
    /// The partition (source system) it was found in.
    pub partition: P,
    /// The fused calibrated score over the fingers compared.
    pub score: Score,
    /// Each compared finger's score, by finger position.
    pub fingers: Vec<FingerScore>,
}

/// A probe finger of an identification: its position and its prepared probe.
#[derive(Debug, Clone)]
pub struct ProbeFinger {
    /// The finger position.
    pub position: FingerPosition,
    /// The prepared probe.
    pub probe: Probe,
}

/// An in-memory fingerprint gallery keyed by record `R`, partitioned by `P` (for the sBMS, the
/// source system). Thread-safe: share it behind an `Arc`.
#[derive(Debug)]
pub struct Gallery<R, P> {
    partitions: RwLock<HashMap<P, Partition<R>>>,
}

impl<R, P> Default for Gallery<R, P> {
    fn default() -> Self {
        Gallery { partitions: RwLock::new(HashMap::new()) }
    }
}

impl<R, P> Gallery<R, P>
where
    R: Clone + Eq + Hash + Ord + Send + Sync,
    P: Copy + Eq + Hash + Ord + Send + Sync,
{
    /// An empty gallery.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores `template` as finger `position` of `record` in `partition`, replacing the one
    /// stored there before.
    pub fn enrol(
        &self,
        partition: P,
        record: R,
        position: FingerPosition,
        template: impl Into<Arc<FingerprintTemplate>>,
    ) {
        let entry = Entry { record: record.clone(), position, template: template.into() };
        let mut partitions = self.partitions.write().unwrap_or_else(|e| e.into_inner());
        let part = partitions.entry(partition).or_default();
        if let Some(&index) = part.chunk_of.get(&record) {
            let chunk = Arc::make_mut(&mut part.chunks[index]);
            chunk.retain(|e| !(e.record == record && e.position == position));
            insert_sorted(chunk, entry);
            return;
        }
        if part.chunks.last().is_none_or(|c| c.len() >= CHUNK) {
            part.chunks.push(Arc::new(Vec::with_capacity(CHUNK)));
        }
        let index = part.chunks.len() - 1;
        insert_sorted(Arc::make_mut(&mut part.chunks[index]), entry);
        part.chunk_of.insert(record, index);
    }

    /// Erases every template of `record` in every partition (BMS-06); returns how many were
    /// removed.
    pub fn remove(&self, record: &R) -> usize {
        let mut partitions = self.partitions.write().unwrap_or_else(|e| e.into_inner());
        let mut removed = 0;
        for part in partitions.values_mut() {
            if let Some(index) = part.chunk_of.remove(record) {
                let chunk = Arc::make_mut(&mut part.chunks[index]);
                let before = chunk.len();
                chunk.retain(|e| &e.record != record);
                removed += before - chunk.len();
            }
        }
        removed
    }

    /// Number of stored templates over all partitions.
    pub fn len(&self) -> usize {
        let partitions = self.partitions.read().unwrap_or_else(|e| e.into_inner());
        partitions.values().flat_map(|p| p.chunks.iter()).map(|c| c.len()).sum()
    }

    /// Whether no template is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The finger positions stored for `record` in `partition`.
    pub fn positions(&self, partition: P, record: &R) -> Vec<FingerPosition> {
        let partitions = self.partitions.read().unwrap_or_else(|e| e.into_inner());
        let Some(part) = partitions.get(&partition) else { return Vec::new() };
        let Some(&index) = part.chunk_of.get(record) else { return Vec::new() };
        let mut positions: Vec<_> =
            part.chunks[index].iter().filter(|e| &e.record == record).map(|e| e.position).collect();
        positions.sort();
        positions
    }

    /// 1:N identification: compares each probe finger with the same finger position of every
    /// record in the allowed `partitions`, fuses per record, and returns the `top_k` best
    /// candidates by fused score (ties by record), skipping records whose fused score is 0.
    pub fn identify(&self, probe: &[ProbeFinger], partitions: &[P], top_k: usize) -> Vec<Candidate<R, P>> {
        if top_k == 0 || probe.is_empty() {
            return Vec::new();
        }
        let snapshot: Vec<(P, Chunk<R>)> = {
            let stored = self.partitions.read().unwrap_or_else(|e| e.into_inner());
            let mut allowed: Vec<P> = partitions.to_vec();
            allowed.sort();
            allowed.dedup();
            allowed
                .iter()
                .filter_map(|p| stored.get(p).map(|part| (p, part)))
                .flat_map(|(p, part)| part.chunks.iter().map(move |c| (*p, Arc::clone(c))))
                .collect()
        };
        // Tasks of about TASK templates, cut at record boundaries (a record's fingers are fused
        // together), so that all cores share even a small gallery and work stealing evens out
        // the very uneven comparison costs.
        let tasks: Vec<(usize, usize, usize)> = snapshot
            .iter()
            .enumerate()
            .flat_map(|(k, (_, chunk))| record_aligned_ranges(chunk, TASK).map(move |(a, b)| (k, a, b)))
            .collect();
        let mut candidates = tasks
            .par_iter()
            .fold(TopK::<R, P>::new, |mut best, &(k, a, b)| {
                let (partition, chunk) = &snapshot[k];
                scan(&chunk[a..b], *partition, probe, top_k, &mut best);
                best
            })
            .reduce(TopK::new, |mut a, b| {
                for c in b.candidates {
                    a.offer(c, top_k);
                }
                a
            })
            .candidates;
        candidates.sort_by(ranking);
        candidates.truncate(top_k);
        candidates
    }
}

/// Inserts keeping the chunk sorted by (record, position), so that a record's fingers are
/// adjacent and fused during the scan.
fn insert_sorted<R: Ord>(chunk: &mut Vec<Entry<R>>, entry: Entry<R>) {
    let at = chunk.partition_point(|e| (&e.record, e.position) < (&entry.record, entry.position));
    chunk.insert(at, entry);
}

/// Templates per scan task.
const TASK: usize = 32;

/// Ranges of about `size` entries of `chunk` that never split a record.
fn record_aligned_ranges<R: Eq>(
    chunk: &[Entry<R>],
    size: usize,
) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= chunk.len() {
            return None;
        }
        let mut end = (start + size).min(chunk.len());
        while end < chunk.len() && chunk[end].record == chunk[end - 1].record {
            end += 1;
        }
        let range = (start, end);
        start = end;
        Some(range)
    })
}

/// The best candidates seen so far; trimmed to `top_k` once it holds twice that, so that a
/// record that cannot enter the result is never allocated.
struct TopK<R, P> {
    candidates: Vec<Candidate<R, P>>,
    /// The lowest fused score still able to enter, once `top_k` candidates were kept.
    floor: f32,
}

impl<R: Ord, P: Ord> TopK<R, P> {
    fn new() -> Self {
        TopK { candidates: Vec::new(), floor: 0.0 }
    }

    fn admits(&self, score: f32) -> bool {
        score > 0.0 && score >= self.floor
    }

    fn offer(&mut self, candidate: Candidate<R, P>, top_k: usize) {
        if !self.admits(candidate.score.value()) {
            return;
        }
        self.candidates.push(candidate);
        if self.candidates.len() >= 2 * top_k.max(8) {
            self.candidates.sort_by(ranking);
            self.candidates.truncate(top_k);
            self.floor = self.candidates.last().map_or(0.0, |c| c.score.value());
        }
    }
}

/// Compares `probe` with every record of `entries` and offers each record's fused score.
fn scan<R: Clone + Eq + Ord, P: Copy + Ord>(
    entries: &[Entry<R>],
    partition: P,
    probe: &[ProbeFinger],
    top_k: usize,
    best: &mut TopK<R, P>,
) {
    let mut fingers: Vec<FingerScore> = Vec::with_capacity(probe.len());
    let mut scores: Vec<Score> = Vec::with_capacity(probe.len());
    let mut start = 0;
    while start < entries.len() {
        let record = &entries[start].record;
        let end = start + entries[start..].iter().take_while(|e| &e.record == record).count();
        fingers.clear();
        scores.clear();
        for entry in &entries[start..end] {
            if let Some(finger) = probe.iter().find(|f| f.position == entry.position) {
                let comparison = compare(&finger.probe, &entry.template);
                fingers.push(FingerScore {
                    position: entry.position,
                    score: comparison.score,
                    raw: comparison.raw,
                });
                scores.push(comparison.score);
            }
        }
        let score = fuse(&scores);
        if best.admits(score.value()) {
            best.offer(
                Candidate { record: record.clone(), partition, score, fingers: fingers.clone() },
                top_k,
            );
        }
        start = end;
    }
}

fn ranking<R: Ord, P: Ord>(a: &Candidate<R, P>, b: &Candidate<R, P>) -> std::cmp::Ordering {
    b.score
        .value()
        .total_cmp(&a.score.value())
        .then_with(|| a.record.cmp(&b.record))
        .then_with(|| a.partition.cmp(&b.partition))
}
