//! The gallery-side template: everything the matcher can compute once at enrolment.

use super::FingerprintError;
use super::geometry::{Area, EdgeShape, LENGTH_SCALE, Points, edge_shape, nearest_neighbours, points_of};
use super::lanes::{CellQuery, Query};
use super::params::{
    ANGLE_BIN_SHIFT, ANGLE_TOLERANCE, CRAWL_NEIGHBOURS, LENGTH_BIN, LENGTH_TOLERANCE, LENGTH_TOLERANCE_RATIO,
    MAX_CRAWL_EDGE, MAX_ROOT_EDGE, MIN_MINUTIAE, MIN_ROOT_EDGE, ROOT_NEIGHBOURS,
};
use super::settings::{PreparationSettings, SETTINGS};
use crate::model::MinutiaeTemplate;

/// Length bins of the probe index: up to the longest root edge plus its tolerance.
pub(crate) const LENGTH_BINS: usize =
    ((MAX_ROOT_EDGE * (1.0 + LENGTH_TOLERANCE_RATIO) + LENGTH_TOLERANCE) / LENGTH_BIN) as usize + 2;
/// Bins per relative angle.
pub(crate) const ANGLE_BINS: usize = 256 >> ANGLE_BIN_SHIFT;
/// Cells of the probe index.
pub(crate) const CELLS: usize = LENGTH_BINS * ANGLE_BINS * ANGLE_BINS;
/// Side of a length bin in quarter pixels.
pub(crate) const BIN_LENGTH: i32 = (LENGTH_BIN * LENGTH_SCALE) as i32;

// Root edges never reach the last length bin (which collects everything longer), so a root
// edge's length relative to its bin is below BIN_LENGTH and the byte lanes of the probe index
// (`CellLanes`) answer exactly.
const _: () = assert!(
    MAX_ROOT_EDGE * LENGTH_SCALE + 0.5 < ((LENGTH_BINS as i32 - 1) * BIN_LENGTH) as f32 && BIN_LENGTH <= 255
);

/// The length bin of `length` quarter pixels (the last bin collects the rest).
#[inline]
pub(crate) fn length_bin(length: u16) -> usize {
    (usize::from(length) / BIN_LENGTH as usize).min(LENGTH_BINS - 1)
}

/// The probe-index cell of an exact edge shape.
#[inline]
pub(crate) fn cell_of(shape: &EdgeShape) -> usize {
    (length_bin(shape.length) * ANGLE_BINS + usize::from(shape.from_angle >> ANGLE_BIN_SHIFT)) * ANGLE_BINS
        + usize::from(shape.to_angle >> ANGLE_BIN_SHIFT)
}

/// An edge whose shape is looked up in the probe index to find root pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RootEdge {
    /// The probe-index cell of the exact shape, computed at enrolment.
    pub cell: u16,
    /// The shape as tested against the cell's lanes.
    pub query: CellQuery,
    pub from: u8,
    pub to: u8,
}

/// An edge followed by the pairing crawl.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CrawlEdge {
    /// The shape as tested against a probe minutia's neighbour lanes.
    pub query: Query,
    pub to: u8,
    /// The angle tolerance the query carries, and is tested with (see
    /// `PreparationSettings::crawl_position_noise`).
    pub tolerance: u8,
}

/// A minutiae template prepared for the gallery side of 1:1 and 1:N comparisons.
///
/// Built once at enrolment from a [`MinutiaeTemplate`]: the minutiae are rescaled to 500 ppi
/// and capped to the 128 most reliable, and each minutia's edges to its nearest neighbours are
/// computed, quantised and laid out contiguously (edge lists in one array, root edges sorted by
/// their probe-index cell), so that a comparison only reads this value and the probe. About
/// 5 KB for a 45-minutia template.
#[derive(Debug, Clone, PartialEq)]
pub struct FingerprintTemplate {
    pub(crate) points: Points,
    pub(crate) root_edges: Box<[RootEdge]>,
    /// `edges[start[i]..start[i + 1]]` leave minutia `i`, shortest first.
    pub(crate) start: Box<[u16]>,
    pub(crate) edges: Box<[CrawlEdge]>,
    /// This side's half of the size correction, `(45 / n)^(size_exponent / 2)`.
    pub(crate) size_factor: f32,
    /// The area the minutiae cover (for the overlap share).
    pub(crate) area: Area,
    /// The settings it was prepared with (its probe, `Probe::of_template`, uses them too).
    pub(crate) settings: PreparationSettings,
}

impl FingerprintTemplate {
    /// Prepares `template` for the gallery side.
    ///
    /// # Errors
    /// [`FingerprintError::TooFewMinutiae`] when it has fewer than 5 minutiae.
    pub fn new(template: &MinutiaeTemplate) -> Result<Self, FingerprintError> {
        Self::with_settings(template, &SETTINGS)
    }

