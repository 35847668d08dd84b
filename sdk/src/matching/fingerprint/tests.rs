use proptest::prelude::*;

use super::*;
use crate::model::{
    Base64Bytes, FingerPosition, FingerprintImage, ImageEncoding, Minutia, MinutiaKind, SourceSystem,
};
use crate::synthetic::Rng;
use crate::synthetic::fingerprint::{ImpressionParams, MasterFinger};
use crate::testdata::{Dataset, require};

const EXACT: ImpressionParams = ImpressionParams {
    rotation: 0.0,
    shift: 0.0,
    distortion: 0.0,
    position_noise: 0.0,
    angle_noise: 0.0,
    missing: 0.0,
    spurious: 0.0,
};

/// `template` turned by `degrees` (counter-clockwise as displayed) about the image centre and
/// shifted by `shift`, in a 700×700 image so that nothing falls off.
fn moved(template: &MinutiaeTemplate, degrees: f64, shift: (f64, f64)) -> MinutiaeTemplate {
    let (cx, cy) = (f64::from(template.width()) / 2.0, f64::from(template.height()) / 2.0);
    let (sin, cos) = degrees.to_radians().sin_cos();
    let minutiae = template
        .minutiae()
        .iter()
        .map(|m| {
            let (dx, dy) = (f64::from(m.x) - cx, f64::from(m.y) - cy);
            Minutia {
                x: (350.0 + cos * dx + sin * dy + shift.0).round() as u16,
                y: (350.0 - sin * dx + cos * dy + shift.1).round() as u16,
                direction: (f64::from(m.direction) + degrees).rem_euclid(360.0) as f32,
                ..*m
            }
        })
        .collect();
    MinutiaeTemplate::new(700, 700, template.resolution_ppi(), minutiae).unwrap()
}

fn score(probe: &MinutiaeTemplate, reference: &MinutiaeTemplate) -> Comparison {
    verify(probe, reference).unwrap()
}

#[test]
fn rotation_and_translation_do_not_change_the_score() {
    let master = MasterFinger::random(&mut Rng::new(21));
    let template = master.impression(&EXACT, &mut Rng::new(1));
    let itself = score(&template, &template);
    assert!(itself.score.reaches(Score::DEFAULT_THRESHOLD), "{itself:?}");
    for (degrees, shift) in
        [(0.0, (0.0, 0.0)), (37.0, (60.0, -45.0)), (-90.0, (-30.0, 80.0)), (171.0, (5.0, 5.0))]
    {
        let turned = score(&moved(&template, degrees, shift), &template);
        assert!(
            turned.raw >= 0.9 * itself.raw && turned.score.reaches(Score::DEFAULT_THRESHOLD),
            "{degrees}°: {turned:?} vs {itself:?}"
        );
    }
}

#[test]
fn impressions_of_one_finger_match_and_of_different_fingers_do_not() {
    let mut rng = Rng::new(8);
    let fingers: Vec<Vec<MinutiaeTemplate>> = (0..8)
        .map(|_| {
            let master = MasterFinger::random(&mut rng);
            (0..3).map(|_| master.impression(&ImpressionParams::MEDIUM, &mut rng)).collect()
        })
        .collect();
    let (mut genuine, mut genuine_matches, mut impostor, mut false_matches) = (0, 0, 0, 0);
    for (f, impressions) in fingers.iter().enumerate() {
        for (i, a) in impressions.iter().enumerate() {
            for (g, others) in fingers.iter().enumerate() {
                for (j, b) in others.iter().enumerate() {
                    if (g, j) <= (f, i) {
                        continue;
                    }
                    let matched = score(a, b).score.reaches(Score::DEFAULT_THRESHOLD);
                    if g == f {
                        genuine += 1;
                        genuine_matches += usize::from(matched);
                    } else {
                        impostor += 1;
                        false_matches += usize::from(matched);
                    }
                }
            }
        }
    }
    assert!(genuine_matches * 10 >= genuine * 9, "{genuine_matches} of {genuine} genuine pairs match");
    assert_eq!(false_matches, 0, "{false_matches} of {impostor} impostor pairs match");
}

