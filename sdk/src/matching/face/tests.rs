use super::*;
use crate::model::{FaceAlgorithm, FaceTemplate, SourceSystem};
use crate::synthetic::Rng;
use crate::synthetic::face::FaceIdentity;

fn algorithm(name: &str) -> FaceAlgorithm {
    FaceAlgorithm::new(name).unwrap()
}

#[test]
fn different_algorithms_are_never_compared() {
    let mut rng = Rng::new(1);
    let identity = FaceIdentity::random(64, &mut rng);
    let a = identity.sample(&algorithm("vendor-a/face@1"), 0.9, &mut rng).unwrap();
    let b = identity.sample(&algorithm("vendor-b/face@1"), 0.9, &mut rng).unwrap();
    assert!(matches!(cosine(&a, &b), Err(FaceError::AlgorithmMismatch { .. })));
    let short = FaceTemplate::new(algorithm("vendor-a/face@1"), vec![1.0; 32]).unwrap();
    assert!(matches!(cosine(&a, &short), Err(FaceError::DimensionMismatch { .. })));
    assert!((cosine(&a, &a).unwrap() - 1.0).abs() < 1e-5);
}

#[test]
fn calibrated_scores_follow_the_false_match_rate_on_synthetic_impostors() {
    let d = 128;
    let alg = algorithm("synthetic/gaussian@1");
    let calibration = FaceCalibration::GaussianImpostors { dimension: d };
    let mut rng = Rng::new(2);
    let samples: Vec<FaceTemplate> =
        (0..200).map(|_| FaceIdentity::random(d, &mut rng).sample(&alg, 0.8, &mut rng).unwrap()).collect();
    let mut above_10 = 0;
    let mut total = 0;
    for i in 0..samples.len() {
        for j in i + 1..samples.len() {
            total += 1;
            if compare(&samples[i], &samples[j], &calibration).unwrap().score.value() >= 10.0 {
                above_10 += 1;
            }
        }
    }
    let fmr = f64::from(above_10) / f64::from(total);
    assert!((0.07..0.13).contains(&fmr), "FMR at score 10 = {fmr} over {total} pairs");
}

#[test]
fn identification_finds_the_mate_within_allowed_partitions_and_forgets_removed_records() {
    let d = 96;
    let alg = algorithm("synthetic/gaussian@1");
    let other = algorithm("other/face@2");
    let mut rng = Rng::new(3);
    let gallery: FaceGallery<u32, SourceSystem> = FaceGallery::new();
    let identities: Vec<FaceIdentity> = (0..300).map(|_| FaceIdentity::random(d, &mut rng)).collect();
    for (k, identity) in identities.iter().enumerate() {
        let system = if k % 2 == 0 { SourceSystem::Vis } else { SourceSystem::Ees };
        gallery.enrol(system, k as u32, &identity.sample(&alg, 0.75, &mut rng).unwrap()).unwrap();
    }
    // Same record key under another algorithm: stored apart, never compared with `alg` probes.
    gallery.enrol(SourceSystem::Vis, 1000, &identities[10].sample(&other, 0.99, &mut rng).unwrap()).unwrap();
    assert_eq!(gallery.len(), 301);

    let probe = identities[10].sample(&alg, 0.75, &mut rng).unwrap();
    let found = gallery.identify(&probe, &[SourceSystem::Vis, SourceSystem::Ees], 5).unwrap();
    assert_eq!(found.len(), 5);
    assert_eq!((found[0].record, found[0].partition), (10, SourceSystem::Vis));
    assert!(found[0].comparison.score.reaches(Score::DEFAULT_THRESHOLD));
    assert!(found.windows(2).all(|w| w[0].comparison.cosine >= w[1].comparison.cosine));
    assert!(!found[1].comparison.score.reaches(Score::DEFAULT_THRESHOLD));

    let ees_only = gallery.identify(&probe, &[SourceSystem::Ees], 3).unwrap();
    assert!(ees_only.iter().all(|c| c.partition == SourceSystem::Ees && c.record != 10));

    assert!(matches!(
        gallery.verify(SourceSystem::Vis, &1000, &probe),
        Err(FaceError::AlgorithmMismatch { .. })
    ));
    assert!(gallery.verify(SourceSystem::Vis, &10, &probe).unwrap().is_some());
    let wrong_length = FaceTemplate::new(alg.clone(), vec![0.5; 48]).unwrap();
    assert!(matches!(
        gallery.enrol(SourceSystem::Vis, 7, &wrong_length),
        Err(FaceError::DimensionMismatch { .. })
    ));

    assert_eq!(gallery.remove(&10), 1);
    let after = gallery.identify(&probe, &[SourceSystem::Vis, SourceSystem::Ees], 5).unwrap();
    assert!(after.iter().all(|c| c.record != 10));
    assert!(gallery.verify(SourceSystem::Vis, &10, &probe).unwrap().is_none());
}

