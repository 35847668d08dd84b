//! The probe's minutiae as padded lanes, for the extension of a pairing
//! (`compare::extended`): the nearest unpaired candidate of a predicted position is found by
//! testing every probe minutia, eight at a time and without a branch, rather than by visiting
//! the cells of a grid near it (whose branches on each visited minutia were the extension's
//! largest cost).

use super::geometry::Points;

/// Minutiae tested at once: one AVX2 register of f32.
pub(crate) const EXTENSION_LANES: usize = 8;

/// The probe's positions and directions, padded to whole groups of [`EXTENSION_LANES`] with
/// minutiae infinitely far away (never within reach).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ExtensionLanes {
    pub(crate) x: Box<[f32]>,
    pub(crate) y: Box<[f32]>,
    /// Direction in 1/256 turns, widened so that a group's direction test is one lane op.
    pub(crate) direction: Box<[i32]>,
}

impl ExtensionLanes {
    /// The lanes of `points`.
    pub(crate) fn of(points: &Points) -> Self {
        let padded = points.len().next_multiple_of(EXTENSION_LANES);
        let pad = |values: &[f32]| {
            let mut lanes = values.to_vec();
            lanes.resize(padded, f32::INFINITY);
            lanes.into_boxed_slice()
        };
        let mut direction: Vec<i32> = points.direction.iter().map(|&d| i32::from(d)).collect();
        direction.resize(padded, 0);
        ExtensionLanes { x: pad(&points.x), y: pad(&points.y), direction: direction.into_boxed_slice() }
    }

    /// Number of lanes (a whole number of groups).
    pub(crate) fn len(&self) -> usize {
        self.x.len()
    }

    /// The first (lowest index) of the nearest minutiae to `(x, y)` within `reach`, whose
    /// direction lies within `angle` of `direction` and whose `blocked` lane is 0 (a blocked lane
    /// holds infinity: `blocked` has [`len`](Self::len) lanes).
    #[inline(always)]
    pub(crate) fn nearest(
        &self,
        blocked: &[f32],
        (x, y): (f32, f32),
        reach: f32,
        direction: u8,
        angle: u8,
    ) -> Option<usize> {
        let reach2 = reach * reach;
        // `(d - direction) as i8` within ±angle, as one comparison of the turn shifted by angle.
        let shift = i32::from(angle) - i32::from(direction);
        let span = 2 * i32::from(angle);
        let mut best = [f32::INFINITY; EXTENSION_LANES];
        let mut at = [0u32; EXTENSION_LANES];
        let groups = self
            .x
            .chunks_exact(EXTENSION_LANES)
            .zip(self.y.chunks_exact(EXTENSION_LANES))
            .zip(self.direction.chunks_exact(EXTENSION_LANES).zip(blocked.chunks_exact(EXTENSION_LANES)));
        for (group, ((gx, gy), (gd, gb))) in groups.enumerate() {
            for lane in 0..EXTENSION_LANES {
                let (dx, dy) = (gx[lane] - x, gy[lane] - y);
                // A blocked lane adds infinity; an open one adds 0, which leaves the distance as is.
                let d2 = dx * dx + dy * dy + gb[lane];
                let turned = (gd[lane] + shift) & 255 <= span;
                let closer = d2 <= reach2 && turned && d2 < best[lane];
                best[lane] = if closer { d2 } else { best[lane] };
                at[lane] = if closer { (group * EXTENSION_LANES + lane) as u32 } else { at[lane] };
            }
        }
        let (d2, lane) = first_nearest(&best, &at);
        (d2 <= reach2).then_some(lane)
    }
}

/// The smallest of the lanes' squared distances `best` and its index `at`, the lowest index among
/// equal ones, as one integer minimum without branches: squared distances are non-negative,
/// where the IEEE bit pattern orders as the value does.
#[inline(always)]
pub(crate) fn first_nearest(best: &[f32; EXTENSION_LANES], at: &[u32; EXTENSION_LANES]) -> (f32, usize) {
    let nearest = (0..EXTENSION_LANES)
        .map(|lane| u64::from(best[lane].to_bits()) << 32 | u64::from(at[lane]))
        .min()
        .unwrap_or(u64::MAX);
    (f32::from_bits((nearest >> 32) as u32), (nearest as u32) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::fingerprint::geometry::unit_stream;

    #[test]
    fn the_nearest_open_lane_is_the_first_nearest_of_a_scan_in_order() {
        let mut next = unit_stream(0x3c6e_f372_fe94_f82bu64);
        for round in 0..400 {
            let n = 1 + round % 45;
            // A coarse grid of positions, so that equally near minutiae (ties) are common.
            let xs: Vec<f32> = (0..n).map(|_| (next() * 8.0).floor() * 10.0).collect();
            let ys: Vec<f32> = (0..n).map(|_| (next() * 8.0).floor() * 10.0).collect();
            let directions: Vec<u8> = (0..n).map(|_| (next() * 256.0) as u8).collect();
            let points = Points::at(&xs, &ys);
            let points = Points { direction: directions.clone().into(), ..points };
            let lanes = ExtensionLanes::of(&points);
            let mut blocked = vec![0.0; lanes.len()];
            let open: Vec<bool> = (0..n).map(|_| next() > 0.3).collect();
            for (k, &o) in open.iter().enumerate() {
                if !o {
                    blocked[k] = f32::INFINITY;
                }
            }
            let (x, y) = ((next() * 8.0).floor() * 10.0, (next() * 8.0).floor() * 10.0);
            let (reach, direction, angle) = (5.0 + next() * 40.0, (next() * 256.0) as u8, 24);
            let mut scan: Option<(f32, usize)> = None;
            for k in 0..n {
                let d2 = (xs[k] - x) * (xs[k] - x) + (ys[k] - y) * (ys[k] - y);
                let turned = (directions[k].wrapping_sub(direction) as i8).unsigned_abs() <= angle;
                if open[k] && turned && d2 <= reach * reach && scan.is_none_or(|(b, _)| d2 < b) {
                    scan = Some((d2, k));
                }
            }
            let found = lanes.nearest(&blocked, (x, y), reach, direction, angle);
            assert_eq!(found, scan.map(|(_, k)| k), "round {round}");
        }
    }
}
