//! The matcher's inner test, sixteen edges at a time: which of 16 stored edge shapes accept
//! one edge. On x86-64 it is a handful of SSE2 instructions (the x86-64 baseline; inside the
//! AVX2 build of the comparison the same code is VEX-encoded); elsewhere a plain loop.

/// Lanes per group: one 128-bit register of bytes, two of 16-bit lengths.
pub(crate) const LANES: usize = 16;

/// Sixteen edge shapes: accepted length range (quarter pixels) and the two relative angles.
/// Unused lanes accept nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ShapeLanes {
    pub min_length: [i16; LANES],
    pub max_length: [i16; LANES],
    pub from_angle: [u8; LANES],
    pub to_angle: [u8; LANES],
}

impl ShapeLanes {
    pub(crate) const EMPTY: ShapeLanes = ShapeLanes {
        min_length: [i16::MAX; LANES],
        max_length: [i16::MIN; LANES],
        from_angle: [0; LANES],
        to_angle: [0; LANES],
    };
}

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

    /// Bit k is set when lane k accepts an edge of `length` (quarter pixels) whose relative
    /// angles `from_angle` and `to_angle` are each within `tolerance` of the lane's.
    #[inline(always)]
    pub(crate) fn accepting(&self, length: i16, from_angle: u8, to_angle: u8, tolerance: u8) -> u32 {
        #[cfg(target_arch = "x86_64")]
        {
            // SAFETY: SSE2 is part of the x86-64 baseline.
            unsafe { sse2::accepting(&self.registers, length, from_angle, to_angle, tolerance) }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let l = &self.lanes;
            let mut mask = 0u32;
            for k in 0..LANES {
                let ok = (l.min_length[k]..=l.max_length[k]).contains(&length)
                    && (from_angle.wrapping_sub(l.from_angle[k]) as i8).unsigned_abs() <= tolerance
                    && (to_angle.wrapping_sub(l.to_angle[k]) as i8).unsigned_abs() <= tolerance;
                mask |= u32::from(ok) << k;
            }
            mask
        }
    }
}

/// Bit k is set when `values[k] >= min`.
#[inline(always)]
pub(crate) fn at_least(values: &[u8; LANES], min: u8) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86-64 baseline.
        unsafe { sse2::at_least(values, min) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let mut mask = 0u32;
        for (k, &v) in values.iter().enumerate() {
            mask |= u32::from(v >= min) << k;
        }
        mask
    }
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    use super::ShapeLanes;

    #[inline]
    #[target_feature(enable = "sse2")]
    pub(super) fn load(l: &ShapeLanes) -> [__m128i; 6] {
        // SAFETY: each unaligned load reads 16 bytes inside one array of `l`.
        unsafe {
            [
                _mm_loadu_si128(l.min_length.as_ptr().cast()),
                _mm_loadu_si128(l.min_length.as_ptr().add(8).cast()),
                _mm_loadu_si128(l.max_length.as_ptr().cast()),
                _mm_loadu_si128(l.max_length.as_ptr().add(8).cast()),
                _mm_loadu_si128(l.from_angle.as_ptr().cast()),
                _mm_loadu_si128(l.to_angle.as_ptr().cast()),
            ]
        }
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    pub(super) fn accepting(v: &[__m128i; 6], length: i16, from: u8, to: u8, tolerance: u8) -> u32 {
        let l = _mm_set1_epi16(length);
        let short_or_long_0 = _mm_or_si128(_mm_cmpgt_epi16(v[0], l), _mm_cmpgt_epi16(l, v[2]));
        let short_or_long_1 = _mm_or_si128(_mm_cmpgt_epi16(v[1], l), _mm_cmpgt_epi16(l, v[3]));
        let bad_length = _mm_packs_epi16(short_or_long_0, short_or_long_1);
        // |a − x| ≤ t across the wrap ⇔ (a + t − x) mod 256 ≤ 2t: one saturating subtraction.
        let span = _mm_set1_epi8((2 * tolerance) as i8);
        let da = _mm_sub_epi8(_mm_set1_epi8(from.wrapping_add(tolerance) as i8), v[4]);
        let db = _mm_sub_epi8(_mm_set1_epi8(to.wrapping_add(tolerance) as i8), v[5]);
        let beyond = _mm_or_si128(_mm_subs_epu8(da, span), _mm_subs_epu8(db, span));
        let good_angles = _mm_cmpeq_epi8(beyond, _mm_setzero_si128());
        _mm_movemask_epi8(_mm_andnot_si128(bad_length, good_angles)) as u32
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    pub(super) fn at_least(values: &[u8; 16], min: u8) -> u32 {
        // SAFETY: reads exactly the 16 bytes of the array.
        let x = unsafe { _mm_loadu_si128(values.as_ptr().cast()) };
        let floor = _mm_set1_epi8(min as i8);
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(x, floor), x)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepting_matches_the_plain_definition() {
        let mut lanes = ShapeLanes::EMPTY;
        for k in 0..12 {
            lanes.min_length[k] = 40 * k as i16;
            lanes.max_length[k] = 40 * k as i16 + 60;
            lanes.from_angle[k] = (k as u8).wrapping_mul(37);
            lanes.to_angle[k] = (k as u8).wrapping_mul(91).wrapping_add(250);
        }
        let loaded = Loaded::new(&lanes);
        for length in [0i16, 35, 100, 250, 460, 500] {
            for from in (0..=255u8).step_by(7) {
                for to in (0..=255u8).step_by(11) {
                    let expected = (0..LANES).fold(0u32, |m, k| {
                        let ok = (lanes.min_length[k]..=lanes.max_length[k]).contains(&length)
                            && (from.wrapping_sub(lanes.from_angle[k]) as i8).unsigned_abs() <= 8
                            && (to.wrapping_sub(lanes.to_angle[k]) as i8).unsigned_abs() <= 8;
                        m | u32::from(ok) << k
                    });
                    assert_eq!(loaded.accepting(length, from, to, 8), expected);
                }
            }
        }
        let votes: [u8; 16] = std::array::from_fn(|k| k as u8 * 17);
        assert_eq!(at_least(&votes, 34), 0xfffc);
    }
}