#[test]
fn empty_and_tiny_templates_are_refused() {
    let empty = MinutiaeTemplate::new(300, 400, 500, Vec::new()).unwrap();
    let few: Vec<Minutia> = (0..4)
        .map(|i| Minutia {
            x: 50 + 40 * i,
            y: 60,
            direction: 10.0,
            kind: MinutiaKind::RidgeEnding,
            quality: 60,
        })
        .collect();
    let tiny = MinutiaeTemplate::new(300, 400, 500, few).unwrap();
    for template in [&empty, &tiny] {
        let found = template.minutiae().len();
        assert_eq!(
            FingerprintTemplate::new(template).unwrap_err(),
            FingerprintError::TooFewMinutiae { found, min: 5 }
        );
        assert!(matches!(Probe::new(template), Err(FingerprintError::TooFewMinutiae { .. })));
    }
}

#[test]
fn gallery_ranks_the_mate_first_within_allowed_partitions_and_erases_records() {
    let mut rng = Rng::new(4);
    let gallery: Gallery<u32, SourceSystem> = Gallery::new();
    let positions = [FingerPosition::new(2).unwrap(), FingerPosition::new(7).unwrap()];
    let mut masters = Vec::new();
    for record in 0..24u32 {
        let system = if record % 3 == 0 { SourceSystem::Eurodac } else { SourceSystem::Ees };
        let fingers = [MasterFinger::random(&mut rng), MasterFinger::random(&mut rng)];
        for (position, master) in positions.iter().zip(&fingers) {
            let template = master.impression(&ImpressionParams::MEDIUM, &mut rng);
            gallery.enrol(system, record, *position, FingerprintTemplate::new(&template).unwrap());
        }
        masters.push(fingers);
    }
    assert_eq!(gallery.len(), 48);
    assert_eq!(gallery.positions(SourceSystem::Ees, &4), positions.to_vec());
    let probe_of = |record: usize, rng: &mut Rng| -> Vec<ProbeFinger> {
        positions
            .iter()
            .zip(&masters[record])
            .map(|(position, master)| ProbeFinger {
                position: *position,
                probe: Probe::new(&master.impression(&ImpressionParams::MEDIUM, rng)).unwrap(),
            })
            .collect()
    };
    let probe = probe_of(4, &mut rng);
    let both = [SourceSystem::Ees, SourceSystem::Eurodac];
    let found = gallery.identify(&probe, &both, 5);
    assert_eq!((found[0].record, found[0].partition), (4, SourceSystem::Ees));
    assert_eq!(found[0].fingers.len(), 2);
    assert!(
        found[0].score.value() > found[0].fingers[0].score.value().max(found[0].fingers[1].score.value())
    );
    assert!(found.windows(2).all(|w| w[0].score.value() >= w[1].score.value()));
    assert!(found.len() == 1 || !found[1].score.reaches(Score::DEFAULT_THRESHOLD));

    // Record 4 lives in EES: a Eurodac-only search must not see it.
    assert!(gallery.identify(&probe, &[SourceSystem::Eurodac], 5).iter().all(|c| c.record != 4));

    // Enrolment and removal while searches run.
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut rng = Rng::new(99);
            for record in 100..110u32 {
                let template = MasterFinger::random(&mut rng).impression(&ImpressionParams::EASY, &mut rng);
                gallery.enrol(
                    SourceSystem::Ees,
                    record,
                    positions[0],
                    FingerprintTemplate::new(&template).unwrap(),
                );
            }
            assert_eq!(gallery.remove(&105), 1);
        });
        for _ in 0..3 {
            assert_eq!(gallery.identify(&probe, &both, 1)[0].record, 4);
        }
    });
    assert_eq!(gallery.len(), 57);
    assert_eq!(gallery.remove(&4), 2);
    assert!(gallery.identify(&probe, &both, 5).iter().all(|c| c.record != 4));
    assert!(gallery.identify(&probe, &both, 0).is_empty());
}

