//! One comparison of a prepared probe with a prepared gallery template.
//!
//! 1. **Root search.** Each gallery root edge (a minutia and one of its nearest neighbours) is
//!    looked up in the probe index, in the one cell computed at enrolment; every probe edge of
//!    compatible shape is a vote for the two minutia pairs it implies. Impostor comparisons
//!    usually end here: no pair of minutiae gathers two votes, i.e. no local structure agrees.
//! 2. **Pairing crawl.** From the best-voted root pairs, the pairing grows outwards along the
//!    gallery's neighbour edges, shortest first; a gallery edge from a paired minutia extends the
//!    pairing when the probe has an edge of the same shape from the paired probe minutia. Only
//!    edge shapes are compared, so rotation, translation and elastic distortion that bends the
//!    print smoothly are tolerated, while missing and spurious minutiae simply stay unpaired.
//! 3. **Raw score** of the best pairing: paired minutiae plus weighted support edges (edges
//!    between paired minutiae that agree beyond the ones that built the pairing).

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::geometry::{angles_close, length_tolerance};
use super::params::{
    ALIGNMENT_ANGLE, ALIGNMENT_DISTANCE, MAX_ROOTS, MIN_ROOT_VOTES, PAIR_WEIGHT, SIZE_EXPONENT,
    SUPPORT_WEIGHT, TYPICAL_MINUTIAE,
};
use super::probe::{LENGTH_BUCKETS, Probe, length_bucket};
use super::template::FingerprintTemplate;

const NONE: u8 = u8::MAX;

