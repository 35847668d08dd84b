//! Minutiae in the matcher's frame and the rotation- and translation-invariant edge between two
//! of them.

use super::params::{ANGLE_BIN_SHIFT, ANGLE_TOLERANCE, LENGTH_BIN, LENGTH_TOLERANCE, LENGTH_TOLERANCE_RATIO};
use crate::model::{MinutiaKind, MinutiaeTemplate};

/// Sub-pixel precision of stored edge lengths (quarter pixels).
pub(crate) const LENGTH_SCALE: f32 = 4.0;

/// A minutia at 500 ppi with the y axis pointing **up**, so that the ISO/IEC 19794-2 direction
/// (counter-clockwise as displayed) is an ordinary mathematical angle in this frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Point {
    pub x: f32,
    pub y: f32,
    /// Direction in 1/256 turns.
    pub direction: u8,
    pub kind: MinutiaKind,
    pub quality: u8,
}

/// An edge as seen from its first minutia: its length and the two minutiae's directions
/// relative to the edge's own direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EdgeShape {
    /// Length in quarter pixels.
    pub length: u16,
    /// Direction of the first minutia minus the edge direction.
    pub from_angle: u8,
    /// Direction of the second minutia minus the edge direction.
    pub to_angle: u8,
    /// The edge's own direction (not invariant: used to estimate the rotation of a match).
    pub direction: u8,
}

/// Turns radians into 1/256 turns.
pub(crate) fn angle_units(radians: f32) -> u8 {
    ((radians * (256.0 / std::f32::consts::TAU)).round() as i32).rem_euclid(256) as u8
}

/// Whether two angles in 1/256 turns differ by at most [`ANGLE_TOLERANCE`], across the wrap.
#[inline(always)]
pub(crate) fn angles_close(a: u8, b: u8) -> bool {
    (a.wrapping_sub(b) as i8).unsigned_abs() <= ANGLE_TOLERANCE
}

/// The length tolerance (quarter pixels) for an edge of `length` quarter pixels.
#[inline]
pub(crate) fn length_tolerance(length: u16) -> u16 {
    (f32::from(length) * LENGTH_TOLERANCE_RATIO).max(LENGTH_TOLERANCE * LENGTH_SCALE) as u16
}

/// The edge from `a` to `b`.
pub(crate) fn edge_shape(a: &Point, b: &Point) -> EdgeShape {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length = ((dx * dx + dy * dy).sqrt() * LENGTH_SCALE).round().min(f32::from(u16::MAX)) as u16;
    let direction = angle_units(dy.atan2(dx));
    EdgeShape {
        length,
        from_angle: a.direction.wrapping_sub(direction),
        to_angle: b.direction.wrapping_sub(direction),
        direction,
    }
}

/// Number of length bins of the probe index.
pub(crate) const LENGTH_BINS: usize = ((super::params::MAX_ROOT_EDGE * (1.0 + 2.0 * LENGTH_TOLERANCE_RATIO)
    + 2.0 * LENGTH_TOLERANCE)
    / LENGTH_BIN) as usize
    + 2;
/// Number of bins per relative angle.
pub(crate) const ANGLE_BINS: usize = 256 >> ANGLE_BIN_SHIFT;
/// Number of cells of the probe index.
pub(crate) const CELLS: usize = LENGTH_BINS * ANGLE_BINS * ANGLE_BINS;

/// The length bin of `length` quarter pixels (the last bin collects the rest).
#[inline]
pub(crate) fn length_bin(length: u16) -> usize {
    ((f32::from(length) / (LENGTH_BIN * LENGTH_SCALE)) as usize).min(LENGTH_BINS - 1)
}

/// The probe-index cell of an exact edge shape.
#[inline]
pub(crate) fn cell_of(length_bin: usize, from_angle: u8, to_angle: u8) -> usize {
    (length_bin * ANGLE_BINS + usize::from(from_angle >> ANGLE_BIN_SHIFT)) * ANGLE_BINS
        + usize::from(to_angle >> ANGLE_BIN_SHIFT)
}

/// The minutiae of `template` in the matcher's frame: rescaled to 500 ppi, y up, the
/// [`super::params::MAX_MINUTIAE`] most reliable ones (stable order among equals).
pub(crate) fn points_of(template: &MinutiaeTemplate) -> Vec<Point> {
    let scale = 500.0 / f32::from(template.resolution_ppi().max(1));
    let mut minutiae: Vec<_> = template.minutiae().to_vec();
    minutiae.sort_by_key(|m| std::cmp::Reverse(m.quality));
    minutiae.truncate(super::params::MAX_MINUTIAE);
    minutiae
        .iter()
        .map(|m| Point {
            x: f32::from(m.x) * scale,
            y: -f32::from(m.y) * scale,
            direction: angle_units(m.direction.to_radians()),
            kind: m.kind,
            quality: m.quality,
        })
        .collect()
}

/// For each point, the indices of the others sorted by distance (nearest first), at most `k`
/// of them and none farther than `max_length` pixels.
pub(crate) fn nearest_neighbours(points: &[Point], k: usize, max_length: f32) -> Vec<Vec<(u8, EdgeShape)>> {
    points
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut others: Vec<(u8, EdgeShape)> = points
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(j, b)| (j as u8, edge_shape(a, b)))
                .filter(|(_, e)| f32::from(e.length) <= max_length * LENGTH_SCALE)
                .collect();
            others.sort_by_key(|&(j, e)| (e.length, j));
            others.truncate(k);
            others
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(x: f32, y: f32, degrees: f32) -> Point {
        Point { x, y, direction: angle_units(degrees.to_radians()), kind: MinutiaKind::Other, quality: 50 }
    }

    #[test]
    fn edges_do_not_change_under_rotation_and_translation() {
        let (a, b) = (point(10.0, 20.0, 30.0), point(70.0, -5.0, 200.0));
        let turn = 1.1f32;
        let moved = |p: &Point, degrees: f32| {
            let (s, c) = turn.sin_cos();
            point(p.x * c - p.y * s + 33.0, p.x * s + p.y * c - 7.0, degrees + turn.to_degrees())
        };
        let before = edge_shape(&a, &b);
        let after = edge_shape(&moved(&a, 30.0), &moved(&b, 200.0));
        assert!(before.length.abs_diff(after.length) <= 1);
        assert!(angles_close(before.from_angle, after.from_angle));
        assert!(angles_close(before.to_angle, after.to_angle));
        assert_eq!(before.from_angle.wrapping_sub(after.from_angle) as i8 as i32 / 2, 0);
    }

    #[test]
    fn angle_closeness_wraps() {
        assert!(angles_close(2, 254));
        assert!(!angles_close(0, 128));
        assert!(!angles_close(0, ANGLE_TOLERANCE + 1));
    }
}
