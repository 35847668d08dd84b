//! FMT-FMR: the conversion's conventions proven by matching accuracy, not by a round trip.
//!
//! A round trip through our own reader and writer cannot catch a wrong convention: both sides
//! would share it. Matching can. The vendor templates of FVC2002 DB1–4_B (ISO/IEC 19794-2:2005,
//! written by another extractor) are decoded, converted with [`to_template`] and scored with the
//! engine's public API. With the right conventions genuine and impostor scores separate; with a
//! wrong one they separate clearly worse.
//!
//! Why the wrong convention must be *inconsistent* to show: the matcher is invariant under
//! rotation and translation, so any rigid mistake applied to every template (a 180° direction
//! offset, a shifted origin, even a mirror with the angle negated) cancels out. Flipping y
//! without negating the angle does not: a rotation by φ between two impressions turns the
//! positions by −φ but the directions by +φ, so minutia directions stop agreeing with the edges
//! between minutiae by 2φ. The consistent mirror is measured as a control: it must score like the
//! right convention, which shows that the test detects inconsistency and not merely "any
//! change". (Reading ISO's 1.40625° angle unit as ANSI's 2° is inconsistent too, but FVC
//! impressions turn little, so it cost only 4.3 → 6.6 % mean EER, better on DB1: too small a
//! difference to assert on 45 impostor pairs per database, so it is not part of the test.)
//!
//! Protocol (FVC): genuine pairs are every impression against every later impression of the
//! same finger (28 × 10 = 280 per database); impostor pairs are the first impression of each
//! finger against the first impression of every later finger (45 per database). The EER is
//! `min over thresholds of max(FMR, FNMR)`, a conservative reading of the crossing point that
//! needs no interpolation between tied scores.

use std::path::Path;

use super::{FingerMinutiaeRecord, decode, to_template};
use crate::matching::fingerprint::{FingerprintTemplate, Probe, compare};
use crate::model::{Minutia, MinutiaeTemplate};
use crate::testdata::{Dataset, require};

const DATABASES: [&str; 4] = ["DB1_B", "DB2_B", "DB3_B", "DB4_B"];
const FINGERS: std::ops::RangeInclusive<u16> = 101..=110;
const IMPRESSIONS: usize = 8;

/// How a converted template is (mis)interpreted before matching.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Convention {
    /// [`to_template`] as it is.
    Right,
    /// y flipped and the angle negated: a mirror image, geometrically consistent (control).
    Mirrored,
    /// y flipped, the angle kept: the classic bottom-left/top-left mistake.
    YFlippedAngleKept,
}

const CONVENTIONS: [Convention; 3] = [Convention::Right, Convention::Mirrored, Convention::YFlippedAngleKept];

fn apply(convention: Convention, record: &FingerMinutiaeRecord) -> MinutiaeTemplate {
    let right = to_template(record).expect("an FVC2002 template converts");
    let height = right.height();
    let minutiae: Vec<Minutia> = right
        .minutiae()
        .iter()
        .map(|m| match convention {
            Convention::Right => *m,
            Convention::Mirrored => Minutia { y: height - 1 - m.y, direction: -m.direction, ..*m },
            Convention::YFlippedAngleKept => Minutia { y: height - 1 - m.y, ..*m },
        })
        .collect();
    MinutiaeTemplate::new(right.width(), height, right.resolution_ppi(), minutiae)
        .expect("a transformed template stays inside the image")
}

