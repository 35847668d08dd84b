//! The dot product at the heart of the face scan, one pair at a time ([`dot`]) and for a block
//! of gallery rows against a batch of probes ([`scores_f32`]).
//!
//! A plain `iter().zip().map().sum()` is a serial chain of dependent additions (the compiler
//! may not reassociate float sums) and measured 3.5× slower on this project's machines. Here 16
//! independent accumulators let the compiler use full SIMD registers; on x86-64 the same loop
//! is also compiled for AVX2+FMA and chosen at run time when the CPU has them; the block
//! kernel has an AVX-512 path too ([`kernel_avx512`](super::kernel_avx512)).

use super::isa::Isa;
use super::lanes::dot_lanes;

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn dot_avx2(a: &[f32], b: &[f32]) -> f32 {
    dot_lanes(a, b)
}

/// The dot product of `a` and `b` over their common length.
///
/// The result does not depend on the CPU path taken beyond floating-point contraction
/// (`mul_add` is used on every path, so it does not either).
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
            // SAFETY: the CPU supports AVX2 and FMA, checked just above.
            return unsafe { dot_avx2(a, b) };
        }
    }
    dot_lanes(a, b)
}

/// Scores of every row of `rows` (row-major, `dimension` values each) against every probe of
/// `probes` (the same layout), written to `out[row * probe_count + probe]`, on the `isa` path
/// (the portable one when this CPU cannot run it). Each score equals `dot(probe, row)` bit for
/// bit on every path: the exact scan and the re-scoring of a compact scan agree.
pub(crate) fn scores_f32(isa: Isa, rows: &[f32], probes: &[f32], dimension: usize, out: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if isa.detected() {
        match isa {
            // SAFETY: the CPU supports AVX-512F/BW, AVX2, FMA and F16C (`isa.detected()`).
            Isa::Avx512 | Isa::Avx512Vnni => {
                return unsafe { super::kernel_avx512::scores(rows, probes, dimension, out) };
            }
            // SAFETY: the CPU supports AVX2 and FMA (`isa.detected()`).
            Isa::Avx2 | Isa::AvxVnni => return unsafe { avx2::scores(rows, probes, dimension, out) },
            Isa::Portable => {}
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = isa;
    let probe_count = probes.len() / dimension.max(1);
    for (r, row) in rows.chunks_exact(dimension.max(1)).enumerate() {
        for (p, probe) in probes.chunks_exact(dimension.max(1)).enumerate() {
            out[r * probe_count + p] = dot_lanes(probe, row);
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    use super::super::kernel_avx512::PREFETCH_BYTES;
    use super::super::lanes::{LANES, reduce_lanes};

    /// Register blocking: two rows × two probes per pass keeps 8 accumulators busy (enough to
    /// hide the FMA latency) with 4 row and 4 probe loads per 8 FMAs, so batches are bound by
    /// arithmetic, not by loads; a single probe streams two rows at a time.
    #[target_feature(enable = "avx2,fma")]
    pub(super) fn scores(rows: &[f32], probes: &[f32], d: usize, out: &mut [f32]) {
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
    #[target_feature(enable = "avx2,fma")]
    #[allow(clippy::too_many_arguments)]
    fn block<const R: usize, const P: usize>(
        rows: &[f32],
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
        // Rows prefetched ahead of the reading, as on the AVX-512 path.
        let ahead = PREFETCH_BYTES.max(R * d * 4);
        let mut acc = [[[_mm256_setzero_ps(); 2]; P]; R];
        let mut i = 0;
        while i < full {
            for (r, acc_r) in acc.iter_mut().enumerate() {
                let x = row(r);
                // A hint: never faults; `wrapping_add` makes no reference.
                _mm_prefetch::<_MM_HINT_T0>(x.as_ptr().wrapping_add(i).cast::<i8>().wrapping_add(ahead));
                // SAFETY: i + 16 ≤ full ≤ d = x.len() = probe(p).len().
                let (x0, x1) =
                    unsafe { (_mm256_loadu_ps(x.as_ptr().add(i)), _mm256_loadu_ps(x.as_ptr().add(i + 8))) };
                for (p, acc_rp) in acc_r.iter_mut().enumerate() {
                    let y = probe(p);
                    // SAFETY: as above.
                    let (y0, y1) = unsafe {
                        (_mm256_loadu_ps(y.as_ptr().add(i)), _mm256_loadu_ps(y.as_ptr().add(i + 8)))
                    };
                    acc_rp[0] = _mm256_fmadd_ps(y0, x0, acc_rp[0]);
                    acc_rp[1] = _mm256_fmadd_ps(y1, x1, acc_rp[1]);
                }
            }
            i += LANES;
        }
        for (r, acc_r) in acc.iter().enumerate() {
            for (p, acc_rp) in acc_r.iter().enumerate() {
                let mut lanes = [0.0f32; LANES];
                // SAFETY: `lanes` holds 16 floats.
                unsafe {
                    _mm256_storeu_ps(lanes.as_mut_ptr(), acc_rp[0]);
                    _mm256_storeu_ps(lanes.as_mut_ptr().add(8), acc_rp[1]);
                }
                out[(r0 + r) * np + p0 + p] = reduce_lanes(lanes, &probe(p)[full..], &row(r)[full..]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::isa::Kernels;
    use super::*;

    #[test]
    fn matches_a_double_precision_reference() {
        for n in [0usize, 1, 7, 16, 17, 128, 513] {
            let a: Vec<f32> = (0..n).map(|i| ((i * 37 % 101) as f32 - 50.0) / 61.0).collect();
            let b: Vec<f32> = (0..n).map(|i| ((i * 53 % 97) as f32 - 48.0) / 45.0).collect();
            let reference: f64 = a.iter().zip(&b).map(|(x, y)| f64::from(*x) * f64::from(*y)).sum();
            assert!((f64::from(dot(&a, &b)) - reference).abs() < 1e-4, "n = {n}");
            assert_eq!(dot(&a, &b), dot_lanes(&a, &b), "n = {n}");
        }
    }

    #[test]
    fn block_scores_equal_the_pairwise_dot_bit_for_bit_on_every_path() {
        let shapes = [(512usize, 5usize, 3usize), (17, 3, 1), (8, 1, 4), (33, 4, 5), (48, 9, 9), (512, 8, 1)];
        for (isa, (d, nr, np)) in Kernels::F32_PATHS.into_iter().flat_map(|isa| shapes.map(|s| (isa, s))) {
            if !isa.detected() {
                eprintln!("f32 path {isa:?} not available on this CPU: skipped");
                continue;
            }
            let rows: Vec<f32> = (0..nr * d).map(|i| ((i * 37 % 101) as f32 - 50.0) / 613.0).collect();
            let probes: Vec<f32> = (0..np * d).map(|i| ((i * 53 % 97) as f32 - 48.0) / 451.0).collect();
            let mut out = vec![f32::NAN; nr * np];
            scores_f32(isa, &rows, &probes, d, &mut out);
            for r in 0..nr {
                for p in 0..np {
                    let expected = dot(&probes[p * d..(p + 1) * d], &rows[r * d..(r + 1) * d]);
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
