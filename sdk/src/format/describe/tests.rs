use proptest::prelude::*;
use serde_json::Value;

use super::*;
use crate::format::ansi_nist::{self, Compression, ImageInput, TransactionBuilder, TransactionInfo};
use crate::format::fmr::{RecordStandard, encode, from_template};
use crate::model::{FingerPosition, Minutia, MinutiaKind, MinutiaeTemplate};
use crate::testdata::{Dataset, require};

/// SHA-256 of "abc" (FIPS 180-2 appendix B.1), so that the summary is checked against a
/// published value rather than against the code that computes it.
const ABC_SHA256: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

const TD1: &str =
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<";
const TD3: &str =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

fn template() -> MinutiaeTemplate {
    let minutiae = (0..12u16)
        .map(|i| Minutia {
            x: 20 + i * 11,
            y: 300 - i * 13,
            direction: f32::from(i) * 30.0,
            kind: if i % 2 == 0 { MinutiaKind::RidgeEnding } else { MinutiaKind::Bifurcation },
            quality: 60,
        })
        .collect();
    MinutiaeTemplate::new(256, 360, 500, minutiae).unwrap()
}

#[test]
fn machine_readable_zones_with_any_line_breaks() {
    for text in [
        TD1.to_string(),
        TD1.replace('\n', "\r\n") + "\r\n",
        format!("\n  {TD3}\n\n"),
        format!("\u{feff}{TD3}\r\n"),
    ] {
        let d = describe(text.as_bytes()).unwrap();
        assert_eq!(d.kind, InputKind::Mrz);
        assert_eq!(d.to_json()["kind"], "mrz");
        assert_eq!(d.to_json()["length"], text.len());
    }
    let td3 = describe(TD3.as_bytes()).unwrap().to_json();
    assert_eq!(td3["content"]["format"], "TD3");
    assert_eq!(td3["content"]["document_number"], "L898902C3");
    assert_eq!(td3["content"]["primary_identifier"], "ERIKSSON");
    assert_eq!(td3["content"]["check_digits"].as_array().unwrap().len(), 5);
    assert_eq!(td3["content"]["problems"], Value::Array(vec![]));
    // A bad composite digit is described (and flagged), not refused.
    let bad = TD3.replace("<10", "<11");
    let flagged = describe(bad.as_bytes()).unwrap().to_json();
    assert_eq!(flagged["content"]["problems"][0]["field"], "composite");
}

#[test]
fn unrecognised_and_broken_inputs_give_clear_errors() {
    assert_eq!(describe(b""), Err(DescribeError::Empty));
    let binary = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0xff];
    let e = describe(&binary).unwrap_err();
    assert_eq!(e, DescribeError::UnrecognisedBinary { length: 13, start: "89 50 4e 47 0d 0a 1a 0a".into() });
    assert!(e.to_string().contains("89 50 4e 47"), "{e}");
    let prose = describe(b"Dear reader,\nthis is a letter.\n").unwrap_err();
    assert!(matches!(prose, DescribeError::NotMrz(_)), "{prose:?}");
    assert!(prose.to_string().contains("not allowed in a machine readable zone"), "{prose}");
    let many_lines = describe(b"A\nB\nC\nD\n").unwrap_err();
    assert!(matches!(many_lines, DescribeError::NotMrz(MrzError::UnknownLayout { lines: 4, .. })));
    let short_fmr = describe(b"FMR\0 20\0\0\0").unwrap_err();
    assert!(matches!(short_fmr, DescribeError::MinutiaeRecord(_)), "{short_fmr:?}");
    let short_nist = describe(b"1.001:50\x1d1.002:0500\x1d").unwrap_err();
    let DescribeError::AnsiNist(e) = &short_nist else { panic!("{short_nist:?}") };
    assert_eq!(e.location.record, Some(0));
    assert!(short_nist.to_string().starts_with("ANSI/NIST-ITL: byte"), "{short_nist}");
}

