//! How a gallery holds its vectors for the scan: f32, binary16, or i8 with a scale per vector,
//! and the i8 scan re-ranked exactly in f32. One contiguous matrix per segment, rows in order.

use super::f16::{from_f16, to_f16};
use super::kernel_i8::{code_of, offset_code};

/// The element type a [`FaceGallery`](super::FaceGallery) scans. A 1:N scan reads the whole
/// segment once per pass, so the bytes per value set its speed (it is bound by memory
/// bandwidth); `jha-interop bench face` measures each against the exact f32 scan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FaceStorage {
    /// 4 bytes per value; the exact scores.
    #[default]
    F32,
    /// 2 bytes per value (IEEE binary16); scores within about 10⁻⁴ of f32, rankings can differ
    /// between impostors whose cosines are that close.
    F16,
    /// 1 byte per value with one f32 scale per vector (largest |value| → 127); cosine errors of
    /// a few 10⁻⁴, rankings can differ between close impostors.
    I8,
    /// The i8 scan plus the f32 vectors: every row whose i8 score, widened by its proven error
    /// bound, could reach the top k is re-scored in f32, so the result is exactly the f32
    /// scan's, at the i8 scan's reading cost (and the memory of both).
    I8Reranked,
}

impl FaceStorage {
    /// Every storage type, in the order the benchmark reports them.
    pub const ALL: [FaceStorage; 4] =
        [FaceStorage::F32, FaceStorage::F16, FaceStorage::I8, FaceStorage::I8Reranked];

    /// Its name in reports: `f32`, `f16`, `i8`, `i8+f32`.
    pub fn name(self) -> &'static str {
        match self {
            FaceStorage::F32 => "f32",
            FaceStorage::F16 => "f16",
            FaceStorage::I8 => "i8",
            FaceStorage::I8Reranked => "i8+f32",
        }
    }

    /// Bytes a scan reads per stored vector of `dimension` values.
    pub fn scanned_bytes(self, dimension: usize) -> usize {
        match self {
            FaceStorage::F32 => 4 * dimension,
            FaceStorage::F16 => 2 * dimension,
            FaceStorage::I8 | FaceStorage::I8Reranked => dimension + std::mem::size_of::<Quantised>(),
        }
    }

    /// Bytes held per stored vector of `dimension` values.
    pub fn stored_bytes(self, dimension: usize) -> usize {
        match self {
            FaceStorage::I8Reranked => 4 * dimension + self.scanned_bytes(dimension),
            other => other.scanned_bytes(dimension),
        }
    }

    /// Whether the scan's results are exactly those of the f32 scan by construction.
    pub fn is_exact(self) -> bool {
        matches!(self, FaceStorage::F32 | FaceStorage::I8Reranked)
    }
}

/// What an i8 row (or probe) needs besides its codes: `value ≈ scale · code`, and for the error
/// bound the norm of the residual `‖v − scale · code‖` and of the decoded vector.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Quantised {
    pub scale: f32,
    pub residual: f32,
    pub norm: f32,
}

/// Quantises `vector` into `codes` with a per-vector scale: a fixed ×127 would waste most of
/// the range (unit-vector components of a 512-d embedding are within about ±0.15).
pub(crate) fn quantise(vector: &[f32], codes: &mut [i8]) -> Quantised {
    quantise_each(vector, |k, code| codes[k] = code)
}

/// As [`quantise`], into the stored form of a gallery row (each code offset by 128, as the i8
/// kernels read it).
pub(crate) fn quantise_stored(vector: &[f32], stored: &mut [u8]) -> Quantised {
    quantise_each(vector, |k, code| stored[k] = offset_code(code))
}

/// Quantises `vector`, handing each value's code to `put` with its index.
fn quantise_each(vector: &[f32], mut put: impl FnMut(usize, i8)) -> Quantised {
    let largest = vector.iter().fold(0.0f32, |m, v| m.max(v.abs()));
    let scale = if largest > 0.0 { largest / 127.0 } else { 1.0 };
    let (mut residual, mut norm) = (0.0f64, 0.0f64);
    for (k, &v) in vector.iter().enumerate() {
        let code = (v / scale).round().clamp(-127.0, 127.0) as i8;
        put(k, code);
        let decoded = f64::from(scale) * f64::from(code);
        residual += (f64::from(v) - decoded).powi(2);
        norm += decoded * decoded;
    }
    // Rounded up so that the bound built on them stays a bound.
    Quantised {
        scale,
        residual: (residual.sqrt() * (1.0 + 1e-6)) as f32,
        norm: (norm.sqrt() * (1.0 + 1e-6)) as f32,
    }
}

/// One segment's vectors in the layout of its storage type.
#[derive(Debug, Clone)]
pub(crate) struct Matrix {
    pub storage: FaceStorage,
    pub dimension: usize,
    pub rows: usize,
    /// F32 and I8Reranked.
    pub full: Vec<f32>,
    /// F16.
    pub half: Vec<u16>,
    /// I8 and I8Reranked: each value's i8 code offset by 128 (see
    /// [`kernel_i8`](super::kernel_i8)).
    pub codes: Vec<u8>,
    pub quantised: Vec<Quantised>,
}

impl Matrix {
    pub fn new(storage: FaceStorage, dimension: usize) -> Self {
        Matrix {
            storage,
            dimension,
            rows: 0,
            full: Vec::new(),
            half: Vec::new(),
            codes: Vec::new(),
            quantised: Vec::new(),
        }
    }

