//! Minutiae in the matcher's frame and the rotation- and translation-invariant edge between two
//! of them.

use std::sync::LazyLock;

use super::params::{LENGTH_TOLERANCE, LENGTH_TOLERANCE_RATIO, MAX_MINUTIAE};
use super::settings::PreparationSettings;
use crate::model::MinutiaeTemplate;

/// Sub-pixel precision of stored edge lengths (quarter pixels).
pub(crate) const LENGTH_SCALE: f32 = 4.0;
/// "No minutia": minutia indices are below [`MAX_MINUTIAE`] ≤ 128.
pub(crate) const NONE: u8 = u8::MAX;

/// Minutiae at 500 ppi with the y axis pointing **up**, so that the ISO/IEC 19794-2 direction
/// (counter-clockwise as displayed) is an ordinary mathematical angle in this frame; centred on
/// their centroid so that translations between two prints stay small. Struct of arrays: the
/// comparison reads one field of many minutiae at a time.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Points {
    pub x: Box<[f32]>,
    pub y: Box<[f32]>,
    /// Direction in 1/256 turns.
    pub direction: Box<[u8]>,
    /// Weight of each minutia in the raw score, 255 = 1 (see
    /// `PreparationSettings::reliable_quality`).
    pub weight: Box<[u8]>,
}

impl Points {
    pub(crate) fn len(&self) -> usize {
        self.x.len()
    }

    /// Points at `xs`, `ys`, direction 0 and full weight, for geometric tests.
    #[cfg(test)]
    pub(crate) fn at(xs: &[f32], ys: &[f32]) -> Points {
        Points {
            x: xs.into(),
            y: ys.into(),
            direction: vec![0; xs.len()].into(),
            weight: vec![255; xs.len()].into(),
        }
    }
}

/// A reproducible stream of numbers in [0, 1) from `seed` (xorshift64), for geometric property
/// tests.
#[cfg(test)]
pub(crate) fn unit_stream(mut seed: u64) -> impl FnMut() -> f32 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// (sin, cos) of every angle in 1/256 turns.
pub(crate) static SIN_COS: LazyLock<[(f32, f32); 256]> =
    LazyLock::new(|| std::array::from_fn(|k| (k as f32 * std::f32::consts::TAU / 256.0).sin_cos()));

/// The direction of `(dx, dy)` in 1/256 turns, within 0.2° (a fraction of one unit): an
/// octant-reduced rational approximation of atan, much cheaper than `atan2`.
#[inline]
pub(crate) fn angle_of(dx: f32, dy: f32) -> u8 {
    let (ax, ay) = (dx.abs(), dy.abs());
    let (low, high) = if ax > ay { (ay, ax) } else { (ax, ay) };
    if high == 0.0 {
        return 0;
    }
    let z = low / high;
    // atan(z) ≈ π/4·z + 0.273·z·(1 − z) on [0, 1], in units of 1/256 turn.
    let mut a = z * (32.0 + 11.121 * (1.0 - z));
    if ay > ax {
        a = 64.0 - a;
    }
    if dx < 0.0 {
        a = 128.0 - a;
    }
    if dy < 0.0 {
        a = 256.0 - a;
    }
    // a is in [0, 256]: adding one half and truncating rounds, without a libm call.
    ((a + 0.5) as i32 & 255) as u8
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
}

/// The edge from point `i` to point `j`.
#[inline]
pub(crate) fn edge_shape(p: &Points, i: usize, j: usize) -> EdgeShape {
    let (dx, dy) = (p.x[j] - p.x[i], p.y[j] - p.y[i]);
    let length = ((dx * dx + dy * dy).sqrt() * LENGTH_SCALE + 0.5).min(32_000.0) as u16;
    let direction = angle_of(dx, dy);
    EdgeShape {
        length,
        from_angle: p.direction[i].wrapping_sub(direction),
        to_angle: p.direction[j].wrapping_sub(direction),
    }
}

/// The length tolerance (quarter pixels) for an edge of `length` quarter pixels.
#[inline]
pub(crate) fn length_tolerance(length: u16) -> u16 {
    (f32::from(length) * LENGTH_TOLERANCE_RATIO).max(LENGTH_TOLERANCE * LENGTH_SCALE) as u16
}

