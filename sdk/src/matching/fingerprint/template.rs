//! The gallery-side template: everything the matcher can compute once at enrolment.

use super::FingerprintError;
use super::geometry::{EdgeShape, Point, cell_of, length_bin, nearest_neighbours, points_of};
use super::params::{
    CRAWL_NEIGHBOURS, MAX_CRAWL_EDGE, MAX_ROOT_EDGE, MIN_MINUTIAE, MIN_ROOT_EDGE, ROOT_NEIGHBOURS,
};
use crate::model::MinutiaeTemplate;

/// An edge whose shape is looked up in the probe index to find root pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RootEdge {
    /// The probe-index cell of the exact shape, computed at enrolment.
    pub cell: u32,
    pub shape: EdgeShape,
    pub from: u8,
    pub to: u8,
}

/// An edge followed by the pairing crawl.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CrawlEdge {
    pub shape: EdgeShape,
    pub to: u8,
}

/// Edge lists of every minutia, stored flat: `edges[start[i]..start[i + 1]]` leave minutia `i`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Adjacency {
    pub start: Box<[u32]>,
    pub edges: Box<[CrawlEdge]>,
}

impl Adjacency {
    pub(crate) fn from_lists(lists: Vec<Vec<CrawlEdge>>) -> Self {
        let mut start = Vec::with_capacity(lists.len() + 1);
        let mut edges = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        start.push(0);
        for list in lists {
            edges.extend(list);
            start.push(edges.len() as u32);
        }
        Adjacency { start: start.into(), edges: edges.into() }
    }

    #[inline]
    pub(crate) fn of(&self, minutia: u8) -> &[CrawlEdge] {
        let i = usize::from(minutia);
        &self.edges[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// A minutiae template prepared for the gallery side of 1:1 and 1:N comparisons.
///
/// Built once at enrolment from a [`MinutiaeTemplate`]: the minutiae are rescaled to 500 ppi
/// and capped to the 128 most reliable, and each minutia's edges to its nearest neighbours are
/// computed, quantised and laid out contiguously, so that a comparison only reads this value
/// and the probe's index. About 2–3 KB for a 50-minutia template.
#[derive(Debug, Clone, PartialEq)]
pub struct FingerprintTemplate {
    pub(crate) points: Box<[Point]>,
    pub(crate) root_edges: Box<[RootEdge]>,
    pub(crate) adjacency: Adjacency,
}

impl FingerprintTemplate {
    /// Prepares `template` for the gallery side.
    ///
    /// # Errors
    /// [`FingerprintError::TooFewMinutiae`] when it has fewer than 5 minutiae.
    pub fn new(template: &MinutiaeTemplate) -> Result<Self, FingerprintError> {
        let points = usable_points(template)?;
        let root_lists = nearest_neighbours(&points, ROOT_NEIGHBOURS, MAX_ROOT_EDGE);
        let mut root_edges = Vec::new();
        for (from, list) in root_lists.iter().enumerate() {
            for &(to, shape) in list {
                let reverse_listed = root_lists[usize::from(to)].iter().any(|&(j, _)| usize::from(j) == from);
                // An edge listed from both ends is looked up once: the probe index holds both
                // directions of every probe edge.
                if (reverse_listed && usize::from(to) < from) || f32::from(shape.length) < MIN_ROOT_EDGE * 4.0
                {
                    continue;
                }
                let cell = cell_of(length_bin(shape.length), shape.from_angle, shape.to_angle) as u32;
                root_edges.push(RootEdge { cell, shape, from: from as u8, to });
            }
        }
        let adjacency =
            Adjacency::from_lists(symmetric_neighbours(&points, CRAWL_NEIGHBOURS, MAX_CRAWL_EDGE));
        Ok(FingerprintTemplate { points: points.into(), root_edges: root_edges.into(), adjacency })
    }

    /// Number of minutiae the matcher uses.
    pub fn minutiae_count(&self) -> usize {
        self.points.len()
    }
}

/// The matcher's points of `template`, or the error for a template too small to compare.
pub(crate) fn usable_points(template: &MinutiaeTemplate) -> Result<Vec<Point>, FingerprintError> {
    let mut points = points_of(template);
    if points.len() < MIN_MINUTIAE {
        return Err(FingerprintError::TooFewMinutiae { found: points.len(), min: MIN_MINUTIAE });
    }
    // Centred on the centroid, so that the translations between two prints stay small and the
    // alignment histogram of the comparison can be small too.
    let n = points.len() as f32;
    let (cx, cy) = (points.iter().map(|p| p.x).sum::<f32>() / n, points.iter().map(|p| p.y).sum::<f32>() / n);
    for p in &mut points {
        p.x -= cx;
        p.y -= cy;
    }
    Ok(points)
}

/// The `k` nearest neighbours of each point, plus every point that has it among its own `k`
/// nearest, so that the crawl can walk an edge from either end.
fn symmetric_neighbours(points: &[Point], k: usize, max_length: f32) -> Vec<Vec<CrawlEdge>> {
    let nearest = nearest_neighbours(points, k, max_length);
    let mut lists: Vec<Vec<u8>> = nearest.iter().map(|l| l.iter().map(|&(j, _)| j).collect()).collect();
    for (i, list) in nearest.iter().enumerate() {
        for &(j, _) in list {
            let back = &mut lists[usize::from(j)];
            if !back.contains(&(i as u8)) {
                back.push(i as u8);
            }
        }
    }
    lists
        .into_iter()
        .enumerate()
        .map(|(i, list)| {
            let mut edges: Vec<CrawlEdge> = list
                .into_iter()
                .map(|j| CrawlEdge {
                    shape: super::geometry::edge_shape(&points[i], &points[usize::from(j)]),
                    to: j,
                })
                .collect();
            edges.sort_by_key(|e| (e.shape.length, e.to));
            edges
        })
        .collect()
}
