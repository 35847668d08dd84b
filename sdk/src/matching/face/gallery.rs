//! The in-memory face gallery: per (partition, algorithm), blocks of contiguous rows in the
//! gallery's [`FaceStorage`], scanned exactly on all cores, several probes per pass.
//!
//! # Concurrency
//!
//! Rows live in copy-on-write blocks of at most [`BLOCK_ROWS`]. A search takes the read lock
//! only to clone the handles of the blocks it may see (a snapshot), then scans without any
//! lock; enrolment and removal take the write lock briefly and copy at most one block when a
//! running search still holds it. So a registration never waits for a running scan, and a
//! search sees the gallery as it was when it started: a removal (BMS-06) is visible to every
//! search that starts after `remove` returns. Removal swaps the block's last row into the freed
//! one, so each block stays contiguous.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, RwLock};

use super::scan::scan;
use super::storage::{FaceStorage, Matrix};
use super::{FaceCalibration, FaceComparison, FaceError, compare};
use crate::model::{FaceAlgorithm, FaceTemplate};

/// Rows per block: one scan task's worth, so a write during a scan copies at most one task's
/// rows (4096 × 512-d: 8 MiB in f32) and blocks are scanned in parallel.
const BLOCK_ROWS: usize = 4096;

/// Contiguous rows and the record of each.
#[derive(Debug, Clone)]
struct Block<R> {
    matrix: Matrix,
    records: Vec<R>,
}

/// A partition's blocks, as a search's snapshot holds them.
type PartitionBlocks<R, P> = (P, Vec<Arc<Block<R>>>);

#[derive(Debug)]
struct Segment<R> {
    storage: FaceStorage,
    dimension: usize,
    blocks: Vec<Arc<Block<R>>>,
    /// Each record's block and row.
    row_of: HashMap<R, (usize, usize)>,
}

impl<R: Clone + Eq + Hash> Segment<R> {
    fn new(storage: FaceStorage, dimension: usize) -> Self {
        Segment { storage, dimension, blocks: Vec::new(), row_of: HashMap::new() }
    }

    fn len(&self) -> usize {
        self.row_of.len()
    }

    fn upsert(&mut self, record: R, vector: &[f32]) {
        if let Some(&(block, row)) = self.row_of.get(&record) {
            Arc::make_mut(&mut self.blocks[block]).matrix.set(row, vector);
            return;
        }
        if self.blocks.last().is_none_or(|b| b.records.len() >= BLOCK_ROWS) {
            // A bulk load reserved its rows in the index: each block is then allocated once.
            let expected = self.row_of.capacity().saturating_sub(self.row_of.len()).clamp(1, BLOCK_ROWS);
            let mut matrix = Matrix::new(self.storage, self.dimension);
            matrix.reserve(expected);
            self.blocks.push(Arc::new(Block { matrix, records: Vec::with_capacity(expected) }));
        }
        let index = self.blocks.len() - 1;
        let block = Arc::make_mut(&mut self.blocks[index]);
        self.row_of.insert(record.clone(), (index, block.records.len()));
        block.records.push(record);
        block.matrix.push(vector);
    }

    fn remove(&mut self, record: &R) -> bool {
        let Some((index, row)) = self.row_of.remove(record) else { return false };
        let block = Arc::make_mut(&mut self.blocks[index]);
        let last = block.records.len() - 1;
        block.matrix.swap_remove(row);
        if row != last {
            block.records.swap(row, last);
            self.row_of.insert(block.records[row].clone(), (index, row));
        }
        block.records.pop();
        true
    }

    /// The stored vector of `record`, decoded.
    fn decoded(&self, record: &R) -> Option<Vec<f32>> {
        let &(block, row) = self.row_of.get(record)?;
        Some(self.blocks[block].matrix.decoded(row))
    }
}

/// A candidate of a face identification.
#[derive(Debug, Clone, PartialEq)]
pub struct FaceCandidate<R, P> {
    /// The record.
    pub record: R,
    /// The partition (source system) it was found in.
    pub partition: P,
    /// Cosine similarity and calibrated score.
    pub comparison: FaceComparison,
}

/// Face templates keyed by record `R`, partitioned by `P` (the source system) and by algorithm.
#[derive(Debug)]
pub struct FaceGallery<R, P> {
    storage: FaceStorage,
    segments: RwLock<HashMap<(P, FaceAlgorithm), Segment<R>>>,
    calibrations: RwLock<HashMap<FaceAlgorithm, FaceCalibration>>,
}

impl<R, P> Default for FaceGallery<R, P> {
    fn default() -> Self {
        Self::with_storage(FaceStorage::default())
    }
}

