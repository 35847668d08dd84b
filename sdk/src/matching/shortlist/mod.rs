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
struct FaceCodes<R> {
    projections: Projections,
    table: CodeTable<R>,
}

/// The shortlist's index over the faces of a gallery (see the module documentation).
#[derive(Debug)]
pub struct DetectionIndex<R> {
    faces: HashMap<String, FaceCodes<R>>,
    /// Each record's algorithm and row.
    row_of: HashMap<R, (String, usize)>,
}

impl<R> Default for DetectionIndex<R> {
    fn default() -> Self {
        DetectionIndex { faces: HashMap::new(), row_of: HashMap::new() }
    }
}

impl<R: Clone + Eq + Hash + Ord + Send + Sync> DetectionIndex<R> {
    /// Records indexed.
    pub fn len(&self) -> usize {
        self.row_of.len()
    }

    /// Whether no record is indexed.
    pub fn is_empty(&self) -> bool {
        self.row_of.is_empty()
    }

    /// Indexes `record` with its face of `algorithm`, replacing what it was indexed with.
    pub fn insert(&mut self, record: R, algorithm: &str, face: &[f32]) {
        self.remove(&record);
        let codes = self.faces.entry(algorithm.to_string()).or_insert_with(|| FaceCodes {
            projections: Projections::new(face.len()),
            table: CodeTable::default(),
        });
        let row = codes.table.push(record.clone(), codes.projections.code(face));
        self.row_of.insert(record, (algorithm.to_string(), row));
    }

    /// Removes `record` (nothing when it is not indexed).
    pub fn remove(&mut self, record: &R) {
        let Some((algorithm, row)) = self.row_of.remove(record) else { return };
        let Some(codes) = self.faces.get_mut(&algorithm) else { return };
        if let Some(moved) = codes.table.remove_row(row).cloned() {
            self.row_of.insert(moved, (algorithm, row));
        }
    }

    /// The `count` records whose face codes of `algorithm` are nearest that of `face` (ties at
    /// the cut kept), nearest first; the probe's own record among them when it is indexed.
    pub fn candidates(&self, algorithm: &str, face: &[f32], count: usize) -> Vec<R> {
        let Some(codes) = self.faces.get(algorithm) else { return Vec::new() };
        let code = codes.projections.code(face);
        codes.table.nearest(&code, count).into_iter().map(|(record, _)| record).collect()
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
