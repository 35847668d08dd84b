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

/// The rows nearest a probe found by one pass over a slice of codes: every row at most `cut`
/// from the probe, `cut` being the smallest distance at which `count` rows of the slice are.
#[derive(Debug)]
struct Nearest {
    /// `(row, distance)`; may also hold rows beyond `cut`, kept before the cut came down.
    rows: Vec<(u32, u16)>,
    cut: u16,
}

impl Nearest {
    /// Nothing scanned yet: no row, and every distance still within the cut.
    fn empty() -> Nearest {
        Nearest { rows: Vec::new(), cut: BITS as u16 }
    }

    /// The rows of `a` and `b` (scans of disjoint slices) nearest the probe, as one scan of both.
    fn union(mut a: Nearest, b: Nearest, count: usize) -> Nearest {
        a.rows.extend(b.rows);
        let cut = a.cut.max(b.cut);
        a.rows.retain(|&(_, d)| d <= cut);
        let mut histogram = [0usize; BITS + 1];
        for &(_, d) in &a.rows {
            histogram[usize::from(d)] += 1;
        }
        a.cut = cut_of(&histogram, count);
        a
    }
}

/// The smallest distance at which `count` rows of `histogram` are (all of them when fewer).
fn cut_of(histogram: &[usize; BITS + 1], count: usize) -> u16 {
    let mut taken = 0;
    for (d, &n) in histogram.iter().enumerate() {
        taken += n;
        if taken >= count {
            return d as u16;
        }
    }
    BITS as u16
}

/// Scans `codes` (rows numbered from `first`) for the rows nearest `probe`. The scan is most of
/// a detection's time at a million faces: one pass, reading each code once and keeping a row
/// only while it can still be among the nearest, so that the cut comes down to the tail of the
/// distances within the first few thousand rows and almost nothing is kept after. Without
/// POPCNT (not in the x86-64 baseline the crate is compiled for) `count_ones` is a dozen
/// instructions instead of one, so the CPU's is used when it has one.
fn scan(probe: &Code, codes: &[Code], first: u32, count: usize) -> Nearest {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("popcnt") {
        // SAFETY: the CPU has POPCNT, checked just above.
        return unsafe { scan_popcnt(probe, codes, first, count) };
    }
    scan_portable(probe, codes, first, count)
}

/// [`scan_portable`] compiled with POPCNT.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
fn scan_popcnt(probe: &Code, codes: &[Code], first: u32, count: usize) -> Nearest {
    scan_portable(probe, codes, first, count)
}

#[inline(always)]
fn scan_portable(probe: &Code, codes: &[Code], first: u32, count: usize) -> Nearest {
    let mut nearest = Nearest::empty();
    // The rows kept at each distance, and how many are at most `cut`.
    let mut histogram = [0usize; BITS + 1];
    let mut within_cut = 0usize;
    for (row, code) in (first..).zip(codes) {
        let d = distance(probe, code) as u16;
        if d > nearest.cut {
            continue;
        }
        nearest.rows.push((row, d));
        histogram[usize::from(d)] += 1;
        within_cut += 1;
        while nearest.cut > 0 && within_cut - histogram[usize::from(nearest.cut)] >= count {
            within_cut -= histogram[usize::from(nearest.cut)];
            nearest.cut -= 1;
        }
        if nearest.rows.len() >= 4 * count + 1024 {
            let cut = nearest.cut;
            nearest.rows.retain(|&(_, d)| d <= cut);
        }
    }
    nearest
}

/// Codes per task of a parallel scan: large enough that a task's cost dwarfs handing it out.
const ROWS_PER_TASK: usize = 1 << 17;

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
    /// first. A large table is scanned in slices on all cores of the current rayon pool.
    pub fn nearest(&self, probe: &Code, count: usize) -> Vec<(R, u32)>
    where
        R: Send + Sync,
    {
        if count == 0 {
            return Vec::new();
        }
        let found = if self.codes.len() <= ROWS_PER_TASK {
            scan(probe, &self.codes, 0, count)
        } else {
            use rayon::prelude::*;
            self.codes
                .par_chunks(ROWS_PER_TASK)
                .enumerate()
                .map(|(task, codes)| scan(probe, codes, (task * ROWS_PER_TASK) as u32, count))
                .reduce(Nearest::empty, |a, b| Nearest::union(a, b, count))
        };
        let cut = found.cut;
        let mut out: Vec<(R, u32)> = found
            .rows
            .into_iter()
            .filter(|&(_, d)| d <= cut)
            .map(|(row, d)| (self.records[row as usize].clone(), u32::from(d)))
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

    /// The rows at most `cut` from the probe, sorted.
    fn rows_within(found: &Nearest) -> Vec<(u32, u16)> {
        let mut rows: Vec<(u32, u16)> = found.rows.iter().copied().filter(|&(_, d)| d <= found.cut).collect();
        rows.sort_unstable();
        rows
    }

    /// The one-pass scan, its POPCNT build and the union of scans of two slices keep exactly
    /// the rows a sort of every distance keeps: those at most the `count`-th smallest distance.
    #[test]
    fn the_scan_keeps_exactly_the_nearest_rows() {
        let mut state = 7u64;
        // Codes near the probe in the middle and at the end, so the cut comes down late too.
        let probe: Code = std::array::from_fn(|_| next_u64(&mut state));
        let codes: Vec<Code> = (0..20_000)
            .map(|i| {
                let mut code: Code = std::array::from_fn(|_| next_u64(&mut state));
                if i % 997 == 0 {
                    code = probe;
                    code[0] ^= next_u64(&mut state) & 0xFF;
                }
                code
            })
            .collect();
        for count in [1, 16, 300, 30_000] {
            let mut all: Vec<(u32, u16)> =
                codes.iter().enumerate().map(|(row, c)| (row as u32, distance(&probe, c) as u16)).collect();
            let mut by_distance: Vec<u16> = all.iter().map(|&(_, d)| d).collect();
            by_distance.sort_unstable();
            let cut = by_distance.get(count - 1).copied().unwrap_or(BITS as u16);
            all.retain(|&(_, d)| d <= cut);
            let whole = scan(&probe, &codes, 0, count);
            assert_eq!(whole.cut, cut, "count {count}");
            assert_eq!(rows_within(&whole), all, "count {count}");
            assert_eq!(rows_within(&scan_portable(&probe, &codes, 0, count)), all, "count {count}");
            let (left, right) = codes.split_at(7_000);
            let union =
                Nearest::union(scan(&probe, left, 0, count), scan(&probe, right, 7_000, count), count);
            assert_eq!(union.cut, cut, "count {count}");
            assert_eq!(rows_within(&union), all, "count {count}");
        }
    }

    /// A table larger than one task is scanned in parallel slices with the same result.
    #[test]
    fn a_parallel_scan_finds_what_one_pass_finds() {
        let mut state = 11u64;
        let mut table = CodeTable::default();
        for row in 0..(2 * ROWS_PER_TASK + 5) as u32 {
            table.push(row, std::array::from_fn(|_| next_u64(&mut state)));
        }
        let probe = table.codes[ROWS_PER_TASK + 3];
        let single = scan(&probe, &table.codes, 0, 20);
        let mut expected: Vec<(u32, u32)> =
            rows_within(&single).into_iter().map(|(r, d)| (r, u32::from(d))).collect();
        expected.sort_unstable_by_key(|&(r, d)| (d, r));
        assert_eq!(table.nearest(&probe, 20), expected);
        assert_eq!(expected[0], (ROWS_PER_TASK as u32 + 3, 0));
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
