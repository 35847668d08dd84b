//! The matcher's inner tests, sixteen edges at a time: which of 16 stored edge shapes accept
//! one edge. On x86-64 they are a handful of SSE2 instructions (the x86-64 baseline; inside the
//! AVX2 build of the comparison the same code is VEX-encoded); elsewhere, and as the reference
//! the SIMD code is tested against, plain loops (`portable`).

use super::lanes::{CellLanes, CellQuery, LANES, Query, ShapeLanes};
use super::params::ANGLE_TOLERANCE;

/// [`ShapeLanes`] held in registers, to test many edges against the same sixteen.
#[derive(Clone, Copy)]
pub(crate) struct Loaded {
    #[cfg(target_arch = "x86_64")]
    registers: [std::arch::x86_64::__m128i; 6],
    #[cfg(not(target_arch = "x86_64"))]
    lanes: ShapeLanes,
}

impl Loaded {
    #[inline(always)]
    pub(crate) fn new(lanes: &ShapeLanes) -> Self {
        #[cfg(target_arch = "x86_64")]
        {
            // SAFETY: SSE2 is part of the x86-64 baseline.
            Loaded { registers: unsafe { sse2::load(lanes) } }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            Loaded { lanes: *lanes }
        }
    }

    /// Bit k is set when lane k accepts the edge `q`: its length within the lane's range and
    /// each relative angle within the query's tolerance of the lane's (see [`Query`]).
    #[inline(always)]
    pub(crate) fn accepting(&self, q: &Query) -> u32 {
        #[cfg(target_arch = "x86_64")]
        {
            // SAFETY: SSE2 is part of the x86-64 baseline.
            unsafe { sse2::accepting(&self.registers, q) }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            portable::accepting(&self.lanes, q)
        }
    }
}

/// Bit k is set when lane k of `lanes` accepts the edge `q` (as [`Loaded::accepting`], with
/// lengths relative to the cell's bin).
#[inline(always)]
pub(crate) fn cell_accepting(lanes: &CellLanes, q: &CellQuery) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86-64 baseline.
        unsafe { sse2::cell_accepting(lanes, q) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        portable::cell_accepting(lanes, q)
    }
}

/// Bit k is set when `values[k] >= min`, for 32 values (two groups of lanes): one step of the
/// vote-matrix scan.
#[inline(always)]
pub(crate) fn at_least_2x(values: &[u16; 2 * LANES], min: u16) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86-64 baseline.
        unsafe { sse2::at_least_2x(values, min) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        portable::at_least_2x(values, min)
    }
}

/// The definitions: the fallback off x86-64, and the reference the SIMD code is tested
/// against.
#[cfg(any(test, not(target_arch = "x86_64")))]
mod portable {
    use super::{ANGLE_TOLERANCE, CellLanes, CellQuery, LANES, Query, ShapeLanes};

    /// Whether `angle + tolerance` (as in [`Query`]) lies within the tolerance of `lane`,
    /// `span` being twice the tolerance.
    fn close(biased: u8, lane: u8, span: u8) -> bool {
        biased.wrapping_sub(lane) <= span
    }

    pub(super) fn accepting(l: &ShapeLanes, q: &Query) -> u32 {
        (0..LANES).fold(0, |mask, k| {
            let ok = q.length.wrapping_sub(l.min_length[k]) as u16 <= l.length_range[k]
                && close(q.from, l.from_angle[k], q.span)
                && close(q.to, l.to_angle[k], q.span);
            mask | u32::from(ok) << k
        })
    }

    pub(super) fn cell_accepting(l: &CellLanes, q: &CellQuery) -> u32 {
        (0..LANES).fold(0, |mask, k| {
            let ok = (l.min_length[k]..=l.max_length[k]).contains(&q.length)
                && close(q.from, l.from_angle[k], 2 * ANGLE_TOLERANCE)
                && close(q.to, l.to_angle[k], 2 * ANGLE_TOLERANCE);
            mask | u32::from(ok) << k
        })
    }

    pub(super) fn at_least_2x(values: &[u16; 2 * LANES], min: u16) -> u32 {
        values.iter().enumerate().fold(0, |mask, (k, &v)| mask | u32::from(v >= min) << k)
    }
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    use super::{ANGLE_TOLERANCE, CellLanes, CellQuery, Query, ShapeLanes};

