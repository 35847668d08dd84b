//! Sign codes of face embeddings: the face side of the detection shortlist.
//!
//! A face vector is projected on [`BITS`] fixed random directions and keeps the sign of each
//! projection (random-hyperplane hashing): two vectors at angle θ differ in each bit with
//! probability θ/π, so the Hamming distance between codes estimates the angle. Two samples of
//! one person (cosine about 0.7, θ ≈ 46°) differ in about 65 of 256 bits, unrelated faces
//! (θ ≈ 90°) in 128 ± 8, so the nearest codes of a million hold a person's other samples
//! while a scan reads 32 bytes per face instead of the vector.

/// Bits per code.
pub(crate) const BITS: usize = 256;
const WORDS: usize = BITS / 64;

/// One face's code.
pub(crate) type Code = [u64; WORDS];

/// The fixed projections of one embedding dimension.
#[derive(Debug, Clone)]
pub(crate) struct Projections {
    dimension: usize,
    /// `BITS` rows of `dimension` values.
    rows: Vec<f32>,
}

impl Projections {
    /// The projections for `dimension`: Gaussian directions from a fixed seed, so that codes
    /// are the same in every run and process.
    pub fn new(dimension: usize) -> Self {
        let mut state = 0x5147_4E43_4F44_4553 ^ dimension as u64;
        let rows = (0..BITS * dimension).map(|_| normal(&mut state)).collect();
        Projections { dimension, rows }
    }

    /// The code of `vector` (of this dimension; other lengths give the code of the common part).
    pub fn code(&self, vector: &[f32]) -> Code {
        let mut code = [0u64; WORDS];
        for (bit, row) in self.rows.chunks_exact(self.dimension).enumerate() {
            let projection: f32 = row.iter().zip(vector).map(|(a, b)| a * b).sum();
            if projection >= 0.0 {
                code[bit / 64] |= 1 << (bit % 64);
            }
        }
        code
    }
}