    /// Prepares `template` for the gallery side with other preparation settings than the
    /// engine's (to measure them; the sBMS uses [`FingerprintTemplate::new`]).
    ///
    /// # Errors
    /// [`FingerprintError::TooFewMinutiae`] when it has fewer than 5 minutiae.
    pub fn with_settings(
        template: &MinutiaeTemplate,
        settings: &PreparationSettings,
    ) -> Result<Self, FingerprintError> {
        let points = usable_points(template, settings)?;
        let root_lists = nearest_neighbours(&points, ROOT_NEIGHBOURS, MAX_ROOT_EDGE);
        let mut root_edges = Vec::new();
        for (from, list) in root_lists.iter().enumerate() {
            for &to in list {
                // An edge listed from both ends is looked up once: the probe index holds both
                // directions of every probe edge.
                let listed_back = root_lists[usize::from(to)].contains(&(from as u8));
                if listed_back && usize::from(to) < from {
                    continue;
                }
                let shape = edge_shape(&points, from, usize::from(to));
                if f32::from(shape.length) < MIN_ROOT_EDGE * LENGTH_SCALE {
                    continue;
                }
                root_edges.push(RootEdge {
                    cell: cell_of(&shape) as u16,
                    query: cell_query(&shape),
                    from: from as u8,
                    to,
                });
            }
        }
        root_edges.sort_by_key(|e| (e.cell, e.from, e.to));
        let nearest = nearest_neighbours(&points, CRAWL_NEIGHBOURS, MAX_CRAWL_EDGE);
        // Made symmetric so that the crawl can walk an edge from either end.
        let mut lists = nearest.clone();
        for (i, list) in nearest.iter().enumerate() {
            for &j in list {
                if !lists[usize::from(j)].contains(&(i as u8)) {
                    lists[usize::from(j)].push(i as u8);
                }
            }
        }
        let mut start = Vec::with_capacity(points.len() + 1);
        let mut edges = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        start.push(0u16);
        for (i, list) in lists.iter().enumerate() {
            let first = edges.len();
            edges.extend(list.iter().map(|&j| {
                let shape = edge_shape(&points, i, usize::from(j));
                let tolerance = settings.crawl_tolerance(f32::from(shape.length) / LENGTH_SCALE);
                CrawlEdge {
                    query: Query::new(shape.length, shape.from_angle, shape.to_angle, tolerance),
                    to: j,
                    tolerance,
                }
            }));
            edges[first..].sort_by_key(|e| (e.query.length, e.to));
            start.push(edges.len() as u16);
        }
        Ok(FingerprintTemplate {
            size_factor: settings.size_factor(points.len()),
            area: Area::of(&points),
            settings: *settings,
            points,
            root_edges: root_edges.into(),
            start: start.into(),
            edges: edges.into(),
        })
    }

    /// Number of minutiae the matcher uses.
    pub fn minutiae_count(&self) -> usize {
        self.points.len()
    }

    /// Bytes this template holds on the heap (its points and edge lists).
    pub fn heap_bytes(&self) -> usize {
        self.points.len() * (2 * std::mem::size_of::<f32>() + 2)
            + std::mem::size_of_val(&*self.root_edges)
            + std::mem::size_of_val(&*self.start)
            + std::mem::size_of_val(&*self.edges)
            + std::mem::size_of_val(&*self.area.edges)
    }

    /// The crawl edges leaving minutia `i`.
    #[inline]
    pub(crate) fn edges_of(&self, i: u8) -> &[CrawlEdge] {
        let i = usize::from(i);
        &self.edges[usize::from(self.start[i])..usize::from(self.start[i + 1])]
    }
}

/// The query of a root edge against the byte lanes of its index cell: the length relative to
/// the start of its bin (below [`BIN_LENGTH`], as root edges never reach the last bin).
fn cell_query(shape: &EdgeShape) -> CellQuery {
    let relative = i32::from(shape.length) - length_bin(shape.length) as i32 * BIN_LENGTH;
    let q = Query::new(shape.length, shape.from_angle, shape.to_angle, ANGLE_TOLERANCE);
    CellQuery { length: relative.clamp(0, 255) as u8, from: q.from, to: q.to }
}

/// The matcher's points of `template`, or the error for a template too small to compare.
pub(crate) fn usable_points(
    template: &MinutiaeTemplate,
    settings: &PreparationSettings,
) -> Result<Points, FingerprintError> {
    let points = points_of(template, settings);
    if points.len() < MIN_MINUTIAE {
        return Err(FingerprintError::TooFewMinutiae { found: points.len(), min: MIN_MINUTIAE });
    }
    Ok(points)
}
