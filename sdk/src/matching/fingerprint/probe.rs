//! The probe side: prepared once per search, then compared with every gallery template.

use super::Calibration;
use super::FingerprintError;
use super::extension_lanes::ExtensionLanes;
use super::geometry::{Area, LENGTH_SCALE, NONE, Points, angle_of, edge_shape, length_tolerance};
use super::lanes::{CellLanes, LANES, ShapeLanes};
use super::params::{ANGLE_BIN_SHIFT, ANGLE_TOLERANCE, MAX_PROBE_EDGE, MAX_ROOT_EDGE, MAX_ROOTS};
use super::settings::{PreparationSettings, SETTINGS};
use super::template::{ANGLE_BINS, BIN_LENGTH, CELLS, FingerprintTemplate, LENGTH_BINS, usable_points};
use crate::model::MinutiaeTemplate;

/// Up to sixteen probe edges of one index cell: their shapes in the first cache line, their
/// minutiae and the cell's next block in the second, aligned to the pair of lines, so that a
/// lookup of a gallery edge reads no other memory (the profile's largest share is these
/// lookups; with the minutiae and the chains in arrays of their own each lookup missed the
/// first-level cache up to three times).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, align(128))]
pub(crate) struct IndexBlock {
    pub lanes: CellLanes,
    pub ends: BlockEnds,
    /// The next block in its cell's chain, or 0 for none (block 0 is a cell's first block, never
    /// a next).
    pub next: u32,
}

/// The minutiae of the edges of an [`IndexBlock`], read only when one of its lanes accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BlockEnds {
    pub from: [u8; LANES],
    pub to: [u8; LANES],
}

/// A probe minutia's nearest neighbours, one lane each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Neighbours {
    pub shapes: ShapeLanes,
    pub to: [u8; LANES],
}

/// A minutiae template prepared as the probe of a search.
///
/// Preparing indexes every ordered pair of the probe's minutiae up to 120 px apart by the
/// quantised shape of their edge (length, two relative angles) in blocks of sixteen lanes. Each
/// edge is entered in every index cell its tolerance box touches (usually eight), so a gallery
/// edge is looked up in exactly one cell, computed at enrolment, and tested against a whole
/// block at once. Each minutia also keeps its sixteen nearest neighbours as lanes for the
/// pairing crawl. Costs about 0.1 ms and 370 KB for a 45-minutia template (every cell has its
/// own block of two cache lines): prepare once per search, not per comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    pub(crate) points: Points,
    /// `blocks[c]` holds the first sixteen edges of index cell `c` (`CELLS` blocks, the empty
    /// ones accept nothing), followed by the further blocks of the few fuller cells, chained by
    /// `IndexBlock::next`: a lookup goes straight to its cell's block.
    pub(crate) blocks: Vec<IndexBlock>,
    pub(crate) neighbours: Box<[Neighbours]>,
    /// This side's half of the size correction (see `PreparationSettings::size_exponent`).
    pub(crate) size_factor: f32,
    /// The area the minutiae cover (for the overlap share).
    pub(crate) area: Area,
    /// The minutiae as lanes, for the extension of a pairing (empty when the settings do not
    /// extend: preparing them would be work on every search for nothing).
    pub(crate) extension_lanes: ExtensionLanes,
    /// The exponent of the overlap share (`PreparationSettings::overlap_exponent`).
    pub(crate) overlap_exponent: f32,
    /// `PreparationSettings::pose_distance_ratio`.
    pub(crate) pose_distance_ratio: f32,
    /// `PreparationSettings::alignment_distance`.
    pub(crate) alignment_distance: f32,
    /// `PreparationSettings::extension_weight`.
    pub(crate) extension_weight: f32,
    /// `PreparationSettings::max_roots`, within 1…[`MAX_ROOTS`].
    pub(crate) max_roots: usize,
    /// ⌈2³² / minutiae⌉, to split a vote-matrix cell into its pair without dividing (see
    /// [`Probe::pair_of_cell`]).
    pub(crate) row_reciprocal: u64,
    /// The scale of every comparison this probe enters (`PreparationSettings::calibration`).
    pub(crate) calibration: Calibration,
}

/// One directed probe edge with its accepted length range.
#[derive(Clone, Copy)]
struct Indexed {
    min_length: u16,
    max_length: u16,
    from_angle: u8,
    to_angle: u8,
    from: u8,
    to: u8,
}

