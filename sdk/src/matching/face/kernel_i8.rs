//! Integer dot products of i8 gallery rows against probes quantised the same way (held as i16,
//! the operand width of `vpmaddwd`). The sums are exact integers, so every path gives the same
//! result; with dimensions up to 4096 (the model's limit) a sum stays below 127² · 4096 < 2³¹.

/// Integer dot products of every row of `rows` (`dimension` each) against every probe of
/// `probes`, written to `out[row * probe_count + probe]`.
pub(crate) fn scores_i8(rows: &[i8], probes: &[i16], dimension: usize, out: &mut [i32]) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2, checked just above.
            return unsafe { avx2::scores(rows, probes, dimension, out) };
        }
    }
    let d = dimension.max(1);
    let probe_count = probes.len() / d;
    for (r, row) in rows.chunks_exact(d).enumerate() {
        for (p, probe) in probes.chunks_exact(d).enumerate() {
            out[r * probe_count + p] =
                row.iter().zip(probe).map(|(&x, &y)| i32::from(x) * i32::from(y)).sum();
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    /// Values per step: 16 bytes of a row widened to 16 lanes of i16.
    const STEP: usize = 16;

    /// Two rows × four probes per pass: 8 accumulators; a row step is widened once and
    /// multiplied with four probes (`vpmaddwd` sums adjacent products into i32 lanes).
    #[target_feature(enable = "avx2")]
    pub(super) fn scores(rows: &[i8], probes: &[i16], d: usize, out: &mut [i32]) {
        let d = d.max(1);
        let (nr, np) = (rows.len() / d, probes.len() / d);
        let mut r = 0;
        while r < nr {
            // A single probe streams four rows at a time (more loads in flight); batches take
            // two rows × four probes.
            let rs = if np < 4 && r + 4 <= nr {
                4
            } else if r + 2 <= nr {
                2
            } else {
                1
            };
            let mut p = 0;
            while p < np {
                let ps = if p + 4 <= np { 4 } else { 1 };
                match (rs, ps) {
                    (4, _) => block::<4, 1>(rows, probes, d, r, p, np, out),
                    (2, 4) => block::<2, 4>(rows, probes, d, r, p, np, out),
                    (2, _) => block::<2, 1>(rows, probes, d, r, p, np, out),
                    (_, 4) => block::<1, 4>(rows, probes, d, r, p, np, out),
                    _ => block::<1, 1>(rows, probes, d, r, p, np, out),
                }
                p += ps;
            }
            r += rs;
        }
    }

    #[inline]
    #[target_feature(enable = "avx2")]
    #[allow(clippy::too_many_arguments)]
    fn block<const R: usize, const P: usize>(
        rows: &[i8],
        probes: &[i16],
        d: usize,
        r0: usize,
        p0: usize,
        np: usize,
        out: &mut [i32],
    ) {
        let full = d / STEP * STEP;
        let row = |r: usize| &rows[(r0 + r) * d..(r0 + r + 1) * d];
        let probe = |p: usize| &probes[(p0 + p) * d..(p0 + p + 1) * d];
        // Slices checked once here, so the inner loop has no bounds checks.
        let row_ptr: [*const i8; R] = std::array::from_fn(|r| row(r).as_ptr());
        let probe_ptr: [*const i16; P] = std::array::from_fn(|p| probe(p).as_ptr());
        let mut acc = [[_mm256_setzero_si256(); P]; R];
        let mut i = 0;
        while i < full {
            let y: [__m256i; P] = std::array::from_fn(|p| {
                // SAFETY: i + 16 ≤ full ≤ d, the probe's length: 16 i16 are 256 bits.
                unsafe { _mm256_loadu_si256(probe_ptr[p].add(i).cast()) }
            });
            for (r, acc_r) in acc.iter_mut().enumerate() {
                // SAFETY: i + 16 ≤ full ≤ d, the row's length: 16 bytes.
                let x = unsafe { _mm256_cvtepi8_epi16(_mm_loadu_si128(row_ptr[r].add(i).cast())) };
                for (acc_rp, &y) in acc_r.iter_mut().zip(&y) {
                    *acc_rp = _mm256_add_epi32(*acc_rp, _mm256_madd_epi16(x, y));
                }
            }
            i += STEP;
        }
        for (r, acc_r) in acc.iter().enumerate() {
            for (p, acc_rp) in acc_r.iter().enumerate() {
                let mut lanes = [0i32; 8];
                // SAFETY: `lanes` holds 8 i32.
                unsafe { _mm256_storeu_si256(lanes.as_mut_ptr().cast(), *acc_rp) };
                let tail: i32 = row(r)[full..]
                    .iter()
                    .zip(&probe(p)[full..])
                    .map(|(&x, &y)| i32::from(x) * i32::from(y))
                    .sum();
                out[(r0 + r) * np + p0 + p] = lanes.iter().sum::<i32>() + tail;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_the_exact_integer_dot_products() {
        for (d, nr, np) in [(512usize, 5usize, 9usize), (17, 3, 1), (8, 1, 4), (4096, 2, 5)] {
            let rows: Vec<i8> = (0..nr * d).map(|i| ((i * 37 % 255) as i32 - 127) as i8).collect();
            let probes: Vec<i16> = (0..np * d).map(|i| (i * 53 % 255) as i16 - 127).collect();
            let mut out = vec![i32::MIN; nr * np];
            scores_i8(&rows, &probes, d, &mut out);
            for r in 0..nr {
                for p in 0..np {
                    let expected: i64 =
                        (0..d).map(|k| i64::from(rows[r * d + k]) * i64::from(probes[p * d + k])).sum();
                    assert_eq!(i64::from(out[r * np + p]), expected, "d {d} row {r} probe {p}");
                }
            }
        }
    }
}
