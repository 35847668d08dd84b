//! The scan on every kernel path this CPU has (the fallbacks forced): the re-ranked i8 scan
//! returns the f32 scan's results bit for bit whichever i8 path runs, and every f32 and f16
//! path returns the same results as the portable one.

use super::super::isa::{Isa, Kernels};
use super::super::storage::{FaceStorage, Matrix};
use super::*;
use crate::synthetic::Rng;
use crate::synthetic::face::FaceIdentity;

/// Blocks of unit vectors in `storage`: random identities, and clusters of near-duplicates of a
/// few of them (cosines within 10⁻³ of each other, closer than the i8 error, so the re-ranking
/// has work to do), spread over three matrices of uneven sizes.
fn matrices(storage: FaceStorage, d: usize, seed: u64) -> (Vec<Matrix>, Vec<Vec<f32>>) {
    let mut rng = Rng::new(seed);
    let bases: Vec<Vec<f32>> = (0..6).map(|_| FaceIdentity::random(d, &mut rng).vector().to_vec()).collect();
    let mut vectors = Vec::new();
    for k in 0..700 {
        if k % 5 == 0 {
            let base = &bases[k % bases.len()];
            let noisy: Vec<f32> = base.iter().map(|&v| v + 0.002 * rng.normal() as f32).collect();
            let norm = noisy.iter().map(|v| v * v).sum::<f32>().sqrt();
            vectors.push(noisy.iter().map(|v| v / norm).collect());
        } else {
            vectors.push(FaceIdentity::random(d, &mut rng).vector().to_vec());
        }
    }
    let mut blocks = vec![Matrix::new(storage, d), Matrix::new(storage, d), Matrix::new(storage, d)];
    for (k, v) in vectors.iter().enumerate() {
        blocks[[0, 0, 1, 2, 2, 2][k % 6]].push(v);
    }
    let probes: Vec<Vec<f32>> = bases
        .iter()
        .chain(&vectors[..3])
        .map(|b| b.iter().map(|&v| v + 0.01 * rng.normal() as f32).collect())
        .collect();
    (blocks, probes)
}

fn run(kernels: Kernels, blocks: &[Matrix], probes: &[Vec<f32>], batch: usize) -> Vec<Vec<(f32, At)>> {
    let matrices: Vec<&Matrix> = blocks.iter().collect();
    let tie = |a: At, b: At| a.cmp(&b);
    probes
        .chunks(batch)
        .flat_map(|chunk| {
            let chunk: Vec<&[f32]> = chunk.iter().map(Vec::as_slice).collect();
            scan_with(kernels, &matrices, &chunk, 12, &tie)
        })
        .collect()
}

fn portable() -> Kernels {
    Kernels { f32: Isa::Portable, f16: Isa::Portable, i8: Isa::Portable }
}

#[test]
fn the_reranked_scan_equals_the_f32_scan_on_every_i8_path() {
    for d in [512, 100] {
        let (exact, probes) = matrices(FaceStorage::F32, d, 41);
        let (reranked, _) = matrices(FaceStorage::I8Reranked, d, 41);
        let truth = run(portable(), &exact, &probes, 1);
        for isa in Kernels::I8_PATHS {
            if !isa.detected() {
                eprintln!("i8 path {isa:?} not available on this CPU: skipped");
                continue;
            }
            for batch in [1, 4, 9] {
                let found = run(Kernels { i8: isa, ..portable() }, &reranked, &probes, batch);
                for (p, (f, t)) in found.iter().zip(&truth).enumerate() {
                    let bits =
                        |v: &Vec<(f32, At)>| v.iter().map(|&(s, at)| (s.to_bits(), at)).collect::<Vec<_>>();
                    assert_eq!(bits(f), bits(t), "{isa:?} d {d} batch {batch} probe {p}");
                }
            }
        }
    }
}

#[test]
fn every_float_path_gives_the_portable_results() {
    for storage in [FaceStorage::F32, FaceStorage::F16] {
        for d in [512, 100] {
            let (blocks, probes) = matrices(storage, d, 43);
            let expected = run(portable(), &blocks, &probes, 1);
            let paths = if storage == FaceStorage::F32 { Kernels::F32_PATHS } else { Kernels::F16_PATHS };
            for isa in paths {
                if !isa.detected() {
                    eprintln!("{} path {isa:?} not available on this CPU: skipped", storage.name());
                    continue;
                }
                for batch in [1, 4, 9] {
                    let found = run(Kernels { f32: isa, f16: isa, ..portable() }, &blocks, &probes, batch);
                    assert_eq!(found, expected, "{} {isa:?} d {d} batch {batch}", storage.name());
                }
            }
        }
    }
}
