//! An inverted index of minutia triplets: the fingerprint side of the detection shortlist.
//!
//! Each gallery minutia and its two nearest neighbours form a triangle described by what a
//! rotation and a translation leave unchanged: the three side lengths and each minutia's
//! direction relative to a side. Quantised, the six values make one key (about 885,000 keys),
//! and the index lists under each key the templates that have such a triangle. A probe looks up
//! its own triangles and every template gets one vote per triangle found under the same key;
//! the templates with the most votes are the ones worth a full comparison.
//!
//! Real captures drop minutiae and add spurious ones, which changes who a minutia's nearest
//! neighbours are. The probe side therefore also looks up the triangles made with its third
//! nearest neighbour, the swapped order of two neighbours at nearly the same distance, and the
//! neighbouring bin of every value that lies near a bin edge. The gallery side stores one
//! triangle per minutia, so the index costs 4 bytes per minutia.

use crate::matching::fingerprint::FingerprintTemplate;

/// Side of a length bin, pixels at 500 ppi.
const LENGTH_BIN: f32 = 10.0;
/// Length bins (the last one collects everything longer).
const LENGTH_BINS: u32 = 12;
/// Angle bins per turn (45°).
const ANGLE_BINS: u32 = 8;
/// Keys of the index.
const KEYS: usize = (LENGTH_BINS * LENGTH_BINS * LENGTH_BINS * ANGLE_BINS * ANGLE_BINS * ANGLE_BINS) as usize;
/// Neighbours farther than this make no triangle (pixels).
const MAX_SIDE: f32 = 110.0;
/// Neighbours nearer than this are taken for noise (pixels).
const MIN_SIDE: f32 = 6.0;
/// A value this close to a bin edge (share of the bin) is also looked up in the next bin.
const EDGE_SHARE: f32 = 0.25;
/// Two neighbours whose distances differ by less than this (pixels) are also tried swapped.
const SWAP_MARGIN: f32 = 4.0;

/// One minutia: position in pixels and direction in radians.
#[derive(Debug, Clone, Copy)]
struct Point {
    x: f32,
    y: f32,
    direction: f32,
}

fn points(template: &FingerprintTemplate) -> Vec<Point> {
    template
        .minutiae()
        .map(|(x, y, d)| Point { x, y, direction: f32::from(d) * std::f32::consts::TAU / 256.0 })
        .collect()
}

/// The nearest neighbours of every point within [`MIN_SIDE`, `MAX_SIDE`], nearest first.
fn nearest(points: &[Point], count: usize) -> Vec<Vec<(f32, usize)>> {
    points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut around: Vec<(f32, usize)> = points
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(j, q)| ((q.x - p.x).hypot(q.y - p.y), j))
                .filter(|&(d, _)| (MIN_SIDE..=MAX_SIDE).contains(&d))
                .collect();
            around.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            around.truncate(count);
            around
        })
        .collect()
}

/// The six continuous values of triangle (i; j, k), each in bin units.
fn features(points: &[Point], i: usize, j: usize, k: usize) -> [f32; 6] {
    let (p, q, r) = (points[i], points[j], points[k]);
    let side = |a: Point, b: Point| (b.x - a.x).hypot(b.y - a.y);
    let relative = |direction: f32, from: Point, to: Point| {
        let along = (to.y - from.y).atan2(to.x - from.x);
        (direction - along).rem_euclid(std::f32::consts::TAU) * ANGLE_BINS as f32 / std::f32::consts::TAU
    };
    [
        side(p, q) / LENGTH_BIN,
        side(p, r) / LENGTH_BIN,
        side(q, r) / LENGTH_BIN,
        relative(p.direction, p, q),
        relative(q.direction, p, q),
        relative(r.direction, p, r),
    ]
}

/// The bin of a length value (clamped to the last bin).
fn length_bin(value: f32) -> u32 {
    (value as u32).min(LENGTH_BINS - 1)
}