    #[inline]
    #[target_feature(enable = "sse2")]
    pub(super) fn load(l: &ShapeLanes) -> [__m128i; 6] {
        // SAFETY: each unaligned load reads 16 bytes inside one array of `l`.
        unsafe {
            [
                _mm_loadu_si128(l.min_length.as_ptr().cast()),
                _mm_loadu_si128(l.min_length.as_ptr().add(8).cast()),
                _mm_loadu_si128(l.length_range.as_ptr().cast()),
                _mm_loadu_si128(l.length_range.as_ptr().add(8).cast()),
                _mm_loadu_si128(l.from_angle.as_ptr().cast()),
                _mm_loadu_si128(l.to_angle.as_ptr().cast()),
            ]
        }
    }

    /// Non-zero bytes where `(x − lane) mod 256 > span`, i.e. where the biased angle `x` is not
    /// within the tolerance `t = span / 2` of the lane's: one saturating subtraction.
    #[inline]
    #[target_feature(enable = "sse2")]
    fn far(biased: u8, lanes: __m128i, span: __m128i) -> __m128i {
        _mm_subs_epu8(_mm_sub_epi8(_mm_set1_epi8(biased as i8), lanes), span)
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    pub(super) fn accepting(v: &[__m128i; 6], q: &Query) -> u32 {
        let l = _mm_set1_epi16(q.length);
        // (length − min) mod 2¹⁶ above the width, saturating: non-zero where out of range (see
        // `ShapeLanes`). Each lane operand is the second one, so it can stay in memory.
        let outside_0 = _mm_subs_epu16(_mm_sub_epi16(l, v[0]), v[2]);
        let outside_1 = _mm_subs_epu16(_mm_sub_epi16(l, v[1]), v[3]);
        // Signed saturation keeps zero as zero and anything else non-zero.
        let bad_length = _mm_packs_epi16(outside_0, outside_1);
        let span = _mm_set1_epi8(q.span as i8);
        let bad = _mm_or_si128(bad_length, _mm_or_si128(far(q.from, v[4], span), far(q.to, v[5], span)));
        _mm_movemask_epi8(_mm_cmpeq_epi8(bad, _mm_setzero_si128())) as u32
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    pub(super) fn cell_accepting(lanes: &CellLanes, q: &CellQuery) -> u32 {
        // SAFETY: each unaligned load reads one 16-byte array of `lanes`.
        let (min, max, from, to) = unsafe {
            (
                _mm_loadu_si128(lanes.min_length.as_ptr().cast()),
                _mm_loadu_si128(lanes.max_length.as_ptr().cast()),
                _mm_loadu_si128(lanes.from_angle.as_ptr().cast()),
                _mm_loadu_si128(lanes.to_angle.as_ptr().cast()),
            )
        };
        let l = _mm_set1_epi8(q.length as i8);
        // Unsigned saturating differences: non-zero where the length is below or above the
        // lane's range.
        let bad_length = _mm_or_si128(_mm_subs_epu8(min, l), _mm_subs_epu8(l, max));
        let span = _mm_set1_epi8((2 * ANGLE_TOLERANCE) as i8);
        let bad = _mm_or_si128(bad_length, _mm_or_si128(far(q.from, from, span), far(q.to, to, span)));
        _mm_movemask_epi8(_mm_cmpeq_epi8(bad, _mm_setzero_si128())) as u32
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    pub(super) fn at_least_2x(values: &[u16; 32], min: u16) -> u32 {
        if min == 0 {
            return u32::MAX;
        }
        // SAFETY: each load reads 16 bytes (eight values) inside the array.
        let v: [__m128i; 4] =
            unsafe { std::array::from_fn(|k| _mm_loadu_si128(values.as_ptr().add(8 * k).cast())) };
        // v − (min − 1), saturating: non-zero exactly where v >= min.
        let floor = _mm_set1_epi16((min - 1) as i16);
        let over: [__m128i; 4] = std::array::from_fn(|k| _mm_subs_epu16(v[k], floor));
        let zero = _mm_setzero_si128();
        // Per value 0 (at least min) or −1 (below), packed to bytes.
        let below = |a: __m128i, b: __m128i| {
            _mm_movemask_epi8(_mm_packs_epi16(_mm_cmpeq_epi16(a, zero), _mm_cmpeq_epi16(b, zero))) as u32
        };
        !(below(over[0], over[1]) | below(over[2], over[3]) << 16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reproducible stream of bytes (xorshift).
    fn bytes(mut seed: u64) -> impl FnMut() -> u8 {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        }
    }

    #[test]
    fn accepting_matches_the_plain_definition() {
        let mut lanes = ShapeLanes::EMPTY;
        for k in 0..12 {
            let (from, to) = ((k as u8).wrapping_mul(37), (k as u8).wrapping_mul(91).wrapping_add(250));
            lanes.set(k, (40 * k as u16, 40 * k as u16 + 60), from, to);
        }
        // The extremes of the length range.
        lanes.set(12, (0, 0), 3, 3);
        lanes.set(13, (i16::MAX as u16, i16::MAX as u16), 3, 3);
        lanes.set(14, (0, i16::MAX as u16), 3, 3);
        let loaded = Loaded::new(&lanes);
        for tolerance in [ANGLE_TOLERANCE, 12, 32] {
            for length in [0u16, 35, 100, 250, 460, 500, i16::MAX as u16] {
                for from in (0..=255u8).step_by(7) {
                    for to in (0..=255u8).step_by(11) {
                        let expected = (0..LANES).fold(0u32, |m, k| {
                            let within =
                                |a: u8, lane: u8| (a.wrapping_sub(lane) as i8).unsigned_abs() <= tolerance;
                            let (min, max) =
                                (lanes.min_length[k], lanes.min_length[k] as u16 + lanes.length_range[k]);
                            let ok = k < 15
                                && (min as u16..=max).contains(&length)
                                && within(from, lanes.from_angle[k])
                                && within(to, lanes.to_angle[k]);
                            m | u32::from(ok) << k
                        });
                        let q = Query::new(length, from, to, tolerance);
                        assert_eq!(loaded.accepting(&q), expected);
                        assert_eq!(portable::accepting(&lanes, &q), expected);
                    }
                }
            }
        }
    }

    #[test]
    fn simd_tests_match_the_portable_ones_on_random_lanes() {
        let mut next = bytes(0x9e37_79b9_7f4a_7c15);
        for _ in 0..2000 {
            let mut shapes = ShapeLanes::EMPTY;
            let mut cells = CellLanes::EMPTY;
            // Lanes near one another and the queries, so that all outcomes occur; a few empty.
            for k in 0..LANES - usize::from(next() % 4) {
                let length = u16::from(next()) * 2;
                let range = (length.saturating_sub(u16::from(next() % 40)), length + u16::from(next() % 40));
                shapes.set(k, range, next(), next());
                cells.min_length[k] = next() % 64;
                cells.max_length[k] = cells.min_length[k].saturating_add(next() % 80);
                cells.from_angle[k] = shapes.from_angle[k];
                cells.to_angle[k] = shapes.to_angle[k];
            }
            let loaded = Loaded::new(&shapes);
            for _ in 0..8 {
                let k = usize::from(next()) % LANES;
                let near = |x: u8, r: &mut dyn FnMut() -> u8| x.wrapping_add(r() % 24).wrapping_sub(12);
                let (from, to) = (near(shapes.from_angle[k], &mut next), near(shapes.to_angle[k], &mut next));
                let tolerance = [ANGLE_TOLERANCE, 12, 20][usize::from(next() % 3)];
                let q = Query::new(u16::from(next()) * 2, from, to, tolerance);
                assert_eq!(loaded.accepting(&q), portable::accepting(&shapes, &q));
                let q = Query::new(q.length as u16, from, to, ANGLE_TOLERANCE);
                let c = CellQuery { length: next() % 64, from: q.from, to: q.to };
                assert_eq!(cell_accepting(&cells, &c), portable::cell_accepting(&cells, &c));
            }
        }
    }

    #[test]
    fn at_least_2x_matches_the_portable_definition() {
        let mut next = bytes(7);
        let mut votes = [0u16; 32];
        assert_eq!(at_least_2x(&votes, 2), 0);
        assert_eq!(at_least_2x(&votes, 0), u32::MAX);
        for _ in 0..500 {
            // A few values of 2 and more among zeros and ones, in either half.
            for v in votes.iter_mut() {
                let x = next();
                *v = if x < 20 { u16::from(next()) * u16::from(next()) } else { u16::from(x % 2) };
            }
            for min in [1u16, 2, 3, 200, 40_000] {
                assert_eq!(at_least_2x(&votes, min), portable::at_least_2x(&votes, min));
            }
        }
    }
}
