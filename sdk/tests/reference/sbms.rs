//! Shared Biometric Matching Service behaviour (BMS-01..09) and the biometric cases of the MID.

use jha_interop::api::{Connector, ErrorKind};
use jha_interop::matching::fingerprint;
use jha_interop::model::*;
use jha_interop::synthetic::face::face_sample;
use jha_interop::synthetic::fingerprint::{ImpressionParams, impression};

use crate::fixture::*;

const SEED: u64 = 2026;

/// Two fingers (right thumb and index) of person `person`, impression `n`.
fn fingers(person: u64, n: u64) -> Vec<FingerprintSample> {
    (0..2u8)
        .map(|i| {
            let template = impression(SEED, person * 10 + u64::from(i), n, &ImpressionParams::EASY);
            FingerprintSample::minutiae(FingerPosition::new(i + 1).unwrap(), template)
        })
        .collect()
}

fn with_fingers(mut record: RecordWrite, person: u64, n: u64) -> RecordWrite {
    record.biometrics.fingerprints = fingers(person, n);
    record
}

fn probe(person: u64, n: u64) -> BiometricData {
    BiometricData { fingerprints: fingers(person, n), ..BiometricData::default() }
}

/// BMS-01: a sample below the minimum quality is refused with its measure and the threshold;
/// nothing is stored.
#[tokio::test]
async fn bms_01_quality_gate() {
    let f = Fixture::new();
    let sparse = MinutiaeTemplate::new(
        300,
        400,
        500,
        (0..6)
            .map(|i| Minutia {
                x: 40 + i * 30,
                y: 60 + i * 40,
                direction: 10.0,
                kind: MinutiaKind::RidgeEnding,
                quality: 5,
            })
            .collect(),
    )
    .unwrap();
    let measured = fingerprint::quality(&sparse);
    assert!(measured < 20, "the test needs a sample below the default minimum: {measured}");
    let mut record = person("DEU", "NOWAK", "Ewa", "1975-11-30", Sex::F, "COL", "PJ7654321");
    record.biometrics.fingerprints.push(FingerprintSample::minutiae(FingerPosition::new(1).unwrap(), sparse));
    let reference = f.record(SourceSystem::Ees);
    let ees = f.service(SourceSystem::Ees);
    let err = ees.source_systems.put_record(&reference, record).await.unwrap_err();
    assert!(err.concerns("BMS-01"), "{err}");
    let violation = err.violations.iter().find(|v| v.rule == "DQ-B-BIO-QUALITY").unwrap();
    assert_eq!((violation.measured, violation.threshold), (Some(f64::from(measured)), Some(20.0)));
    assert_eq!(ees.source_systems.get_record(&reference).await.unwrap_err().kind, ErrorKind::NotFound);
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    assert!(border.biometrics.templates(&reference).await.unwrap().is_empty());
}

/// BMS-02, BMS-03: each template carries its system and record and sits in its system's
/// partition; palm prints never become templates.
#[tokio::test]
async fn bms_02_03_references_partitions_and_no_palm_prints() {
    let f = Fixture::new();
    let mut record =
        with_fingers(person("NLD", "MEYER", "Paul", "1979-09-09", Sex::M, "CHE", "PH1234567"), 1, 1);
    record.sis_alert = Some(SisAlert { category: SisAlertCategory::Arrest });
    let palm = impression(SEED, 999, 1, &ImpressionParams::EASY);
    record.biometrics.palm_prints.push(PalmPrintSample { position: 22, template: palm });
    let (reference, _) = f.put(SourceSystem::Sis, record).await;
    let sirene = f.role(AuthorityKind::SireneBureau, "NLD");
    let templates = sirene.biometrics.templates(&reference).await.unwrap();
    assert_eq!(templates.len(), 2);
    for t in &templates {
        assert_eq!(
            (&t.record, t.partition, t.modality),
            (&reference, SourceSystem::Sis, Modality::Fingerprint)
        );
    }
}