/// The bin of an angle value (wrapping).
fn angle_bin(value: f32) -> u32 {
    (value as u32) % ANGLE_BINS
}

/// The key of six bins.
fn key(bins: [u32; 6]) -> u32 {
    let lengths = (bins[0] * LENGTH_BINS + bins[1]) * LENGTH_BINS + bins[2];
    ((lengths * ANGLE_BINS + bins[3]) * ANGLE_BINS + bins[4]) * ANGLE_BINS + bins[5]
}

/// The key a value set falls in exactly.
fn exact_key(values: [f32; 6]) -> u32 {
    key(std::array::from_fn(|n| if n < 3 { length_bin(values[n]) } else { angle_bin(values[n]) }))
}

/// Every key a probe value set is looked up under: its own bins and, per value near a bin edge,
/// the neighbouring bin.
fn probe_keys(values: [f32; 6], out: &mut Vec<u32>) {
    let choices: [[Option<u32>; 2]; 6] = std::array::from_fn(|n| {
        let v = values[n];
        let fraction = v.fract();
        if n < 3 {
            let own = length_bin(v);
            let other = if fraction < EDGE_SHARE && own > 0 && v < LENGTH_BINS as f32 {
                Some(own - 1)
            } else if fraction > 1.0 - EDGE_SHARE && own + 1 < LENGTH_BINS {
                Some(own + 1)
            } else {
                None
            };
            [Some(own), other]
        } else {
            let own = angle_bin(v);
            let other = if fraction < EDGE_SHARE {
                Some((own + ANGLE_BINS - 1) % ANGLE_BINS)
            } else if fraction > 1.0 - EDGE_SHARE {
                Some((own + 1) % ANGLE_BINS)
            } else {
                None
            };
            [Some(own), other]
        }
    });
    let mut bins = [0u32; 6];
    fn expand(choices: &[[Option<u32>; 2]; 6], n: usize, bins: &mut [u32; 6], out: &mut Vec<u32>) {
        if n == 6 {
            out.push(key(*bins));
            return;
        }
        for choice in choices[n].iter().flatten() {
            bins[n] = *choice;
            expand(choices, n + 1, bins, out);
        }
    }
    expand(&choices, 0, &mut bins, out);
}