#[test]
fn fvc2002_mates_outscore_non_mates_and_569_ppi_is_rescaled() {
    let Some(data) = require(Dataset::Data, "fingerprint extraction on FVC2002") else { return };
    let load = |db: &str, name: &str, ppi: u16| {
        let bytes = std::fs::read(data.join("fvc2002").join(db).join(name)).unwrap();
        let image = FingerprintImage {
            encoding: ImageEncoding::Tiff,
            width: None,
            height: None,
            resolution_ppi: ppi,
            data: Base64Bytes::from(bytes),
        };
        extract(&image).unwrap()
    };
    let (a, b, other) =
        (load("DB1_B", "101_1.tif", 500), load("DB1_B", "101_2.tif", 500), load("DB1_B", "102_1.tif", 500));
    assert!(a.quality > 30 && a.template.minutiae().len() >= 15, "{}", a.quality);
    let genuine = score(&a.template, &b.template);
    let impostor = score(&a.template, &other.template);
    assert!(genuine.score.value() > impostor.score.value() + 10.0, "{genuine:?} vs {impostor:?}");
    let db2 = load("DB2_B", "101_1.tif", 569);
    assert_eq!((db2.template.width(), db2.template.height(), db2.template.resolution_ppi()), (260, 492, 500));
}

#[test]
fn png_tiff_and_raw_grey_of_one_print_give_one_template() {
    let Some(data) = require(Dataset::Data, "fingerprint extraction from PNG, TIFF and raw grey") else {
        return;
    };
    let tiff = std::fs::read(data.join("fvc2002/DB1_B/103_2.tif")).unwrap();
    let image = |encoding, width, height, bytes: Vec<u8>| FingerprintImage {
        encoding,
        width,
        height,
        resolution_ppi: 500,
        data: Base64Bytes::from(bytes),
    };
    let from_tiff = extract(&image(ImageEncoding::Tiff, None, None, tiff.clone())).unwrap();
    let grey =
        super::image::decode_at_working_resolution(&image(ImageEncoding::Tiff, None, None, tiff)).unwrap();
    let (w, h) = (grey.width as u16, grey.height as u16);
    let mut png_bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png_bytes, u32::from(w), u32::from(h));
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&grey.pixels).unwrap();
    }
    let from_png = extract(&image(ImageEncoding::Png, None, None, png_bytes)).unwrap();
    let from_raw = extract(&image(ImageEncoding::RawGray8, Some(w), Some(h), grey.pixels.clone())).unwrap();
    assert!(from_tiff.template.minutiae().len() >= 15 && from_tiff.quality > 30, "{from_tiff:?}");
    assert_eq!(from_png, from_tiff);
    assert_eq!(from_raw, from_tiff);
}