#[test]
fn detects_by_the_first_bytes() {
    assert_eq!(detect(b"FMR\0anything"), Some(InputKind::MinutiaeRecord));
    assert_eq!(detect(b"1.001:"), Some(InputKind::AnsiNist));
    assert_eq!(detect(b"1.01:123"), Some(InputKind::AnsiNist));
    // Not a LEN tag, so read as (one line of) text.
    assert_eq!(detect(b"1.:"), Some(InputKind::Mrz));
    assert_eq!(detect(b"1.0001:"), Some(InputKind::Mrz));
    assert_eq!(detect(TD3.as_bytes()), Some(InputKind::Mrz));
    assert_eq!(detect(b"A\nB\nC\nD"), None);
    assert_eq!(detect(&[0xff, 0xfe]), None);
}

#[test]
fn a_built_transaction_with_every_writable_type() {
    let info = TransactionInfo::new("CPS", "20240102", "DE/BKA", "NL/NAFIS", "TCN0001");
    let image = ImageInput {
        width: 2,
        height: 1,
        resolution_ppi: 500,
        compression: Compression::None,
        data: b"abc".to_vec(),
    };
    let position = FingerPosition::new(2).unwrap();
    let transaction = TransactionBuilder::new(info)
        .descriptive_text(&[(3, "case 42"), (4, "A\u{1e}B\u{1f}C")])
        .minutiae(3, position, &template())
        .face(4, &image)
        .finger_image(5, position, 1, &image)
        .build()
        .unwrap();
    let bytes = ansi_nist::write(&transaction).unwrap();
    let d = describe(&bytes).unwrap();
    assert_eq!(d.kind, InputKind::AnsiNist);
    let content = &d.to_json()["content"];
    assert_eq!(content["record_count"], 5);
    let records = content["records"].as_array().unwrap();
    let types: Vec<u64> = records.iter().map(|r| r["type"].as_u64().unwrap()).collect();
    assert_eq!(types, [1, 2, 9, 10, 14]);
    assert_eq!(records[0]["view"]["transaction_type"], "CPS");
    assert_eq!(records[0]["view"]["content"][2], serde_json::json!([10, 4]));
    assert_eq!(records[1]["fields"]["2.003"], "case 42");
    assert_eq!(records[1]["fields"]["2.004"], serde_json::json!([["A"], ["B", "C"]]));
    assert_eq!(records[2]["view"]["incits"]["minutiae"], 12);
    assert_eq!(records[2]["view"]["incits"]["finger_position"], 2);
    for face_or_finger in &records[3..] {
        assert_eq!(face_or_finger["fields"][format!("{}.999", face_or_finger["type"])]["sha256"], ABC_SHA256);
        assert_eq!(face_or_finger["view"]["image"]["length"], 3);
        assert_eq!(face_or_finger["view"]["compression"], "NONE");
        assert_eq!(face_or_finger["view"]["resolution_ppi"], 500.0);
    }
    assert_eq!(records[4]["view"]["positions"], serde_json::json!([2]));
}

#[test]
fn a_typed_view_that_fails_does_not_hide_the_record() {
    let info = TransactionInfo::new("CPS", "20240102", "DE/BKA", "NL/NAFIS", "TCN0001");
    let mut transaction = TransactionBuilder::new(info).descriptive_text(&[]).build().unwrap();
    // Type-1 without its mandatory 1.004 TOT: the record reads, the typed view cannot.
    if let ansi_nist::Record::Tagged(type1) = &mut transaction.records[0] {
        type1.fields.retain(|f| f.number != 4);
    }
    let bytes = ansi_nist::write(&transaction).unwrap();
    let view = describe(&bytes).unwrap().to_json();
    let type1 = &view["content"]["records"][0];
    assert!(type1.get("view").is_none());
    assert!(type1["view_error"].as_str().unwrap().contains("required field 4"), "{type1}");
    assert_eq!(type1["fields"]["1.002"], "0500");
}

