//! The reference behind a server: a 1:N identification holds nothing a registration needs.

use std::sync::mpsc;
use std::time::Duration;

use crate::model::{
    BiometricData, FingerPosition, FingerprintSample, IdentifyRequest, RecordRef, RecordWrite,
};
use crate::synthetic::fingerprint::{ImpressionParams, impression};
use crate::synthetic::identity::IdentityGenerator;

use super::ReferenceConfig;
use super::test_support::{self, Fixture, runtime};

const SEED: u64 = 12;

fn fingers(person: u64, impression_number: u64) -> Vec<FingerprintSample> {
    (1..=2u8)
        .map(|i| {
            let position = FingerPosition::new(i).expect("finger positions 1 and 2 exist");
            let template =
                impression(SEED, person * 10 + u64::from(i), impression_number, &ImpressionParams::EASY);
            FingerprintSample::minutiae(position, template)
        })
        .collect()
}

/// A VIS record of synthetic `person`: identity, passport, two fingerprints.
fn visa_record(person: u64) -> (RecordRef, RecordWrite) {
    let (record, mut write) =
        test_support::visa_record(person, IdentityGenerator::new(SEED + person).person().identity);
    write.biometrics.fingerprints = fingers(person, 1);
    (record, write)
}

/// The identification is held inside its scan (its pool's only thread is busy) while another
/// record, with fingerprints and therefore a detection search of its own, is registered. Under
/// one lock for every store (the design this replaced), the registration waited for the scan
/// to end, here forever: the test would time out.
#[test]
fn a_registration_completes_while_an_identification_is_in_progress() {
    let Fixture { reference, vis, border, .. } =
        Fixture::new(ReferenceConfig { identification_threads: Some(1), ..ReferenceConfig::default() });
    let rt = runtime();
    for person in 0..20 {
        let (record, write) = visa_record(person);
        rt.block_on(vis.source_systems.put_record(&record, write)).expect("stored");
    }

    // The identification pool's only thread waits for `release`.
    let pool = reference.core.identification_pool().expect("the configured pool");
    let (release, gate) = mpsc::channel::<()>();
    let (busy, pool_is_busy) = mpsc::channel::<()>();
    pool.spawn(move || {
        let _ = busy.send(());
        let _ = gate.recv();
    });
    pool_is_busy.recv().expect("the pool's thread started");

    let search = std::thread::spawn(move || {
        let biometrics = BiometricData { fingerprints: fingers(3, 2), ..BiometricData::default() };
        let request = IdentifyRequest { biometrics, max_candidates: 5, systems: Vec::new() };
        runtime().block_on(border.biometrics.identify(request))
    });
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while reference.core.identifications_in_progress() == 0 {
        assert!(std::time::Instant::now() < deadline, "the identification never started");
        std::thread::sleep(Duration::from_millis(5));
    }

    let (stored, registered) = mpsc::channel();
    let writer = std::thread::spawn(move || {
        let (record, write) = visa_record(100);
        let outcome = runtime().block_on(vis.source_systems.put_record(&record, write));
        let _ = stored.send(outcome.map(|o| o.record.reference));
    });
    let outcome = registered.recv_timeout(Duration::from_secs(60));
    assert_eq!(reference.core.identifications_in_progress(), 1, "the identification was still in its scan");
    let _ = release.send(());
    let record = outcome.expect("the registration completed while the identification was in progress");
    assert_eq!(record.expect("stored").id.as_str(), "VIS-00100");
    writer.join().expect("the writer thread");

    let reply = search.join().expect("the search thread").expect("the identification");
    let first = reply.candidates.first().expect("a candidate");
    assert_eq!(first.record.id.as_str(), "VIS-00003", "the mate ranks first once the scan runs");
}
