//! LEADER on real prints. These tests need the model file (`scripts/fetch-leader-model.sh`, or
//! `$JHA_LEADER_MODEL`). The workspace's test build turns the feature on for every developer, so
//! without the file they print what they skipped, like the tests of external data; with
//! `JHA_REQUIRE_LEADER=1` (CI sets it after fetching the model) its absence fails them, and a file
//! that is there but unusable always does. The FVC2002 images are skipped like the engine's other
//! tests when absent.

use std::path::PathBuf;
use std::sync::OnceLock;

use super::*;
use crate::matching::fingerprint::{extract, verify};
use crate::model::{Base64Bytes, ImageEncoding, Minutia, MinutiaKind};
use crate::testdata::{Dataset, require};

fn model_path() -> PathBuf {
    std::env::var_os(PATH_VARIABLE).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(DEFAULT_PATH),
        PathBuf::from,
    )
}

/// The extractor, or `None` (after saying so) when the model file is absent and not required.
fn leader(what: &str) -> Option<&'static LeaderExtractor> {
    static LEADER: OnceLock<LeaderExtractor> = OnceLock::new();
    let path = model_path();
    let required = std::env::var("JHA_REQUIRE_LEADER").as_deref() == Ok("1");
    if !path.exists() && !required {
        eprintln!(
            "skipped {what}: no LEADER model at {} (scripts/fetch-leader-model.sh; JHA_REQUIRE_LEADER=1 makes this a failure)",
            path.display()
        );
        return None;
    }
    Some(LEADER.get_or_init(|| {
        LeaderExtractor::load(&path, LeaderSettings::default())
            .unwrap_or_else(|e| panic!("the LEADER model is not usable: {e}"))
    }))
}

fn fvc_image(data: &Path, db: &str, name: &str, ppi: u16) -> FingerprintImage {
    FingerprintImage {
        encoding: ImageEncoding::Tiff,
        width: None,
        height: None,
        resolution_ppi: ppi,
        data: Base64Bytes::from(std::fs::read(data.join("fvc2002").join(db).join(name)).unwrap()),
    }
}