/// The keys a gallery template is filed under: per minutia, the triangles with two of its
/// three nearest neighbours.
fn gallery_keys(template: &FingerprintTemplate) -> Vec<u32> {
    let points = points(template);
    let mut keys = Vec::new();
    for (i, around) in nearest(&points, 3).iter().enumerate() {
        for (a, b) in [(0, 1), (0, 2), (1, 2)] {
            if let (Some(&(_, j)), Some(&(_, k))) = (around.get(a), around.get(b)) {
                keys.push(exact_key(features(&points, i, j, k)));
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The keys a probe looks up (see the module documentation), without repeats.
pub(crate) fn probe_lookups(template: &FingerprintTemplate) -> Vec<u32> {
    let points = points(template);
    let mut out = Vec::new();
    for (i, around) in nearest(&points, 3).iter().enumerate() {
        for (a, b) in [(0, 1), (0, 2), (1, 2)] {
            let (Some(&(da, j)), Some(&(db, k))) = (around.get(a), around.get(b)) else { continue };
            probe_keys(features(&points, i, j, k), &mut out);
            if db - da < SWAP_MARGIN {
                probe_keys(features(&points, i, k, j), &mut out);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Vote counts per slot, reused from one search to the next: a dense array (a vote is one
/// increment, no hashing) and the list of slots it touched, so that clearing costs only those.
#[derive(Debug, Default)]
pub(crate) struct Votes {
    counts: Vec<f32>,
    touched: Vec<u32>,
}

impl Votes {
    fn add(&mut self, slot: u32, weight: f32) {
        let at = slot as usize;
        if at >= self.counts.len() {
            self.counts.resize(at + 1, 0.0);
        }
        if self.counts[at] == 0.0 {
            self.touched.push(slot);
        }
        self.counts[at] += weight;
    }

    /// The slots that got a vote, with their weight, and the counts cleared.
    pub fn drain(&mut self) -> Vec<(u32, f32)> {
        let counts = &mut self.counts;
        self.touched.drain(..).map(|slot| (slot, std::mem::take(&mut counts[slot as usize]))).collect()
    }
}

/// The triplet index of one finger position: templates are numbered by slot.
#[derive(Debug)]
pub(crate) struct TripletIndex {
    postings: Vec<Vec<u32>>,
    templates: usize,
}

impl Default for TripletIndex {
    fn default() -> Self {
        TripletIndex { postings: vec![Vec::new(); KEYS], templates: 0 }
    }
}

impl TripletIndex {
    /// Files the template of `slot`.
    pub fn insert(&mut self, slot: u32, template: &FingerprintTemplate) {
        for key in gallery_keys(template) {
            self.postings[key as usize].push(slot);
        }
        self.templates += 1;
    }

    /// Removes the template of `slot` (the same template it was filed with).
    pub fn remove(&mut self, slot: u32, template: &FingerprintTemplate) {
        for key in gallery_keys(template) {
            let list = &mut self.postings[key as usize];
            if let Some(at) = list.iter().position(|&s| s == slot) {
                list.swap_remove(at);
            }
        }
        self.templates = self.templates.saturating_sub(1);
    }

    /// Adds a vote per looked-up key to every slot filed under it, weighted by how rare the
    /// key is (the log of templates over postings): minutiae follow the ridge flow, so
    /// triangles of parallel minutiae at one ridge period are in most templates and say little.
    pub fn vote(&self, lookups: &[u32], votes: &mut Votes) {
        let templates = self.templates.max(1) as f32;
        for &key in lookups {
            let list = &self.postings[key as usize];
            if list.is_empty() {
                continue;
            }
            let weight = (templates / list.len() as f32).ln().max(0.0) + 0.01;
            for &slot in list {
                votes.add(slot, weight);
            }
        }
    }

    /// Slots filed, counted once per key (bytes of the postings are four per entry).
    pub fn postings(&self) -> usize {
        self.postings.iter().map(Vec::len).sum()
    }
}

#[cfg(all(test, feature = "synthetic"))]
mod tests {
    use super::*;
    use crate::synthetic::fingerprint::{ImpressionParams, impression};

    fn template(finger: u64, impression_number: u64) -> FingerprintTemplate {
        FingerprintTemplate::new(&impression(7, finger, impression_number, &ImpressionParams::EASY))
            .expect("synthetic impressions have enough minutiae")
    }

    // On EASY captures the mate comes first; on MEDIUM ones (20 % of minutiae missed, 10 px of
    // distortion) it often does not, which is why the sBMS shortlists by face as well and
    // `bench mid` measures the shortlist's recall.
    #[test]
    fn a_second_impression_outvotes_other_fingers() {
        let mut index = TripletIndex::default();
        for finger in 0..300 {
            index.insert(finger as u32, &template(finger, 0));
        }
        let mut first = 0;
        for finger in 0..300 {
            let mut votes = Votes::default();
            index.vote(&probe_lookups(&template(finger, 1)), &mut votes);
            let best = votes
                .drain()
                .into_iter()
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(s, _)| s);
            first += usize::from(best == Some(finger as u32));
        }
        assert!(first >= 290, "mate ranked first for {first} of 300 fingers");
    }

    #[test]
    fn removal_takes_every_posting_back() {
        let mut index = TripletIndex::default();
        index.insert(1, &template(1, 0));
        index.insert(2, &template(2, 0));
        let both = index.postings();
        index.remove(1, &template(1, 0));
        assert!(index.postings() < both);
        index.remove(2, &template(2, 0));
        assert_eq!(index.postings(), 0);
    }
}
