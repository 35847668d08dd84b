//! One comparison of a prepared probe with a prepared gallery template.
//!
//! 1. **Root votes.** Each gallery root edge (a minutia and one of its nearest neighbours) is
//!    looked up in the probe index, in the one cell computed at enrolment, and tested against
//!    the cell's probe edges sixteen at a time; every compatible probe edge is a vote for the two
//!    minutia pairs it implies.
//! 2. **Roots.** Of the pairs with at least two votes the best voted are kept (ties by pair; at
//!    most `PreparationSettings::max_roots`), and crawled in that order, but only if their
//!    gallery minutia's crawl edges find at least three compatible probe edges ("local
//!    agreement", one SIMD test per edge): a root that cannot take three steps never grows a
//!    decision-relevant pairing. Most impostor comparisons end here or after a few tiny crawls.
//! 3. **Pairing crawl.** From each root, breadth first, the pairing grows along the gallery's
//!    neighbour edges: a gallery edge from a paired minutia extends the pairing when the paired
//!    probe minutia has an edge of the same shape (within the edge's angle tolerance, wider for
//!    short edges: `PreparationSettings::crawl_angle_tolerance`, `crawl_position_noise`) to an
//!    unpaired minutia, and that minutia lies where the root's alignment (loosened with
//!    distance for elastic distortion) puts it.
//!    Edges between already paired minutiae that agree are counted as support. Rotation and
//!    translation never enter the edge test, missing and spurious minutiae simply stay
//!    unpaired.
//! 4. **Raw score** of the best pairing: the pairs that agree with its overall rigid alignment
//!    plus weighted support, scaled down for large templates and, when the probe's settings
//!    ask for it, by the share of the minutiae in both prints' area that the pairing pairs.
//! 5. **Extension** (when the probe's settings weigh it): the best pairing's alignment pairs
//!    the minutiae no crawl reached (a crawl stops where a missing or spurious minutia breaks
//!    its chain of edges), each gallery minutia with the unpaired probe minutia nearest to where
//!    the alignment, corrected by the offset of the nearest paired minutia, puts it.

use std::cell::RefCell;

use super::area_count::count_inside;
use super::extension_lanes::{EXTENSION_LANES, first_nearest};
use super::geometry::{Motion, NONE, SIN_COS, angle_of};
use super::lanes::LANES;
use super::params::{
    ALIGNMENT_ANGLE, EXTEND_DISTANCE, MAX_ROOTS, MIN_CHECKED_PAIRS, MIN_LOCAL_AGREEMENT, MIN_ROOT_VOTES,
    POSE_ANGLE, POSE_DISTANCE, SUPPORT_WEIGHT,
};
use super::probe::Probe;
use super::simd::{Loaded, at_least_2x, cell_accepting};
use super::template::FingerprintTemplate;

/// Per-thread working memory, reused across comparisons so that a comparison allocates nothing.
#[derive(Default)]
struct Scratch {
    /// Votes per (gallery, probe) minutia pair, row-major by gallery minutia. Sixteen bits
    /// never overflow (at most 127 root edges meet at a minutia, each voting at most once per
    /// probe edge from the paired minutia: 127 · 127), so counting is a plain increment (written
    /// wrapping only so that it cannot panic); roots rank by the count capped at 255, as the
    /// saturating byte counts did.
    votes: Vec<u16>,
    /// Whether `votes` may hold non-zero counts (see `vote`).
    votes_dirty: bool,
    /// The steps of the vote-matrix scan that hold a pair with enough votes: (step, lanes).
    voted: Vec<(u32, u32)>,
    /// The roots to crawl, (gallery, probe) minutia, in crawl order.
    roots: Vec<(u8, u8)>,
    /// The probe minutia paired with each gallery minutia, or NONE.
    gallery_pair: Vec<u8>,
    /// The gallery minutia paired with each probe minutia, or NONE.
    probe_pair: Vec<u8>,
    /// Pairs already found by an earlier crawl: a root inside one is not crawled again.
    seen: Vec<u8>,
    /// The current pairing in the order found (also the crawl's queue).
    paired: Vec<(u8, u8)>,
    /// The best pairing so far, kept when a comparison is explained or extended.
    best_paired: Vec<(u8, u8)>,
    /// The parts of the score of the last crawl that was scored in full…
    last: Parts,
    /// …and of the best pairing's.
    best_parts: Parts,
    /// The pairs the extension added to the best pairing.
    extension: Vec<(u8, u8)>,
    /// The extension's anchors (the pairs of the pairing it extends): gallery x, y and the probe
    /// minutia's offset from where the alignment puts the gallery one, as flat arrays for the
    /// nearest-anchor scan.
    anchors: [Vec<f32>; 4],
    /// Per probe minutia lane (`ExtensionLanes`), infinity once paired: the extension's
    /// candidates are the open lanes.
    blocked: Vec<f32>,
}

