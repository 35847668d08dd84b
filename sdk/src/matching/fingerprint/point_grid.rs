//! The probe's minutiae bucketed by position, so that the extension of a pairing
//! (`compare::extended`) finds the minutiae near a predicted position without scanning all.

use super::geometry::Points;

/// Side of a grid cell in pixels: about the smallest reach of an extension pair (12 px plus its
/// distortion allowance), so that a lookup visits a few cells holding a minutia or two each.
const CELL: f32 = 24.0;
/// At most this many cells per axis: a template spread over a huge image (coordinates come from
/// outside) gets larger cells, not a larger grid.
const MAX_CELLS: f32 = 64.0;

/// The points of a [`Points`] by grid cell (compressed rows: `start[c]..start[c + 1]` indexes
/// `points` for cell `c`, row-major from `origin`).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct PointGrid {
    origin: (f32, f32),
    /// Side of a cell: [`CELL`], or more for a very large template.
    cell: f32,
    columns: usize,
    rows: usize,
    start: Box<[u16]>,
    points: Box<[u8]>,
}

impl PointGrid {
    /// The grid of `points` (at most 255 of them, as every template the matcher keeps).
    pub(crate) fn of(points: &Points) -> Self {
        if points.len() == 0 {
            return PointGrid::default();
        }
        let fold = |f: fn(f32, f32) -> f32, xs: &[f32], init: f32| xs.iter().copied().fold(init, f);
        let (min_x, max_x) =
            (fold(f32::min, &points.x, f32::INFINITY), fold(f32::max, &points.x, f32::NEG_INFINITY));
        let (min_y, max_y) =
            (fold(f32::min, &points.y, f32::INFINITY), fold(f32::max, &points.y, f32::NEG_INFINITY));
        // Coordinates are finite (template coordinates are integers, rescaled).
        let cell = CELL.max((max_x - min_x).max(max_y - min_y) / MAX_CELLS);
        let columns = ((max_x - min_x) / cell) as usize + 1;
        let rows = ((max_y - min_y) / cell) as usize + 1;
        let cell_of = |k: usize| {
            let column = (((points.x[k] - min_x) / cell) as usize).min(columns - 1);
            let row = (((points.y[k] - min_y) / cell) as usize).min(rows - 1);
            row * columns + column
        };
        let mut start = vec![0u16; columns * rows + 1];
        for k in 0..points.len() {
            start[cell_of(k) + 1] += 1;
        }
        for c in 1..start.len() {
            start[c] += start[c - 1];
        }
        let mut filled = start.clone();
        let mut order = vec![0u8; points.len()];
        for k in 0..points.len() {
            let c = cell_of(k);
            order[usize::from(filled[c])] = k as u8;
            filled[c] += 1;
        }
        PointGrid { origin: (min_x, min_y), cell, columns, rows, start: start.into(), points: order.into() }
    }

    /// Calls `f` with every point in a cell that the square of half-side `reach` around
    /// `(x, y)` touches (a superset of the points within `reach`).
    #[inline(always)]
    pub(crate) fn for_each_near(&self, x: f32, y: f32, reach: f32, mut f: impl FnMut(usize)) {
        if self.columns == 0 {
            return;
        }
        // Cell ranges as signed numbers, so that a square off the grid yields an empty range.
        let range = |centre: f32, origin: f32, cells: usize| {
            let first = (((centre - reach - origin) / self.cell).floor() as i64).max(0);
            let last = (((centre + reach - origin) / self.cell).floor() as i64).min(cells as i64 - 1);
            first..=last
        };
        let columns = range(x, self.origin.0, self.columns);
        if columns.is_empty() {
            return;
        }
        for row in range(y, self.origin.1, self.rows) {
            let base = row as usize * self.columns;
            let (Some(from), Some(to)) = (
                self.start.get(base + *columns.start() as usize),
                self.start.get(base + *columns.end() as usize + 1),
            ) else {
                continue;
            };
            // The cells of one row are contiguous in `points`.
            for &k in self.points.get(usize::from(*from)..usize::from(*to)).unwrap_or_default() {
                f(usize::from(k));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::fingerprint::geometry::unit_stream;

    #[test]
    fn every_point_within_reach_is_visited() {
        let mut next = unit_stream(0x9e37_79b9_7f4a_7c15u64);
        for round in 0..100 {
            let n = 1 + (next() * 90.0) as usize;
            // Some templates spread far wider than a print, where the cells grow.
            let spread = if round % 10 == 0 { 20_000.0 } else { 400.0 };
            let xs: Vec<f32> = (0..n).map(|_| spread * next() - spread / 2.0).collect();
            let ys: Vec<f32> = (0..n).map(|_| 500.0 * next() - 250.0).collect();
            let points = Points::at(&xs, &ys);
            let grid = PointGrid::of(&points);
            assert!(grid.columns <= 65 && grid.rows <= 65, "{} x {}", grid.columns, grid.rows);
            for _ in 0..50 {
                let (x, y, reach) = (600.0 * next() - 300.0, 700.0 * next() - 350.0, 60.0 * next());
                let mut seen = vec![0u32; n];
                grid.for_each_near(x, y, reach, |k| seen[k] += 1);
                for k in 0..n {
                    assert!(seen[k] <= 1, "visited twice");
                    let d2 = (xs[k] - x).powi(2) + (ys[k] - y).powi(2);
                    if d2 <= reach * reach {
                        assert_eq!(seen[k], 1, "point {k} within reach not visited");
                    }
                }
            }
        }
        PointGrid::default().for_each_near(0.0, 0.0, 10.0, |_| panic!("no points"));
    }
}
