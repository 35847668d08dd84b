//! The 1:N scan of matrices (a gallery's blocks) for a batch of probes: each pass over the rows scores every
//! probe (a batch of 32 reads the gallery once), on all cores of the current rayon pool, and
//! keeps each probe's best `top_k`, ties broken by the caller's order of rows.

use std::cmp::Ordering;

use rayon::prelude::*;

use super::dot;
use super::i8_probes::I8Probes;
use super::isa::Kernels;
use super::kernel::scores_f32;
use super::kernel_f16::scores_f16;
use super::kernel_i8::scores_i8;
use super::storage::{FaceStorage, Matrix, Quantised, quantise};

/// Rows per parallel task: large enough to amortise scheduling, small enough to balance.
const ROWS_PER_TASK: usize = 4096;
/// Rows per kernel call: the scores of a block for the whole batch stay in L1.
const BLOCK: usize = 16;
/// Added to the i8 error bound for the rounding of the f32 dot products themselves (at most
/// about `d · 2⁻²⁴` relative to ‖q‖‖v‖, i.e. 3 · 10⁻⁵ at 512 dimensions; 10⁻⁴ at the model's
/// 4096).
const ROUNDING_SLACK: f32 = 3e-4;

/// The best rows seen for one probe: every offered item at or above `threshold`, pruned to the
/// items at or above the k-th best score (ties at the cut are all kept, so the caller's tie
/// order decides them at the end).
struct Best {
    k: usize,
    items: Vec<(f32, usize)>,
    threshold: f32,
    capacity: usize,
}

impl Best {
    fn new(k: usize) -> Self {
        let capacity = 2 * k + 16;
        Best { k, items: Vec::with_capacity(capacity), threshold: f32::NEG_INFINITY, capacity }
    }

    #[inline]
    fn offer(&mut self, score: f32, row: usize) {
        if score >= self.threshold {
            self.items.push((score, row));
            if self.items.len() >= self.capacity {
                self.prune();
            }
        }
    }

    fn prune(&mut self) {
        if self.items.len() > self.k {
            self.items.select_nth_unstable_by(self.k - 1, |a, b| b.0.total_cmp(&a.0));
            self.threshold = self.items[self.k - 1].0;
            let threshold = self.threshold;
            self.items.retain(|item| item.0 >= threshold);
        }
        // Many equal scores at the cut: grow rather than prune after every offer.
        self.capacity = self.capacity.max(2 * self.items.len());
    }
}

/// Probes prepared for the scan of one storage type.
struct Probes {
    count: usize,
    full: Vec<f32>,
    codes: I8Probes,
    quantised: Vec<Quantised>,
    norms: Vec<f32>,
}

impl Probes {
    fn new(probes: &[&[f32]], storage: FaceStorage, d: usize) -> Self {
        let full: Vec<f32> = probes.iter().flat_map(|p| p.iter().copied()).collect();
        let (mut codes, mut quantised, mut norms) = (Vec::new(), Vec::new(), Vec::new());
        if matches!(storage, FaceStorage::I8 | FaceStorage::I8Reranked) {
            let mut buffer = vec![0i8; d];
            for probe in probes {
                quantised.push(quantise(probe, &mut buffer));
                codes.extend_from_slice(&buffer);
                let norm = probe.iter().map(|&v| f64::from(v).powi(2)).sum::<f64>().sqrt();
                norms.push((norm * (1.0 + 1e-6)) as f32);
            }
        }
        Probes { count: probes.len(), full, codes: I8Probes::new(codes, d), quantised, norms }
    }
}

/// Per probe: the best items of one task, and for the re-ranked scan the lower bounds that
/// set the cut.
struct TaskResult {
    best: Vec<Vec<(f32, usize)>>,
    lower: Vec<Vec<f32>>,
}

/// A row of one of the scanned matrices: (index of the matrix, row).
pub(crate) type At = (usize, usize);

/// The `top_k` rows of `matrices` (of one storage type and dimension, e.g. the blocks of a
/// gallery) for each of `probes` (each of that dimension), best first, ties in `tie` order.
/// For [`FaceStorage::I8Reranked`] the scores are the exact f32 ones, re-ranked with one cut
/// over all the matrices; for the other compact types, the compact scan's. The kernels take
/// the best path of this CPU.
pub(crate) fn scan(
    matrices: &[&Matrix],
    probes: &[&[f32]],
    top_k: usize,
    tie: &(dyn Fn(At, At) -> Ordering + Sync),
) -> Vec<Vec<(f32, At)>> {
    scan_with(Kernels::detect(), matrices, probes, top_k, tie)
}

