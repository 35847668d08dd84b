//! Integer dot products of i8 gallery rows against probes quantised the same way.
//!
//! Rows are stored offset by 128 (`u = code + 128`, in 1..=255), the unsigned operand of
//! `vpdpbusd`, which multiplies them directly with the signed probe codes:
//! `Σ code·q = Σ u·q − 128·Σ q`, the last term computed once per probe. Every path computes
//! these exact integers (no saturation anywhere: with dimensions up to 4096, the model's limit,
//! `|Σ u·q| ≤ 255 · 127 · 4096 < 2³¹`), so every path gives the same result and the error bound
//! of the re-ranked scan does not depend on the path.

use super::i8_probes::I8Probes;
use super::isa::Isa;

/// The stored byte of the i8 `code` (`code + 128`).
#[inline]
pub(crate) fn offset_code(code: i8) -> u8 {
    (code as u8) ^ 0x80
}

/// The i8 code of the stored byte `stored`.
#[inline]
pub(crate) fn code_of(stored: u8) -> i8 {
    (stored ^ 0x80) as i8
}

/// Exact integer dot products `Σ code·q` of every row of `rows` (stored bytes, `dimension` per
/// row) against every probe, written to `out[row * probe_count + probe]`, on the `isa` path
/// (the portable one when this CPU cannot run it).
pub(crate) fn scores_i8(isa: Isa, rows: &[u8], probes: &I8Probes, out: &mut [i32]) {
    let d = probes.dimension;
    let np = probes.count;
    let nr = rows.len() / d;
    let out = &mut out[..nr * np];
    #[cfg(target_arch = "x86_64")]
    if isa.detected() {
        use super::kernel_i8_x86 as x86;
        // SAFETY (each call): `isa.detected()` checked that the CPU has the path's features.
        let summed = match isa {
            Isa::Avx512Vnni => unsafe { x86::vnni512(rows, probes, out) },
            Isa::AvxVnni => unsafe { x86::vnni256(rows, probes, out) },
            Isa::Avx2 => unsafe { x86::avx2(rows, probes, out) },
            Isa::Avx512 | Isa::Portable => false,
        };
        if summed {
            // The paths computed Σ u·q: take the offset's share away.
            for scores in out.chunks_exact_mut(np) {
                for (s, &c) in scores.iter_mut().zip(&probes.correction) {
                    *s -= c;
                }
            }
            return;
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = isa;
    portable(rows, probes, out)
}

/// `Σ code·q` directly.
fn portable(rows: &[u8], probes: &I8Probes, out: &mut [i32]) {
    let d = probes.dimension;
    for (row, scores) in rows.chunks_exact(d).zip(out.chunks_exact_mut(probes.count)) {
        for (s, probe) in scores.iter_mut().zip(probes.codes.chunks_exact(d)) {
            *s = row.iter().zip(probe).map(|(&u, &q)| i32::from(code_of(u)) * i32::from(q)).sum();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::isa::Kernels;
    use super::*;
    use crate::matching::face::i8_probes::OFFSET;

    #[test]
    fn offset_codes_round_trip() {
        for code in i8::MIN..=i8::MAX {
            assert_eq!(i32::from(offset_code(code)), i32::from(code) + OFFSET);
            assert_eq!(code_of(offset_code(code)), code);
        }
    }

    /// Every path this CPU can run (the fallbacks forced), against i64 arithmetic, at the
    /// extremes of the code range and of the dimension, with tails of every length.
    #[test]
    fn every_path_computes_the_exact_integer_dot_products() {
        let shapes =
            [(512usize, 5usize, 9usize), (17, 3, 1), (8, 1, 4), (4096, 6, 5), (100, 9, 3), (64, 4, 4)];
        for isa in Kernels::I8_PATHS {
            if !isa.detected() {
                eprintln!("i8 path {isa:?} not available on this CPU: skipped");
                continue;
            }
            for (d, nr, np) in shapes {
                let codes: Vec<i8> = (0..nr * d).map(|i| ((i * 37 % 255) as i32 - 127) as i8).collect();
                let rows: Vec<u8> = codes.iter().map(|&c| offset_code(c)).collect();
                let probes =
                    I8Probes::new((0..np * d).map(|i| ((i * 53 % 255) as i32 - 127) as i8).collect(), d);
                let mut out = vec![i32::MIN; nr * np];
                scores_i8(isa, &rows, &probes, &mut out);
                for r in 0..nr {
                    for p in 0..np {
                        let expected: i64 = (0..d)
                            .map(|k| i64::from(codes[r * d + k]) * i64::from(probes.codes[p * d + k]))
                            .sum();
                        assert_eq!(i64::from(out[r * np + p]), expected, "{isa:?} d {d} row {r} probe {p}");
                    }
                }
            }
            // The largest sums: every product 127 · 127 (and −127 · 127) at 4096 dimensions.
            let d = 4096;
            let rows: Vec<u8> = [127i8, -127].iter().flat_map(|&c| vec![offset_code(c); d]).collect();
            let probes = I8Probes::new(vec![127; d], d);
            let mut out = vec![0; 2];
            scores_i8(isa, &rows, &probes, &mut out);
            assert_eq!(out, [127 * 127 * 4096, -127 * 127 * 4096], "{isa:?}");
        }
    }
}
