//! Detection through the shortlist: with the exhaustive search switched off, a second record of
//! a person whose identity data say nothing (another name, another date) is still linked to the
//! first by its biometrics.

use crate::api::Connector;
use crate::model::{
    BiometricData, FingerPosition, FingerprintSample, LinkColour, RecordId, RecordRef, SourceSystem,
};
use crate::synthetic::face::face_sample;
use crate::synthetic::fingerprint::{ImpressionParams, impression};
use crate::synthetic::identity::IdentityGenerator;

use super::ReferenceConfig;
use super::test_support::{self, Fixture, runtime};

const SEED: u64 = 31;

/// Capture `capture` of `person`'s two fingers and, when `with_face`, face.
fn biometrics(person: u64, capture: u64, with_face: bool) -> BiometricData {
    let fingerprints = (1..=2u8)
        .map(|i| {
            let position = FingerPosition::new(i).expect("finger positions 1 and 2 exist");
            let template = impression(SEED, person * 10 + u64::from(i), capture, &ImpressionParams::EASY);
            FingerprintSample::minutiae(position, template)
        })
        .collect();
    let face = with_face.then(|| face_sample(SEED, person, capture));
    BiometricData { fingerprints, face, ..BiometricData::default() }
}

#[test]
fn a_person_recorded_again_under_other_identity_data_is_linked_by_the_shortlist() {
    let Fixture { reference, vis, .. } =
        Fixture::new(ReferenceConfig { detection_exhaustive_below: 0, ..ReferenceConfig::default() });
    // The EES service, also shown VIS record ids so that the link's other end can be named.
    let mut writer = reference.source_system_principal(SourceSystem::Ees).expect("the EES service");
    writer.access.push(SourceSystem::Vis);
    let ees = reference.connect(&reference.register_principal(writer));
    let rt = runtime();
    for person in 0..60 {
        let (record, mut write) =
            test_support::visa_record(person, IdentityGenerator::new(SEED + person).person().identity);
        write.biometrics = biometrics(person, 0, true);
        rt.block_on(vis.source_systems.put_record(&record, write)).expect("stored");
    }

    // Person 7 again, with person 1,000's identity data and passport: only biometrics link them.
    let linked_to = |with_face: bool, n: u64| {
        let (_, mut write) =
            test_support::visa_record(1000 + n, IdentityGenerator::new(SEED + 1000 + n).person().identity);
        write.biometrics = biometrics(7, 1 + n, with_face);
        let record =
            RecordRef::new(SourceSystem::Ees, RecordId::new(format!("EES-{n:05}")).expect("record id"));
        let outcome = rt.block_on(ees.source_systems.put_record(&record, write)).expect("stored");
        outcome
            .links
            .iter()
            .filter(|l| l.ends.iter().any(|e| e.record.as_ref().is_some_and(|r| r.as_str() == "VIS-00007")))
            .map(|l| l.colour)
            .collect::<Vec<_>>()
    };
    assert_eq!(linked_to(true, 1), vec![LinkColour::Yellow], "found through the face codes");
    // Without a face the record is searched exhaustively.
    assert_eq!(linked_to(false, 2), vec![LinkColour::Yellow], "found by the exhaustive search");
}
