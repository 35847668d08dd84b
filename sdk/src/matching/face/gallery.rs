//! The face gallery: one contiguous block of embeddings per partition and algorithm.

use std::collections::HashMap;
use std::hash::Hash;

use super::{FaceCalibration, FaceError, cosine};
use crate::matching::score::Score;
use crate::model::{FaceAlgorithm, FaceTemplate};

/// A candidate of a face identification.
#[derive(Debug, Clone, PartialEq)]
pub struct FaceCandidate<R, P> {
    /// The record.
    pub record: R,
    /// Its partition.
    pub partition: P,
    /// The calibrated score.
    pub score: Score,
}

/// Embeddings of one algorithm in one partition, stored row after row so the scan streams
/// through memory.
#[derive(Debug, Default)]
struct Block<R> {
    dimension: usize,
    vectors: Vec<f32>,
    records: Vec<R>,
}

/// Face templates keyed by record `R`, partitioned by `P` (for the sBMS, the source system)
/// and by algorithm; one template per record.
#[derive(Debug)]
pub struct FaceGallery<R, P> {
    blocks: HashMap<(P, FaceAlgorithm), Block<R>>,
    location: HashMap<R, (P, FaceAlgorithm)>,
}

impl<R, P> Default for FaceGallery<R, P> {
    fn default() -> Self {
        FaceGallery { blocks: HashMap::new(), location: HashMap::new() }
    }
}

impl<R: Clone + Eq + Hash + Ord, P: Copy + Eq + Hash> FaceGallery<R, P> {
    /// An empty gallery.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores `template` as `record`'s face in `partition`, replacing its previous one.
    ///
    /// # Errors
    /// [`FaceError::DimensionMismatch`] when the algorithm's block holds another dimension.
    pub fn enrol(&mut self, partition: P, record: R, template: &FaceTemplate) -> Result<(), FaceError> {
        self.remove(&record);
        let key = (partition, template.algorithm().clone());
        let block = self.blocks.entry(key.clone()).or_insert_with(|| Block {
            dimension: template.vector().len(),
            vectors: Vec::new(),
            records: Vec::new(),
        });
        if block.dimension != template.vector().len() {
            return Err(FaceError::DimensionMismatch {
                algorithm: template.algorithm().clone(),
                probe: template.vector().len(),
                gallery: block.dimension,
            });
        }
        block.vectors.extend_from_slice(template.vector());
        block.records.push(record.clone());
        self.location.insert(record, key);
        Ok(())
    }

    /// Removes `record`'s face; returns whether it had one.
    pub fn remove(&mut self, record: &R) -> bool {
        let Some(key) = self.location.remove(record) else { return false };
        let Some(block) = self.blocks.get_mut(&key) else { return false };
        let Some(i) = block.records.iter().position(|r| r == record) else { return false };
        let d = block.dimension;
        let last = block.records.len() - 1;
        block.records.swap_remove(i);
        if i != last {
            block.vectors.copy_within(last * d..(last + 1) * d, i * d);
        }
        block.vectors.truncate(last * d);
        true
    }

    /// Number of stored faces.
    pub fn len(&self) -> usize {
        self.location.len()
    }

    /// Whether no face is stored.
    pub fn is_empty(&self) -> bool {
        self.location.is_empty()
    }

    /// The `top_k` best records of `partitions` for `probe`, by calibrated score (ties by
    /// record). Only templates of the probe's algorithm are scanned (BMS-09).
    pub fn identify(
        &self,
        probe: &FaceTemplate,
        partitions: &[P],
        calibration: &FaceCalibration,
        top_k: usize,
    ) -> Vec<FaceCandidate<R, P>> {
        let d = probe.vector().len();
        let mut out: Vec<FaceCandidate<R, P>> = Vec::new();
        for partition in partitions {
            let Some(block) = self.blocks.get(&(*partition, probe.algorithm().clone())) else { continue };
            if block.dimension != d {
                continue;
            }
            for (row, record) in block.vectors.chunks_exact(d).zip(&block.records) {
                let score = calibration.score(cosine(probe.vector(), row), d);
                out.push(FaceCandidate { record: record.clone(), partition: *partition, score });
            }
        }
        out.sort_by(|a, b| b.score.value().total_cmp(&a.score.value()).then_with(|| a.record.cmp(&b.record)));
        out.truncate(top_k);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(algorithm: &str, seed: u32, d: usize) -> FaceTemplate {
        let v: Vec<f32> = (0..d)
            .map(|i| ((i as u32).wrapping_mul(2_654_435_761) ^ seed.wrapping_mul(40_503)) as f32)
            .map(f32::sin)
            .collect();
        FaceTemplate::new(FaceAlgorithm::new(algorithm).unwrap(), v).unwrap()
    }

    #[test]
    fn identifies_within_partitions_and_algorithm_and_forgets_removed() {
        let mut g: FaceGallery<u32, u8> = FaceGallery::new();
        for r in 0..20 {
            g.enrol((r % 2) as u8, r, &template("a/face@1", r, 64)).unwrap();
        }
        g.enrol(0, 100, &template("b/face@1", 4, 64)).unwrap();
        let probe = template("a/face@1", 4, 64);
        let found = g.identify(&probe, &[0], &FaceCalibration::NormalTail, 3);
        assert_eq!(found[0].record, 4);
        assert!(found.iter().all(|c| c.partition == 0 && c.record != 100));
        assert!(g.identify(&probe, &[1], &FaceCalibration::NormalTail, 3).iter().all(|c| c.record % 2 == 1));
        assert!(g.remove(&4));
        assert_ne!(g.identify(&probe, &[0], &FaceCalibration::NormalTail, 1)[0].record, 4);
        assert_eq!(g.len(), 20);
        assert!(g.enrol(0, 7, &template("a/face@1", 7, 32)).is_err(), "one dimension per algorithm");
    }
}