/// SplitMix64: a fixed, dependency-free stream for the projections.
fn next_u64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A standard normal value (Box–Muller).
fn normal(state: &mut u64) -> f32 {
    let unit = |s: &mut u64| ((next_u64(s) >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
    let (u, v) = (unit(state), unit(state));
    ((-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()) as f32
}

/// Hamming distance between two codes.
#[inline]
pub(crate) fn distance(a: &Code, b: &Code) -> u32 {
    a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum()
}

/// The distance of each of `codes` to `probe`. The scan is most of a detection's time at a
/// million faces, and without POPCNT (not in the x86-64 baseline the crate is compiled for)
/// `count_ones` is a dozen instructions instead of one, so the CPU's is used when it has one.
fn distances(probe: &Code, codes: &[Code]) -> Vec<u16> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("popcnt") {
        // SAFETY: the CPU has POPCNT, checked just above.
        return unsafe { distances_popcnt(probe, codes) };
    }
    distances_portable(probe, codes)
}

fn distances_portable(probe: &Code, codes: &[Code]) -> Vec<u16> {
    codes.iter().map(|c| distance(probe, c) as u16).collect()
}

/// [`distances_portable`] compiled with POPCNT.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
fn distances_popcnt(probe: &Code, codes: &[Code]) -> Vec<u16> {
    codes.iter().map(|c| distance(probe, c) as u16).collect()
}

/// The codes of a gallery in one contiguous array, with the record of each row.
#[derive(Debug)]
pub(crate) struct CodeTable<R> {
    codes: Vec<Code>,
    records: Vec<R>,
}

impl<R> Default for CodeTable<R> {
    fn default() -> Self {
        CodeTable { codes: Vec::new(), records: Vec::new() }
    }
}

impl<R: Clone + Ord> CodeTable<R> {
    /// Adds the code of `record`; returns its row (for [`CodeTable::remove_row`]).
    pub fn push(&mut self, record: R, code: Code) -> usize {
        self.codes.push(code);
        self.records.push(record);
        self.codes.len() - 1
    }

    /// Removes row `row`, moving the last row into it; returns the record now at `row`, if any.
    pub fn remove_row(&mut self, row: usize) -> Option<&R> {
        if row >= self.codes.len() {
            return None;
        }
        self.codes.swap_remove(row);
        self.records.swap_remove(row);
        self.records.get(row)
    }

    /// The `count` records whose codes are nearest `probe` (ties at the cut all kept), nearest
    /// first. One pass computes every distance; a histogram of the distances gives the cut.
    pub fn nearest(&self, probe: &Code, count: usize) -> Vec<(R, u32)> {
        if count == 0 {
            return Vec::new();
        }
        let distances = distances(probe, &self.codes);
        let mut histogram = [0usize; BITS + 1];
        for &d in &distances {
            histogram[usize::from(d)] += 1;
        }
        let mut cut = BITS;
        let mut taken = 0;
        for (d, &n) in histogram.iter().enumerate() {
            taken += n;
            if taken >= count {
                cut = d;
                break;
            }
        }
        let mut out: Vec<(R, u32)> = distances
            .iter()
            .zip(&self.records)
            .filter(|&(&d, _)| usize::from(d) <= cut)
            .map(|(&d, record)| (record.clone(), u32::from(d)))
            .collect();
        out.sort_unstable_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
        out
    }
}

#[cfg(all(test, feature = "synthetic"))]
mod tests {
    use super::*;
    use crate::model::FaceAlgorithm;
    use crate::synthetic::Rng;
    use crate::synthetic::face::FaceIdentity;

    #[test]
    fn the_popcnt_scan_gives_the_portable_distances() {
        let mut state = 7u64;
        let codes: Vec<Code> = (0..1000).map(|_| std::array::from_fn(|_| next_u64(&mut state))).collect();
        let probe = codes[3];
        let portable = distances_portable(&probe, &codes);
        assert_eq!(distances(&probe, &codes), portable);
        assert_eq!(portable[3], 0);
        assert!(portable.iter().all(|&d| usize::from(d) <= BITS));
    }

    #[test]
    fn a_second_sample_is_among_the_nearest_codes() {
        let mut rng = Rng::new(11);
        let projections = Projections::new(128);
        let people: Vec<FaceIdentity> = (0..2000).map(|_| FaceIdentity::random(128, &mut rng)).collect();
        let algorithm = FaceAlgorithm::new("synthetic").expect("a valid algorithm id");
        let sample = |p: &FaceIdentity, rng: &mut Rng| {
            let template = p.sample(&algorithm, 0.85, rng).expect("dimension 128 is accepted");
            projections.code(template.vector())
        };
        let mut table = CodeTable::default();
        for (slot, p) in people.iter().enumerate() {
            table.push(slot as u32, sample(p, &mut rng));
        }
        for (slot, p) in people.iter().enumerate().take(200) {
            let near = table.nearest(&sample(p, &mut rng), 10);
            assert!(
                near.iter().any(|&(s, _)| s == slot as u32),
                "person {slot} not among its 10 nearest codes"
            );
        }
    }

    #[test]
    fn projections_are_the_same_in_every_run() {
        let a = Projections::new(16).code(&[0.5; 16]);
        let b = Projections::new(16).code(&[0.5; 16]);
        assert_eq!(a, b);
        assert_ne!(a, Projections::new(16).code(&[-0.5; 16]));
    }

    #[test]
    fn removal_moves_the_last_row_in() {
        let mut table = CodeTable::default();
        table.push(5, [1; WORDS]);
        table.push(6, [2; WORDS]);
        table.push(7, [3; WORDS]);
        assert_eq!(table.remove_row(0), Some(&7));
        assert_eq!(table.nearest(&[0; WORDS], 10).len(), 2);
        assert_eq!(table.nearest(&[3; WORDS], 1)[0], (7, 0));
        assert_eq!(table.remove_row(1), None);
    }
}
