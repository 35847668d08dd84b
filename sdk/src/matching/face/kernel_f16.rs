//! Scores of binary16 gallery rows against f32 probes. Rows are decoded exactly to f32 (F16C on
//! x86-64, 16 at a time with AVX-512 in [`kernel_avx512`](super::kernel_avx512), [`from_f16`]
//! elsewhere) and accumulated in the lanes and order of
//! [`dot`](super::dot), so a score equals `dot(probe, decoded row)` bit for bit on every path.

use super::f16::from_f16;
use super::isa::Isa;
use super::lanes::{LANES, dot_lanes};

/// Scores of every row of `rows` (binary16, `dimension` each) against every probe of `probes`,
/// written to `out[row * probe_count + probe]`, on the `isa` path (the portable one when this
/// CPU cannot run it).
pub(crate) fn scores_f16(isa: Isa, rows: &[u16], probes: &[f32], dimension: usize, out: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if isa.detected() {
        match isa {
            // SAFETY: the CPU supports AVX-512F/BW, AVX2, FMA and F16C (`isa.detected()`).
            Isa::Avx512 | Isa::Avx512Vnni => {
                return unsafe { super::kernel_avx512::scores(rows, probes, dimension, out) };
            }
            // SAFETY: the CPU supports AVX2, FMA and F16C (`isa.detected()`).
            Isa::Avx2 | Isa::AvxVnni => return unsafe { avx2::scores(rows, probes, dimension, out) },
            Isa::Portable => {}
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = isa;
    let d = dimension.max(1);
    let probe_count = probes.len() / d;
    let mut decoded = vec![0.0f32; d];
    for (r, row) in rows.chunks_exact(d).enumerate() {
        for (x, &h) in decoded.iter_mut().zip(row) {
            *x = from_f16(h);
        }
        for (p, probe) in probes.chunks_exact(d).enumerate() {
            out[r * probe_count + p] = dot_lanes(probe, &decoded);
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    use super::super::kernel_avx512::PREFETCH_BYTES;
    use super::super::lanes::reduce_lanes;
    use super::{LANES, from_f16};

    /// As the f32 kernel: two rows × two probes per pass; each row block is decoded once per
    /// probe pair (the conversion is one instruction per 8 values).
    #[target_feature(enable = "avx2,fma,f16c")]
    pub(super) fn scores(rows: &[u16], probes: &[f32], d: usize, out: &mut [f32]) {
        let d = d.max(1);
        let (nr, np) = (rows.len() / d, probes.len() / d);
        let mut r = 0;
        while r < nr {
            let rs = if r + 2 <= nr { 2 } else { 1 };
            let mut p = 0;
            while p < np {
                let ps = if p + 2 <= np { 2 } else { 1 };
                match (rs, ps) {
                    (2, 2) => block::<2, 2>(rows, probes, d, r, p, np, out),
                    (2, _) => block::<2, 1>(rows, probes, d, r, p, np, out),
                    (_, 2) => block::<1, 2>(rows, probes, d, r, p, np, out),
                    _ => block::<1, 1>(rows, probes, d, r, p, np, out),
                }
                p += ps;
            }
            r += rs;
        }
    }

    #[inline]
    #[target_feature(enable = "avx2,fma,f16c")]
    #[allow(clippy::too_many_arguments)]
    fn block<const R: usize, const P: usize>(
        rows: &[u16],
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
        let row_ptr: [*const u16; R] = std::array::from_fn(|r| row(r).as_ptr());
        let probe_ptr: [*const f32; P] = std::array::from_fn(|p| probe(p).as_ptr());
        // Rows prefetched ahead of the reading, as on the AVX-512 path.
        let ahead = PREFETCH_BYTES.max(R * d * 2);
        let mut acc = [[[_mm256_setzero_ps(); 2]; P]; R];
        let mut i = 0;
        while i < full {
            for (r, acc_r) in acc.iter_mut().enumerate() {
                // A hint: never faults; `wrapping_add` makes no reference.
                _mm_prefetch::<_MM_HINT_T0>(row_ptr[r].wrapping_add(i).cast::<i8>().wrapping_add(ahead));
                // SAFETY: i + 16 ≤ full ≤ d, the row's length; 8 halves are 128 bits.
                let (x0, x1) = unsafe {
                    (
                        _mm256_cvtph_ps(_mm_loadu_si128(row_ptr[r].add(i).cast())),
                        _mm256_cvtph_ps(_mm_loadu_si128(row_ptr[r].add(i + 8).cast())),
                    )
                };
                for (acc_rp, y) in acc_r.iter_mut().zip(&probe_ptr) {
                    // SAFETY: i + 16 ≤ d, the probe's length.
                    let (y0, y1) = unsafe { (_mm256_loadu_ps(y.add(i)), _mm256_loadu_ps(y.add(i + 8))) };
                    acc_rp[0] = _mm256_fmadd_ps(y0, x0, acc_rp[0]);
                    acc_rp[1] = _mm256_fmadd_ps(y1, x1, acc_rp[1]);
                }
            }
            i += LANES;
        }
        for (r, acc_r) in acc.iter().enumerate() {
            let tail: Vec<f32> = row(r)[full..].iter().map(|&h| from_f16(h)).collect();
            for (p, acc_rp) in acc_r.iter().enumerate() {
                let mut lanes = [0.0f32; LANES];
                // SAFETY: `lanes` holds 16 floats.
                unsafe {
                    _mm256_storeu_ps(lanes.as_mut_ptr(), acc_rp[0]);
                    _mm256_storeu_ps(lanes.as_mut_ptr().add(8), acc_rp[1]);
                }
                out[(r0 + r) * np + p0 + p] = reduce_lanes(lanes, &probe(p)[full..], &tail);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::dot;
    use super::super::f16::to_f16;
    use super::super::isa::Kernels;
    use super::*;

    #[test]
    fn scores_equal_the_dot_of_the_decoded_rows_on_every_path() {
        let shapes = [(512usize, 5usize, 3usize), (17, 3, 1), (8, 1, 4), (40, 4, 5), (48, 9, 9), (512, 8, 1)];
        for (isa, (d, nr, np)) in Kernels::F16_PATHS.into_iter().flat_map(|isa| shapes.map(|s| (isa, s))) {
            if !isa.detected() {
                eprintln!("f16 path {isa:?} not available on this CPU: skipped");
                continue;
            }
            let rows: Vec<u16> =
                (0..nr * d).map(|i| to_f16(((i * 37 % 101) as f32 - 50.0) / 613.0)).collect();
            let probes: Vec<f32> = (0..np * d).map(|i| ((i * 53 % 97) as f32 - 48.0) / 451.0).collect();
            let mut out = vec![f32::NAN; nr * np];
            scores_f16(isa, &rows, &probes, d, &mut out);
            for r in 0..nr {
                let decoded: Vec<f32> = rows[r * d..(r + 1) * d].iter().map(|&h| from_f16(h)).collect();
                for p in 0..np {
                    let expected = dot(&probes[p * d..(p + 1) * d], &decoded);
                    assert_eq!(
                        out[r * np + p].to_bits(),
                        expected.to_bits(),
                        "{isa:?} d {d} row {r} probe {p}"
                    );
                }
            }
        }
    }
}
