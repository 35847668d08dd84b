//! IEEE 754 binary16 conversion, hand-written: two small functions instead of a dependency.
//! The AVX2 path of the scan decodes with the F16C instruction instead; both decode exactly
//! (every binary16 value is a binary32 value), so the two paths give the same scores.

/// The binary16 nearest to `value` (ties to even); overflow gives ±infinity, NaN stays NaN.
pub(crate) fn to_f16(value: f32) -> u16 {
    let bits = value.to_bits();
    let sign = ((bits >> 16) & 0x8000) as u16;
    let exponent = ((bits >> 23) & 0xFF) as i32;
    let mantissa = bits & 0x007F_FFFF;
    if exponent == 0xFF {
        // Infinity keeps a zero mantissa; NaN gets a quiet bit so it stays NaN.
        return sign | 0x7C00 | if mantissa == 0 { 0 } else { 0x0200 };
    }
    let unbiased = exponent - 127;
    if unbiased > 15 {
        return sign | 0x7C00;
    }
    if unbiased >= -14 {
        // Normal: keep 10 of the 23 mantissa bits, rounding the 13 dropped ones to even. A
        // carry out of the mantissa correctly bumps the exponent (up to infinity).
        let half = (((unbiased + 15) as u32) << 10) | (mantissa >> 13);
        let dropped = mantissa & 0x1FFF;
        let round_up = dropped > 0x1000 || (dropped == 0x1000 && half & 1 == 1);
        return sign | (half + u32::from(round_up)) as u16;
    }
    if unbiased < -25 {
        return sign;
    }
    // Subnormal: the implicit bit joins the mantissa, shifted right by what the exponent lacks.
    let full = mantissa | 0x0080_0000;
    // value = full · 2^(unbiased − 23) and a subnormal step is 2^−24, so shift by −(unbiased + 1).
    let shift = (-unbiased - 1) as u32;
    let half = full >> shift;
    let dropped = full & ((1 << shift) - 1);
    let midpoint = 1 << (shift - 1);
    let round_up = dropped > midpoint || (dropped == midpoint && half & 1 == 1);
    sign | (half + u32::from(round_up)) as u16
}

/// The binary32 value of the binary16 `half` (exact).
pub(crate) fn from_f16(half: u16) -> f32 {
    let sign = u32::from(half & 0x8000) << 16;
    let exponent = u32::from((half >> 10) & 0x1F);
    let mantissa = u32::from(half & 0x03FF);
    let bits = match (exponent, mantissa) {
        (0, 0) => sign,
        (0, _) => {
            // Subnormal: normalise the mantissa into a binary32 normal.
            let shift = mantissa.leading_zeros() - 21;
            let mantissa = (mantissa << shift) & 0x03FF;
            sign | ((127 - 15 + 1 - shift) << 23) | (mantissa << 13)
        }
        (0x1F, _) => sign | 0x7F80_0000 | (mantissa << 13),
        _ => sign | ((exponent + 127 - 15) << 23) | (mantissa << 13),
    };
    f32::from_bits(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_half_round_trips_and_rounding_is_to_nearest() {
        for half in 0..=u16::MAX {
            let value = from_f16(half);
            if value.is_nan() {
                assert!(from_f16(to_f16(value)).is_nan());
                continue;
            }
            assert_eq!(to_f16(value), half, "{half:#06x} → {value}");
        }
        // Known values: 1, the smallest subnormal, the largest normal, a tie to even.
        assert_eq!(to_f16(1.0), 0x3C00);
        assert_eq!(from_f16(0x0001), 2f32.powi(-24));
        assert_eq!(from_f16(0x7BFF), 65504.0);
        assert_eq!(to_f16(1.0 + 2f32.powi(-11)), 0x3C00);
        assert_eq!(to_f16(1.0 + 3.0 * 2f32.powi(-11)), 0x3C02);
        assert_eq!(to_f16(70000.0), 0x7C00);
        assert_eq!(to_f16(2f32.powi(-26)), 0);
        // Between two halves, never further than half a step from the input.
        for k in 0..10_000 {
            let x = (k as f32 * 0.000_137).sin() * 0.3;
            let y = from_f16(to_f16(x));
            assert!((x - y).abs() <= x.abs() * 2f32.powi(-11) + 2f32.powi(-25), "{x} → {y}");
        }
    }
}
