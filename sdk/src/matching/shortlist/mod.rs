//! The detection shortlist: which stored records deserve a full biometric comparison with a
//! record just written, found without comparing it with every template.
//!
//! Multiple-identity detection compares every record written with the whole gallery. An
//! exhaustive 1:N costs a full comparison per template, which at a million records is seconds
//! per registration. The shortlist keeps a 256-bit sign code of every face (random-hyperplane
//! hashing) and returns the records whose codes are nearest the probe's; the caller compares
//! only those, in full and on the same score scale as the exhaustive search, so a shortlisted
//! record is decided exactly as before.
//!
//! What it can miss: a mate whose face sample lies far from its others, a mate that has no face
//! (the caller searches a record without a face exhaustively, but a record with a face does not
//! find a faceless mate through the shortlist), and the false matches that an exhaustive search
//! finds at the threshold among unrelated faces. `jha-interop bench mid` measures what it finds
//! against an exhaustive identification of the same biometrics.
//!
//! A fingerprint side was tried and dropped: an inverted index of minutia triplets (a minutia
//! and its two nearest neighbours, quantised lengths and relative directions) ranked a second
//! impression first for nearly every finger on easy captures but for under a third on captures
//! with 20 % of minutiae missed and 10 px of distortion, and its posting lists grow with the
//! gallery (a third of a registration's time at 8,000 records).

mod face_codes;

use std::collections::HashMap;
use std::hash::Hash;

use face_codes::{CodeTable, Projections};

/// The face codes of one algorithm.
#[derive(Debug)]
struct FaceCodes {
    projections: Projections,
    table: CodeTable,
    row_of: HashMap<u32, usize>,
}

/// The shortlist's indexes over the records of a gallery (see the module documentation).
#[derive(Debug)]
pub struct DetectionIndex<R> {
    records: Vec<Option<R>>,
    slot_of: HashMap<R, u32>,
    free: Vec<u32>,
    faces: HashMap<String, FaceCodes>,
}

impl<R> Default for DetectionIndex<R> {
    fn default() -> Self {
        DetectionIndex {
            records: Vec::new(),
            slot_of: HashMap::new(),
            free: Vec::new(),
            faces: HashMap::new(),
        }
    }
}

impl<R: Clone + Eq + Hash> DetectionIndex<R> {
    /// Records indexed.
    pub fn len(&self) -> usize {
        self.slot_of.len()
    }

    /// Whether no record is indexed.
    pub fn is_empty(&self) -> bool {
        self.slot_of.is_empty()
    }

    /// Indexes `record` with its face of `algorithm` (which must not be indexed already:
    /// remove it first).
    pub fn insert(&mut self, record: R, algorithm: &str, face: &[f32]) {
        let slot = match self.free.pop() {
            Some(slot) => {
                self.records[slot as usize] = Some(record.clone());
                slot
            }
            None => {
                self.records.push(Some(record.clone()));
                (self.records.len() - 1) as u32
            }
        };
        self.slot_of.insert(record, slot);
        let codes = self.faces.entry(algorithm.to_string()).or_insert_with(|| FaceCodes {
            projections: Projections::new(face.len()),
            table: CodeTable::default(),
            row_of: HashMap::new(),
        });
        let row = codes.table.push(slot, codes.projections.code(face));
        codes.row_of.insert(slot, row);
    }

    /// Removes `record` (nothing when it is not indexed).
    pub fn remove(&mut self, record: &R) {
        let Some(slot) = self.slot_of.remove(record) else { return };
        for codes in self.faces.values_mut() {
            if let Some(row) = codes.row_of.remove(&slot)
                && let Some(moved) = codes.table.remove_row(row)
            {
                codes.row_of.insert(moved, row);
            }
        }
        self.records[slot as usize] = None;
        self.free.push(slot);
    }

    /// The `count` records whose face codes of `algorithm` are nearest that of `face` (ties at
    /// the cut kept), nearest first; the probe's own record among them when it is indexed.
    pub fn candidates(&self, algorithm: &str, face: &[f32], count: usize) -> Vec<R> {
        let Some(codes) = self.faces.get(algorithm) else { return Vec::new() };
        let code = codes.projections.code(face);
        codes
            .table
            .nearest(&code, count)
            .into_iter()
            .filter_map(|(slot, _)| self.records.get(slot as usize).cloned().flatten())
            .collect()
    }

    /// Bytes of the codes and their slots (36 per face).
    pub fn index_bytes(&self) -> usize {
        self.faces.values().map(|c| c.table.len()).sum::<usize>() * (face_codes::BITS / 8 + 4)
    }
}

#[cfg(all(test, feature = "synthetic"))]
mod tests {
    use super::*;
    use crate::model::FaceAlgorithm;
    use crate::synthetic::Rng;
    use crate::synthetic::face::FaceIdentity;

    #[test]
    fn a_record_is_found_by_its_face_and_forgotten_when_removed() {
        let algorithm = FaceAlgorithm::new("test/synthetic@1").expect("a valid id");
        let mut rng = Rng::new(5);
        let faces: Vec<FaceIdentity> = (0..400).map(|_| FaceIdentity::random(64, &mut rng)).collect();
        let face = |p: usize, rng: &mut Rng| faces[p].sample(&algorithm, 0.8, rng).expect("valid dimension");
        let mut index = DetectionIndex::default();
        for p in 0..400 {
            index.insert(p, algorithm.as_str(), face(p, &mut rng).vector());
        }
        let probe = face(23, &mut rng);
        assert!(index.candidates(algorithm.as_str(), probe.vector(), 5).contains(&23));
        assert!(index.candidates("another/algorithm@1", probe.vector(), 5).is_empty());

        index.remove(&23);
        index.remove(&23);
        assert_eq!(index.len(), 399);
        assert!(!index.candidates(algorithm.as_str(), probe.vector(), 400).contains(&23));
        // The row moved into the removed one is still found.
        let last = face(399, &mut rng);
        assert!(index.candidates(algorithm.as_str(), last.vector(), 5).contains(&399));
    }
}