#[test]
fn minutiae_records_of_both_writable_standards() {
    for (standard, unit) in
        [(RecordStandard::Iso19794_2_2005, 360.0 / 256.0), (RecordStandard::Ansi378_2004, 2.0)]
    {
        let mut record = from_template(&template(), FingerPosition::new(7).ok(), standard).unwrap();
        record.views[0]
            .extensions
            .push(crate::format::fmr::ExtensionBlock { type_id: 0x0102, data: b"abc".to_vec() });
        let bytes = encode(&record).unwrap();
        let d = describe(&bytes).unwrap();
        assert_eq!(d.kind, InputKind::MinutiaeRecord);
        let view = &d.to_json()["content"]["views"][0];
        assert_eq!(view["position"], 7);
        assert_eq!(view["minutiae"].as_array().unwrap().len(), 12);
        let fourth = &view["minutiae"][3];
        assert_eq!(fourth["angle_degrees"].as_f64().unwrap(), fourth["angle"].as_f64().unwrap() * unit);
        // 90° in the template: whatever the unit, the degrees read back within half a unit.
        assert!((fourth["angle_degrees"].as_f64().unwrap() - 90.0).abs() <= unit / 2.0, "{fourth}");
        assert_eq!(view["extensions"][0]["type_id"], 0x0102);
        assert_eq!(view["extensions"][0]["data"]["sha256"], ABC_SHA256);
        assert!(d.to_json()["content"]["warnings"].as_array().unwrap().is_empty());
    }
}

/// FMT-NIST / inspect: every vector file is described; its records, binary payloads and
/// field-999 data agree in length and SHA-256 with the external oracle (nistitl 0.6).
#[test]
fn every_ansi_nist_vector_agrees_with_the_oracle() {
    let Some(folder) = require(Dataset::TestVectors, "describe: ANSI/NIST-ITL vectors") else { return };
    let folder = folder.join("ansi-nist");
    let oracle: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("nistitl-0.6-oracle.json")).unwrap())
            .unwrap();
    let files = oracle["files"].as_object().unwrap();
    assert_eq!(files.len(), 55);
    for (name, expected) in files {
        let bytes = std::fs::read(folder.join(name)).unwrap();
        let view = describe(&bytes).unwrap_or_else(|e| panic!("{name}: {e}")).to_json();
        assert_eq!(view["sha256"], expected["file_sha256"], "{name}");
        let records = view["content"]["records"].as_array().unwrap();
        let expected_records = expected["records"].as_array().unwrap();
        assert_eq!(records.len(), expected_records.len(), "{name}");
        for (record, wanted) in records.iter().zip(expected_records) {
            assert_eq!(record["type"], wanted["type"], "{name}");
            // NBIS's valid1.15 carries a 13-digit XYT item, which the Type-9 view reports.
            if name.ends_with("valid1.15.an2") && record["type"] == 9 {
                assert!(record["view_error"].as_str().unwrap().contains("field 9.012"), "{record}");
            } else {
                assert!(record.get("view_error").is_none(), "{name}: {record}");
            }
            if wanted["kind"] == "binary" {
                assert_eq!(record["payload"]["length"], wanted["payload_len"], "{name}");
                assert_eq!(record["payload"]["sha256"], wanted["payload_sha256"], "{name}");
                continue;
            }
            let fields = record["fields"].as_object().unwrap();
            assert_eq!(fields.len(), wanted["fields"].as_array().unwrap().len(), "{name}");
            if let Some(data) = wanted["fields"].as_array().unwrap().iter().find(|f| f[0] == 999) {
                let (_, ours) = fields.iter().find(|(tag, _)| tag.ends_with(".999")).expect("field 999");
                assert_eq!(ours["length"], data[1]["binary_len"], "{name}");
                assert_eq!(ours["sha256"], data[1]["sha256"], "{name}");
            }
        }
    }
}