/// [`scan`] with the kernels' paths chosen by the caller (the tests force each one).
pub(crate) fn scan_with(
    kernels: Kernels,
    matrices: &[&Matrix],
    probes: &[&[f32]],
    top_k: usize,
    tie: &(dyn Fn(At, At) -> Ordering + Sync),
) -> Vec<Vec<(f32, At)>> {
    let Some(first) = matrices.iter().find(|m| m.rows > 0) else { return vec![Vec::new(); probes.len()] };
    let (d, storage) = (first.dimension, first.storage);
    if top_k == 0 || probes.is_empty() || d == 0 {
        return vec![Vec::new(); probes.len()];
    }
    let prepared = Probes::new(probes, storage, d);
    let tasks: Vec<(usize, usize, usize)> = matrices
        .iter()
        .enumerate()
        .flat_map(|(m, matrix)| {
            (0..matrix.rows.div_ceil(ROWS_PER_TASK))
                .map(move |t| (m, t * ROWS_PER_TASK, ((t + 1) * ROWS_PER_TASK).min(matrix.rows)))
        })
        .collect();
    let results: Vec<(usize, TaskResult)> = tasks
        .into_par_iter()
        .map(|(m, start, end)| (m, scan_rows(kernels, matrices[m], &prepared, top_k, start, end)))
        .collect();
    let order = |a: &(f32, At), b: &(f32, At)| b.0.total_cmp(&a.0).then_with(|| tie(a.1, b.1));
    (0..prepared.count)
        .map(|p| {
            let mut all: Vec<(f32, At)> = results
                .iter()
                .flat_map(|(m, r)| r.best[p].iter().map(move |&(score, row)| (score, (*m, row))))
                .collect();
            if storage == FaceStorage::I8Reranked {
                all = rerank(
                    matrices,
                    probes[p],
                    top_k,
                    all,
                    results.iter().flat_map(|(_, r)| r.lower[p].iter().copied()),
                );
            }
            all.sort_by(order);
            all.truncate(top_k);
            all
        })
        .collect()
}

/// Keeps the candidates whose upper bound reaches the k-th best lower bound over all the
/// matrices, and scores them in f32. Sound: k rows score at least that bound, so every row of
/// the exact top k has an upper bound at or above it.
fn rerank(
    matrices: &[&Matrix],
    probe: &[f32],
    top_k: usize,
    candidates: Vec<(f32, At)>,
    lower: impl Iterator<Item = f32>,
) -> Vec<(f32, At)> {
    let mut lower: Vec<f32> = lower.collect();
    let cut = if lower.len() >= top_k {
        lower.select_nth_unstable_by(top_k - 1, |a, b| b.total_cmp(a));
        lower[top_k - 1]
    } else {
        f32::NEG_INFINITY
    };
    candidates
        .into_iter()
        .filter(|&(upper, _)| upper >= cut)
        .map(|(_, (m, row))| {
            let d = matrices[m].dimension;
            (dot(probe, &matrices[m].full[row * d..(row + 1) * d]), (m, row))
        })
        .collect()
}

fn scan_rows(
    kernels: Kernels,
    matrix: &Matrix,
    probes: &Probes,
    top_k: usize,
    start: usize,
    end: usize,
) -> TaskResult {
    let d = matrix.dimension;
    let np = probes.count;
    let mut best: Vec<Best> = (0..np).map(|_| Best::new(top_k)).collect();
    let mut lower: Vec<Best> = Vec::new();
    let mut floats = vec![0.0f32; BLOCK * np];
    let mut ints = vec![0i32; BLOCK * np];
    let mut row = start;
    while row < end {
        let n = BLOCK.min(end - row);
        let rows = row..row + n;
        match matrix.storage {
            FaceStorage::F32 | FaceStorage::F16 => {
                let out = &mut floats[..n * np];
                if matrix.storage == FaceStorage::F32 {
                    scores_f32(kernels.f32, &matrix.full[rows.start * d..rows.end * d], &probes.full, d, out);
                } else {
                    scores_f16(kernels.f16, &matrix.half[rows.start * d..rows.end * d], &probes.full, d, out);
                }
                for (k, scores) in out.chunks_exact(np).enumerate() {
                    for (b, &s) in best.iter_mut().zip(scores) {
                        b.offer(s, row + k);
                    }
                }
            }
            FaceStorage::I8 | FaceStorage::I8Reranked => {
                let out = &mut ints[..n * np];
                scores_i8(kernels.i8, &matrix.codes[rows.start * d..rows.end * d], &probes.codes, out);
                let reranked = matrix.storage == FaceStorage::I8Reranked;
                if reranked && lower.is_empty() {
                    lower = (0..np).map(|_| Best::new(top_k)).collect();
                }
                for (k, scores) in out.chunks_exact(np).enumerate() {
                    let r = matrix.quantised[row + k];
                    for (p, &s) in scores.iter().enumerate() {
                        let q = probes.quantised[p];
                        let approx = q.scale * r.scale * s as f32;
                        if reranked {
                            // |q·v − q̂·v̂| = |q·(v − v̂) + (q − q̂)·v̂| ≤ ‖q‖‖v − v̂‖ + ‖q − q̂‖‖v̂‖.
                            let bound = probes.norms[p] * r.residual
                                + q.residual * r.norm
                                + ROUNDING_SLACK * probes.norms[p] * (r.norm + r.residual);
                            lower[p].offer(approx - bound, row + k);
                            let cut = lower[p].threshold;
                            if approx + bound >= cut {
                                best[p].items.push((approx + bound, row + k));
                                if best[p].items.len() >= best[p].capacity {
                                    best[p].items.retain(|item| item.0 >= cut);
                                    best[p].capacity = best[p].capacity.max(2 * best[p].items.len());
                                }
                            }
                        } else {
                            best[p].offer(approx, row + k);
                        }
                    }
                }
            }
        }
        row += n;
    }
    let lower_cut: Vec<f32> = lower.iter().map(|l| l.threshold).collect();
    TaskResult {
        best: best
            .into_iter()
            .enumerate()
            .map(|(p, mut b)| {
                if let Some(&cut) = lower_cut.get(p) {
                    b.items.retain(|item| item.0 >= cut);
                } else {
                    b.prune();
                }
                b.items
            })
            .collect(),
        lower: lower
            .into_iter()
            .map(|mut l| {
                l.prune();
                l.items.into_iter().map(|(s, _)| s).collect()
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
