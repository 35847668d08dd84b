//! Source-system writes: authentication, idempotency, concurrency and limits (SEC-01..05).

use jha_interop::api::{Connector, ErrorKind};
use jha_interop::model::*;

use crate::fixture::*;

/// SEC-01: unknown credentials get no data; a known principal outside its rights is refused
/// and the attempt logged.
#[tokio::test]
async fn sec_01_authentication_and_rights() {
    let f = Fixture::new();
    let stranger = f.reference.connect(&Credential::new("not-a-token"));
    let err = stranger.directory.whoami().await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unauthenticated);
    let visa = f.service(SourceSystem::Vis);
    let err = visa
        .source_systems
        .put_record(
            &f.record(SourceSystem::Ees),
            person("DEU", "A", "B", "1990-01-01", Sex::F, "COL", "PJ7654321"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Forbidden);
}

/// SEC-03: resending the same record changes nothing.
#[tokio::test]
async fn sec_03_writes_are_idempotent() {
    let f = Fixture::new();
    f.put(SourceSystem::Etias, person("ESP", "SMITH", "Joan", "1981-02-03", Sex::F, "COL", "PJ7654321"))
        .await;
    let reference = f.record(SourceSystem::Ees);
    let ees = f.service(SourceSystem::Ees);
    let record = person("DEU", "NOWAK", "Ewa", "1975-11-30", Sex::F, "COL", "PJ7654321");
    let first = ees.source_systems.put_record(&reference, record.clone()).await.unwrap();
    let again = ees.source_systems.put_record(&reference, record).await.unwrap();
    assert_eq!(again.effect, WriteEffect::Unchanged);
    assert_eq!(again.record.version, first.record.version);
    assert_eq!(
        again.links.iter().map(|l| &l.sin).collect::<Vec<_>>(),
        first.links.iter().map(|l| &l.sin).collect::<Vec<_>>()
    );
}

/// SEC-04: concurrent writes lose nothing and every link exists exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sec_04_concurrent_writes() {
    let f = std::sync::Arc::new(Fixture::new());
    f.put(SourceSystem::Etias, person("ESP", "SMITH", "Joan", "1981-02-03", Sex::F, "COL", "PJ7654321"))
        .await;
    let mut tasks = Vec::new();
    for i in 0..16 {
        let f = f.clone();
        tasks.push(tokio::spawn(async move {
            let record = person(
                "DEU",
                "NOWAK",
                "Ewa",
                "1975-11-30",
                Sex::F,
                "COL",
                if i % 2 == 0 { "PJ7654321" } else { "QQ0000000" },
            );
            f.put(SourceSystem::Ees, record).await
        }));
    }
    let mut linked = 0;
    for t in tasks {
        let (reference, _) = t.await.unwrap();
        let stored = f.service(SourceSystem::Ees).source_systems.get_record(&reference).await.unwrap();
        assert_eq!(stored.reference, reference);
        let border = f.role(AuthorityKind::BorderAuthority, "DEU");
        linked += border.identity_detector.links(&reference).await.unwrap().len();
    }
    assert_eq!(linked, 8, "each of the 8 EES records sharing the passport links once to the ETIAS record");
}

/// SEC-05: oversize biometric payloads are refused as too large.
#[tokio::test]
async fn sec_05_payload_limits() {
    let f = Fixture::new();
    let mut record = person("DEU", "NOWAK", "Ewa", "1975-11-30", Sex::F, "COL", "PJ7654321");
    record.biometrics.fingerprints.push(FingerprintSample {
        position: FingerPosition::new(1).unwrap(),
        data: FingerprintData::Image(FingerprintImage {
            encoding: ImageEncoding::RawGray8,
            width: Some(4096),
            height: Some(4096),
            resolution_ppi: 500,
            data: Base64Bytes(vec![0; 9 * 1024 * 1024]),
        }),
    });
    let err = f
        .service(SourceSystem::Ees)
        .source_systems
        .put_record(&f.record(SourceSystem::Ees), record)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::PayloadTooLarge);
    assert!(err.concerns("SEC-05"));
}