fn arbitrary_template() -> impl Strategy<Value = MinutiaeTemplate> {
    (
        1u16..=600,
        1u16..=600,
        250u16..=2000,
        prop::collection::vec((0u16..600, 0u16..600, 0f32..360.0, 0u8..=100), 0..90),
    )
        .prop_map(|(w, h, ppi, raw)| {
            let minutiae = raw
                .into_iter()
                .map(|(x, y, direction, quality)| Minutia {
                    x: x % w,
                    y: y % h,
                    direction,
                    kind: MinutiaKind::Other,
                    quality,
                })
                .collect();
            MinutiaeTemplate::new(w, h, ppi, minutiae).unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn comparing_any_templates_never_panics(a in arbitrary_template(), b in arbitrary_template()) {
        let _ = quality(&a);
        if let (Ok(probe), Ok(template)) = (Probe::new(&a), FingerprintTemplate::new(&b)) {
            let c = compare(&probe, &template);
            prop_assert!(c.raw.is_finite() && c.raw >= 0.0 && c.score.value() >= 0.0);
        }
    }

    #[test]
    fn extracting_any_bytes_never_panics(
        bytes in prop::collection::vec(any::<u8>(), 0..3000),
        encoding in prop_oneof![Just(ImageEncoding::Png), Just(ImageEncoding::Tiff), Just(ImageEncoding::RawGray8)],
        width in prop::option::of(0u16..80),
        height in prop::option::of(0u16..80),
        ppi in 0u16..3000,
    ) {
        let image = FingerprintImage { encoding, width, height, resolution_ppi: ppi, data: Base64Bytes::from(bytes) };
        if let Ok(extraction) = extract(&image) {
            prop_assert!(extraction.quality <= 100);
        }
    }
}

/// `template` with every `k`-th minutia (the first included) changed by `change`.
fn with_every(
    template: &MinutiaeTemplate,
    k: usize,
    change: impl Fn(&Minutia) -> Minutia,
) -> MinutiaeTemplate {
    let minutiae = template
        .minutiae()
        .iter()
        .enumerate()
        .map(|(i, m)| if i % k == 0 { change(m) } else { *m })
        .collect();
    MinutiaeTemplate::new(template.width(), template.height(), template.resolution_ppi(), minutiae).unwrap()
}

/// `template` with the quality of every `k`-th minutia set to `quality`.
fn with_quality_every(template: &MinutiaeTemplate, k: usize, quality: u8) -> MinutiaeTemplate {
    with_every(template, k, |m| Minutia { quality, ..*m })
}

#[test]
fn the_quality_filter_drops_unreliable_minutiae_but_keeps_unreported_ones_and_a_floor() {
    let master = MasterFinger::random(&mut Rng::new(31));
    let template = master.impression(&EXACT, &mut Rng::new(2));
    let n = template.minutiae().len();
    assert!(n >= 30, "{n}");
    let settings = PreparationSettings { min_minutia_quality: 10, min_kept_minutiae: 20, ..SETTINGS };
    // Every third minutia below the filter: dropped.
    let poor = with_quality_every(&template, 3, 5);
    assert_eq!(
        FingerprintTemplate::with_settings(&poor, &settings).unwrap().minutiae_count(),
        n - n.div_ceil(3)
    );
    // Quality 0 means "not reported": kept.
    let unreported = with_quality_every(&template, 3, 0);
    assert_eq!(FingerprintTemplate::with_settings(&unreported, &settings).unwrap().minutiae_count(), n);
    // All below the filter: the 20 best stay, so a poor print can still be compared.
    let all_poor = with_quality_every(&template, 1, 5);
    assert_eq!(Probe::with_settings(&all_poor, &settings).unwrap().minutiae_count(), 20);
    // The explanation names the kept minutiae by their index in the template.
    let explained = explain(&poor, &poor, &settings).unwrap();
    assert_eq!(explained.gallery_kept.len(), n - n.div_ceil(3));
    assert!(explained.gallery_kept.iter().all(|&i| i % 3 != 0));
    assert!(explained.pairs.iter().all(|p| p.gallery % 3 != 0 && p.consistent));
    assert!(
        explained.pairs.iter().filter(|p| p.gallery == p.probe).count() * 10 >= explained.pairs.len() * 9
    );
}

#[test]
fn the_overlap_share_lowers_a_partial_pairing_and_leaves_an_identical_one() {
    let mut rng = Rng::new(12);
    let (a, b) = (MasterFinger::random(&mut rng), MasterFinger::random(&mut rng));
    let (one, other) = (a.impression(&EXACT, &mut Rng::new(3)), b.impression(&EXACT, &mut Rng::new(4)));
    let without = PreparationSettings { overlap_exponent: 0.0, ..SETTINGS };
    let with = PreparationSettings { overlap_exponent: 1.0, ..SETTINGS };
    let raw = |p: &MinutiaeTemplate, g: &MinutiaeTemplate, s: &PreparationSettings| {
        compare(&Probe::with_settings(p, s).unwrap(), &FingerprintTemplate::with_settings(g, s).unwrap()).raw
    };
    // Identical prints pair every minutia of their common area: share 1.
    assert_eq!(raw(&one, &one, &with), raw(&one, &one, &without));
    // An impostor pairs few of the minutiae its alignment puts in both areas.
    let (shared, alone) = (raw(&one, &other, &with), raw(&one, &other, &without));
    assert!(shared < alone || alone == 0.0, "{shared} vs {alone}");
}

/// `template` cut in two at its vertical centre line, the right half moved `gap` px further
/// right and by `offset` more: a print whose halves no crawl edge joins (150 px at most), the
/// second half bent by `offset`.
fn two_halves(template: &MinutiaeTemplate, gap: u16, offset: (i32, i32)) -> MinutiaeTemplate {
    let split = template.width() / 2;
    let minutiae = template
        .minutiae()
        .iter()
        .map(|m| match m.x >= split {
            true => Minutia {
                x: (i32::from(m.x + gap) + offset.0) as u16,
                y: (i32::from(m.y) + offset.1).max(0) as u16,
                ..*m
            },
            false => *m,
        })
        .collect();
    MinutiaeTemplate::new(
        template.width() + gap + 20,
        template.height() + 20,
        template.resolution_ppi(),
        minutiae,
    )
    .unwrap()
}

#[test]
fn the_extension_pairs_what_no_crawl_reaches() {
    let master = MasterFinger::random(&mut Rng::new(41));
    let template = master.impression(&EXACT, &mut Rng::new(8));
    let gallery = two_halves(&template, 200, (0, 0));
    let probe = two_halves(&template, 200, (9, 7));
    let n = gallery.minutiae().len();
    let without = PreparationSettings { extension_weight: 0.0, ..SETTINGS };
    let with = PreparationSettings { extension_weight: 1.0, ..SETTINGS };
    // The crawl pairs one half, the gap stops it.
    let crawled = explain(&probe, &gallery, &without).unwrap();
    assert!(crawled.pairs.len() <= n * 2 / 3, "{} of {n}", crawled.pairs.len());
    // The extension pairs the other half by the alignment, each minutia with its own copy.
    let extended = explain(&probe, &gallery, &with).unwrap();
    assert!(extended.pairs.len() >= n * 9 / 10, "{} of {n}", extended.pairs.len());
    assert!(extended.pairs.iter().all(|p| p.gallery == p.probe));
    assert!(extended.raw > crawled.raw * 1.3, "{} vs {}", extended.raw, crawled.raw);
    // An impostor's pairing gains little: its alignment puts few minutiae on another's.
    let stranger = MasterFinger::random(&mut Rng::new(42)).impression(&EXACT, &mut Rng::new(9));
    let other = two_halves(&stranger, 200, (0, 0));
    let (alone, grown) =
        (explain(&other, &gallery, &without).unwrap(), explain(&other, &gallery, &with).unwrap());
    assert!(grown.pairs.len() <= alone.pairs.len() + n / 5, "{} vs {}", grown.pairs.len(), alone.pairs.len());
}

#[test]
fn the_probe_carries_the_calibration_of_its_settings() {
    let master = MasterFinger::random(&mut Rng::new(5));
    let (p, g) = (
        master.impression(&ImpressionParams::MEDIUM, &mut Rng::new(6)),
        master.impression(&ImpressionParams::MEDIUM, &mut Rng::new(7)),
    );
    let template = FingerprintTemplate::new(&g).unwrap();
    let mindtct = compare(&Probe::new(&p).unwrap(), &template);
    // The same matcher settings, LEADER's scale: the same raw score, another score.
    let rescaled = PreparationSettings { calibration: LEADER_CALIBRATION, ..SETTINGS };
    let leader = compare(&Probe::with_settings(&p, &rescaled).unwrap(), &template);
    assert_eq!(mindtct.raw, leader.raw);
    assert_ne!(mindtct.score, leader.score);
    assert_eq!(mindtct.score, CALIBRATION.score(mindtct.raw));
    assert_eq!(leader.score, LEADER_CALIBRATION.score(leader.raw));
    // A gallery template's own probe keeps the settings it was prepared with.
    let leader_template = FingerprintTemplate::with_settings(&g, &LEADER_SETTINGS).unwrap();
    let own = compare(&Probe::of_template(&leader_template), &template);
    assert_eq!(own.score, LEADER_CALIBRATION.score(own.raw));
}

#[test]
fn the_calibration_tables_increase() {
    assert!(CALIBRATION.is_valid());
    assert!(LEADER_CALIBRATION.is_valid());
}

/// `template` with the direction of every other minutia turned by `degrees`: edges between two
/// untouched minutiae keep their shape, every other edge has a relative angle off by `degrees`.
fn every_other_direction_off(template: &MinutiaeTemplate, degrees: f32) -> MinutiaeTemplate {
    with_every(template, 2, |m| Minutia { direction: (m.direction + degrees).rem_euclid(360.0), ..*m })
}

#[test]
fn a_wider_crawl_angle_tolerance_follows_directions_off_by_more_than_one_step() {
    let master = MasterFinger::random(&mut Rng::new(51));
    let gallery = master.impression(&EXACT, &mut Rng::new(2));
    // 14° is one MINDTCT direction step (11.25°) and a bit: beyond a tolerance of 8/256 of a
    // turn, within 12/256 (16.9°).
    let probe = every_other_direction_off(&gallery, 14.0);
    let n = gallery.minutiae().len();
    // The crawl alone: the extension would pair the turned minutiae by position.
    let paired = |tolerance: u8| {
        let settings =
            PreparationSettings { crawl_angle_tolerance: tolerance, extension_weight: 0.0, ..SETTINGS };
        explain(&probe, &gallery, &settings).unwrap()
    };
    let (narrow, wide) = (paired(8), paired(12));
    // Root edges keep one step: the untouched minutiae seed the pairing either way; only the
    // wide crawl reaches the turned ones.
    assert!(narrow.pairs.len() <= n * 7 / 10, "{} of {n}", narrow.pairs.len());
    assert!(wide.pairs.len() >= n * 9 / 10, "{} of {n}", wide.pairs.len());
    assert!(wide.pairs.iter().all(|p| p.gallery == p.probe));
    assert!(wide.raw > narrow.raw, "{} vs {}", wide.raw, narrow.raw);
    // Out-of-range settings are clamped: below one step is one step.
    assert_eq!(paired(0).raw, narrow.raw);
}

#[test]
fn fewer_roots_never_score_higher_and_the_root_count_is_clamped() {
    let mut rng = Rng::new(61);
    let (a, b) = (MasterFinger::random(&mut rng), MasterFinger::random(&mut rng));
    let mut prints: Vec<MinutiaeTemplate> =
        (0..3).map(|_| a.impression(&ImpressionParams::MEDIUM, &mut rng)).collect();
    prints.push(b.impression(&EXACT, &mut rng));
    // The crawls alone: the extension grows only the best pairing, and a pairing found from a
    // later root may extend less far than one it beat.
    let raw = |p: &MinutiaeTemplate, g: &MinutiaeTemplate, max_roots: usize| {
        let s = PreparationSettings { max_roots, extension_weight: 0.0, ..SETTINGS };
        compare(&Probe::with_settings(p, &s).unwrap(), &FingerprintTemplate::with_settings(g, &s).unwrap())
            .raw
    };
    for p in &prints {
        for g in &prints {
            // The roots crawled with a smaller limit are the first of those crawled with a
            // larger one, and the score is the best of their pairings.
            let scores: Vec<f32> = [1, 4, 8, 12].iter().map(|&k| raw(p, g, k)).collect();
            assert!(scores.windows(2).all(|w| w[0] <= w[1]), "{scores:?}");
            assert_eq!(raw(p, g, 0), scores[0]);
            assert_eq!(raw(p, g, 100), scores[3]);
        }
    }
}

#[test]
fn position_noise_lets_short_edges_between_moved_minutiae_support_the_pairing() {
    let master = MasterFinger::random(&mut Rng::new(71));
    let gallery = master.impression(&EXACT, &mut Rng::new(3));
    // Every other minutia moved 8 px: an edge between a moved and an unmoved one turns by up to
    // atan(8 / length), beyond one direction step below about 40 px, a few degrees at 100 px.
    let probe = with_every(&gallery, 2, |m| Minutia { x: m.x + 8, ..*m });
    let n = gallery.minutiae().len();
    // One direction step and the crawl alone (the extension pairs by position, not by edges).
    let base = PreparationSettings { crawl_angle_tolerance: 8, extension_weight: 0.0, ..SETTINGS };
    let paired = |noise: f32| {
        let settings = PreparationSettings { crawl_position_noise: noise, ..base };
        explain(&probe, &gallery, &settings).unwrap()
    };
    let (exact, noisy) = (paired(0.0), paired(8.0));
    // Long edges pair the moved minutiae either way; with the noise the short edges between
    // them agree too and count as support.
    assert!(exact.pairs.len() >= n * 9 / 10, "{} of {n}", exact.pairs.len());
    assert!(noisy.pairs.len() >= exact.pairs.len(), "{} vs {}", noisy.pairs.len(), exact.pairs.len());
    assert!(noisy.raw > exact.raw * 1.03, "{} vs {}", noisy.raw, exact.raw);
    // No noise (also a nonsensical one) is the tolerance alone.
    assert_eq!(paired(-1.0).raw, exact.raw);
    assert_eq!(paired(f32::NAN).raw, exact.raw);
    // Where every edge keeps its shape the wider tolerance changes nothing.
    let same = |noise: f32| {
        let settings = PreparationSettings { crawl_position_noise: noise, ..base };
        explain(&gallery, &gallery, &settings).unwrap().raw
    };
    assert_eq!(same(8.0), same(0.0));
}

#[test]
fn the_crawl_tolerance_falls_with_the_edge_length_to_the_base() {
    use super::params::{ANGLE_TOLERANCE, MAX_CRAWL_ANGLE_TOLERANCE};
    let plain = PreparationSettings { crawl_angle_tolerance: 10, crawl_position_noise: 0.0, ..SETTINGS };
    let noisy = PreparationSettings { crawl_position_noise: 8.0, ..plain };
    let lengths = [1.0, 10.0, 20.0, 35.0, 50.0, 100.0, 150.0, 1000.0];
    assert!(lengths.iter().all(|&l| plain.crawl_tolerance(l) == 10));
    let widened: Vec<u8> = lengths.iter().map(|&l| noisy.crawl_tolerance(l)).collect();
    assert!(widened.windows(2).all(|w| w[0] >= w[1]), "{widened:?}");
    // sqrt(10² + (atan(8 / 20) in 1/256 turn)²) = 18.4; at 150 px the base and a bit.
    assert_eq!(noisy.crawl_tolerance(20.0), 18);
    assert!(widened[6] <= 11 && widened[7] == 10, "{widened:?}");
    // Never beyond the widest tolerance, never below one direction step.
    let huge = PreparationSettings { crawl_position_noise: 1e6, ..noisy };
    assert_eq!(huge.crawl_tolerance(20.0), MAX_CRAWL_ANGLE_TOLERANCE);
    let tiny = PreparationSettings { crawl_angle_tolerance: 0, ..plain };
    assert_eq!(tiny.crawl_tolerance(20.0), ANGLE_TOLERANCE);
}