/// Calls `f` with every index cell the tolerance box of `e` touches, and the cell's length bin:
/// at most three length bins (the tolerance is at most 10 % of a root edge, the bins 16 px)
/// and two bins per angle (the tolerance span, 17 units, is below the bin width of 16 units
/// plus one).
#[inline(always)]
fn for_each_cell(e: &Indexed, mut f: impl FnMut(usize, usize)) {
    let wrap = ANGLE_BINS - 1;
    let bin = |length: u16| (usize::from(length) / BIN_LENGTH as usize).min(LENGTH_BINS - 1);
    let angle_bins = |angle: u8| {
        let first = usize::from(angle.wrapping_sub(ANGLE_TOLERANCE) >> ANGLE_BIN_SHIFT);
        let last = usize::from(angle.wrapping_add(ANGLE_TOLERANCE) >> ANGLE_BIN_SHIFT);
        (first, if first == last { 1 } else { 2 }, wrap)
    };
    let ((a0, na, _), (b0, nb, _)) = (angle_bins(e.from_angle), angle_bins(e.to_angle));
    for l in bin(e.min_length)..=bin(e.max_length) {
        for ka in 0..na {
            let row = (l * ANGLE_BINS + ((a0 + ka) & wrap)) * ANGLE_BINS;
            for kb in 0..nb {
                f(row + ((b0 + kb) & wrap), l);
            }
        }
    }
}

impl Probe {
    /// Prepares `template` as a probe.
    ///
    /// # Errors
    /// [`FingerprintError::TooFewMinutiae`] when it has fewer than 5 minutiae.
    pub fn new(template: &MinutiaeTemplate) -> Result<Self, FingerprintError> {
        Self::with_settings(template, &SETTINGS)
    }

    /// Prepares `template` as a probe with other preparation settings than the engine's (to
    /// measure them; the sBMS uses [`Probe::new`]).
    ///
    /// # Errors
    /// [`FingerprintError::TooFewMinutiae`] when it has fewer than 5 minutiae.
    pub fn with_settings(
        template: &MinutiaeTemplate,
        settings: &PreparationSettings,
    ) -> Result<Self, FingerprintError> {
        Ok(Self::from_points(usable_points(template, settings)?, settings))
    }

    /// The probe of a gallery template: the same points, so the same scores as the probe of
    /// the minutiae it was prepared from (the sBMS keeps only gallery templates and builds a
    /// record's probe when it searches with it).
    pub fn of_template(template: &FingerprintTemplate) -> Self {
        Self::from_points(template.points.clone(), &template.settings)
    }