/// Inspect against FingerprintIO's decoded samples: minutiae counts and angles; the NIST annex
/// example whose length field is wrong is shown with a warning rather than refused.
#[test]
fn minutiae_record_vectors() {
    let Some(folder) = require(Dataset::TestVectors, "describe: fmr vectors") else { return };
    let folder = folder.join("fmr");
    for stem in [
        "fingerprintio_ansi378v2004-sample",
        "fingerprintio_ansi378v2009-sample",
        "fingerprintio_ansi378v2009am1-sample",
        "fingerprintio_iso19794p2v2005-sample",
        "fingerprintio_iso19794p2v2011-sample",
    ] {
        let bytes = std::fs::read(folder.join(format!("{stem}.dat"))).unwrap();
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(folder.join(format!("{stem}.json"))).unwrap())
                .unwrap();
        let view = describe(&bytes).unwrap_or_else(|e| panic!("{stem}: {e}")).to_json();
        let views = view["content"]["views"].as_array().unwrap();
        let fingerprints = expected["fingerprints"].as_array().unwrap();
        assert_eq!(views.len(), fingerprints.len(), "{stem}");
        for (ours, theirs) in views.iter().zip(fingerprints) {
            let (ours, theirs) =
                (ours["minutiae"].as_array().unwrap(), theirs["minutiae"].as_array().unwrap());
            assert_eq!(ours.len(), theirs.len(), "{stem}");
            for (a, b) in ours.iter().zip(theirs) {
                assert_eq!(
                    (&a["x"], &a["y"], &a["angle"]),
                    (&b["positionX"], &b["positionY"], &b["angle"]),
                    "{stem}"
                );
            }
        }
    }
    let annex = std::fs::read(folder.join("nist-biomdi_iso19794-2-2005_Appendix-C2_Example.raw")).unwrap();
    let view = describe(&annex).unwrap().to_json();
    assert_eq!(view["content"]["standard"], "iso19794_2_2005");
    let warnings = view["content"]["warnings"].as_array().unwrap();
    assert!(warnings.iter().any(|w| w.as_str().unwrap().contains("340")), "{warnings:?}");
}

/// Every MRZ vector is described exactly when the parser accepts it, with the same fields.
#[test]
fn every_mrz_vector() {
    let Some(folder) = require(Dataset::TestVectors, "describe: MRZ vectors") else { return };
    let vectors: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("mrz/mrz_vectors.json")).unwrap()).unwrap();
    let vectors = vectors.as_array().unwrap();
    assert_eq!(vectors.len(), 50);
    for vector in vectors {
        let lines: Vec<&str> =
            vector["lines"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
        let text = lines.join("\n");
        match (mrz::parse(&text), describe(text.as_bytes())) {
            (Ok(zone), Ok(d)) => {
                assert_eq!(d.kind, InputKind::Mrz);
                assert_eq!(d.to_json()["content"]["lines"], serde_json::json!(lines));
                assert_eq!(d.to_json()["content"]["document_number"], zone.document_number);
                assert_eq!(
                    d.to_json()["content"]["check_digits"].as_array().unwrap().len(),
                    zone.check_digits.len()
                );
            }
            (Err(e), Err(DescribeError::NotMrz(f))) => assert_eq!(e, f),
            (parsed, described) => panic!("{text}: parse {parsed:?} but describe {described:?}"),
        }
    }
}

proptest! {
    /// Whatever the bytes, describe returns a view or an error; it never panics.
    #[test]
    fn never_panics(prefix in prop::sample::select(vec![&b""[..], b"FMR\0 20\0", b"FMR\x00030\x00", b"1.001:", b"P<UTO"]),
                    rest in prop::collection::vec(any::<u8>(), 0..300)) {
        let mut data = prefix.to_vec();
        data.extend(rest);
        let _ = describe(&data);
    }
}