/// What the raw score of a pairing checked against its overall alignment is made of, to score it
/// again once extended.
#[derive(Clone, Copy, Default)]
struct Parts {
    /// Agreeing pairs, weighted.
    pairs: f32,
    /// Support, scaled by the share of agreeing pairs.
    support: f32,
    /// How many pairs agree with the overall alignment.
    agreeing: f32,
    /// The overall alignment.
    alignment: Alignment,
    /// The minutiae in both prints' area once aligned (see `common_minutiae`; 0 when the probe's
    /// settings do not use the overlap share).
    common: f32,
}

/// The share of the minutiae in both prints' area (`common`) that `agreeing` pairs account for.
#[inline(always)]
fn share_of(agreeing: f32, common: f32) -> f32 {
    agreeing / common.max(agreeing).max(1.0)
}

/// `share` to the power `exponent`: the square root for ½ (the engine's setting), which is
/// correctly rounded where `powf` is a libm call of about a hundredth of a comparison.
#[inline(always)]
fn weighted_share(share: f32, exponent: f32) -> f32 {
    if exponent == 0.5 { share.sqrt() } else { share.powf(exponent) }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The raw score of `probe` against `template` (0 when no local structure agrees).
pub(crate) fn raw_score(probe: &Probe, template: &FingerprintTemplate) -> f32 {
    SCRATCH.with(|s| {
        let s = &mut s.borrow_mut();
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("bmi1")
            && std::arch::is_x86_feature_detected!("bmi2")
            && std::arch::is_x86_feature_detected!("popcnt")
            && std::arch::is_x86_feature_detected!("lzcnt")
        {
            // SAFETY: the CPU has every feature `compare_avx2` is compiled for.
            return unsafe { compare_avx2(s, probe, template) };
        }
        compare::<false>(s, probe, template)
    })
}

/// The raw score of `probe` against `template` and the best pairing (gallery, probe minutia
/// in the matcher's order), for explaining one comparison; not for the search loop.
pub(crate) fn best_pairing(probe: &Probe, template: &FingerprintTemplate) -> (f32, Vec<(u8, u8)>) {
    let mut s = Scratch::default();
    let raw = compare::<true>(&mut s, probe, template);
    (raw, s.best_paired)
}

/// The same comparison compiled for AVX2 (wider broadcasts, VEX encoding): the SIMD lane tests
/// and the vote scan take fewer instructions.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,bmi1,bmi2,popcnt,lzcnt")]
fn compare_avx2(s: &mut Scratch, probe: &Probe, template: &FingerprintTemplate) -> f32 {
    compare::<false>(s, probe, template)
}

/// The comparison; with `EXPLAIN` it also keeps the best pairing in `s.best_paired`.
#[inline(always)]
fn compare<const EXPLAIN: bool>(s: &mut Scratch, probe: &Probe, template: &FingerprintTemplate) -> f32 {
    let (gallery_count, probe_count) = (template.points.len(), probe.points.len());
    vote(s, probe, template);
    select_roots(s, probe, template);
    if s.roots.is_empty() {
        return 0.0;
    }
    s.gallery_pair.clear();
    s.gallery_pair.resize(gallery_count, NONE);
    s.probe_pair.clear();
    s.probe_pair.resize(probe_count, NONE);
    s.seen.clear();
    s.seen.resize(gallery_count, NONE);
    let mut best = 0.0f32;
    let extend = probe.extension_weight > 0.0;
    s.best_paired.clear();
    let roots = std::mem::take(&mut s.roots);
    for &(g, p) in &roots {
        if s.seen[usize::from(g)] == p {
            continue;
        }
        let score = crawl(s, probe, template, (g, p), best);
        if (EXPLAIN || extend) && score > best {
            s.best_paired.clone_from(&s.paired);
            s.best_parts = s.last;
        }
        best = best.max(score);
        for &(g, p) in &s.paired {
            s.seen[usize::from(g)] = p;
            s.gallery_pair[usize::from(g)] = NONE;
            s.probe_pair[usize::from(p)] = NONE;
        }
    }
    s.roots = roots;
    if extend && s.best_paired.len() >= MIN_CHECKED_PAIRS {
        best = best.max(extended(s, probe, template));
    }
    best * template.size_factor * probe.size_factor
}

/// Cells of the vote matrix scanned per step of `select_roots`.
const SCAN: usize = 2 * LANES;

/// Counts the votes of matched root edges into `s.votes`.
#[inline(always)]
fn vote(s: &mut Scratch, probe: &Probe, template: &FingerprintTemplate) {
    let probe_count = probe.points.len();
    let cells = template.points.len() * probe_count;
    // Whole scan steps, so that `select_roots` needs no partial step. The matrix is all zeros
    // between comparisons (`select_roots` clears what it scans); only a comparison that did not
    // finish, i.e. a panic caught by the caller, leaves it dirty.
    let padded = cells.next_multiple_of(SCAN);
    if s.votes.len() < padded {
        s.votes.resize(padded, 0);
    }
    if s.votes_dirty {
        s.votes.fill(0);
    }
    s.votes_dirty = true;
    // A local slice keeps its pointer and length in registers across the stores.
    let votes = &mut s.votes[..cells];
    let blocks = &probe.blocks;
    for e in template.root_edges.iter() {
        // The cell's first block, then its chain (rarely more than one).
        let mut at = usize::from(e.cell);
        while let Some(block) = blocks.get(at) {
            let mut mask = cell_accepting(&block.lanes, &e.query);
            // A lookup accepts no lane about as often as one or two, which no branch predicts:
            // the first two lanes vote without branches (a lane that did not accept votes zero,
            // through the ends of block 0, a line that stays in cache), any further ones in a loop.
            let accepted = usize::from(mask != 0).wrapping_neg();
            let Some(pairs) = blocks.get(at & accepted).map(|b| &b.ends) else { break };
            let (from_row, to_row) = (usize::from(e.from) * probe_count, usize::from(e.to) * probe_count);
            let mut count = |k: usize, add: u16| {
                if let Some(v) = votes.get_mut(from_row + usize::from(pairs.from[k])) {
                    *v = v.wrapping_add(add);
                }
                if let Some(v) = votes.get_mut(to_row + usize::from(pairs.to[k])) {
                    *v = v.wrapping_add(add);
                }
            };
            for _ in 0..2 {
                count((mask.trailing_zeros() as usize) % LANES, u16::from(mask != 0));
                mask &= mask.wrapping_sub(1);
            }
            while mask != 0 {
                count((mask.trailing_zeros() as usize) % LANES, 1);
                mask &= mask - 1;
            }
            match block.next {
                0 => break,
                following => at = following as usize,
            }
        }
    }
}

/// Leaves in `s.roots` the pairs worth crawling, in crawl order, and clears the vote matrix.
#[inline(always)]
fn select_roots(s: &mut Scratch, probe: &Probe, template: &FingerprintTemplate) {
    let probe_count = probe.points.len();
    let cells = template.points.len() * probe_count;
    let Scratch { votes, votes_dirty, roots, voted, .. } = s;
    let max_roots = probe.max_roots;
    roots.clear();
    // `vote` sized the matrix to whole steps and zeroed the padding.
    let scanned = votes.get_mut(..cells.next_multiple_of(SCAN)).unwrap_or_default();
    // First the steps holding a pair with two votes, listed without a branch (whether a step
    // holds one is what no branch predicts), then only those.
    let steps = scanned.len() / SCAN;
    if voted.len() < steps {
        voted.resize(steps, (0, 0));
    }
    let mut found = 0;
    for (step, lanes) in scanned.chunks_exact(SCAN).enumerate() {
        let Ok(lanes) = <&[u16; SCAN]>::try_from(lanes) else { break };
        let mask = at_least_2x(lanes, u16::from(MIN_ROOT_VOTES));
        if let Some(slot) = voted.get_mut(found) {
            *slot = (step as u32, mask);
        }
        found += usize::from(mask != 0);
    }
    // The best `max_roots` by votes as they come, in cell order: among equal votes the earlier
    // cell stays ahead. A fixed array shifted in place: `Vec::insert` called `memmove`.
    let mut best = [(0u8, 0u16); MAX_ROOTS];
    let mut kept = 0;
    for &(step, mut mask) in voted.get(..found).unwrap_or_default() {
        let step = step as usize;
        while mask != 0 {
            let lane = mask.trailing_zeros() as usize % SCAN;
            mask &= mask - 1;
            let cell = step * SCAN + lane;
            let votes = scanned.get(cell).map_or(0, |&v| v.min(255) as u8);
            if kept == max_roots && best[max_roots - 1].0 >= votes {
                continue;
            }
            // When full, the last one is dropped (it has fewer votes).
            let mut at = kept.min(max_roots - 1);
            while at > 0 && best[at - 1].0 < votes {
                best[at] = best[at - 1];
                at -= 1;
            }
            best[at] = (votes, cell as u16);
            kept = (kept + 1).min(max_roots);
        }
    }
    // Cleared once read, in one pass.
    scanned.fill(0);
    *votes_dirty = false;
    for &(_, cell) in &best[..kept] {
        let (g, p) = probe.pair_of_cell(cell);
        let lanes = Loaded::new(&probe.neighbours[usize::from(p)].shapes);
        let mut agreement = 0;
        for e in template.edges_of(g) {
            agreement += u32::from(lanes.accepting(&e.query) != 0);
            if agreement >= MIN_LOCAL_AGREEMENT {
                break;
            }
        }
        if agreement >= MIN_LOCAL_AGREEMENT {
            roots.push((g, p));
        }
    }
}

/// Crawl edges tested at once before the accepted ones are followed (bits of one word).
const EDGE_GROUP: usize = 32;

/// Grows a pairing from the root `(g0, p0)`, leaves it in `s.paired` (and the pair maps), and
/// returns its unnormalised raw score; or, when that score cannot exceed `best` (the best of the
/// comparison so far), any value at most `best`, without measuring the overlap.
#[inline(always)]
fn crawl(
    s: &mut Scratch,
    probe: &Probe,
    template: &FingerprintTemplate,
    (g0, p0): (u8, u8),
    best: f32,
) -> f32 {
    let (gp, pp) = (&template.points, &probe.points);
    // The root's alignment: its rotation from the two directions, its translation from the
    // two positions.
    let rotation = pp.direction[usize::from(p0)].wrapping_sub(gp.direction[usize::from(g0)]);
    let (sin, cos) = SIN_COS[usize::from(rotation)];
    let (gx0, gy0) = (gp.x[usize::from(g0)], gp.y[usize::from(g0)]);
    let tx = pp.x[usize::from(p0)] - (cos * gx0 - sin * gy0);
    let ty = pp.y[usize::from(p0)] - (sin * gx0 + cos * gy0);
    s.paired.clear();
    s.gallery_pair[usize::from(g0)] = p0;
    s.probe_pair[usize::from(p0)] = g0;
    s.paired.push((g0, p0));
    let mut support = 0u32;
    let mut head = 0;
    // Each crawl edge's accepting lanes (16 bits), a group at a time.
    let mut accepted = [0u16; EDGE_GROUP];
    while head < s.paired.len() {
        let (g, p) = s.paired[head];
        head += 1;
        let neighbours = &probe.neighbours[usize::from(p)];
        let lanes = Loaded::new(&neighbours.shapes);
        // Which edges any lane accepts is known before any is followed (the pairing changes
        // what an accepted edge does, never what is accepted): the tests run back to back
        // without branches, and only the accepted edges (about one in five) are visited. A
        // branch per edge on its test was the crawl's most mispredicted.
        for group in template.edges_of(g).chunks(EDGE_GROUP) {
            let mut visit = 0u32;
            for (j, (slot, e)) in accepted.iter_mut().zip(group).enumerate() {
                let mask = lanes.accepting(&e.query);
                *slot = mask as u16;
                // Bit j when any lane accepts: the 16-bit mask plus 0xFFFF carries into bit 16.
                visit |= ((mask + 0xFFFF) >> 16) << j;
            }
            while visit != 0 {
                let j = visit.trailing_zeros() as usize % EDGE_GROUP;
                visit &= visit - 1;
                let (Some(e), Some(&mask)) = (group.get(j), accepted.get(j)) else { break };
                let mut mask = u32::from(mask);
                let tolerance = e.tolerance;
                let mate = s.gallery_pair[usize::from(e.to)];
                if mate != NONE {
                    while mask != 0 {
                        let k = (mask.trailing_zeros() as usize) % LANES;
                        mask &= mask - 1;
                        support += u32::from(neighbours.to[k] == mate);
                    }
                    continue;
                }
                // The unpaired probe neighbour whose edge is closest in shape.
                let mut best: Option<(u32, u8)> = None;
                while mask != 0 {
                    let k = (mask.trailing_zeros() as usize) % LANES;
                    mask &= mask - 1;
                    let q = neighbours.to[k];
                    if s.probe_pair[usize::from(q)] != NONE {
                        continue;
                    }
                    let shapes = &neighbours.shapes;
                    let centre = shapes.centre(k);
                    // The query's angles carry the tolerance (see `Query`).
                    let angle_error = |biased: u8, lane: u8| {
                        u32::from((biased.wrapping_sub(lane).wrapping_sub(tolerance) as i8).unsigned_abs())
                    };
                    let error = angle_error(e.query.from, shapes.from_angle[k])
                        + angle_error(e.query.to, shapes.to_angle[k])
                        + u32::from(e.query.length.abs_diff(centre)) / 4;
                    if best.is_none_or(|(b, _)| error < b) {
                        best = Some((error, q));
                    }
                }
                let Some((_, q)) = best else { continue };
                let (gx, gy) = (gp.x[usize::from(e.to)], gp.y[usize::from(e.to)]);
                let ex = cos * gx - sin * gy + tx - pp.x[usize::from(q)];
                let ey = sin * gx + cos * gy + ty - pp.y[usize::from(q)];
                let error2 = ex * ex + ey * ey;
                if error2 > POSE_DISTANCE * POSE_DISTANCE {
                    let reach = POSE_DISTANCE
                        + probe.pose_distance_ratio * ((gx - gx0).powi(2) + (gy - gy0).powi(2)).sqrt();
                    if error2 > reach * reach {
                        continue;
                    }
                }
                let turn = pp.direction[usize::from(q)]
                    .wrapping_sub(gp.direction[usize::from(e.to)])
                    .wrapping_sub(rotation);
                if (turn as i8).unsigned_abs() > POSE_ANGLE {
                    continue;
                }
                s.gallery_pair[usize::from(e.to)] = q;
                s.probe_pair[usize::from(q)] = e.to;
                s.paired.push((e.to, q));
            }
        }
    }
    let n = s.paired.len();
    let (mut pairs, mut support, mut share) = (n as f32, support as f32, 1.0f32);
    if n >= MIN_CHECKED_PAIRS {
        let (mut consistent, mut weighted) = (0u32, 0u32);
        let paired = &s.paired;
        let alignment = consistent_pairs(paired, probe, template, |k, ok| {
            if ok {
                let (g, p) = paired[k];
                consistent += 1;
                weighted += u32::from(gp.weight[usize::from(g)]) * u32::from(pp.weight[usize::from(p)]);
            }
        });
        let consistent = consistent as f32;
        support *= consistent / n as f32;
        // 255 · 255 per pair of full weight: exactly the count when nothing is down-weighted.
        pairs = weighted as f32 / 65_025.0;
        // The share is at most 1, so a pairing that cannot beat the best even unshared is not
        // worth measuring (the overlap was a quarter of a comparison's time).
        let unshared = pairs + SUPPORT_WEIGHT * support;
        let mut common = 0.0;
        if probe.overlap_exponent > 0.0 {
            if unshared <= best {
                return unshared;
            }
            common = common_minutiae(alignment, probe, template);
            share = weighted_share(share_of(consistent, common), probe.overlap_exponent);
        }
        // Only a checked pairing is extended (`compare` tests its size), so only its parts are
        // kept.
        s.last = Parts { pairs, support, agreeing: consistent, alignment, common };
    }
    (pairs + SUPPORT_WEIGHT * support) * share
}

/// The raw score of the best pairing (`s.best_paired`, `s.best_parts`: a pairing checked against
/// its overall alignment) extended over the whole print. Every gallery minutia no crawl paired is
/// moved by the pairing's alignment, corrected by the offset that the nearest paired gallery
/// minutia shows from that alignment (elastic distortion is local), and paired with the nearest
/// unpaired probe minutia (the first of equally near ones) within [`EXTEND_DISTANCE`] plus the
/// distortion reach of its distance from that paired minutia, its direction within
/// [`POSE_ANGLE`]. The added pairs count with `extension_weight` and in the overlap share;
/// support stays the crawl's (the extension follows no edge). Leaves the pair maps empty.
/// Inlined, so that it shares the comparison's AVX2 code.
#[inline(always)]
fn extended(s: &mut Scratch, probe: &Probe, template: &FingerprintTemplate) -> f32 {
    let (gp, pp) = (&template.points, &probe.points);
    let parts = s.best_parts;
    let Scratch { best_paired, gallery_pair, extension, anchors, blocked, .. } = s;
    let lanes = &probe.extension_lanes;
    blocked.clear();
    blocked.resize(lanes.len(), 0.0);
    let Alignment { rotation, tx, ty } = parts.alignment;
    let (sin, cos) = SIN_COS[usize::from(rotation)];
    let [anchor_x, anchor_y, offset_x, offset_y] = anchors;
    for v in [&mut *anchor_x, &mut *anchor_y, &mut *offset_x, &mut *offset_y] {
        v.clear();
    }
    for &(g, p) in best_paired.iter() {
        let (g, p) = (usize::from(g), usize::from(p));
        gallery_pair[g] = p as u8;
        if let Some(lane) = blocked.get_mut(p) {
            *lane = f32::INFINITY;
        }
        let (ax, ay) = (gp.x[g], gp.y[g]);
        anchor_x.push(ax);
        anchor_y.push(ay);
        offset_x.push(pp.x[p] - (cos * ax - sin * ay + tx));
        offset_y.push(pp.y[p] - (sin * ax + cos * ay + ty));
    }
    // Whole groups for `nearest_anchor`: the padding lies infinitely far, so it is never nearest.
    let padded = anchor_x.len().next_multiple_of(ANCHOR_LANES);
    anchor_x.resize(padded, f32::INFINITY);
    anchor_y.resize(padded, f32::INFINITY);
    extension.clear();
    let mut weighted = 0u32;
    for (g, mate) in gallery_pair.iter_mut().enumerate() {
        if *mate != NONE {
            continue;
        }
        // The nearest pair of the pairing: its offset from the alignment corrects the
        // prediction for the local distortion.
        let (gx, gy) = (gp.x[g], gp.y[g]);
        let (distance2, nearest) = nearest_anchor(anchor_x, anchor_y, gx, gy);
        let (ox, oy) = (offset_x[nearest], offset_y[nearest]);
        let (mx, my) = (cos * gx - sin * gy + tx + ox, sin * gx + cos * gy + ty + oy);
        let reach = EXTEND_DISTANCE + probe.pose_distance_ratio * distance2.sqrt();
        let direction = gp.direction[g].wrapping_add(rotation);
        if let Some(q) = lanes.nearest(blocked, (mx, my), reach, direction, POSE_ANGLE) {
            *mate = q as u8;
            if let Some(lane) = blocked.get_mut(q) {
                *lane = f32::INFINITY;
            }
            extension.push((g as u8, q as u8));
            weighted += u32::from(gp.weight[g]) * u32::from(pp.weight[q]);
        }
    }
    for &(g, _) in best_paired.iter().chain(extension.iter()) {
        gallery_pair[usize::from(g)] = NONE;
    }
    best_paired.extend_from_slice(extension);
    let pairs = parts.pairs + probe.extension_weight * weighted as f32 / 65_025.0;
    let agreeing = parts.agreeing + extension.len() as f32;
    // The same alignment, so the same common area as the pairing's own share.
    let share = if probe.overlap_exponent > 0.0 {
        weighted_share(share_of(agreeing, parts.common), probe.overlap_exponent)
    } else {
        1.0
    };
    (pairs + SUPPORT_WEIGHT * parts.support) * share
}

/// Anchors compared at once by [`nearest_anchor`].
const ANCHOR_LANES: usize = EXTENSION_LANES;

/// The squared distance from `(x, y)` to the nearest of the points (`xs`, `ys`, a whole number of
/// [`ANCHOR_LANES`] groups), and its index: the first among equally near ones, as a scan in order
/// would find. Each lane keeps its own nearest so that the compiler can test a group at once (the
/// extension's largest cost was this scan, one point at a time); the lanes are merged at the end.
#[inline(always)]
fn nearest_anchor(xs: &[f32], ys: &[f32], x: f32, y: f32) -> (f32, usize) {
    let mut best = [f32::INFINITY; ANCHOR_LANES];
    let mut at = [0u32; ANCHOR_LANES];
    for (group, (gx, gy)) in xs.chunks_exact(ANCHOR_LANES).zip(ys.chunks_exact(ANCHOR_LANES)).enumerate() {
        for lane in 0..ANCHOR_LANES {
            let (dx, dy) = (x - gx[lane], y - gy[lane]);
            let d2 = dx * dx + dy * dy;
            let closer = d2 < best[lane];
            best[lane] = if closer { d2 } else { best[lane] };
            at[lane] = if closer { (group * ANCHOR_LANES + lane) as u32 } else { at[lane] };
        }
    }
    first_nearest(&best, &at)
}

/// How many minutiae lie in both prints' area under `alignment`: gallery minutiae moved into the
/// probe's area and probe minutiae moved back into the gallery's are counted, and the mean of
/// the two returned.
#[inline(always)]
fn common_minutiae(alignment: Alignment, probe: &Probe, template: &FingerprintTemplate) -> f32 {
    let (gp, pp) = (&template.points, &probe.points);
    let Alignment { rotation, tx, ty } = alignment;
    let (sin, cos) = SIN_COS[usize::from(rotation)];
    let gallery_inside = count_inside(&probe.area, &gp.x, &gp.y, Motion::Forward { cos, sin, tx, ty });
    let probe_inside = count_inside(&template.area, &pp.x, &pp.y, Motion::Back { cos, sin, tx, ty });
    (gallery_inside + probe_inside) as f32 / 2.0
}

/// A rigid alignment of the gallery onto the probe: rotation (1/256 turns), then translation.
#[derive(Clone, Copy, Default)]
pub(crate) struct Alignment {
    rotation: u8,
    tx: f32,
    ty: f32,
}

/// Which pairs agree with the pairing's overall rigid alignment: the mean rotation of the
/// paired directions and the mean translation, within a position and a direction tolerance.
/// A genuine pairing stays close to one alignment, bent only by elastic distortion. Calls
/// `each(k, agrees)` for every pair `paired[k]`, and returns that alignment.
#[inline(always)]
pub(crate) fn consistent_pairs(
    paired: &[(u8, u8)],
    probe: &Probe,
    template: &FingerprintTemplate,
    mut each: impl FnMut(usize, bool),
) -> Alignment {
    let (gp, pp) = (&template.points, &probe.points);
    let Alignment { rotation, tx, ty } = fit_alignment(paired, probe, template);
    let (sin, cos) = SIN_COS[usize::from(rotation)];
    let limit = probe.alignment_distance * probe.alignment_distance;
    for (k, &(g, p)) in paired.iter().enumerate() {
        let (ax, ay) = (gp.x[usize::from(g)], gp.y[usize::from(g)]);
        let dx = pp.x[usize::from(p)] - (cos * ax - sin * ay) - tx;
        let dy = pp.y[usize::from(p)] - (sin * ax + cos * ay) - ty;
        let turn =
            pp.direction[usize::from(p)].wrapping_sub(gp.direction[usize::from(g)]).wrapping_sub(rotation);
        each(k, dx * dx + dy * dy <= limit && (turn as i8).unsigned_abs() <= ALIGNMENT_ANGLE);
    }
    Alignment { rotation, tx, ty }
}

/// The rigid alignment of a pairing: the mean rotation of its paired directions, then the mean
/// translation.
#[inline(always)]
fn fit_alignment(paired: &[(u8, u8)], probe: &Probe, template: &FingerprintTemplate) -> Alignment {
    let (gp, pp) = (&template.points, &probe.points);
    let (mut sin_sum, mut cos_sum) = (0.0f32, 0.0f32);
    for &(g, p) in paired {
        let (s, c) =
            SIN_COS[usize::from(pp.direction[usize::from(p)].wrapping_sub(gp.direction[usize::from(g)]))];
        sin_sum += s;
        cos_sum += c;
    }
    let rotation = angle_of(cos_sum, sin_sum);
    let (sin, cos) = SIN_COS[usize::from(rotation)];
    let n = paired.len() as f32;
    let (mut tx, mut ty) = (0.0f32, 0.0f32);
    for &(g, p) in paired {
        let (ax, ay) = (gp.x[usize::from(g)], gp.y[usize::from(g)]);
        tx += pp.x[usize::from(p)] - (cos * ax - sin * ay);
        ty += pp.y[usize::from(p)] - (sin * ax + cos * ay);
    }
    Alignment { rotation, tx: tx / n, ty: ty / n }
}

#[cfg(test)]
mod tests {
    use super::super::geometry::unit_stream;
    use super::*;

    #[test]
    fn the_nearest_anchor_by_lanes_is_the_first_nearest_of_a_scan_in_order() {
        let mut next = unit_stream(0x51ed_2701_f3a5_9c1bu64);
        for round in 0..300 {
            // Points on a coarse grid, so that equally near anchors (ties) are common.
            let n: usize = 1 + round % 37;
            let mut xs: Vec<f32> = (0..n).map(|_| (next() * 6.0).floor() * 10.0).collect();
            let mut ys: Vec<f32> = (0..n).map(|_| (next() * 6.0).floor() * 10.0).collect();
            let (x, y) = ((next() * 6.0).floor() * 10.0, (next() * 6.0).floor() * 10.0);
            let mut scan = (f32::INFINITY, 0);
            for (k, (&ax, &ay)) in xs.iter().zip(&ys).enumerate() {
                let d2 = (x - ax) * (x - ax) + (y - ay) * (y - ay);
                if d2 < scan.0 {
                    scan = (d2, k);
                }
            }
            let padded = n.next_multiple_of(ANCHOR_LANES);
            xs.resize(padded, f32::INFINITY);
            ys.resize(padded, f32::INFINITY);
            assert_eq!(nearest_anchor(&xs, &ys, x, y), scan, "round {round}");
        }
    }
}