    fn keeps_full(&self) -> bool {
        matches!(self.storage, FaceStorage::F32 | FaceStorage::I8Reranked)
    }

    fn keeps_codes(&self) -> bool {
        matches!(self.storage, FaceStorage::I8 | FaceStorage::I8Reranked)
    }

    /// Reserves room for `additional` more rows.
    pub fn reserve(&mut self, additional: usize) {
        let d = self.dimension;
        if self.keeps_full() {
            self.full.reserve_exact(additional * d);
        }
        if self.storage == FaceStorage::F16 {
            self.half.reserve_exact(additional * d);
        }
        if self.keeps_codes() {
            self.codes.reserve_exact(additional * d);
            self.quantised.reserve_exact(additional);
        }
    }

    /// Appends `vector` (of `dimension` values) as the last row.
    pub fn push(&mut self, vector: &[f32]) {
        let d = self.dimension;
        if self.keeps_full() {
            self.full.extend_from_slice(vector);
        }
        if self.storage == FaceStorage::F16 {
            self.half.extend(vector.iter().map(|&v| to_f16(v)));
        }
        if self.keeps_codes() {
            self.codes.resize(self.codes.len() + d, 0);
            let start = self.codes.len() - d;
            let q = quantise_stored(vector, &mut self.codes[start..]);
            self.quantised.push(q);
        }
        self.rows += 1;
    }

    /// Overwrites row `row` with `vector`.
    pub fn set(&mut self, row: usize, vector: &[f32]) {
        let d = self.dimension;
        let range = row * d..(row + 1) * d;
        if self.keeps_full() {
            self.full[range.clone()].copy_from_slice(vector);
        }
        if self.storage == FaceStorage::F16 {
            for (h, &v) in self.half[range.clone()].iter_mut().zip(vector) {
                *h = to_f16(v);
            }
        }
        if self.keeps_codes() {
            self.quantised[row] = quantise_stored(vector, &mut self.codes[range]);
        }
    }

    /// Moves the last row into `row` and drops the last row, keeping storage contiguous.
    pub fn swap_remove(&mut self, row: usize) {
        let d = self.dimension;
        let last = self.rows - 1;
        if row != last {
            if !self.full.is_empty() {
                self.full.copy_within(last * d..(last + 1) * d, row * d);
            }
            if !self.half.is_empty() {
                self.half.copy_within(last * d..(last + 1) * d, row * d);
            }
            if !self.codes.is_empty() {
                self.codes.copy_within(last * d..(last + 1) * d, row * d);
                self.quantised[row] = self.quantised[last];
            }
        }
        self.full.truncate(self.full.len().min(last * d));
        self.half.truncate(self.half.len().min(last * d));
        self.codes.truncate(self.codes.len().min(last * d));
        self.quantised.truncate(self.quantised.len().min(last));
        self.rows = last;
    }

    /// Row `row` as the scan sees it (decoded from the compact type when there is no f32 copy).
    pub fn decoded(&self, row: usize) -> Vec<f32> {
        let d = self.dimension;
        let range = row * d..(row + 1) * d;
        match self.storage {
            FaceStorage::F32 | FaceStorage::I8Reranked => self.full[range].to_vec(),
            FaceStorage::F16 => self.half[range].iter().map(|&h| from_f16(h)).collect(),
            FaceStorage::I8 => {
                let scale = self.quantised[row].scale;
                self.codes[range].iter().map(|&c| scale * f32::from(code_of(c))).collect()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_survive_push_set_and_swap_remove_in_every_storage() {
        let d = 24;
        let vector =
            |k: usize| -> Vec<f32> { (0..d).map(|i| ((i * 7 + k * 13) % 17) as f32 / 17.0 - 0.5).collect() };
        for storage in FaceStorage::ALL {
            let mut m = Matrix::new(storage, d);
            for k in 0..4 {
                m.push(&vector(k));
            }
            m.set(1, &vector(9));
            m.swap_remove(0);
            assert_eq!(m.rows, 3);
            for (row, k) in [(0usize, 3usize), (1, 9), (2, 2)] {
                let got = m.decoded(row);
                let tolerance = if storage.is_exact() { 0.0 } else { 0.01 };
                for (a, b) in got.iter().zip(vector(k)) {
                    assert!((a - b).abs() <= tolerance, "{} row {row}: {a} vs {b}", storage.name());
                }
            }
        }
    }

    #[test]
    fn quantisation_records_its_residual_and_norm() {
        let v: Vec<f32> = (0..64).map(|i| ((i * 29 % 31) as f32 - 15.0) / 40.0).collect();
        let mut codes = vec![0i8; 64];
        let q = quantise(&v, &mut codes);
        assert_eq!(codes.iter().map(|c| c.unsigned_abs()).max(), Some(127));
        let residual = v
            .iter()
            .zip(&codes)
            .map(|(&x, &c)| (f64::from(x) - f64::from(q.scale) * f64::from(c)).powi(2))
            .sum::<f64>()
            .sqrt();
        let recorded = f64::from(q.residual);
        assert!(residual <= recorded && recorded < residual * 1.001 + 1e-7, "{residual} vs {recorded}");
        assert!(q.residual > 0.0 && q.residual < 0.01);
    }
}