/// The indices (into `template.minutiae()`) of the minutiae the matcher keeps, in its order:
/// most reliable first (stable among equals), at most [`MAX_MINUTIAE`], those below the quality
/// filter of `settings` dropped unless that would leave fewer than its minimum.
pub(crate) fn kept_minutiae(template: &MinutiaeTemplate, settings: &PreparationSettings) -> Vec<usize> {
    let minutiae = template.minutiae();
    let mut order: Vec<usize> = (0..minutiae.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(minutiae[i].quality));
    order.truncate(MAX_MINUTIAE);
    // Sorted by quality (0, "not reported", last), so the kept ones are a prefix plus the
    // unreported ones at the end.
    let reliable = order.iter().filter(|&&i| settings.keeps(minutiae[i].quality)).count();
    let floor = settings.min_kept_minutiae.min(order.len());
    if reliable < floor {
        order.truncate(floor);
    } else {
        order.retain(|&i| settings.keeps(minutiae[i].quality));
    }
    order
}

/// The minutiae of `template` in the matcher's frame: rescaled to 500 ppi, y up, those of
/// [`kept_minutiae`], centred.
pub(crate) fn points_of(template: &MinutiaeTemplate, settings: &PreparationSettings) -> Points {
    let scale = 500.0 / f32::from(template.resolution_ppi().max(1));
    let all = template.minutiae();
    let minutiae: Vec<_> = kept_minutiae(template, settings).into_iter().map(|i| all[i]).collect();
    let n = minutiae.len().max(1) as f32;
    let cx = minutiae.iter().map(|m| f32::from(m.x) * scale).sum::<f32>() / n;
    let cy = minutiae.iter().map(|m| -f32::from(m.y) * scale).sum::<f32>() / n;
    Points {
        x: minutiae.iter().map(|m| f32::from(m.x) * scale - cx).collect(),
        y: minutiae.iter().map(|m| -f32::from(m.y) * scale - cy).collect(),
        direction: minutiae
            .iter()
            .map(|m| ((m.direction / 360.0 * 256.0).round() as i32).rem_euclid(256) as u8)
            .collect(),
        weight: minutiae.iter().map(|m| settings.weight(m.quality)).collect(),
    }
}

/// The area a template's minutiae cover: their convex hull as half-planes, each edge
/// `(nx, ny, c)` with a unit normal pointing inside, so that a point `(x, y)` lies inside when
/// `nx·x + ny·y + c ≥ 0` for every edge. Used to count the minutiae of one print that fall in
/// the other's area once aligned (the overlap the raw score is normalised by).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Area {
    pub edges: Box<[[f32; 3]]>,
}

impl Area {
    /// The convex hull of `p` (monotone chain); empty (containing nothing) below three
    /// distinct non-collinear points.
    pub(crate) fn of(p: &Points) -> Area {
        let mut points: Vec<(f32, f32)> = (0..p.len()).map(|i| (p.x[i], p.y[i])).collect();
        points.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        points.dedup();
        if points.len() < 3 {
            return Area::default();
        }
        let cross = |o: (f32, f32), a: (f32, f32), b: (f32, f32)| {
            (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
        };
        let mut chain: Vec<(f32, f32)> = Vec::with_capacity(2 * points.len());
        for pass in [&points[..], &points.iter().rev().copied().collect::<Vec<_>>()[..]] {
            let base = chain.len();
            for &q in pass {
                while chain.len() >= base + 2
                    && cross(chain[chain.len() - 2], chain[chain.len() - 1], q) <= 0.0
                {
                    chain.pop();
                }
                chain.push(q);
            }
            chain.pop();
        }
        if chain.len() < 3 {
            return Area::default();
        }
        let edges = (0..chain.len())
            .map(|k| {
                let (a, b) = (chain[k], chain[(k + 1) % chain.len()]);
                let (ex, ey) = (b.0 - a.0, b.1 - a.1);
                let length = (ex * ex + ey * ey).sqrt().max(1e-6);
                // Counter-clockwise: the inside is to the left, normal (−ey, ex).
                let (nx, ny) = (-ey / length, ex / length);
                [nx, ny, -(nx * a.0 + ny * a.1)]
            })
            .collect();
        Area { edges }
    }

    /// Whether `(x, y)` lies inside the area grown by `margin` pixels: the definition that the
    /// comparison's vectorised count (`compare::count_inside`) is tested against.
    #[cfg(test)]
    pub(crate) fn contains(&self, x: f32, y: f32, margin: f32) -> bool {
        !self.edges.is_empty() && self.edges.iter().all(|&[nx, ny, c]| nx * x + ny * y + c >= -margin)
    }
}

/// How one print's points are moved into the other's frame for the overlap count, in the
/// arithmetic `compare::common_minutiae` has always used (the order of operations fixes the
/// rounding, hence the scores).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Motion {
    /// Rotated, then translated: `(cos·x − sin·y + tx, sin·x + cos·y + ty)`.
    Forward { cos: f32, sin: f32, tx: f32, ty: f32 },
    /// Translated back, then rotated back: with `(dx, dy) = (x − tx, y − ty)`,
    /// `(cos·dx + sin·dy, cos·dy − sin·dx)`.
    Back { cos: f32, sin: f32, tx: f32, ty: f32 },
}

