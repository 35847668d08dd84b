//! The layout of the matcher's sixteen-lane tests: the edge shapes one test compares an edge
//! with, and the edge as a test reads it. The SIMD and portable tests (`simd`), the probe
//! index and the comparison all share it.

/// Lanes per group: one 128-bit register of bytes, two of 16-bit lengths.
pub(crate) const LANES: usize = 16;

/// An edge prepared for the lane tests, once at enrolment: its length (quarter pixels), its
/// two relative angles, each plus the tolerance `t` it is tested with, and the span `2t`, so
/// that a test broadcasts every operand straight from memory (`|a − x| ≤ t` across the wrap ⇔
/// `(x + t − a) mod 256 ≤ 2t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Query {
    pub length: i16,
    pub from: u8,
    pub to: u8,
    pub span: u8,
}

impl Query {
    /// The query of an edge of `length` quarter pixels (at most `i16::MAX`) and relative
    /// angles `from_angle`, `to_angle`, to be tested with the angle `tolerance` (below 128).
    pub(crate) fn new(length: u16, from_angle: u8, to_angle: u8, tolerance: u8) -> Self {
        Query {
            length: length.min(i16::MAX as u16) as i16,
            from: from_angle.wrapping_add(tolerance),
            to: to_angle.wrapping_add(tolerance),
            span: tolerance.wrapping_mul(2),
        }
    }
}

/// Sixteen edge shapes: accepted length range (quarter pixels, from `min_length` to
/// `min_length + length_range`) and the two relative angles. Unused lanes accept nothing.
///
/// The range is kept as a start and a width so that the test is `(length − min) mod 2¹⁶ ≤
/// width`, two operations with the lanes as memory operands: for lengths and starts in
/// 0…`i16::MAX` a length below the start wraps above any width, so this is exactly `min ≤
/// length ≤ min + width`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ShapeLanes {
    pub min_length: [i16; LANES],
    pub length_range: [u16; LANES],
    pub from_angle: [u8; LANES],
    pub to_angle: [u8; LANES],
}

impl ShapeLanes {
    /// No lane accepts anything: a query length (0…`i16::MAX`) minus `i16::MIN` wraps to
    /// 2¹⁵ or more, above the width 0.
    pub(crate) const EMPTY: ShapeLanes = ShapeLanes {
        min_length: [i16::MIN; LANES],
        length_range: [0; LANES],
        from_angle: [0; LANES],
        to_angle: [0; LANES],
    };

    /// Sets lane `k` to accept lengths `min_length..=max_length` (quarter pixels, at most
    /// `i16::MAX`, `min_length <= max_length`) and the two angles.
    pub(crate) fn set(
        &mut self,
        k: usize,
        (min_length, max_length): (u16, u16),
        from_angle: u8,
        to_angle: u8,
    ) {
        let max_length = max_length.min(i16::MAX as u16);
        let min_length = min_length.min(max_length);
        self.min_length[k] = min_length as i16;
        self.length_range[k] = max_length - min_length;
        self.from_angle[k] = from_angle;
        self.to_angle[k] = to_angle;
    }

    /// The middle of lane `k`'s length range, rounded down.
    pub(crate) fn centre(&self, k: usize) -> i16 {
        self.min_length[k] + (self.length_range[k] / 2) as i16
    }
}

/// Sixteen edge shapes of one probe-index cell, all in bytes: the accepted length range
/// relative to the start of the cell's length bin (a gallery edge looked up in the cell lies in
/// that bin, 64 quarter pixels, so clamping the range to 0–255 keeps every answer exact), and
/// the two relative angles. Unused lanes accept nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CellLanes {
    pub min_length: [u8; LANES],
    pub max_length: [u8; LANES],
    pub from_angle: [u8; LANES],
    pub to_angle: [u8; LANES],
}

impl CellLanes {
    pub(crate) const EMPTY: CellLanes = CellLanes {
        min_length: [u8::MAX; LANES],
        max_length: [0; LANES],
        from_angle: [0; LANES],
        to_angle: [0; LANES],
    };
}

/// The query of a gallery edge against [`CellLanes`]: its length relative to the start of its
/// length bin, and its angles plus the root tolerance (`params::ANGLE_TOLERANCE`) as in
/// [`Query`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CellQuery {
    pub length: u8,
    pub from: u8,
    pub to: u8,
}
