//! FMT-FMR against the external samples in `fmr/`: FingerprintIO's decoded JSON for its five
//! samples, and NIST's encodings of the standards' annex examples.

use base64::Engine;
use serde_json::{Value, json};

use super::{
    FingerMinutiaeRecord, FingerView, FmrError, RecordStandard, decode, decode_lenient, encode, to_template,
};
use crate::testdata::{Dataset, require};

const POSITIONS: [&str; 11] = [
    "UNKNOWN",
    "RIGHT_THUMB",
    "RIGHT_INDEX",
    "RIGHT_MIDDLE",
    "RIGHT_RING",
    "RIGHT_LITTLE",
    "LEFT_THUMB",
    "LEFT_INDEX",
    "LEFT_MIDDLE",
    "LEFT_RING",
    "LEFT_LITTLE",
];

fn name(names: &[&str], code: u8) -> String {
    names.get(usize::from(code)).map_or(format!("CODE_{code}"), |n| n.to_string())
}

/// Our record in FingerprintIO's JSON shape, field for field.
fn fingerprintio_json(record: &FingerMinutiaeRecord) -> Value {
    let standard = record.standard;
    let view_json = |v: &FingerView| -> Value {
        let other = if matches!(standard, RecordStandard::Ansi378_2009 | RecordStandard::Ansi378_2009Am1) {
            "EITHER"
        } else {
            "OTHER"
        };
        let minutiae: Vec<Value> = v
            .minutiae
            .iter()
            .map(|m| {
                json!({"type": name(&[other, "ENDING", "BIFURCATION"], m.kind), "positionX": m.x, "positionY": m.y,
                       "angle": m.angle, "quality": m.quality})
            })
            .collect();
        let counts = v.extensions.iter().find_map(|e| e.ridge_counts()).map(|counts| {
            json!({"type": name(&["NONSPECIFIC", "QUADRANTS", "OCTANTS"], counts.method),
                   "edges": counts.edges.iter().map(|(a, b, c)| json!({"from": a, "to": b, "count": c})).collect::<Vec<_>>()})
        });
        let extensions: Vec<Value> = v
            .extensions
            .iter()
            .filter(|e| e.type_id != 1)
            .map(|e| json!({"type": e.type_id, "data": base64::engine::general_purpose::STANDARD.encode(&e.data)}))
            .collect();
        let mut out = json!({
            "position": name(&POSITIONS, v.position), "view": v.view,
            "scanType": name(&["LIVE_PLAIN", "LIVE_ROLLED", "NONLIVE_PLAIN", "NONLIVE_ROLLED"], v.impression),
            "minutiae": minutiae, "counts": counts, "coredelta": null, "extensions": extensions,
        });
        let map = out.as_object_mut().unwrap();
        if matches!(standard, RecordStandard::Iso19794_2_2005 | RecordStandard::Iso19794_2_2011) {
            map.insert("zones".into(), Value::Null);
        }
        if standard != RecordStandard::Iso19794_2_2011 {
            map.insert("quality".into(), json!(v.quality));
        }
        if !matches!(standard, RecordStandard::Iso19794_2_2005 | RecordStandard::Ansi378_2004) {
            for (k, value) in [
                ("width", v.width),
                ("height", v.height),
                ("resolutionX", v.resolution_x),
                ("resolutionY", v.resolution_y),
            ] {
                map.insert(k.into(), json!(value));
            }
        }
        if let Some((vendor, algorithm)) = v.quality_algorithm {
            map.insert("qualityVendorId".into(), json!(vendor));
            map.insert("qualityAlgorithmId".into(), json!(algorithm));
        }
        if let Some(iso) = &v.iso2011 {
            let t = iso.capture_time;
            map.insert(
                "datetime".into(),
                json!({"year": t.year, "month": t.month, "day": t.day, "hour": t.hour,
                "minute": t.minute, "second": t.second, "millisecond": t.millisecond}),
            );
            map.insert("sensorType".into(), json!(name(&["UNKNOWN"], iso.device_technology)));
            map.insert("sensorVendor".into(), json!(iso.device_vendor));
            map.insert("sensorId".into(), json!(iso.device_type));
            map.insert(
                "qrecords".into(),
                json!(
                    iso.quality_records
                        .iter()
                        .map(|q| json!({"quality": q.quality, "vendor": q.vendor, "algorithm": q.algorithm}))
                        .collect::<Vec<_>>()
                ),
            );
            map.insert("certificates".into(), json!(iso.certifications));
            map.insert(
                "endingType".into(),
                json!(name(&["VALLEY_SKELETON_BIFURCATION", "RIDGE_SKELETON_ENDPOINT"], iso.ending_type)),
            );
        }
        out
    };
    let mut out = json!({"fingerprints": record.views.iter().map(view_json).collect::<Vec<_>>()});
    let map = out.as_object_mut().unwrap();
    if standard != RecordStandard::Iso19794_2_2011 {
        map.insert("sensorCertified".into(), json!(record.sensor_certified));
        map.insert("sensorId".into(), json!(record.sensor_id));
    }
    if let Some((vendor, subformat)) = record.product {
        map.insert("vendorId".into(), json!(vendor));
        map.insert("subformat".into(), json!(subformat));
    }
    if let (Some(v), RecordStandard::Iso19794_2_2005 | RecordStandard::Ansi378_2004) =
        (record.views.first(), standard)
    {
        for (k, value) in [
            ("width", v.width),
            ("height", v.height),
            ("resolutionX", v.resolution_x),
            ("resolutionY", v.resolution_y),
        ] {
            map.insert(k.into(), json!(value));
        }
    }
    out
}