/// A gallery of `n` random identities in `storage`, and `probes` samples of its first ones.
fn random_gallery(
    storage: FaceStorage,
    n: usize,
    d: usize,
    seed: u64,
) -> (FaceGallery<u32, SourceSystem>, Vec<FaceTemplate>) {
    let alg = algorithm("synthetic/gaussian@1");
    let mut rng = Rng::new(seed);
    let gallery = FaceGallery::with_storage(storage);
    let mut probes = Vec::new();
    for k in 0..n {
        let identity = FaceIdentity::random(d, &mut rng);
        gallery.enrol(SourceSystem::Vis, k as u32, &identity.sample(&alg, 0.8, &mut rng).unwrap()).unwrap();
        if probes.len() < 9 {
            probes.push(identity.sample(&alg, 0.8, &mut rng).unwrap());
        }
    }
    (gallery, probes)
}

#[test]
fn every_storage_finds_the_mates_and_the_reranked_scan_equals_the_f32_scan() {
    let (n, d, k) = (5000, 96, 10);
    let (exact, probes) = random_gallery(FaceStorage::F32, n, d, 7);
    let truth = exact.identify_batch(&probes, &[SourceSystem::Vis], k).unwrap();
    for storage in FaceStorage::ALL {
        let (gallery, same_probes) = random_gallery(storage, n, d, 7);
        assert_eq!(same_probes, probes);
        let batch = gallery.identify_batch(&probes, &[SourceSystem::Vis], k).unwrap();
        for (p, probe) in probes.iter().enumerate() {
            // The batch and a single probe give the same answer.
            assert_eq!(
                gallery.identify(probe, &[SourceSystem::Vis], k).unwrap(),
                batch[p],
                "{}",
                storage.name()
            );
            assert_eq!(batch[p][0].record, p as u32, "{} probe {p}", storage.name());
            if storage.is_exact() {
                assert_eq!(batch[p], truth[p], "{} probe {p}", storage.name());
            } else {
                for (a, b) in batch[p].iter().zip(&truth[p]) {
                    assert!((a.comparison.cosine - b.comparison.cosine).abs() < 0.01, "{}", storage.name());
                }
            }
        }
    }
}

#[test]
fn removal_keeps_every_storage_consistent() {
    for storage in FaceStorage::ALL {
        let (gallery, probes) = random_gallery(storage, 300, 64, 11);
        assert_eq!(gallery.remove(&0), 1);
        assert_eq!(gallery.len(), 299);
        let found = gallery.identify(&probes[0], &[SourceSystem::Vis], 3).unwrap();
        assert!(found.iter().all(|c| c.record != 0));
        let found = gallery.identify(&probes[1], &[SourceSystem::Vis], 3).unwrap();
        assert_eq!(found[0].record, 1, "{}", storage.name());
        assert!(gallery.verify(SourceSystem::Vis, &299, &probes[1]).unwrap().is_some());
    }
}

/// Across several blocks, with rows removed from the first ones and re-enrolled ones, every
/// exact storage returns the brute-force f32 ranking of what remains.
#[test]
fn a_gallery_of_several_blocks_returns_the_brute_force_top_k() {
    let (n, d, k) = (9_000usize, 32usize, 10usize);
    let alg = algorithm("synthetic/gaussian@1");
    let mut rng = Rng::new(23);
    let templates: Vec<FaceTemplate> =
        (0..n).map(|_| FaceIdentity::random(d, &mut rng).sample(&alg, 0.8, &mut rng).unwrap()).collect();
    let probes: Vec<FaceTemplate> =
        (0..4).map(|_| FaceIdentity::random(d, &mut rng).sample(&alg, 0.8, &mut rng).unwrap()).collect();
    let removed = |r: usize| r % 7 == 3 && r < 5_000;
    for storage in FaceStorage::ALL.into_iter().filter(|s| s.is_exact()) {
        let gallery: FaceGallery<u32, SourceSystem> = FaceGallery::with_storage(storage);
        for (r, t) in templates.iter().enumerate() {
            gallery.enrol(SourceSystem::Vis, r as u32, t).unwrap();
        }
        for r in (0..n).filter(|r| removed(*r)) {
            assert_eq!(gallery.remove(&(r as u32)), 1);
        }
        // A record written again keeps one row.
        gallery.enrol(SourceSystem::Vis, 1, &templates[1]).unwrap();
        assert_eq!(gallery.len(), n - (0..n).filter(|r| removed(*r)).count());
        for probe in &probes {
            let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
            let cosine = |v: &[f32]| {
                v.iter().zip(probe.vector()).map(|(a, b)| a * b).sum::<f32>()
                    / (norm(v) * norm(probe.vector()))
            };
            let mut truth: Vec<(f32, u32)> =
                (0..n).filter(|r| !removed(*r)).map(|r| (cosine(templates[r].vector()), r as u32)).collect();
            truth.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let found: Vec<u32> = gallery
                .identify(probe, &[SourceSystem::Vis], k)
                .unwrap()
                .into_iter()
                .map(|c| c.record)
                .collect();
            let expected: Vec<u32> = truth.iter().take(k).map(|t| t.1).collect();
            assert_eq!(found, expected, "{}", storage.name());
        }
    }
}