#[test]
fn a_file_that_is_not_the_pinned_model_is_refused_before_anything_runs() {
    let dir = std::env::temp_dir().join(format!("jha-leader-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fake = dir.join("LEADER.onnx");
    std::fs::write(&fake, b"not a network").unwrap();
    let error = LeaderExtractor::load(&fake, LeaderSettings::default()).unwrap_err();
    assert!(
        matches!(&error, FingerprintError::ExtractorUnavailable { extractor: "leader", reason } if reason.contains("SHA-256")),
        "{error}"
    );
    let missing = LeaderExtractor::load(&dir.join("absent.onnx"), LeaderSettings::default()).unwrap_err();
    assert!(missing.to_string().contains("fetch-leader-model.sh"), "{missing}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn tract_declutters_and_optimises_the_network() {
    // Unoptimised, tract runs the network an order of magnitude slower: keep the workarounds
    // of onnx_reshape.rs and onnx_tile.rs working.
    let Some(leader) = leader("tract's plan of the LEADER network") else { return };
    assert_eq!(super::plan_level(leader, (416, 384)).unwrap(), "optimised");
}

#[test]
fn leader_finds_typed_confident_minutiae_inside_a_real_print() {
    let Some(data) = require(Dataset::Data, "LEADER extraction on FVC2002") else { return };
    let Some(leader) = leader("LEADER extraction on FVC2002") else { return };
    let extraction = leader.extract(&fvc_image(&data, "DB1_B", "101_1.tif", 500)).unwrap();
    let template = &extraction.template;
    let minutiae = template.minutiae();
    assert_eq!((template.width(), template.height(), template.resolution_ppi()), (388, 374, 500));
    // A plain 388x374 print holds a few dozen minutiae; the cap is 150.
    assert!((20..=150).contains(&minutiae.len()), "{} minutiae", minutiae.len());
    assert!(minutiae.iter().all(|m| m.quality >= 55), "below the detection threshold");
    let endings = minutiae.iter().filter(|m| m.kind == MinutiaKind::RidgeEnding).count();
    assert!(endings > 0 && endings < minutiae.len(), "{endings} endings of {}", minutiae.len());
    assert!(extraction.quality > 30, "{}", extraction.quality);
}

/// Smallest angle between two directions in degrees.
fn angle_between(a: f32, b: f32) -> f32 {
    let d = (a - b).rem_euclid(360.0);
    d.min(360.0 - d)
}

/// For the LEADER minutiae with a MINDTCT minutia within 8 px, the direction differences under
/// a candidate mapping of LEADER's angle.
fn paired_differences(leader: &[Minutia], mindtct: &[Minutia], map: impl Fn(f32) -> f32) -> Vec<f32> {
    leader
        .iter()
        .filter_map(|l| {
            let near = mindtct.iter().min_by_key(|m| {
                (i32::from(m.x) - i32::from(l.x)).pow(2) + (i32::from(m.y) - i32::from(l.y)).pow(2)
            })?;
            let d2 =
                (i32::from(near.x) - i32::from(l.x)).pow(2) + (i32::from(near.y) - i32::from(l.y)).pow(2);
            (d2 <= 64).then(|| angle_between(map(l.direction), near.direction))
        })
        .collect()
}

#[test]
fn leader_and_mindtct_minutiae_coincide_in_position_and_direction() {
    // The angle-convention trap: a flipped or mirrored direction still gives plausible-looking
    // templates and only shows as lost accuracy. Same frame means most LEADER minutiae have a
    // MINDTCT minutia nearby pointing the same way, and no other mapping does better.
    let Some(data) = require(Dataset::Data, "LEADER against MINDTCT on FVC2002") else { return };
    let Some(leader) = leader("LEADER against MINDTCT on FVC2002") else { return };
    for (db, name, ppi) in
        [("DB1_B", "101_1.tif", 500), ("DB2_B", "104_3.tif", 569), ("DB3_B", "107_2.tif", 500)]
    {
        let image = fvc_image(&data, db, name, ppi);
        let ours = leader.extract(&image).unwrap().template;
        let mindtct = extract(&image).unwrap().template;
        let (l, m) = (ours.minutiae(), mindtct.minutiae());
        let same = paired_differences(l, m, |a| a);
        assert!(
            same.len() * 2 >= l.len(),
            "{db}/{name}: only {} of {} LEADER minutiae near MINDTCT's",
            same.len(),
            l.len()
        );
        let agreeing = |d: &[f32]| d.iter().filter(|&&x| x <= 30.0).count() as f32 / d.len().max(1) as f32;
        let identity = agreeing(&same);
        assert!(identity >= 0.7, "{db}/{name}: {identity:.2} of paired minutiae agree within 30°");
        for (what, other) in [
            ("reversed", agreeing(&paired_differences(l, m, |a| a + 180.0))),
            ("mirrored", agreeing(&paired_differences(l, m, |a| 360.0 - a))),
            ("mirrored and reversed", agreeing(&paired_differences(l, m, |a| 180.0 - a))),
        ] {
            assert!(other < identity - 0.3, "{db}/{name}: {what} agrees {other:.2} against {identity:.2}");
        }
    }
}

#[test]
fn leader_templates_separate_mates_from_non_mates() {
    let Some(data) = require(Dataset::Data, "LEADER mates on FVC2002") else { return };
    let Some(leader) = leader("LEADER mates on FVC2002") else { return };
    let template = |name: &str| leader.extract(&fvc_image(&data, "DB1_B", name, 500)).unwrap().template;
    let (a, b, other) = (template("102_1.tif"), template("102_4.tif"), template("105_1.tif"));
    let genuine = verify(&a, &b).unwrap();
    let impostor = verify(&a, &other).unwrap();
    assert!(genuine.score.value() > impostor.score.value() + 10.0, "{genuine:?} vs {impostor:?}");
}

/// LEADER's minutiae on FVC2002 DB1_B/101_1.tif as ONNX Runtime 1.32 (the exporter's runtime)
/// computes them from the same padded input: x, y, direction in degrees, ending?, confidence.
/// An external oracle for tract's execution of the graph and for our reading of its output.
const ONNX_RUNTIME_101_1: [(u16, u16, f32, bool, f32); 28] = [
    (173, 86, 165.6, true, 0.966),
    (246, 79, 143.5, true, 0.964),
    (161, 134, 347.4, true, 0.964),
    (217, 353, 149.4, true, 0.963),
    (116, 140, 209.7, true, 0.962),
    (217, 169, 141.9, true, 0.962),
    (171, 190, 168.4, true, 0.960),
    (190, 50, 336.6, true, 0.960),
    (228, 219, 134.0, true, 0.959),
    (257, 172, 314.3, false, 0.959),
    (284, 213, 138.0, false, 0.958),
    (195, 179, 322.4, true, 0.958),
    (178, 124, 173.4, true, 0.954),
    (184, 250, 301.5, true, 0.948),
    (214, 42, 160.5, true, 0.946),
    (297, 89, 138.1, true, 0.944),
    (148, 63, 347.1, true, 0.944),
    (147, 241, 282.7, true, 0.941),
    (152, 216, 38.2, true, 0.934),
    (238, 329, 147.1, true, 0.919),
    (273, 361, 163.8, true, 0.876),
    (223, 132, 149.1, true, 0.868),
    (150, 189, 210.6, false, 0.841),
    (287, 348, 157.2, true, 0.796),
    (224, 122, 139.3, true, 0.739),
    (190, 80, 338.9, true, 0.714),
    (182, 149, 177.6, true, 0.702),
    (171, 236, 302.4, true, 0.615),
];

#[test]
fn tract_runs_the_network_as_onnx_runtime_does() {
    let Some(data) = require(Dataset::Data, "LEADER against ONNX Runtime on FVC2002") else { return };
    let Some(leader) = leader("LEADER against ONNX Runtime on FVC2002") else { return };
    let ours = leader.extract(&fvc_image(&data, "DB1_B", "101_1.tif", 500)).unwrap().template;
    let ours = ours.minutiae();
    assert_eq!(ours.len(), ONNX_RUNTIME_101_1.len());
    for &(x, y, direction, ending, confidence) in &ONNX_RUNTIME_101_1 {
        let Some(found) = ours.iter().find(|m| (m.x, m.y) == (x, y)) else {
            panic!("ONNX Runtime's minutia at ({x}, {y}) is missing: {ours:?}");
        };
        assert!(angle_between(found.direction, direction) < 0.5, "({x}, {y}): {found:?} vs {direction}");
        assert_eq!(found.kind == MinutiaKind::RidgeEnding, ending, "({x}, {y})");
        assert_eq!(found.quality, (confidence * 100.0).round() as u8, "({x}, {y})");
    }
}