/// BMS-04, BMS-05: a mate enrolled earlier comes first; candidates only from systems the caller
/// may query; 1:1 verification decides at the declared threshold.
#[tokio::test]
async fn bms_04_05_identify_and_verify() {
    let f = Fixture::new();
    for p in 0..5u64 {
        f.put(
            SourceSystem::Vis,
            with_fingers(
                person(
                    "FRA",
                    "DURAND",
                    &format!("Luc{}", "x".repeat(p as usize)),
                    "1980-01-01",
                    Sex::M,
                    "SEN",
                    &format!("SN12345{p:02}"),
                ),
                p,
                1,
            ),
        )
        .await;
    }
    let (ecris, _) = f
        .put(
            SourceSystem::EcrisTcn,
            with_fingers(person("ITA", "ROSSI", "Marco", "1970-02-02", Sex::M, "ALB", "AL0000001"), 3, 3),
        )
        .await;
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    let reply = border
        .biometrics
        .identify(IdentifyRequest { biometrics: probe(3, 2), systems: vec![], max_candidates: 3 })
        .await
        .unwrap();
    assert!(reply.candidates[0].score >= reply.threshold, "{:?}", reply.candidates);
    assert_eq!(reply.candidates[0].record.system, SourceSystem::Vis);
    assert!(reply.candidates.iter().all(|c| c.record != ecris), "ECRIS-TCN is not the border authority's");
    assert!(reply.candidates.windows(2).all(|w| w[0].score >= w[1].score));
    let err = border
        .biometrics
        .identify(IdentifyRequest {
            biometrics: probe(3, 2),
            systems: vec![SourceSystem::EcrisTcn],
            max_candidates: 3,
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Forbidden);
    let mate = reply.candidates[0].record.clone();
    let yes = border
        .biometrics
        .verify(VerifyRequest { record: mate.clone(), biometrics: probe(3, 4) })
        .await
        .unwrap();
    assert!(yes.is_match && yes.score >= yes.threshold);
    let no = border.biometrics.verify(VerifyRequest { record: mate, biometrics: probe(4, 4) }).await.unwrap();
    assert!(!no.is_match && no.score < no.threshold);
}

/// BMS-01, BMS-04, BMS-05 with real prints: the sBMS takes fingerprint images (TIFF here) as
/// well as templates, extracts and quality-checks them, and finds the same finger from another
/// impression given either way.
#[tokio::test]
async fn bms_images_and_templates_find_the_same_finger() {
    use jha_interop::testdata::{Dataset, require};
    let Some(data) = require(Dataset::Data, "sBMS enrolment and search with fingerprint images") else {
        return;
    };
    let tiff = |finger: u32, n: u32| FingerprintImage {
        encoding: ImageEncoding::Tiff,
        width: None,
        height: None,
        resolution_ppi: 500,
        data: Base64Bytes::from(std::fs::read(data.join(format!("fvc2002/DB1_B/{finger}_{n}.tif"))).unwrap()),
    };
    let thumb = FingerPosition::new(1).unwrap();
    let f = Fixture::new();
    let mut enrolled = Vec::new();
    for (k, finger) in [101u32, 102, 104, 105].into_iter().enumerate() {
        let mut record = person(
            "AUT",
            "HUBER",
            &format!("Anna{}", "x".repeat(k)),
            "1985-03-03",
            Sex::F,
            "SRB",
            &format!("SR00{k}"),
        );
        record
            .biometrics
            .fingerprints
            .push(FingerprintSample { position: thumb, data: FingerprintData::Image(tiff(finger, 1)) });
        enrolled.push(f.put(SourceSystem::Ees, record).await.0);
    }
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    let templates = border.biometrics.templates(&enrolled[2]).await.unwrap();
    assert_eq!(templates.len(), 1);
    assert!(templates[0].quality >= 20, "{templates:?}");
    let as_image = BiometricData {
        fingerprints: vec![FingerprintSample { position: thumb, data: FingerprintData::Image(tiff(104, 3)) }],
        ..BiometricData::default()
    };
    let extracted = fingerprint::extract(&tiff(104, 5)).unwrap().template;
    let as_template = BiometricData {
        fingerprints: vec![FingerprintSample::minutiae(thumb, extracted)],
        ..BiometricData::default()
    };
    for biometrics in [as_image, as_template] {
        let reply = border
            .biometrics
            .identify(IdentifyRequest { biometrics, systems: vec![], max_candidates: 2 })
            .await
            .unwrap();
        assert_eq!(reply.candidates[0].record, enrolled[2], "{:?}", reply.candidates);
        assert!(reply.candidates[0].score >= reply.threshold, "{:?}", reply.candidates);
    }
}

/// BMS-06, BMS-07: deleting the record erases its templates; searches and template history are
/// logged with requester, systems, data type and result time.
#[tokio::test]
async fn bms_06_07_erasure_and_logs() {
    let f = Fixture::new();
    let (vis_ref, _) = f
        .put(
            SourceSystem::Vis,
            with_fingers(person("FRA", "DURAND", "Luc", "1980-01-01", Sex::M, "SEN", "SN1234567"), 7, 1),
        )
        .await;
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    let request =
        IdentifyRequest { biometrics: probe(7, 2), systems: vec![SourceSystem::Vis], max_candidates: 1 };
    assert_eq!(border.biometrics.identify(request.clone()).await.unwrap().candidates[0].record, vis_ref);
    f.service(SourceSystem::Vis).source_systems.delete_record(&vis_ref).await.unwrap();
    assert!(border.biometrics.templates(&vis_ref).await.unwrap().is_empty());
    assert!(border.biometrics.identify(request).await.unwrap().candidates.is_empty());
    let supervisor = f.role(AuthorityKind::SupervisoryAuthority, "DEU");
    let entries = supervisor
        .audit_log
        .entries(LogQuery { component: Some(Component::Sbms), ..LogQuery::default() })
        .await
        .unwrap();
    let search = entries
        .iter()
        .find(|e| matches!(&e.event, LogEvent::BiometricSearch { trigger, .. } if trigger == "identification request"))
        .expect("the search is logged");
    assert_eq!(search.requester.as_ref().unwrap().authority.kind, AuthorityKind::BorderAuthority);
    match &search.event {
        LogEvent::BiometricSearch { systems_queried, data_types, results, result_at, .. } => {
            assert_eq!(systems_queried, &vec![SourceSystem::Vis]);
            assert_eq!(data_types, &vec![DataType::Fingerprint]);
            assert_eq!(results, &vec![vis_ref.clone()]);
            assert_eq!(*result_at, search.at);
        }
        other => panic!("{other:?}"),
    }
    let history: Vec<TemplateEvent> = entries
        .iter()
        .filter_map(|e| match &e.event {
            LogEvent::TemplateHistory { record, event, .. } if *record == vis_ref => Some(*event),
            _ => None,
        })
        .collect();
    assert_eq!(history, vec![TemplateEvent::Created, TemplateEvent::Erased]);
}

/// BMS-08: the threshold and its scale are declared, and replies use them.
#[tokio::test]
async fn bms_08_published_scale_and_threshold() {
    let f = Fixture::new();
    let capabilities = f.reference.capabilities().await.unwrap();
    let fp = capabilities.thresholds.iter().find(|t| t.modality == Modality::Fingerprint).unwrap();
    assert_eq!(fp.score, 40.0);
    assert!((fp.false_match_rate - 1e-4).abs() < 1e-12);
    // The configured minutiae extractor is declared (MINDTCT unless LEADER is configured).
    let bms_p1 = capabilities.policy("BMS-P1").unwrap();
    assert!(bms_p1.value.contains("fingerprint images are extracted by MINDTCT"), "{}", bms_p1.value);
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    let reply = border
        .biometrics
        .identify(IdentifyRequest { biometrics: probe(1, 1), systems: vec![], max_candidates: 1 })
        .await
        .unwrap();
    assert_eq!(reply.threshold, fp.score);
}

/// BMS-09: face templates of an algorithm the sBMS does not compare are refused, and faces of
/// different algorithms are never compared.
#[tokio::test]
async fn bms_09_face_algorithms_never_mix() {
    let f = Fixture::new();
    let mut record = person("FRA", "DURAND", "Luc", "1980-01-01", Sex::M, "SEN", "SN1234567");
    record.biometrics.face = Some(face_sample(SEED, 1, 1));
    let (vis_ref, _) = f.put(SourceSystem::Vis, record).await;
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    let same = BiometricData { face: Some(face_sample(SEED, 1, 2)), ..BiometricData::default() };
    let reply =
        border.biometrics.verify(VerifyRequest { record: vis_ref.clone(), biometrics: same }).await.unwrap();
    assert!(reply.is_match && reply.modality == Modality::Face);
    let vector = face_sample(SEED, 1, 2).template.vector().to_vec();
    let foreign = FaceTemplate::new(FaceAlgorithm::new("vendor-x/face@9").unwrap(), vector).unwrap();
    let other = BiometricData {
        face: Some(FaceSample { template: foreign, capture_quality: Some(90) }),
        ..BiometricData::default()
    };
    let err =
        border.biometrics.verify(VerifyRequest { record: vis_ref, biometrics: other }).await.unwrap_err();
    assert!(err.concerns("BMS-09"), "{err}");
}

/// MID-05 (33(1)(a)): same fingers and similar identity → white; MID-06 (30(1)(a)): same
/// fingers under another identity → yellow; MID-06 (30(1)(c)): other fingers, same identity →
/// yellow; POLICY MID-P2: other fingers, merely similar identity, no shared document → no link.
#[tokio::test]
async fn mid_05_06_biometric_link_colours() {
    let f = Fixture::new();
    f.put(
        SourceSystem::Ees,
        with_fingers(person("DEU", "MÜLLER", "Jürgen", "1966-04-12", Sex::M, "UKR", "UA1111111"), 20, 1),
    )
    .await;
    let (_, vis) = f
        .put(
            SourceSystem::Vis,
            with_fingers(
                person("FRA", "MUELLER", "Juergen", "1966-04-12", Sex::M, "UKR", "UA2222222"),
                20,
                2,
            ),
        )
        .await;
    assert_eq!(vis.links.iter().map(|l| l.colour).collect::<Vec<_>>(), vec![LinkColour::White]);
    let mut alias =
        with_fingers(person("NLD", "KOVALENKO", "Petro", "1971-01-01", Sex::M, "UKR", "UA3333333"), 20, 3);
    alias.sis_alert = Some(SisAlert { category: SisAlertCategory::RefusalOfEntry });
    let (_, sis) = f.put(SourceSystem::Sis, alias).await;
    assert_eq!(
        sis.links.iter().map(|l| l.colour).collect::<Vec<_>>(),
        vec![LinkColour::Yellow, LinkColour::Yellow]
    );
    let (_, ecris) = f
        .put(
            SourceSystem::EcrisTcn,
            with_fingers(person("ITA", "MÜLLER", "Jürgen", "1966-04-12", Sex::M, "UKR", "UA4444444"), 21, 1),
        )
        .await;
    assert_eq!(ecris.links.len(), 1, "{:?}", ecris.links);
    assert_eq!(ecris.links[0].colour, LinkColour::Yellow);
    assert!(
        ecris.links[0].ends.iter().any(|e| e.system == SourceSystem::Ees),
        "linked to the SAME identity in EES, not the SIMILAR one in VIS"
    );
}

/// Unknown credentials reach no biometric data (SEC-01).
#[tokio::test]
async fn sec_01_unknown_credential_reaches_no_templates() {
    let f = Fixture::new();
    let stranger = f.reference.connect(&Credential::new("nobody"));
    let err = stranger.biometrics.templates(&f.record(SourceSystem::Vis)).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unauthenticated);
}