impl Motion {
    /// The point `(x, y)` moved.
    #[inline(always)]
    pub(crate) fn apply(self, x: f32, y: f32) -> (f32, f32) {
        match self {
            Motion::Forward { cos, sin, tx, ty } => (cos * x - sin * y + tx, sin * x + cos * y + ty),
            Motion::Back { cos, sin, tx, ty } => {
                let (dx, dy) = (x - tx, y - ty);
                (cos * dx + sin * dy, cos * dy - sin * dx)
            }
        }
    }
}

/// For each point, the others sorted by distance (nearest first, ties by index), at most `k`
/// of them and none farther than `max_length` pixels.
pub(crate) fn nearest_neighbours(p: &Points, k: usize, max_length: f32) -> Vec<Vec<u8>> {
    let max2 = max_length * max_length;
    let mut candidates: Vec<(f32, u8)> = Vec::with_capacity(p.len());
    (0..p.len())
        .map(|i| {
            candidates.clear();
            for j in (0..p.len()).filter(|&j| j != i) {
                let (dx, dy) = (p.x[j] - p.x[i], p.y[j] - p.y[i]);
                let d2 = dx * dx + dy * dy;
                if d2 <= max2 {
                    candidates.push((d2, j as u8));
                }
            }
            let order = |a: &(f32, u8), b: &(f32, u8)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
            if candidates.len() > k {
                candidates.select_nth_unstable_by(k, order);
                candidates.truncate(k);
            }
            candidates.sort_unstable_by(order);
            candidates.iter().map(|c| c.1).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(list: &[(f32, f32, f32)]) -> Points {
        Points {
            x: list.iter().map(|p| p.0).collect(),
            y: list.iter().map(|p| p.1).collect(),
            direction: list
                .iter()
                .map(|p| ((p.2 / 360.0 * 256.0).round() as i32).rem_euclid(256) as u8)
                .collect(),
            weight: vec![255; list.len()].into(),
        }
    }

    #[test]
    fn edges_do_not_change_under_rotation_and_translation() {
        let turn = 63.0f32;
        let (s, c) = turn.to_radians().sin_cos();
        let moved = |x: f32, y: f32, d: f32| (x * c - y * s + 33.0, x * s + y * c - 7.0, d + turn);
        let a = points(&[(10.0, 20.0, 30.0), (70.0, -5.0, 200.0)]);
        let (m0, m1) = (moved(10.0, 20.0, 30.0), moved(70.0, -5.0, 200.0));
        let b = points(&[m0, m1]);
        let (before, after) = (edge_shape(&a, 0, 1), edge_shape(&b, 0, 1));
        assert!(before.length.abs_diff(after.length) <= 1);
        assert!((before.from_angle.wrapping_sub(after.from_angle) as i8).unsigned_abs() <= 1);
        assert!((before.to_angle.wrapping_sub(after.to_angle) as i8).unsigned_abs() <= 1);
    }

    #[test]
    fn the_area_is_the_convex_hull() {
        let square = points(&[
            (0.0, 0.0, 0.0),
            (100.0, 0.0, 0.0),
            (100.0, 100.0, 0.0),
            (0.0, 100.0, 0.0),
            (50.0, 50.0, 0.0),
        ]);
        let area = Area::of(&square);
        assert_eq!(area.edges.len(), 4);
        assert!(area.contains(50.0, 50.0, 0.0));
        assert!(area.contains(1.0, 99.0, 0.0));
        assert!(!area.contains(104.0, 50.0, 0.0));
        assert!(area.contains(104.0, 50.0, 5.0));
        assert!(!area.contains(-3.0, -3.0, 1.0));
        assert!(
            !Area::of(&points(&[(0.0, 0.0, 0.0), (1.0, 1.0, 0.0), (2.0, 2.0, 0.0)])).contains(1.0, 1.0, 0.5)
        );
    }

    #[test]
    fn the_fast_angle_is_within_one_unit_of_atan2() {
        for k in 0..3600 {
            let t = k as f32 / 3600.0 * std::f32::consts::TAU;
            let (dy, dx) = (t.sin() * 37.0, t.cos() * 37.0);
            let exact = ((dy.atan2(dx) / std::f32::consts::TAU * 256.0).round() as i32).rem_euclid(256) as u8;
            assert!((angle_of(dx, dy).wrapping_sub(exact) as i8).unsigned_abs() <= 1, "{t}");
        }
        assert_eq!(angle_of(0.0, 0.0), 0);
    }
}