/// The decoded records of one database, `[finger][impression]`.
fn records(folder: &Path) -> Vec<Vec<FingerMinutiaeRecord>> {
    FINGERS
        .map(|finger| {
            (1..=IMPRESSIONS)
                .map(|impression| {
                    let path = folder.join(format!("{finger}_{impression}.iso"));
                    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                    decode(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                })
                .collect()
        })
        .collect()
}

/// Genuine and impostor scores of one database under `convention` (FVC protocol).
fn scores(records: &[Vec<FingerMinutiaeRecord>], convention: Convention) -> (Vec<f32>, Vec<f32>) {
    let prepared: Vec<Vec<(Probe, FingerprintTemplate)>> = records
        .iter()
        .map(|finger| {
            finger
                .iter()
                .map(|record| {
                    let template = apply(convention, record);
                    (Probe::new(&template).unwrap(), FingerprintTemplate::new(&template).unwrap())
                })
                .collect()
        })
        .collect();
    let mut genuine = Vec::new();
    for finger in &prepared {
        for (i, (probe, _)) in finger.iter().enumerate() {
            for (_, gallery) in &finger[i + 1..] {
                genuine.push(compare(probe, gallery).raw);
            }
        }
    }
    let mut impostor = Vec::new();
    for (f, finger) in prepared.iter().enumerate() {
        for other in &prepared[f + 1..] {
            impostor.push(compare(&finger[0].0, &other[0].1).raw);
        }
    }
    (genuine, impostor)
}

/// `min over t of max(FMR(t), FNMR(t))`, accepting when `score >= t`.
fn equal_error_rate(genuine: &[f32], impostor: &[f32]) -> f64 {
    let mut thresholds: Vec<f32> = genuine.iter().chain(impostor).copied().collect();
    thresholds.push(f32::INFINITY);
    thresholds.sort_by(f32::total_cmp);
    thresholds.dedup();
    let rate = |count: usize, of: usize| count as f64 / of as f64;
    thresholds
        .iter()
        .map(|&t| {
            let fmr = rate(impostor.iter().filter(|&&s| s >= t).count(), impostor.len());
            let fnmr = rate(genuine.iter().filter(|&&s| s < t).count(), genuine.len());
            fmr.max(fnmr)
        })
        .fold(1.0, f64::min)
}

#[test]
fn equal_error_rate_reads_the_crossing() {
    assert_eq!(equal_error_rate(&[5.0, 6.0, 7.0], &[1.0, 2.0, 3.0]), 0.0);
    assert_eq!(equal_error_rate(&[1.0, 2.0], &[5.0, 6.0]), 1.0);
    // One genuine below one impostor out of four each: 25 % at the best threshold.
    assert_eq!(equal_error_rate(&[2.0, 6.0, 7.0, 8.0], &[1.0, 3.0, 4.0, 5.0]), 0.25);
}

/// FMT-FMR: on the FVC2002 vendor ISO templates the right conventions separate genuine from
/// impostor scores; y flipped without negating the angle separates clearly worse on every
/// database; the consistent mirror scores like the right convention.
///
/// Measured (engine of commit acfe7bb): mean EER 4.33 % right (DB1–4: 6.07, 2.22, 6.79,
/// 2.22 %), 4.33 % mirrored, 22.69 % with y flipped and the angle kept (28.89, 20.36, 19.29,
/// 22.22 %). The bounds leave room for engine changes: one impostor pair is 2.2 points of a
/// database's FMR, so 8 % mean is about two impostor pairs per database above the measurement;
/// the wrong convention must stay 10 points worse on the mean (measured: 18) and 5 points worse
/// on each database (measured: at least 12).
#[test]
fn fvc2002_iso_templates_separate_only_with_the_right_conventions() {
    let Some(data) = require(Dataset::Data, "the FVC2002 ISO-template accuracy test") else { return };
    let start = std::time::Instant::now();
    let databases: Vec<Vec<Vec<FingerMinutiaeRecord>>> =
        DATABASES.iter().map(|db| records(&data.join("fvc2002").join(db))).collect();
    let mut eers = Vec::new();
    for convention in CONVENTIONS {
        let per_db: Vec<f64> = databases
            .iter()
            .map(|records| {
                let (genuine, impostor) = scores(records, convention);
                assert_eq!((genuine.len(), impostor.len()), (280, 45));
                equal_error_rate(&genuine, &impostor)
            })
            .collect();
        let shown: Vec<String> =
            DATABASES.iter().zip(&per_db).map(|(db, e)| format!("{db} {:.2} %", e * 100.0)).collect();
        println!("{convention:?}: EER {}; mean {:.2} %", shown.join(", "), mean(&per_db) * 100.0);
        eers.push(per_db);
    }
    println!(
        "(FVC protocol, 280 genuine and 45 impostor pairs per database; {:.1} s)",
        start.elapsed().as_secs_f64()
    );
    let [right, mirrored, wrong] = &eers[..] else { unreachable!() };
    let (right_mean, wrong_mean) = (mean(right), mean(wrong));
    assert!(right_mean < 0.08, "mean EER {:.2} % with the right conventions", right_mean * 100.0);
    assert!(
        (mean(mirrored) - right_mean).abs() < 0.02,
        "the consistent mirror scores differently: {mirrored:?} vs {right:?}"
    );
    assert!(
        wrong_mean > right_mean + 0.10,
        "y flipped with the angle kept: mean {wrong_mean} vs {right_mean}"
    );
    for ((db, r), w) in DATABASES.iter().zip(right).zip(wrong) {
        assert!(w > &(r + 0.05), "{db}: y flipped with the angle kept {w} vs right {r}");
    }
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}
