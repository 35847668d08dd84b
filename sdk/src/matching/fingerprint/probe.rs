//! The probe side: prepared once per search, then compared with every gallery template.

use super::FingerprintError;
use super::geometry::{
    ANGLE_BINS, CELLS, LENGTH_SCALE, Point, cell_of, edge_shape, length_bin, length_tolerance,
};
use super::params::{ANGLE_BIN_SHIFT, ANGLE_TOLERANCE, MAX_CRAWL_EDGE, MAX_ROOT_EDGE};
use super::template::{Adjacency, CrawlEdge, usable_points};
use crate::model::MinutiaeTemplate;

/// A probe edge in the index, with its accepted length range precomputed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct IndexedEdge {
    pub min_length: u16,
    pub max_length: u16,
    pub from_angle: u8,
    pub to_angle: u8,
    pub direction: u8,
    pub from: u8,
    pub to: u8,
}

/// A minutiae template prepared as the probe of a search.
///
/// Preparing indexes every ordered pair of the probe's minutiae up to 120 px apart by the
/// quantised shape of their edge (length, two relative angles). Each edge is entered in every
/// index cell its tolerance box touches, so a gallery edge is looked up in exactly one cell,
/// computed at enrolment. Costs tens of microseconds: prepare once per search, not per
/// comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    pub(crate) points: Box<[Point]>,
    pub(crate) cell_start: Box<[u32]>,
    pub(crate) cell_edges: Box<[IndexedEdge]>,
    pub(crate) adjacency: Adjacency,
    /// For each minutia, where its edges of each 4 px length bucket start (relative to its edge
    /// list), so the crawl jumps to an edge length without a search.
    pub(crate) length_buckets: Box<[u16]>,
}

/// Length buckets per probe minutia (4 px = 16 quarter pixels each).
pub(crate) const LENGTH_BUCKETS: usize = 64;
/// log2 of the bucket width in quarter pixels.
const BUCKET_SHIFT: u32 = 4;

/// The bucket of a length in quarter pixels (the last one collects the rest).
#[inline]
pub(crate) fn length_bucket(length: u16) -> usize {
    usize::from(length >> BUCKET_SHIFT).min(LENGTH_BUCKETS - 1)
}

/// The angle bins `[angle − tolerance, angle + tolerance]` touches, wrapping.
fn angle_bins(angle: u8) -> impl Iterator<Item = u8> {
    let first = angle.wrapping_sub(ANGLE_TOLERANCE) >> ANGLE_BIN_SHIFT;
    let last = angle.wrapping_add(ANGLE_TOLERANCE) >> ANGLE_BIN_SHIFT;
    let count = (usize::from(last) + ANGLE_BINS - usize::from(first)) % ANGLE_BINS + 1;
    (0..count).map(move |k| ((usize::from(first) + k) % ANGLE_BINS) as u8)
}

impl Probe {
    /// Prepares `template` as a probe.
    ///
    /// # Errors
    /// [`FingerprintError::TooFewMinutiae`] when it has fewer than 5 minutiae.
    pub fn new(template: &MinutiaeTemplate) -> Result<Self, FingerprintError> {
        let points = usable_points(template)?;
        let max_root = (MAX_ROOT_EDGE * LENGTH_SCALE) as u16;
        let max_crawl = (MAX_CRAWL_EDGE * LENGTH_SCALE) as u16;
        let mut indexed = Vec::new();
        let mut lists: Vec<Vec<CrawlEdge>> = vec![Vec::new(); points.len()];
        for (i, a) in points.iter().enumerate() {
            for (j, b) in points.iter().enumerate() {
                if i == j {
                    continue;
                }
                let shape = edge_shape(a, b);
                let tolerance = length_tolerance(shape.length);
                if shape.length <= max_crawl + tolerance {
                    lists[i].push(CrawlEdge { shape, to: j as u8 });
                }
                if shape.length.saturating_sub(tolerance) <= max_root {
                    indexed.push(IndexedEdge {
                        min_length: shape.length.saturating_sub(tolerance),
                        max_length: shape.length.saturating_add(tolerance),
                        from_angle: shape.from_angle,
                        to_angle: shape.to_angle,
                        direction: shape.direction,
                        from: i as u8,
                        to: j as u8,
                    });
                }
            }
        }
        let mut length_buckets = Vec::with_capacity(lists.len() * (LENGTH_BUCKETS + 1));
        for list in &mut lists {
            list.sort_by_key(|e| (e.shape.length, e.to));
            for bucket in 0..=LENGTH_BUCKETS {
                let first = list.partition_point(|e| length_bucket(e.shape.length) < bucket);
                length_buckets.push(first as u16);
            }
        }
        let cells_of = |e: &IndexedEdge| {
            let e = *e;
            let lengths = length_bin(e.min_length)..=length_bin(e.max_length);
            lengths.flat_map(move |l| {
                angle_bins(e.from_angle).flat_map(move |a| {
                    angle_bins(e.to_angle)
                        .map(move |b| cell_of(l, a << ANGLE_BIN_SHIFT, b << ANGLE_BIN_SHIFT))
                })
            })
        };
        let mut cell_start = vec![0u32; CELLS + 1];
        for e in &indexed {
            for cell in cells_of(e) {
                cell_start[cell + 1] += 1;
            }
        }
        for c in 0..CELLS {
            cell_start[c + 1] += cell_start[c];
        }
        let mut fill = cell_start.clone();
        let placeholder = IndexedEdge {
            min_length: 0,
            max_length: 0,
            from_angle: 0,
            to_angle: 0,
            direction: 0,
            from: 0,
            to: 0,
        };
        let mut cell_edges = vec![placeholder; cell_start[CELLS] as usize];
        for e in &indexed {
            for cell in cells_of(e) {
                cell_edges[fill[cell] as usize] = *e;
                fill[cell] += 1;
            }
        }
        Ok(Probe {
            points: points.into(),
            cell_start: cell_start.into(),
            cell_edges: cell_edges.into(),
            adjacency: Adjacency::from_lists(lists),
            length_buckets: length_buckets.into(),
        })
    }

    /// Number of minutiae the matcher uses.
    pub fn minutiae_count(&self) -> usize {
        self.points.len()
    }
}