    fn from_points(points: Points, settings: &PreparationSettings) -> Self {
        let n = points.len();
        let max_root = (MAX_ROOT_EDGE * LENGTH_SCALE) as u16;
        let mut distance2 = vec![0f32; n * n];
        let mut indexed = Vec::with_capacity(n * n);
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy) = (points.x[j] - points.x[i], points.y[j] - points.y[i]);
                let d2 = dx * dx + dy * dy;
                distance2[i * n + j] = d2;
                distance2[j * n + i] = d2;
                // Non-negative: adding one half and truncating rounds, without a libm call.
                let length = (d2.sqrt() * LENGTH_SCALE + 0.5).min(32_000.0) as u16;
                let tolerance = length_tolerance(length);
                if length.saturating_sub(tolerance) > max_root {
                    continue;
                }
                let (min_length, max_length) = (length.saturating_sub(tolerance), length + tolerance);
                // Both directions, so that a gallery edge matches whichever way it is listed.
                let forward = angle_of(dx, dy);
                for (from, to, along) in [(i, j, forward), (j, i, forward.wrapping_add(128))] {
                    indexed.push(Indexed {
                        min_length,
                        max_length,
                        from_angle: points.direction[from].wrapping_sub(along),
                        to_angle: points.direction[to].wrapping_sub(along),
                        from: from as u8,
                        to: to as u8,
                    });
                }
            }
        }
        let empty = IndexBlock {
            lanes: CellLanes::EMPTY,
            ends: BlockEnds { from: [0; LANES], to: [0; LANES] },
            next: 0,
        };
        // Room for the further blocks of the fuller cells (a few hundred for a typical template):
        // a vector grown past its capacity copies the whole index. The vector is kept as it is:
        // a boxed slice made of it copied the index too (an allocation aligned beyond 16 bytes
        // cannot shrink in place), about a quarter of the preparation's instructions.
        let total = CELLS + CELLS / 2;
        let mut blocks = Vec::with_capacity(total);
        blocks.resize(CELLS, empty);
        // Per cell: edges entered so far, and its last block (the first one until it overflows).
        let mut count = vec![0u32; CELLS];
        let mut last: Vec<u32> = (0..CELLS as u32).collect();
        for e in &indexed {
            // Copied out once: the stores below could otherwise alias `e` for the optimiser.
            let Indexed { min_length, max_length, from_angle, to_angle, from, to } = *e;
            for_each_cell(e, |c, l| {
                let k = count[c] as usize;
                count[c] += 1;
                let lane = k % LANES;
                if k >= LANES && lane == 0 {
                    // The cell is full: chain a new block after its last.
                    let at = blocks.len() as u32;
                    blocks.push(empty);
                    if let Some(full) = blocks.get_mut(last[c] as usize) {
                        full.next = at;
                    }
                    last[c] = at;
                }
                let at = last[c] as usize;
                let Some(block) = blocks.get_mut(at) else { return };
                // Relative to the cell's length bin, where every gallery edge looked up here
                // lies (see `CellLanes`); the edge's range reaches into the bin, so the clamp
                // only cuts what no such edge can reach.
                let base = l as i32 * BIN_LENGTH;
                let relative = |length: u16| (i32::from(length) - base).clamp(0, 255) as u8;
                block.lanes.min_length[lane] = relative(min_length);
                block.lanes.max_length[lane] = relative(max_length);
                block.lanes.from_angle[lane] = from_angle;
                block.lanes.to_angle[lane] = to_angle;
                block.ends.from[lane] = from;
                block.ends.to[lane] = to;
            });
        }
        let max2 = MAX_PROBE_EDGE * MAX_PROBE_EDGE;
        // (distance², neighbour) as one integer: squared distances are non-negative, where the
        // IEEE bit pattern orders as the value does, so this is the order by distance then index.
        let mut order: Vec<u64> = Vec::with_capacity(n);
        let neighbours = (0..n)
            .map(|i| {
                order.clear();
                order.extend(
                    (0..n)
                        .filter(|&j| j != i && distance2[i * n + j] <= max2)
                        .map(|j| u64::from(distance2[i * n + j].to_bits()) << 8 | j as u64),
                );
                if order.len() > LANES {
                    order.select_nth_unstable(LANES);
                    order.truncate(LANES);
                }
                let mut lanes = Neighbours { shapes: ShapeLanes::EMPTY, to: [NONE; LANES] };
                for (k, j) in order.iter().map(|&key| key as u8).enumerate() {
                    let shape = edge_shape(&points, i, usize::from(j));
                    let tolerance = length_tolerance(shape.length);
                    let (min_length, max_length) =
                        (shape.length.saturating_sub(tolerance), shape.length + tolerance);
                    lanes.shapes.set(k, (min_length, max_length), shape.from_angle, shape.to_angle);
                    lanes.to[k] = j;
                }
                lanes
            })
            .collect();
        Probe {
            size_factor: settings.size_factor(points.len()),
            area: Area::of(&points),
            extension_lanes: if settings.extension_weight > 0.0 {
                ExtensionLanes::of(&points)
            } else {
                ExtensionLanes::default()
            },
            overlap_exponent: settings.overlap_exponent,
            pose_distance_ratio: settings.pose_distance_ratio,
            alignment_distance: settings.alignment_distance,
            extension_weight: settings.extension_weight,
            max_roots: settings.max_roots.clamp(1, MAX_ROOTS),
            row_reciprocal: row_reciprocal(n),
            calibration: settings.calibration,
            points,
            blocks,
            neighbours,
        }
    }

    /// Number of minutiae the matcher uses.
    pub fn minutiae_count(&self) -> usize {
        self.points.len()
    }

    /// The (gallery, probe) minutiae of vote-matrix cell `cell` (rows by gallery minutia, one
    /// column per probe minutia): the quotient and remainder by the probe's minutiae count, the
    /// quotient as a multiplication by [`row_reciprocal`](Self::row_reciprocal), which is exact
    /// for every cell below 2³² / count (the cells stay below 128 · 128 = 2¹⁴). A division per
    /// root was a visible share of choosing them.
    #[inline(always)]
    pub(crate) fn pair_of_cell(&self, cell: u16) -> (u8, u8) {
        split_cell(cell, self.points.len(), self.row_reciprocal)
    }
}

/// ⌈2³² / n⌉ (n at least 1).
fn row_reciprocal(n: usize) -> u64 {
    (1u64 << 32).div_ceil(n.max(1) as u64)
}

/// `(cell / n, cell % n)` with the quotient by the `reciprocal` of `n`: with ⌈2³²/n⌉ = (2³² + r)/n,
/// r < n, the product over 2³² exceeds cell/n by less than cell/2³², which stays below the 1/n
/// that separates cell/n from the next integer while cell < 2³²/n.
#[inline(always)]
fn split_cell(cell: u16, n: usize, reciprocal: u64) -> (u8, u8) {
    let g = (u64::from(cell) * reciprocal) >> 32;
    let p = u64::from(cell).wrapping_sub(g.wrapping_mul(n as u64));
    (g as u8, p as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::fingerprint::params::MAX_MINUTIAE;

    #[test]
    fn a_cell_splits_into_its_row_and_column_as_by_division() {
        for n in 1..=MAX_MINUTIAE {
            let reciprocal = row_reciprocal(n);
            for cell in 0..(n * MAX_MINUTIAE) as u16 {
                let want = ((usize::from(cell) / n) as u8, (usize::from(cell) % n) as u8);
                assert_eq!(split_cell(cell, n, reciprocal), want, "cell {cell} of rows of {n}");
            }
        }
    }
}
