//! The in-memory face gallery: one contiguous matrix of unit vectors per (partition, algorithm),
//! scanned exactly on all cores.
//!
//! Searches take a read lock for the length of the scan (1 M × 512-d takes about 65 ms per core
//! on this project's machines), enrolment and removal a write lock: they are safe to call
//! concurrently and wait for running scans. Removal (BMS-06) swaps the last row into the freed
//! one, so storage stays contiguous.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::RwLock;

use rayon::prelude::*;

use super::{FaceCalibration, FaceComparison, FaceError, compare, dot};
use crate::model::{FaceAlgorithm, FaceTemplate};

/// Rows per parallel task: large enough to amortise scheduling, small enough to balance.
const ROWS_PER_TASK: usize = 4096;

#[derive(Debug)]
struct Segment<R> {
    dimension: usize,
    vectors: Vec<f32>,
    records: Vec<R>,
    row_of: HashMap<R, usize>,
}

impl<R: Clone + Eq + Hash> Segment<R> {
    fn new(dimension: usize) -> Self {
        Segment { dimension, vectors: Vec::new(), records: Vec::new(), row_of: HashMap::new() }
    }

    fn upsert(&mut self, record: R, vector: &[f32]) {
        if let Some(&row) = self.row_of.get(&record) {
            self.vectors[row * self.dimension..(row + 1) * self.dimension].copy_from_slice(vector);
            return;
        }
        self.row_of.insert(record.clone(), self.records.len());
        self.records.push(record);
        self.vectors.extend_from_slice(vector);
    }

    fn remove(&mut self, record: &R) -> bool {
        let Some(row) = self.row_of.remove(record) else { return false };
        let last = self.records.len() - 1;
        if row != last {
            let d = self.dimension;
            self.vectors.copy_within(last * d..(last + 1) * d, row * d);
            self.records.swap(row, last);
            self.row_of.insert(self.records[row].clone(), row);
        }
        self.records.pop();
        self.vectors.truncate(last * self.dimension);
        true
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
    segments: RwLock<HashMap<(P, FaceAlgorithm), Segment<R>>>,
    calibrations: RwLock<HashMap<FaceAlgorithm, FaceCalibration>>,
}

impl<R, P> Default for FaceGallery<R, P> {
    fn default() -> Self {
        FaceGallery { segments: RwLock::new(HashMap::new()), calibrations: RwLock::new(HashMap::new()) }
    }
}

impl<R, P> FaceGallery<R, P>
where
    R: Clone + Eq + Hash + Ord + Send + Sync,
    P: Copy + Eq + Hash + Ord + Send + Sync,
{
    /// An empty gallery.
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
            .or_insert_with(|| Segment::new(template.vector().len()));
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

    /// Erases every template of `record` (BMS-06); returns how many were removed.
    pub fn remove(&self, record: &R) -> usize {
        let mut segments = self.segments.write().unwrap_or_else(|e| e.into_inner());
        segments.values_mut().map(|s| s.remove(record)).filter(|&removed| removed).count()
    }

    /// Number of stored templates.
    pub fn len(&self) -> usize {
        self.segments.read().unwrap_or_else(|e| e.into_inner()).values().map(|s| s.records.len()).sum()
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
            && let Some(&row) = segment.row_of.get(record)
        {
            let d = segment.dimension;
            let reference = FaceTemplate::new(
                probe.algorithm().clone(),
                segment.vectors[row * d..(row + 1) * d].to_vec(),
            )
            .map_err(|_| FaceError::DimensionMismatch {
                algorithm: probe.algorithm().clone(),
                expected: d,
                found: probe.vector().len(),
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
        let segments = self.segments.read().unwrap_or_else(|e| e.into_inner());
        let d = probe.vector().len();
        let calibration = self.calibration(probe.algorithm(), d);
        let mut allowed = partitions.to_vec();
        allowed.sort();
        allowed.dedup();
        let mut best: Vec<(f32, R, P)> = Vec::new();
        for partition in allowed {
            let Some(segment) = segments.get(&(partition, probe.algorithm().clone())) else { continue };
            if segment.dimension != d {
                return Err(FaceError::DimensionMismatch {
                    algorithm: probe.algorithm().clone(),
                    expected: segment.dimension,
                    found: d,
                });
            }
            let found: Vec<(f32, usize)> = segment
                .vectors
                .par_chunks(ROWS_PER_TASK * d)
                .enumerate()
                .flat_map_iter(|(task, block)| {
                    let mut local: Vec<(f32, usize)> = block
                        .chunks_exact(d)
                        .enumerate()
                        .map(|(k, row)| (dot(probe.vector(), row), task * ROWS_PER_TASK + k))
                        .collect();
                    keep_top(&mut local, top_k, |a, b| {
                        b.0.total_cmp(&a.0).then_with(|| segment.records[a.1].cmp(&segment.records[b.1]))
                    });
                    local
                })
                .collect();
            best.extend(found.into_iter().map(|(c, row)| (c, segment.records[row].clone(), partition)));
            keep_top(&mut best, top_k, |a, b| {
                b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)).then_with(|| a.2.cmp(&b.2))
            });
        }
        Ok(best
            .into_iter()
            .map(|(cosine, record, partition)| {
                let cosine = cosine.clamp(-1.0, 1.0);
                FaceCandidate {
                    record,
                    partition,
                    comparison: FaceComparison { cosine, score: calibration.score(cosine) },
                }
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
