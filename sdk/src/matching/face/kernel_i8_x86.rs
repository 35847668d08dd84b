//! The x86-64 paths of the i8 kernel ([`scores_i8`](super::kernel_i8::scores_i8)): each writes
//! `Σ u·q` (stored row bytes `u` times probe codes `q`, exact in i32) for every row and probe.
//!
//! * AVX-512 VNNI: `vpdpbusd` multiplies 64 bytes with 64 codes and adds groups of four into
//!   the 16 i32 lanes of an accumulator: one instruction per 64 values, so one core keeps up
//!   with its memory; the tail is read with a masked load (zeros add nothing).
//! * AVX-VNNI: the same on 32 bytes, for CPUs without AVX-512.
//! * AVX2: bytes widened to i16 and multiplied by `vpmaddwd` (four instructions per 16 values).
//!
//! Register blocking: a single probe streams four rows at a time (four independent chains);
//! batches take four (AVX-512) or two rows × four probes, each row load shared by four probes.
//! Rows are prefetched ahead as in the float kernels.

use std::arch::x86_64::*;

use super::i8_probes::I8Probes;
use super::kernel_avx512::PREFETCH_BYTES;

/// `Σ u·q` of the rows and probes in `tail` (the values past the last full register).
#[inline]
fn tail_sum(row: &[u8], probe: &[i8]) -> i32 {
    row.iter().zip(probe).map(|(&u, &q)| i32::from(u) * i32::from(q)).sum()
}

/// Visits the (rows, probes) tiles of an `nr × np` score block: `wide` rows per tile for a
/// single probe, `narrow` rows × 4 probes for batches, then the leftovers one by one. `tile`
/// gets (first row, rows, first probe, probes).
#[inline(always)]
fn tiles(nr: usize, np: usize, wide: usize, narrow: usize, mut tile: impl FnMut(usize, usize, usize, usize)) {
    let mut r = 0;
    while r < nr {
        let rs = if np < 4 && r + wide <= nr {
            wide
        } else if r + narrow <= nr {
            narrow
        } else {
            1
        };
        let mut p = 0;
        while p < np {
            let ps = if p + 4 <= np { 4 } else { 1 };
            tile(r, rs, p, ps);
            p += ps;
        }
        r += rs;
    }
}

/// The AVX-512 VNNI path.
#[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
pub(super) fn vnni512(rows: &[u8], probes: &I8Probes, out: &mut [i32]) -> bool {
    let nr = rows.len() / probes.dimension;
    tiles(nr, probes.count, 4, 4, |r, rs, p, ps| match (rs, ps) {
        (4, 4) => block512::<4, 4>(rows, probes, r, p, out),
        (4, _) => block512::<4, 1>(rows, probes, r, p, out),
        (_, 4) => block512::<1, 4>(rows, probes, r, p, out),
        _ => block512::<1, 1>(rows, probes, r, p, out),
    });
    true
}

#[inline]
#[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
fn block512<const R: usize, const P: usize>(
    rows: &[u8],
    probes: &I8Probes,
    r0: usize,
    p0: usize,
    out: &mut [i32],
) {
    let (d, np) = (probes.dimension, probes.count);
    // Slices checked once here, so the inner loop has no bounds checks.
    let mut row_ptr = [std::ptr::null::<u8>(); R];
    for (r, ptr) in row_ptr.iter_mut().enumerate() {
        *ptr = rows[(r0 + r) * d..(r0 + r + 1) * d].as_ptr();
    }
    let mut probe_ptr = [std::ptr::null::<i8>(); P];
    for (p, ptr) in probe_ptr.iter_mut().enumerate() {
        *ptr = probes.codes[(p0 + p) * d..(p0 + p + 1) * d].as_ptr();
    }
    // Rows prefetched as in the float kernels (see `PREFETCH_BYTES`).
    let ahead = PREFETCH_BYTES.max(R * d);
    let mut acc = [[_mm512_setzero_si512(); P]; R];
    let full = d / 64 * 64;
    let mut i = 0;
    while i < full {
        let mut y = [_mm512_setzero_si512(); P];
        for (y, ptr) in y.iter_mut().zip(&probe_ptr) {
            // SAFETY: i + 64 ≤ full ≤ d, the probe's length.
            *y = unsafe { _mm512_loadu_si512(ptr.add(i).cast()) };
        }
        for (acc_r, ptr) in acc.iter_mut().zip(&row_ptr) {
            // A prefetch is a hint: it never faults, and `wrapping_add` makes no reference.
            _mm_prefetch::<_MM_HINT_T0>(ptr.wrapping_add(i + ahead).cast());
            // SAFETY: i + 64 ≤ full ≤ d, the row's length.
            let x = unsafe { _mm512_loadu_si512(ptr.add(i).cast()) };
            for (acc_rp, &y) in acc_r.iter_mut().zip(&y) {
                *acc_rp = _mm512_dpbusd_epi32(*acc_rp, x, y);
            }
        }
        i += 64;
    }
    if full < d {
        // 1 ≤ d − full ≤ 63 bytes: the masked loads read only those (and fault on no others).
        let mask: __mmask64 = (1u64 << (d - full)) - 1;
        let mut y = [_mm512_setzero_si512(); P];
        for (y, ptr) in y.iter_mut().zip(&probe_ptr) {
            // SAFETY: the mask selects bytes full..d of the probe, all in bounds.
            *y = unsafe { _mm512_maskz_loadu_epi8(mask, ptr.add(full)) };
        }
        for (acc_r, ptr) in acc.iter_mut().zip(&row_ptr) {
            // SAFETY: as above, for the row.
            let x = unsafe { _mm512_maskz_loadu_epi8(mask, ptr.add(full).cast()) };
            for (acc_rp, &y) in acc_r.iter_mut().zip(&y) {
                *acc_rp = _mm512_dpbusd_epi32(*acc_rp, x, y);
            }
        }
    }
    for (r, acc_r) in acc.iter().enumerate() {
        for (p, &acc_rp) in acc_r.iter().enumerate() {
            out[(r0 + r) * np + p0 + p] = _mm512_reduce_add_epi32(acc_rp);
        }
    }
}

