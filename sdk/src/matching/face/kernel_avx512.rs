//! The AVX-512 path of the float kernels (f32 rows and binary16 rows against f32 probes).
//!
//! One 512-bit accumulator per (row, probe) holds exactly the sixteen lanes of
//! [`dot`](super::dot) (lane k sums the products of the values at k, k + 16, …, each by one
//! fused multiply-add), and the lanes are reduced by the same [`reduce_lanes`], so the scores
//! equal the other paths' bit for bit. Binary16 rows are decoded 16 at a time (`vcvtph2ps`,
//! exact). A single probe streams eight rows at a time (eight independent FMA chains); batches
//! take four rows × four probes (16 accumulators), each decoded row block shared by four probes.
//! Rows are prefetched [`PREFETCH_BYTES`] ahead.

use std::arch::x86_64::*;

use super::f16::from_f16;
use super::lanes::{LANES, reduce_lanes};

/// Rows per tile for a single probe: eight independent FMA chains.
const SINGLE: usize = 8;

/// The least distance, in bytes, at which rows are prefetched ahead of the reading (the i8
/// kernels use it too).
pub(super) const PREFETCH_BYTES: usize = 8192;

/// A row element type the kernel reads sixteen at a time.
pub(super) trait Element: Copy {
    /// Sixteen values from `ptr`, as f32 (exactly).
    ///
    /// # Safety
    /// Sixteen elements must be readable at `ptr`, and the CPU must support AVX-512F (the
    /// caller is compiled for it).
    unsafe fn load16(ptr: *const Self) -> __m512;
    /// One value as f32 (exactly).
    fn to_f32(self) -> f32;
}

impl Element for f32 {
    #[inline(always)]
    unsafe fn load16(ptr: *const Self) -> __m512 {
        // SAFETY: the caller's contract.
        unsafe { _mm512_loadu_ps(ptr) }
    }
    #[inline(always)]
    fn to_f32(self) -> f32 {
        self
    }
}

impl Element for u16 {
    #[inline(always)]
    unsafe fn load16(ptr: *const Self) -> __m512 {
        // SAFETY: the caller's contract: 16 halves are 256 bits.
        unsafe { _mm512_cvtph_ps(_mm256_loadu_si256(ptr.cast())) }
    }
    #[inline(always)]
    fn to_f32(self) -> f32 {
        from_f16(self)
    }
}

/// Scores of every row of `rows` (`d` values each) against every probe of `probes`, written
/// to `out[row * probe_count + probe]`.
#[target_feature(enable = "avx512f,avx512bw,avx2,fma,f16c")]
pub(super) fn scores<E: Element>(rows: &[E], probes: &[f32], d: usize, out: &mut [f32]) {
    let d = d.max(1);
    let (nr, np) = (rows.len() / d, probes.len() / d);
    let mut r = 0;
    while r < nr {
        let rs = if np >= 4 && r + 4 <= nr {
            4
        } else if np < 4 && r + SINGLE <= nr {
            SINGLE
        } else {
            1
        };
        let mut p = 0;
        while p < np {
            let ps = if p + 4 <= np { 4 } else { 1 };
            match (rs, ps) {
                (4, 4) => block::<E, 4, 4>(rows, probes, d, r, p, np, out),
                (SINGLE, 1) => block::<E, SINGLE, 1>(rows, probes, d, r, p, np, out),
                (4, _) => block::<E, 4, 1>(rows, probes, d, r, p, np, out),
                (_, 4) => block::<E, 1, 4>(rows, probes, d, r, p, np, out),
                _ => block::<E, 1, 1>(rows, probes, d, r, p, np, out),
            }
            p += ps;
        }
        r += rs;
    }
}

#[inline]
#[target_feature(enable = "avx512f,avx512bw,avx2,fma,f16c")]
#[allow(clippy::too_many_arguments)]
fn block<E: Element, const R: usize, const P: usize>(
    rows: &[E],
    probes: &[f32],
    d: usize,
    r0: usize,
    p0: usize,
    np: usize,
    out: &mut [f32],
) {
    let full = d / LANES * LANES;
    let row = |r: usize| &rows[(r0 + r) * d..(r0 + r + 1) * d];
    let probe = |p: usize| &probes[(p0 + p) * d..(p0 + p + 1) * d];
    // Slices checked once here, so the inner loop has no bounds checks.
    let mut row_ptr = [std::ptr::null::<E>(); R];
    for (r, ptr) in row_ptr.iter_mut().enumerate() {
        *ptr = row(r).as_ptr();
    }
    let mut probe_ptr = [std::ptr::null::<f32>(); P];
    for (p, ptr) in probe_ptr.iter_mut().enumerate() {
        *ptr = probe(p).as_ptr();
    }
    // Each row is prefetched `ahead` bytes beyond the value being read: the rows of a later
    // tile, at least PREFETCH_BYTES on (the hardware prefetcher alone leaves one core short
    // of its bandwidth; measured by `bench face`).
    let ahead = PREFETCH_BYTES.max(R * d * std::mem::size_of::<E>());
    let mut acc = [[_mm512_setzero_ps(); P]; R];
    let mut i = 0;
    while i < full {
        let mut y = [_mm512_setzero_ps(); P];
        for (y, ptr) in y.iter_mut().zip(&probe_ptr) {
            // SAFETY: i + 16 ≤ full ≤ d, the probe's length.
            *y = unsafe { _mm512_loadu_ps(ptr.add(i)) };
        }
        for (acc_r, ptr) in acc.iter_mut().zip(&row_ptr) {
            // A prefetch is a hint: it never faults, and `wrapping_add` makes no reference.
            _mm_prefetch::<_MM_HINT_T0>(ptr.wrapping_add(i).cast::<i8>().wrapping_add(ahead));
            // SAFETY: i + 16 ≤ full ≤ d, the row's length; this function runs with AVX-512F.
            let x = unsafe { E::load16(ptr.add(i)) };
            for (acc_rp, &y) in acc_r.iter_mut().zip(&y) {
                *acc_rp = _mm512_fmadd_ps(y, x, *acc_rp);
            }
        }
        i += LANES;
    }
    for (r, acc_r) in acc.iter().enumerate() {
        let mut tail = [0.0f32; LANES];
        for (t, &e) in tail.iter_mut().zip(&row(r)[full..]) {
            *t = e.to_f32();
        }
        for (p, &acc_rp) in acc_r.iter().enumerate() {
            let mut lanes = [0.0f32; LANES];
            // SAFETY: `lanes` holds 16 floats.
            unsafe { _mm512_storeu_ps(lanes.as_mut_ptr(), acc_rp) };
            out[(r0 + r) * np + p0 + p] = reduce_lanes(lanes, &probe(p)[full..], &tail[..d - full]);
        }
    }
}