fn sample(folder: &std::path::Path, file: &str) -> Vec<u8> {
    std::fs::read(folder.join("fmr").join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// FMT-FMR: every FingerprintIO sample decodes to exactly FingerprintIO's JSON; the two whose
/// header length is wrong are refused by the strict reader and read by the lenient one.
#[test]
fn fingerprintio_samples_match_its_json() {
    let Some(folder) = require(Dataset::TestVectors, "FMT-FMR FingerprintIO samples") else { return };
    let cases = [
        ("iso19794p2v2005", RecordStandard::Iso19794_2_2005, true),
        ("iso19794p2v2011", RecordStandard::Iso19794_2_2011, true),
        ("ansi378v2004", RecordStandard::Ansi378_2004, false),
        ("ansi378v2009", RecordStandard::Ansi378_2009, false),
        ("ansi378v2009am1", RecordStandard::Ansi378_2009Am1, true),
    ];
    for (stem, standard, length_is_right) in cases {
        let bytes = sample(&folder, &format!("fingerprintio_{stem}-sample.dat"));
        let expected: Value =
            serde_json::from_slice(&sample(&folder, &format!("fingerprintio_{stem}-sample.json"))).unwrap();
        let record = decode_lenient(&bytes).unwrap_or_else(|e| panic!("{stem}: {e}"));
        assert_eq!(record.standard, standard, "{stem}: detected standard");
        assert_eq!(
            fingerprintio_json(&record),
            expected,
            "{stem}: decoded values differ from FingerprintIO's"
        );
        match decode(&bytes) {
            Ok(strict) => {
                assert!(length_is_right, "{stem}: strict reading must refuse the wrong length");
                assert_eq!(strict, record);
                assert!(record.warnings.is_empty());
            }
            Err(e) => {
                assert!(!length_is_right, "{stem}: {e}");
                assert!(matches!(e, FmrError::LengthMismatch { offset: 8, .. }), "{stem}: {e}");
                assert_eq!(record.warnings.len(), 1);
            }
        }
        let template = to_template(&record).unwrap();
        assert_eq!((template.width(), template.height(), template.resolution_ppi()), (512, 512, 500));
        assert_eq!(template.minutiae().len(), 27);
        if matches!(standard, RecordStandard::Iso19794_2_2005 | RecordStandard::Ansi378_2004)
            && length_is_right
        {
            assert_eq!(encode(&record).unwrap(), bytes, "{stem}: write reproduces the record");
        }
    }
}

/// FMT-FMR: the ISO annex example is 341 bytes while its header says 340: a clear error, not a
/// misread; the lenient reader then agrees with the ANSI annex example of the same template.
#[test]
fn nist_annex_examples() {
    let Some(folder) = require(Dataset::TestVectors, "FMT-FMR NIST annex examples") else { return };
    let iso = sample(&folder, "nist-biomdi_iso19794-2-2005_Appendix-C2_Example.raw");
    let error = decode(&iso).unwrap_err();
    assert_eq!(error, FmrError::LengthMismatch { offset: 8, declared: 340, structural: 341, available: 341 });
    assert!(error.to_string().contains("the header says the record is 340 bytes"), "{error}");
    let iso = decode_lenient(&iso).unwrap();
    let counts = iso.views[1].extensions[0].ridge_counts().unwrap();
    assert_eq!((counts.method, counts.edges), (1, vec![(1, 20, 12), (5, 7, 5)]));
    let mut rewritten = encode(&iso).unwrap();
    assert_eq!(&rewritten[8..12], &341u32.to_be_bytes(), "the writer states the true length");
    rewritten[8..12].copy_from_slice(&340u32.to_be_bytes());
    assert_eq!(rewritten, sample(&folder, "nist-biomdi_iso19794-2-2005_Appendix-C2_Example.raw"));

    let ansi_bytes = sample(&folder, "nist-biomdi_ansi378-2004_Appendix-B2_Example.raw");
    let ansi = decode(&ansi_bytes).unwrap();
    assert_eq!(ansi.standard, RecordStandard::Ansi378_2004);
    assert_eq!(encode(&ansi).unwrap(), ansi_bytes);
    // Same minutiae in 1.40625° (ISO) and 2° (ANSI) units: the same directions in the model.
    let (a, b) = (to_template(&iso).unwrap(), to_template(&ansi).unwrap());
    assert_eq!(a.minutiae().len(), b.minutiae().len());
    for (m, n) in a.minutiae().iter().zip(b.minutiae()) {
        assert_eq!((m.x, m.y, m.kind), (n.x, n.y, n.kind));
        let d = (m.direction - n.direction).rem_euclid(360.0);
        assert!(d.min(360.0 - d) <= 2.0, "{m:?} vs {n:?}");
    }
}
