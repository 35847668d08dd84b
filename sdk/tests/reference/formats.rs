//! The biometric inputs of the contract in interchange formats (issue 4 item 4): ISO/IEC
//! 19794-2 and ANSI INCITS 378 records and ANSI/NIST-ITL files are matched like the JSON model,
//! and a malformed one is refused with the format's rule.

use jha_interop::format::ansi_nist::{self, TransactionBuilder, TransactionInfo};
use jha_interop::format::fmr::{self, RecordStandard};
use jha_interop::model::*;
use jha_interop::synthetic::fingerprint::{ImpressionParams, impression};

use crate::fixture::*;

const SEED: u64 = 2027;

/// Right thumb and index of `person`, impression `n`, as model templates.
fn templates(person: u64, n: u64) -> Vec<(FingerPosition, MinutiaeTemplate)> {
    (0..2u8)
        .map(|i| {
            let template = impression(SEED, person * 10 + u64::from(i), n, &ImpressionParams::EASY);
            (FingerPosition::new(i + 1).unwrap(), template)
        })
        .collect()
}

fn as_records(
    person: u64,
    n: u64,
    standard: RecordStandard,
    declared: MinutiaeRecordFormat,
) -> BiometricData {
    let fingerprints = templates(person, n)
        .into_iter()
        .map(|(position, t)| {
            let record = fmr::from_template(&t, Some(position), standard).unwrap();
            let data = fmr::encode(&record).unwrap().into();
            FingerprintSample { position, data: FingerprintData::Record { standard: declared, data } }
        })
        .collect();
    BiometricData { fingerprints, ..BiometricData::default() }
}

fn as_nist_file(person: u64, n: u64) -> BiometricData {
    let info = TransactionInfo::new("CPS", "20261125", "EU/SBMS", "DE/BKA", "TCN-FMT-4");
    let builder = templates(person, n)
        .iter()
        .enumerate()
        .fold(TransactionBuilder::new(info), |b, (i, (position, t))| b.minutiae(i as u8 + 1, *position, t));
    let file = ansi_nist::write(&builder.build().unwrap()).unwrap();
    BiometricData { ansi_nist: Some(file.into()), ..BiometricData::default() }
}

/// FMT-FMR, FMT-NIST: a record enrolled from the JSON model is verified by a later impression
/// sent as ISO 2005, ANSI 2004 (declared or detected) or a NIST file, and not by another
/// person's; enrolment from a NIST file works the same way.
#[tokio::test]
async fn records_and_nist_files_match_like_the_json_model() {
    let f = Fixture::new();
    let mut record = person("DEU", "WEBER", "Jonas", "1988-03-14", Sex::M, "UKR", "FX1234567");
    record.biometrics.fingerprints =
        templates(1, 1).into_iter().map(|(p, t)| FingerprintSample::minutiae(p, t)).collect();
    let (enrolled, _) = f.put(SourceSystem::Vis, record).await;
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    let verify = |biometrics: BiometricData| {
        border.biometrics.verify(VerifyRequest { record: enrolled.clone(), biometrics })
    };
    let probes = [
        (
            "ISO 2005",
            as_records(1, 2, RecordStandard::Iso19794_2_2005, MinutiaeRecordFormat::Iso19794_2_2005),
        ),
        ("ANSI 2004", as_records(1, 2, RecordStandard::Ansi378_2004, MinutiaeRecordFormat::Ansi378_2004)),
        ("ANSI 2004, detected", as_records(1, 3, RecordStandard::Ansi378_2004, MinutiaeRecordFormat::Auto)),
        ("NIST file", as_nist_file(1, 2)),
    ];
    for (what, probe) in probes {
        let reply = verify(probe).await.unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(reply.is_match && reply.score >= reply.threshold, "{what}: {reply:?}");
    }
    for (what, probe) in [
        ("ISO 2005", as_records(2, 2, RecordStandard::Iso19794_2_2005, MinutiaeRecordFormat::Auto)),
        ("NIST file", as_nist_file(2, 2)),
    ] {
        let reply = verify(probe).await.unwrap();
        assert!(!reply.is_match && reply.score < reply.threshold, "another person's {what}: {reply:?}");
    }
    let mut from_nist = person("FRA", "MARTIN", "Lea", "1991-07-01", Sex::F, "MAR", "FX7654321");
    from_nist.biometrics = as_nist_file(3, 1);
    let (nist_enrolled, _) = f.put(SourceSystem::Vis, from_nist).await;
    let templates_stored = border.biometrics.templates(&nist_enrolled).await.unwrap();
    assert_eq!(templates_stored.len(), 2, "one template per Type-9 finger");
    let reply = border
        .biometrics
        .verify(VerifyRequest {
            record: nist_enrolled,
            biometrics: as_records(3, 2, RecordStandard::Iso19794_2_2005, MinutiaeRecordFormat::Auto),
        })
        .await
        .unwrap();
    assert!(reply.is_match, "{reply:?}");
}

/// FMT-FMR, FMT-NIST: a truncated record, a record of another standard than declared and a
/// broken NIST file are refused with the format's rule and the offending field.
#[tokio::test]
async fn malformed_inputs_are_refused_with_the_format_rule() {
    let f = Fixture::new();
    let mut record = person("DEU", "WEBER", "Jonas", "1988-03-14", Sex::M, "UKR", "FX1234567");
    record.biometrics.fingerprints =
        templates(1, 1).into_iter().map(|(p, t)| FingerprintSample::minutiae(p, t)).collect();
    let (enrolled, _) = f.put(SourceSystem::Vis, record).await;
    let border = f.role(AuthorityKind::BorderAuthority, "DEU");
    let mut truncated = as_records(1, 2, RecordStandard::Iso19794_2_2005, MinutiaeRecordFormat::Auto);
    if let FingerprintData::Record { data, .. } = &mut truncated.fingerprints[1].data {
        *data = data.as_slice()[..40].to_vec().into();
    }
    let mislabelled = as_records(1, 2, RecordStandard::Iso19794_2_2005, MinutiaeRecordFormat::Ansi378_2004);
    let mut broken_nist = as_nist_file(1, 2);
    if let Some(file) = &mut broken_nist.ansi_nist {
        let mut bytes = file.as_slice().to_vec();
        bytes.truncate(bytes.len() - 10);
        *file = bytes.into();
    }
    for (what, probe, rule, field) in [
        ("truncated record", truncated, "FMT-FMR", "biometrics.fingerprints[1]"),
        ("mislabelled record", mislabelled, "FMT-FMR", "biometrics.fingerprints[0]"),
        ("truncated NIST file", broken_nist, "FMT-NIST", "biometrics.ansi_nist"),
    ] {
        let err = border
            .biometrics
            .verify(VerifyRequest { record: enrolled.clone(), biometrics: probe })
            .await
            .unwrap_err();
        assert!(err.concerns(rule), "{what}: {err}");
        assert!(err.violations.iter().any(|v| v.rule == rule && v.field == field), "{what}: {err:?}");
    }
}