/// The AVX-VNNI path.
#[target_feature(enable = "avx2,avxvnni")]
pub(super) fn vnni256(rows: &[u8], probes: &I8Probes, out: &mut [i32]) -> bool {
    let nr = rows.len() / probes.dimension;
    tiles(nr, probes.count, 4, 2, |r, rs, p, ps| match (rs, ps) {
        (4, _) => block256::<4, 1, true>(rows, probes, r, p, out),
        (2, 4) => block256::<2, 4, true>(rows, probes, r, p, out),
        (2, _) => block256::<2, 1, true>(rows, probes, r, p, out),
        (_, 4) => block256::<1, 4, true>(rows, probes, r, p, out),
        _ => block256::<1, 1, true>(rows, probes, r, p, out),
    });
    true
}

/// The AVX2 path (without VNNI).
#[target_feature(enable = "avx2")]
pub(super) fn avx2(rows: &[u8], probes: &I8Probes, out: &mut [i32]) -> bool {
    let nr = rows.len() / probes.dimension;
    tiles(nr, probes.count, 4, 2, |r, rs, p, ps| match (rs, ps) {
        (4, _) => block256::<4, 1, false>(rows, probes, r, p, out),
        (2, 4) => block256::<2, 4, false>(rows, probes, r, p, out),
        (2, _) => block256::<2, 1, false>(rows, probes, r, p, out),
        (_, 4) => block256::<1, 4, false>(rows, probes, r, p, out),
        _ => block256::<1, 1, false>(rows, probes, r, p, out),
    });
    true
}

/// One tile on 256-bit registers: with `VNNI`, `vpdpbusd` on 32 bytes per step; without,
/// 16 bytes widened to i16 and `vpmaddwd` with the widened probe.
#[inline(always)]
fn block256<const R: usize, const P: usize, const VNNI: bool>(
    rows: &[u8],
    probes: &I8Probes,
    r0: usize,
    p0: usize,
    out: &mut [i32],
) {
    let (d, np) = (probes.dimension, probes.count);
    let row = |r: usize| &rows[(r0 + r) * d..(r0 + r + 1) * d];
    let mut row_ptr = [std::ptr::null::<u8>(); R];
    for (r, ptr) in row_ptr.iter_mut().enumerate() {
        *ptr = row(r).as_ptr();
    }
    let mut code_ptr = [std::ptr::null::<i8>(); P];
    let mut wide_ptr = [std::ptr::null::<i16>(); P];
    for p in 0..P {
        code_ptr[p] = probes.codes[(p0 + p) * d..(p0 + p + 1) * d].as_ptr();
        wide_ptr[p] = probes.widened[(p0 + p) * d..(p0 + p + 1) * d].as_ptr();
    }
    let step = if VNNI { 32 } else { 16 };
    let ahead = PREFETCH_BYTES.max(R * d);
    let full = d / step * step;
    // SAFETY (whole block): the callers run this inlined into functions compiled for AVX2
    // (and AVX-VNNI when `VNNI`) that the dispatcher only calls on CPUs that have them; every
    // load reads `step` values at i + step ≤ full ≤ d, within the row or probe.
    unsafe {
        let mut acc = [[_mm256_setzero_si256(); P]; R];
        let mut i = 0;
        while i < full {
            let mut y = [_mm256_setzero_si256(); P];
            for p in 0..P {
                y[p] = if VNNI {
                    _mm256_loadu_si256(code_ptr[p].add(i).cast())
                } else {
                    _mm256_loadu_si256(wide_ptr[p].add(i).cast())
                };
            }
            for (acc_r, ptr) in acc.iter_mut().zip(&row_ptr) {
                // A hint: never faults; `wrapping_add` makes no reference.
                _mm_prefetch::<_MM_HINT_T0>(ptr.wrapping_add(i + ahead).cast());
                if VNNI {
                    let x = _mm256_loadu_si256(ptr.add(i).cast());
                    for (acc_rp, &y) in acc_r.iter_mut().zip(&y) {
                        *acc_rp = _mm256_dpbusd_avx_epi32(*acc_rp, x, y);
                    }
                } else {
                    let x = _mm256_cvtepu8_epi16(_mm_loadu_si128(ptr.add(i).cast()));
                    for (acc_rp, &y) in acc_r.iter_mut().zip(&y) {
                        *acc_rp = _mm256_add_epi32(*acc_rp, _mm256_madd_epi16(x, y));
                    }
                }
            }
            i += step;
        }
        for (r, acc_r) in acc.iter().enumerate() {
            for (p, acc_rp) in acc_r.iter().enumerate() {
                let mut lanes = [0i32; 8];
                _mm256_storeu_si256(lanes.as_mut_ptr().cast(), *acc_rp);
                let probe = &probes.codes[(p0 + p) * d..(p0 + p + 1) * d];
                out[(r0 + r) * np + p0 + p] =
                    lanes.iter().sum::<i32>() + tail_sum(&row(r)[full..], &probe[full..]);
            }
        }
    }
}
