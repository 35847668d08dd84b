//! The layout of the matcher's sixteen-lane tests: the edge shapes one test compares an edge
//! with, and the edge as a test reads it. The SIMD and portable tests (`simd`), the probe
//! index and the comparison all share it.

/// Lanes per group: one 128-bit register of bytes, two of 16-bit lengths.
pub(crate) const LANES: usize = 16;

/// An edge prepared for the lane tests, once at enrolment: its length (quarter pixels) and its
/// two relative angles, each plus the tolerance `t` it is tested with, so that a test
/// broadcasts them straight from memory (`|a − x| ≤ t` across the wrap ⇔
/// `(x + t − a) mod 256 ≤ 2t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Query {
    pub length: i16,
    pub from: u8,
    pub to: u8,
}

impl Query {
    /// The query of an edge of `length` quarter pixels (at most `i16::MAX`) and relative
    /// angles `from_angle`, `to_angle`, to be tested with the angle `tolerance`.
    pub(crate) fn new(length: u16, from_angle: u8, to_angle: u8, tolerance: u8) -> Self {
        Query {
            length: length.min(i16::MAX as u16) as i16,
            from: from_angle.wrapping_add(tolerance),
            to: to_angle.wrapping_add(tolerance),
        }
    }
}

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