/// Per-thread working memory, reused across comparisons so that a comparison allocates nothing.
#[derive(Default)]
struct Scratch {
    votes: Vec<u8>,
    touched: Vec<u32>,
    roots: Vec<(u8, u32)>,
    gallery_pair: Vec<u8>,
    probe_pair: Vec<u8>,
    paired: Vec<(u8, u8)>,
    best_gallery_pair: Vec<u8>,
    queue: BinaryHeap<Reverse<u64>>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The result of one crawl.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Pairing {
    pub pairs: f32,
    pub support: f32,
}

impl Pairing {
    pub(crate) fn raw_score(self) -> f32 {
        PAIR_WEIGHT * self.pairs + SUPPORT_WEIGHT * self.support
    }
}

/// The raw score of `probe` against `template` (0 when no local structure agrees).
pub(crate) fn raw_score(probe: &Probe, template: &FingerprintTemplate) -> f32 {
    SCRATCH.with(|s| compare(&mut s.borrow_mut(), probe, template))
}

fn compare(s: &mut Scratch, probe: &Probe, template: &FingerprintTemplate) -> f32 {
    let probe_count = probe.points.len();
    let gallery_count = template.points.len();
    let cells = gallery_count * probe_count;
    if s.votes.len() < cells {
        s.votes.resize(cells, 0);
    }
    find_roots(s, probe, template);
    if s.roots.is_empty() {
        return 0.0;
    }
    s.gallery_pair.clear();
    s.gallery_pair.resize(gallery_count, NONE);
    s.probe_pair.clear();
    s.probe_pair.resize(probe_count, NONE);
    s.best_gallery_pair.clear();
    s.best_gallery_pair.resize(gallery_count, NONE);
    let mut best = 0.0f32;
    let roots = std::mem::take(&mut s.roots);
    for &(_, cell) in &roots {
        let (g, p) = ((cell as usize / probe_count) as u8, (cell as usize % probe_count) as u8);
        if s.best_gallery_pair[usize::from(g)] == p {
            continue;
        }
        let score = crawl(s, probe, template, g, p).raw_score();
        if score > best {
            best = score;
            s.best_gallery_pair.copy_from_slice(&s.gallery_pair);
        }
        for &(g, p) in &s.paired {
            s.gallery_pair[usize::from(g)] = NONE;
            s.probe_pair[usize::from(p)] = NONE;
        }
    }
    s.roots = roots;
    let size = ((gallery_count * probe_count) as f32).sqrt();
    best * (TYPICAL_MINUTIAE / size).powf(SIZE_EXPONENT)
}

/// Votes for minutia pairs through matching root edges; leaves the best pairs in `s.roots`.
fn find_roots(s: &mut Scratch, probe: &Probe, template: &FingerprintTemplate) {
    let probe_count = probe.points.len();
    let votes = &mut s.votes;
    let touched = &mut s.touched;
    touched.clear();
    let mut vote = |g: u8, p: u8| {
        let cell = usize::from(g) * probe_count + usize::from(p);
        let v = &mut votes[cell];
        if *v == 0 {
            touched.push(cell as u32);
        }
        *v = v.saturating_add(1);
    };
    for edge in template.root_edges.iter() {
        let cell = edge.cell as usize;
        let candidates =
            &probe.cell_edges[probe.cell_start[cell] as usize..probe.cell_start[cell + 1] as usize];
        for c in candidates {
            if edge.shape.length >= c.min_length
                && edge.shape.length <= c.max_length
                && angles_close(edge.shape.from_angle, c.from_angle)
                && angles_close(edge.shape.to_angle, c.to_angle)
            {
                vote(edge.from, c.from);
                vote(edge.to, c.to);
            }
        }
    }
    s.roots.clear();
    for &cell in s.touched.iter() {
        let v = s.votes[cell as usize];
        s.votes[cell as usize] = 0;
        if v >= MIN_ROOT_VOTES {
            s.roots.push((v, cell));
        }
    }
    s.roots.sort_unstable_by_key(|&(v, cell)| (Reverse(v), cell));
    s.roots.truncate(MAX_ROOTS);
}

/// Grows a pairing from the root `(g, p)`; leaves it in `s.gallery_pair`, `s.probe_pair` and
/// `s.paired`.
fn crawl(s: &mut Scratch, probe: &Probe, template: &FingerprintTemplate, g: u8, p: u8) -> Pairing {
    s.paired.clear();
    s.queue.clear();
    let mut result = Pairing { pairs: 1.0, support: 0.0 };
    s.gallery_pair[usize::from(g)] = p;
    s.probe_pair[usize::from(p)] = g;
    s.paired.push((g, p));
    expand(s, probe, template, g, p);
    while let Some(Reverse(key)) = s.queue.pop() {
        let (to_g, to_p) = ((key >> 8) as u8, key as u8);
        let (gallery_mate, probe_mate) = (s.gallery_pair[usize::from(to_g)], s.probe_pair[usize::from(to_p)]);
        if gallery_mate == NONE && probe_mate == NONE {
            s.gallery_pair[usize::from(to_g)] = to_p;
            s.probe_pair[usize::from(to_p)] = to_g;
            s.paired.push((to_g, to_p));
            result.pairs += 1.0;
            expand(s, probe, template, to_g, to_p);
        } else if gallery_mate == to_p {
            result.support += 1.0;
        }
    }
    if s.paired.len() >= 3 {
        let consistent = globally_consistent(&s.paired, probe, template);
        let fraction = consistent / s.paired.len() as f32;
        result.pairs = consistent;
        result.support *= fraction;
    }
    result
}

/// How many pairs agree with the pairing's overall rigid alignment: the mean rotation of the
/// paired directions and the mean translation, within a position and a direction tolerance.
/// A crawl across an impostor drifts from one local coincidence to the next; a genuine pairing
/// stays close to one alignment, bent only by elastic distortion.
fn globally_consistent(paired: &[(u8, u8)], probe: &Probe, template: &FingerprintTemplate) -> f32 {
    let (mut sin_sum, mut cos_sum) = (0.0f32, 0.0f32);
    for &(g, p) in paired {
        let d =
            probe.points[usize::from(p)].direction.wrapping_sub(template.points[usize::from(g)].direction);
        let (sn, cs) = (f32::from(d) * std::f32::consts::TAU / 256.0).sin_cos();
        sin_sum += sn;
        cos_sum += cs;
    }
    let rotation = sin_sum.atan2(cos_sum);
    let (sin, cos) = rotation.sin_cos();
    let rotation_units = super::geometry::angle_units(rotation);
    let n = paired.len() as f32;
    let (mut tx, mut ty) = (0.0f32, 0.0f32);
    for &(g, p) in paired {
        let (a, b) = (&template.points[usize::from(g)], &probe.points[usize::from(p)]);
        tx += b.x - (cos * a.x - sin * a.y);
        ty += b.y - (sin * a.x + cos * a.y);
    }
    let (tx, ty) = (tx / n, ty / n);
    let limit = ALIGNMENT_DISTANCE * ALIGNMENT_DISTANCE;
    paired
        .iter()
        .filter(|&&(g, p)| {
            let (a, b) = (&template.points[usize::from(g)], &probe.points[usize::from(p)]);
            let dx = b.x - (cos * a.x - sin * a.y) - tx;
            let dy = b.y - (sin * a.x + cos * a.y) - ty;
            let turn = b.direction.wrapping_sub(a.direction).wrapping_sub(rotation_units);
            dx * dx + dy * dy <= limit && (turn as i8).unsigned_abs() <= ALIGNMENT_ANGLE
        })
        .count() as f32
}

/// Queues every gallery edge from `g` that the probe has from `p`, keyed by length.
fn expand(s: &mut Scratch, probe: &Probe, template: &FingerprintTemplate, g: u8, p: u8) {
    let probe_edges = probe.adjacency.of(p);
    let bucket_row = usize::from(p) * (LENGTH_BUCKETS + 1);
    let buckets = &probe.length_buckets[bucket_row..bucket_row + LENGTH_BUCKETS + 1];
    for edge in template.adjacency.of(g) {
        let target = edge.to;
        let tolerance = length_tolerance(edge.shape.length);
        let low = edge.shape.length.saturating_sub(tolerance);
        let high = edge.shape.length.saturating_add(tolerance);
        let first = usize::from(buckets[length_bucket(low)]);
        for candidate in &probe_edges[first..] {
            if candidate.shape.length > high {
                break;
            }
            if candidate.shape.length >= low
                && angles_close(edge.shape.from_angle, candidate.shape.from_angle)
                && angles_close(edge.shape.to_angle, candidate.shape.to_angle)
            {
                let key = (u64::from(edge.shape.length) << 32)
                    | (u64::from(g) << 16)
                    | (u64::from(target) << 8)
                    | u64::from(candidate.to);
                s.queue.push(Reverse(key));
            }
        }
    }
}