impl<R, P> FaceGallery<R, P> {
    /// An empty gallery that stores and scans its vectors as `storage`.
    pub fn with_storage(storage: FaceStorage) -> Self {
        FaceGallery {
            storage,
            segments: RwLock::new(HashMap::new()),
            calibrations: RwLock::new(HashMap::new()),
        }
    }

    /// How the gallery stores its vectors.
    pub fn storage(&self) -> FaceStorage {
        self.storage
    }
}

impl<R, P> FaceGallery<R, P>
where
    R: Clone + Eq + Hash + Ord + Send + Sync,
    P: Copy + Eq + Hash + Ord + Send + Sync,
{
    /// An empty gallery in f32 (exact scores).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the calibration of `algorithm`. Without one, an algorithm is calibrated as
    /// [`FaceCalibration::GaussianImpostors`] of its dimension — right for structure-free
    /// embeddings only; register a measured table for a real algorithm.
    pub fn set_calibration(&self, algorithm: FaceAlgorithm, calibration: FaceCalibration) {
        self.calibrations.write().unwrap_or_else(|e| e.into_inner()).insert(algorithm, calibration);
    }

    /// The calibration used for `algorithm` with embeddings of `dimension`.
    pub fn calibration(&self, algorithm: &FaceAlgorithm, dimension: usize) -> FaceCalibration {
        let calibrations = self.calibrations.read().unwrap_or_else(|e| e.into_inner());
        calibrations.get(algorithm).copied().unwrap_or(FaceCalibration::GaussianImpostors { dimension })
    }

    /// Stores `template` for `record` in `partition`, replacing the record's earlier template of
    /// the same algorithm.
    ///
    /// # Errors
    /// [`FaceError::DimensionMismatch`] when the partition already holds templates of that
    /// algorithm with another dimension.
    pub fn enrol(&self, partition: P, record: R, template: &FaceTemplate) -> Result<(), FaceError> {
        let mut segments = self.segments.write().unwrap_or_else(|e| e.into_inner());
        let segment = segments
            .entry((partition, template.algorithm().clone()))
            .or_insert_with(|| Segment::new(self.storage, template.vector().len()));
        if segment.dimension != template.vector().len() {
            return Err(FaceError::DimensionMismatch {
                algorithm: template.algorithm().clone(),
                expected: segment.dimension,
                found: template.vector().len(),
            });
        }
        segment.upsert(record, template.vector());
        Ok(())
    }

    /// Reserves room for `additional` more templates of `algorithm` with `dimension` values in
    /// `partition`, so that a bulk load grows the matrix once.
    pub fn reserve(&self, partition: P, algorithm: &FaceAlgorithm, dimension: usize, additional: usize) {
        let mut segments = self.segments.write().unwrap_or_else(|e| e.into_inner());
        let segment = segments
            .entry((partition, algorithm.clone()))
            .or_insert_with(|| Segment::new(self.storage, dimension));
        // Blocks are bounded and grow as they fill; only the index is sized up front.
        if segment.dimension == dimension {
            segment.row_of.reserve(additional);
        }
    }

    /// Erases every template of `record` (BMS-06); returns how many were removed.
    pub fn remove(&self, record: &R) -> usize {
        let mut segments = self.segments.write().unwrap_or_else(|e| e.into_inner());
        segments.values_mut().map(|s| s.remove(record)).filter(|&removed| removed).count()
    }

    /// Number of stored templates.
    pub fn len(&self) -> usize {
        self.segments.read().unwrap_or_else(|e| e.into_inner()).values().map(Segment::len).sum()
    }

    /// Whether no template is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// 1:1 verification against `record`'s template in `partition`: `Ok(None)` when it has none.
    ///
    /// # Errors
    /// [`FaceError::AlgorithmMismatch`] when the record's templates are all of other algorithms
    /// (BMS-09); [`FaceError::DimensionMismatch`] for a wrong length.
    pub fn verify(
        &self,
        partition: P,
        record: &R,
        probe: &FaceTemplate,
    ) -> Result<Option<FaceComparison>, FaceError> {
        let segments = self.segments.read().unwrap_or_else(|e| e.into_inner());
        if let Some(segment) = segments.get(&(partition, probe.algorithm().clone()))
            && let Some(vector) = segment.decoded(record)
        {
            let d = segment.dimension;
            let reference = FaceTemplate::new(probe.algorithm().clone(), vector).map_err(|_| {
                FaceError::DimensionMismatch {
                    algorithm: probe.algorithm().clone(),
                    expected: d,
                    found: probe.vector().len(),
                }
            })?;
            let calibration = self.calibration(probe.algorithm(), d);
            return compare(probe, &reference, &calibration).map(Some);
        }
        let other = segments.iter().find(|((p, algorithm), s)| {
            *p == partition && algorithm != probe.algorithm() && s.row_of.contains_key(record)
        });
        match other {
            Some(((_, algorithm), _)) => Err(FaceError::AlgorithmMismatch {
                probe: probe.algorithm().clone(),
                reference: algorithm.clone(),
            }),
            None => Ok(None),
        }
    }

    /// 1:N identification: the `top_k` records of the allowed `partitions` most similar to
    /// `probe`, among templates of the probe's algorithm only (BMS-09), best first (ties by
    /// record).
    ///
    /// # Errors
    /// [`FaceError::DimensionMismatch`] when stored templates of the probe's algorithm have
    /// another dimension.
    pub fn identify(
        &self,
        probe: &FaceTemplate,
        partitions: &[P],
        top_k: usize,
    ) -> Result<Vec<FaceCandidate<R, P>>, FaceError> {
        let mut found = self.identify_batch(std::slice::from_ref(probe), partitions, top_k)?;
        Ok(found.pop().unwrap_or_default())
    }

    /// [`identify`](Self::identify) for several probes at once, one result per probe in order:
    /// probes of one algorithm share each pass over the gallery, which is read once for the
    /// whole batch instead of once per probe.
    ///
    /// # Errors
    /// As [`identify`](Self::identify), for any of the probes.
    pub fn identify_batch(
        &self,
        probes: &[FaceTemplate],
        partitions: &[P],
        top_k: usize,
    ) -> Result<Vec<Vec<FaceCandidate<R, P>>>, FaceError> {
        let mut allowed = partitions.to_vec();
        allowed.sort();
        allowed.dedup();
        let mut groups: Vec<(&FaceAlgorithm, usize, Vec<usize>)> = Vec::new();
        for (i, probe) in probes.iter().enumerate() {
            let key = (probe.algorithm(), probe.vector().len());
            match groups.iter_mut().find(|(a, d, _)| (*a, *d) == key) {
                Some(group) => group.2.push(i),
                None => groups.push((key.0, key.1, vec![i])),
            }
        }
        // The snapshot: the blocks each group may see, taken under the read lock, scanned
        // without it.
        let mut snapshot: Vec<Vec<PartitionBlocks<R, P>>> = Vec::with_capacity(groups.len());
        {
            let segments = self.segments.read().unwrap_or_else(|e| e.into_inner());
            for (algorithm, d, _) in &groups {
                let mut seen = Vec::new();
                for &partition in &allowed {
                    let Some(segment) = segments.get(&(partition, (*algorithm).clone())) else { continue };
                    if segment.dimension != *d {
                        return Err(FaceError::DimensionMismatch {
                            algorithm: (*algorithm).clone(),
                            expected: segment.dimension,
                            found: *d,
                        });
                    }
                    seen.push((partition, segment.blocks.clone()));
                }
                snapshot.push(seen);
            }
        }
        let mut best: Vec<Vec<(f32, R, P)>> = vec![Vec::new(); probes.len()];
        let order = |a: &(f32, R, P), b: &(f32, R, P)| {
            b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)).then_with(|| a.2.cmp(&b.2))
        };
        for ((_, _, members), seen) in groups.iter().zip(&snapshot) {
            let vectors: Vec<&[f32]> = members.iter().map(|&i| probes[i].vector()).collect();
            let blocks: Vec<(P, &Block<R>)> =
                seen.iter().flat_map(|(p, blocks)| blocks.iter().map(move |b| (*p, b.as_ref()))).collect();
            let matrices: Vec<&Matrix> = blocks.iter().map(|(_, b)| &b.matrix).collect();
            let record = |(m, row): (usize, usize)| &blocks[m].1.records[row];
            let tie = |a, b| record(a).cmp(record(b));
            for (&i, rows) in members.iter().zip(scan(&matrices, &vectors, top_k, &tie)) {
                best[i].extend(rows.into_iter().map(|(c, at)| (c, record(at).clone(), blocks[at.0].0)));
                keep_top(&mut best[i], top_k, order);
            }
        }
        Ok(best
            .into_iter()
            .zip(probes)
            .map(|(found, probe)| {
                let calibration = self.calibration(probe.algorithm(), probe.vector().len());
                found
                    .into_iter()
                    .map(|(cosine, record, partition)| {
                        let cosine = cosine.clamp(-1.0, 1.0);
                        FaceCandidate {
                            record,
                            partition,
                            comparison: FaceComparison { cosine, score: calibration.score(cosine) },
                        }
                    })
                    .collect()
            })
            .collect())
    }
}

/// Keeps the first `top_k` items in `order` (best first), sorted.
fn keep_top<T>(items: &mut Vec<T>, top_k: usize, order: impl Fn(&T, &T) -> std::cmp::Ordering) {
    if top_k == 0 {
        items.clear();
        return;
    }
    if items.len() > top_k {
        items.select_nth_unstable_by(top_k - 1, &order);
        items.truncate(top_k);
    }
    items.sort_by(&order);
}
