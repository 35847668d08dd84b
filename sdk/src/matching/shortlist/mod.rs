//! The detection shortlist: which stored records deserve a full biometric comparison with a
//! record just written, found without comparing it with every template.
//!
//! Multiple-identity detection compares every record written with the whole gallery. An
//! exhaustive 1:N costs a full comparison per template, which at a million records is seconds
//! per registration. The shortlist finds the records worth comparing through two indexes,
//! then the caller compares only those in full, on the same score scale as the exhaustive
//! search, so a shortlisted record is decided exactly as before:
//!
//! - fingerprints: an inverted index of minutia triplets per finger position
//!   ([`triplets`]); the records whose fingers share the most triangles with the probe's;
//! - faces: 256-bit sign codes per algorithm ([`face_codes`]); the records whose codes are
//!   nearest the probe's.
//!
//! What the shortlist can miss is a mate that shares few triangles (a small or much distorted
//! overlap) or a face sample far from its others: `jha-interop bench mid` measures its recall
//! against the exhaustive search in the same run.

mod face_codes;
mod triplets;

use std::collections::HashMap;
use std::hash::Hash;

use crate::matching::fingerprint::FingerprintTemplate;
use crate::model::FingerPosition;

use face_codes::{CodeTable, Projections};
use triplets::{TripletIndex, Votes, probe_lookups};

/// The face codes of one algorithm.
#[derive(Debug)]
struct FaceCodes {
    projections: Projections,
    table: CodeTable,
    row_of: HashMap<u32, usize>,
}

/// What the shortlist indexes of one record: its fingers and its face.
#[derive(Debug, Clone, Copy, Default)]
pub struct Biometrics<'a> {
    /// Fingers with their prepared gallery templates.
    pub fingers: &'a [(FingerPosition, &'a FingerprintTemplate)],
    /// The face: its algorithm and (normalised) vector.
    pub face: Option<(&'a str, &'a [f32])>,
}

/// The shortlist's indexes over the records of a gallery (see the module documentation).
#[derive(Debug)]
pub struct DetectionIndex<R> {
    records: Vec<Option<R>>,
    slot_of: HashMap<R, u32>,
    free: Vec<u32>,
    fingers: HashMap<FingerPosition, TripletIndex>,
    faces: HashMap<String, FaceCodes>,
    votes: Votes,
}

impl<R> Default for DetectionIndex<R> {
    fn default() -> Self {
        DetectionIndex {
            records: Vec::new(),
            slot_of: HashMap::new(),
            free: Vec::new(),
            fingers: HashMap::new(),
            faces: HashMap::new(),
            votes: Votes::default(),
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

    /// Indexes `record` (which must not be indexed already: remove it first).
    pub fn insert(&mut self, record: R, biometrics: Biometrics<'_>) {
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
        for (position, template) in biometrics.fingers {
            self.fingers.entry(*position).or_default().insert(slot, template);
        }
        if let Some((algorithm, vector)) = biometrics.face {
            let codes = self.faces.entry(algorithm.to_string()).or_insert_with(|| FaceCodes {
                projections: Projections::new(vector.len()),
                table: CodeTable::default(),
                row_of: HashMap::new(),
            });
            let row = codes.table.push(slot, codes.projections.code(vector));
            codes.row_of.insert(slot, row);
        }
    }

    /// Removes `record`, given the biometrics it was indexed with.
    pub fn remove(&mut self, record: &R, biometrics: Biometrics<'_>) {
        let Some(slot) = self.slot_of.remove(record) else { return };
        for (position, template) in biometrics.fingers {
            if let Some(index) = self.fingers.get_mut(position) {
                index.remove(slot, template);
            }
        }
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

    /// The records worth a full comparison with `probe`: the `per_modality` records with the
    /// most triplet votes over the probe's fingers, and the `per_modality` nearest face codes
    /// (ties at either cut kept). `probe` itself is included when indexed.
    pub fn candidates(&mut self, probe: Biometrics<'_>, per_modality: usize) -> Vec<R> {
        let mut slots: Vec<u32> = Vec::new();
        for (position, template) in probe.fingers {
            if let Some(index) = self.fingers.get(position) {
                index.vote(&probe_lookups(template), &mut self.votes);
            }
        }
        let mut voted = self.votes.drain();
        if voted.len() > per_modality && per_modality > 0 {
            voted.select_nth_unstable_by(per_modality - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let cut = voted[per_modality - 1].1;
            voted.retain(|&(_, v)| v >= cut);
        }
        slots.extend(voted.iter().map(|&(slot, _)| slot));
        if let Some((algorithm, vector)) = probe.face
            && let Some(codes) = self.faces.get(algorithm)
        {
            let code = codes.projections.code(vector);
            slots.extend(codes.table.nearest(&code, per_modality).into_iter().map(|(slot, _)| slot));
        }
        slots.sort_unstable();
        slots.dedup();
        slots.into_iter().filter_map(|slot| self.records.get(slot as usize).cloned().flatten()).collect()
    }

    /// Bytes the indexes hold beyond the records' own keys: four per triplet posting, 32 per
    /// face code plus its slot.
    pub fn index_bytes(&self) -> usize {
        let postings: usize = self.fingers.values().map(TripletIndex::postings).sum();
        let faces: usize = self.faces.values().map(|c| c.table.len()).sum();
        postings * 4 + faces * (face_codes::BITS / 8 + 4)
    }
}

#[cfg(all(test, feature = "synthetic"))]
mod tests {
    use super::*;
    use crate::model::FaceAlgorithm;
    use crate::synthetic::Rng;
    use crate::synthetic::face::FaceIdentity;
    use crate::synthetic::fingerprint::{ImpressionParams, impression};

    fn finger(person: u64, n: u64) -> FingerprintTemplate {
        FingerprintTemplate::new(&impression(3, person, n, &ImpressionParams::EASY)).expect("enough minutiae")
    }

    #[test]
    fn a_record_is_found_by_either_modality_and_forgotten_when_removed() {
        let position = FingerPosition::new(1).expect("a valid position");
        let algorithm = FaceAlgorithm::new("test/synthetic@1").expect("a valid id");
        let mut rng = Rng::new(5);
        let faces: Vec<FaceIdentity> = (0..400).map(|_| FaceIdentity::random(64, &mut rng)).collect();
        let face = |p: usize, rng: &mut Rng| faces[p].sample(&algorithm, 0.8, rng).expect("valid dimension");
        let mut index = DetectionIndex::default();
        let stored: Vec<(FingerprintTemplate, Vec<f32>)> =
            (0..400).map(|p| (finger(p as u64, 0), face(p, &mut rng).vector().to_vec())).collect();
        for (p, (template, vector)) in stored.iter().enumerate() {
            let fingers = [(position, template)];
            index.insert(p, Biometrics { fingers: &fingers, face: Some((algorithm.as_str(), vector)) });
        }
        let by_finger = finger(17, 1);
        let fingers = [(position, &by_finger)];
        assert!(index.candidates(Biometrics { fingers: &fingers, face: None }, 5).contains(&17));
        let by_face = face(23, &mut rng);
        let probe = Biometrics { fingers: &[], face: Some((algorithm.as_str(), by_face.vector())) };
        assert!(index.candidates(probe, 5).contains(&23));

        let (template, vector) = &stored[17];
        let fingers17 = [(position, template)];
        index.remove(&17, Biometrics { fingers: &fingers17, face: Some((algorithm.as_str(), vector)) });
        assert_eq!(index.len(), 399);
        assert!(!index.candidates(Biometrics { fingers: &fingers, face: None }, 400).contains(&17));
    }
}
