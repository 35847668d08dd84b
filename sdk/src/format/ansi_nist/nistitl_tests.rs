//! FMT-NIST: the external oracle reads what we write.
//!
//! Our own reader re-reading our writer's output proves little: both sides share our reading of
//! the standard. Here an independent implementation, PyPI nistitl 0.6 (IDEMIA, CeCILL-C; the
//! oracle whose parse trees `oracle_tests.rs` compares every vector with), parses a transaction
//! built by [`TransactionBuilder`] with every record type the builder writes (1, 2, 9, 10, 14).
//! nistitl runs as a separate `python3` process on a temporary file, so nothing of it is linked
//! into or copied into the SDK; the inline script prints nistitl's parse tree as JSON.
//!
//! When python3 or nistitl is missing the tests print what they skipped and pass, unless
//! `JHA_REQUIRE_NISTITL=1` is set (CI sets it and installs nistitl 0.6), when they fail.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::types::{Compression, TransactionInfo};
use super::{Field, ImageInput, Record, Transaction, TransactionBuilder, write};
use crate::model::{FingerPosition, Minutia, MinutiaKind, MinutiaeTemplate};

/// Prints nistitl's parse tree of the file named by `argv[1]` as one JSON object:
/// `status` is `missing` (no nistitl), `rejected` (nistitl raised, with the error) or `parsed`,
/// with `records`: per record its type and, for tagged records, every field in file order as
/// `[number, value]`, the value as nistitl holds it (LEN and IDC as integers, a string, or a list
/// of subfields, each a string or a list of items; text decoded Latin-1, as nistitl always does),
/// field 999 as length and SHA-256. `_fields` is nistitl's list of a record's fields in parse
/// order; 0.6 has no public iterator over them, and CI pins 0.6.
const SCRIPT: &str = r#"
import hashlib, json, sys
try:
    import nistitl
except ImportError as e:
    print(json.dumps({"status": "missing", "error": str(e)}))
    sys.exit(0)
data = open(sys.argv[1], "rb").read()
msg = nistitl.Message()
try:
    msg.parse(data)
except Exception as e:
    print(json.dumps({"status": "rejected", "version": nistitl.__version__,
                      "error": "%s: %s" % (type(e).__name__, e)}))
    sys.exit(0)
def value(f):
    if isinstance(f, nistitl.BinaryField):
        return {"binary_len": len(f.value), "sha256": hashlib.sha256(f.value).hexdigest()}
    return f.value
records = []
for r in msg:
    if isinstance(r, nistitl.BinaryRecord):
        records.append({"type": r.type, "IDC": r.IDC, "payload_len": len(r.value)})
    else:
        records.append({"type": r.type, "fields": [[f.tag, value(f)] for f in r._fields]})
print(json.dumps({"status": "parsed", "version": nistitl.__version__, "records": records}))
"#;

/// What nistitl made of a file.
enum Verdict {
    /// The parse tree (the `records` array).
    Parsed(Vec<Value>),
    /// nistitl raised this error.
    Rejected(String),
}

fn required() -> bool {
    std::env::var("JHA_REQUIRE_NISTITL").as_deref() == Ok("1")
}

/// `None` after printing what was skipped, or a failure when `JHA_REQUIRE_NISTITL=1`.
fn unavailable<T>(what: &str, reason: &str) -> Option<T> {
    if required() {
        panic!("JHA_REQUIRE_NISTITL=1 but {reason}; needed by {what} (pip install --user nistitl==0.6)");
    }
    eprintln!("skipped {what}: {reason} (set JHA_REQUIRE_NISTITL=1 to make this a failure)");
    None
}

/// Removes the temporary file however the test ends.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Writes `bytes` to a temporary file and runs nistitl on it.
fn nistitl(bytes: &[u8], what: &str) -> Option<Verdict> {
    static FILES: AtomicUsize = AtomicUsize::new(0);
    let n = FILES.fetch_add(1, Ordering::Relaxed);
    let name = format!("jha-interop-nistitl-{}-{n}.an2", std::process::id());
    let file = TempFile(std::env::temp_dir().join(name));
    std::fs::write(&file.0, bytes).expect("temporary file");
    let output = match Command::new("python3").arg("-c").arg(SCRIPT).arg(&file.0).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return unavailable(what, "python3 is not on PATH");
        }
        Err(e) => panic!("{what}: running python3: {e}"),
    };
    assert!(
        output.status.success(),
        "{what}: the nistitl script failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{what}: nistitl script output is not JSON ({e})"));
    let version = report["version"].as_str().unwrap_or("?");
    match report["status"].as_str() {
        Some("missing") => unavailable(what, &format!("python3 cannot import nistitl ({})", report["error"])),
        Some(_) if version != "0.6" && required() => {
            panic!("{what}: nistitl {version} is installed, CI pins 0.6")
        }
        Some("rejected") => Some(Verdict::Rejected(report["error"].as_str().unwrap_or("").to_string())),
        Some("parsed") => Some(Verdict::Parsed(report["records"].as_array().cloned().unwrap_or_default())),
        other => panic!("{what}: unexpected nistitl status {other:?}"),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// The value nistitl holds for one of our fields, by nistitl's rules (see [`SCRIPT`]): what it
/// must report if it read every byte as we meant it.
fn nistitl_value(record_type: u8, field: &Field) -> Value {
    if field.is_binary() {
        return json!({"binary_len": field.value.len(), "sha256": sha256_hex(&field.value)});
    }
    if field.number == 1 || (field.number == 2 && record_type != 1) {
        return json!(latin1(&field.value).parse::<u64>().ok());
    }
    let subfields = field.subfields();
    if let [single] = subfields.as_slice()
        && let [only] = single.as_slice()
    {
        return json!(latin1(only));
    }
    Value::Array(
        subfields
            .iter()
            .map(|items| match items.as_slice() {
                [only] => json!(latin1(only)),
                items => Value::Array(items.iter().map(|i| json!(latin1(i))).collect()),
            })
            .collect(),
    )
}

/// A plausible finger: `count` minutiae spread over a 500 ppi, 512 × 512 image, every kind,
/// directions all round the circle (not on the 2° grid, so rounding is exercised).
fn finger(seed: u32, count: u16) -> MinutiaeTemplate {
    let mut state = seed;
    let mut next = move |modulus: u32| {
        // A fixed linear congruential sequence: the same content on every run.
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (state >> 8) % modulus
    };
    let minutiae = (0..count)
        .map(|i| Minutia {
            x: 24 + next(464) as u16,
            y: 24 + next(464) as u16,
            direction: next(36_000) as f32 / 100.0,
            kind: [MinutiaKind::RidgeEnding, MinutiaKind::Bifurcation, MinutiaKind::Other]
                [usize::from(i % 3)],
            quality: 20 + next(81) as u8,
        })
        .collect();
    MinutiaeTemplate::new(512, 512, 500, minutiae).expect("a valid template")
}

/// Image bytes that start like `magic` and hold every byte value, including the four
/// separators and the text of a field-999 tag, which a reader must not look for in image data.
fn image(magic: &[u8], length: usize) -> Vec<u8> {
    let mut data = magic.to_vec();
    data.extend(b"\x1c\x1d\x1e\x1f10.999:14.999:\x1c");
    data.extend((0..length).map(|i| (i * 7 + i / 256) as u8));
    data
}

struct Built {
    transaction: Transaction,
    fingers: Vec<(u8, FingerPosition, MinutiaeTemplate, ImageInput)>,
    face: ImageInput,
    name: &'static str,
}

/// A tenprint-style search request: descriptive text with a non-ASCII name, two fingers each as
/// minutiae (Type-9, INCITS 378 block) and image (Type-14, same IDC), and a face (Type-10).
fn build() -> Built {
    let mut info = TransactionInfo::new("CPS", "20240102", "NL/NAFIS", "DE/BKA", "DE-2024-000042");
    info.priority = Some(4);
    info.domain = Some(("INT-I".into(), "4.22".into()));
    info.gmt = Some("20240102101530Z".into());
    let name = "MÜLLER, JÜRGEN ŁUKASZ";
    let fingers: Vec<_> = [(1u8, 2u8, 40u16), (2, 7, 33)]
        .into_iter()
        .map(|(idc, position, count)| {
            let finger_image = ImageInput {
                width: 512,
                height: 512,
                resolution_ppi: 500,
                compression: Compression::Wsq,
                data: image(&[0xFF, 0xA0, 0xFF, 0xA8], 3000 + usize::from(idc)),
            };
            let position = FingerPosition::new(position).expect("finger position");
            (idc, position, finger(u32::from(idc) * 7919, count), finger_image)
        })
        .collect();
    let face = ImageInput {
        width: 480,
        height: 600,
        resolution_ppi: 300,
        compression: Compression::JpegBaseline,
        data: image(&[0xFF, 0xD8, 0xFF, 0xE0], 5000),
    };
    let mut builder = TransactionBuilder::new(info).descriptive_text(&[(7, "DE/BKA/2024/0042"), (18, name)]);
    for (idc, position, template, finger_image) in &fingers {
        builder = builder.minutiae(*idc, *position, template).finger_image(*idc, *position, 1, finger_image);
    }
    let transaction = builder.face(3, &face).build().expect("the builder takes this transaction");
    Built { transaction, fingers, face, name }
}

fn field(record: &Value, number: u64) -> &Value {
    record["fields"]
        .as_array()
        .and_then(|fields| fields.iter().find(|f| f[0] == number))
        .map_or(&Value::Null, |f| &f[1])
}

fn number(value: &Value) -> i64 {
    value.as_str().and_then(|s| s.trim().parse().ok()).or_else(|| value.as_i64()).unwrap_or(-1)
}

/// FMT-NIST: nistitl parses a builder transaction with Types 1, 2, 9, 10 and 14, and reads
/// every field of every record as we built it: same record types in the same order, same field
/// numbers in the same order, same values item for item (image data by length and SHA-256), and
/// record lengths that tile the file. Key values are then checked against the builder's inputs
/// (not against our reader): 1.003 lists the records, the declared character set is UTF-8 and the
/// Type-2 name is UTF-8 bytes of the input, each 9.137 minutia is the input minutia (pixels,
/// kind, quality; angle × 2° within 1° of the direction), the image fields and data are the
/// inputs'. A truncated copy is rejected, which shows a rejection would be seen.
#[test]
fn nistitl_reads_every_record_the_builder_writes() {
    const WHAT: &str = "FMT-NIST nistitl reads the builder's output";
    let built = build();
    let bytes = write(&built.transaction).expect("the builder's transaction writes");
    let Some(verdict) = nistitl(&bytes, WHAT) else { return };
    let records = match verdict {
        Verdict::Parsed(records) => records,
        Verdict::Rejected(error) => panic!("nistitl rejects the builder's transaction: {error}"),
    };

    // The whole tree: nistitl's reading equals what we built, field for field.
    assert_eq!(records.len(), built.transaction.records.len(), "record count");
    let mut total_length = 0;
    for (i, (theirs, ours)) in records.iter().zip(&built.transaction.records).enumerate() {
        let Record::Tagged(ours) = ours else { panic!("the builder writes tagged records only") };
        assert_eq!(theirs["type"], ours.record_type, "record {i}: type");
        let their_fields = theirs["fields"].as_array().expect("tagged record");
        let numbers: Vec<u64> = their_fields.iter().filter_map(|f| f[0].as_u64()).collect();
        let our_numbers: Vec<u64> = ours.fields.iter().map(|f| u64::from(f.number)).collect();
        assert_eq!(numbers, our_numbers, "record {i} (Type-{}): field numbers in order", ours.record_type);
        for (f, mine) in their_fields.iter().zip(&ours.fields).skip(1) {
            let expected = nistitl_value(ours.record_type, mine);
            assert_eq!(f[1], expected, "record {i}: field {} as nistitl reads it", mine.tag);
        }
        // The builder leaves LEN to the writer: nistitl cut the file by the LENs we wrote.
        let length = their_fields[0][1].as_u64().expect("LEN is a number");
        assert!(length > 0, "record {i}: LEN");
        total_length += length;
    }
    assert_eq!(total_length, bytes.len() as u64, "the records' LENs tile the file");

    // Key values, against the builder's inputs.
    let types: Vec<u64> = records.iter().filter_map(|r| r["type"].as_u64()).collect();
    assert_eq!(types, [1, 2, 9, 14, 9, 14, 10]);
    let type1 = &records[0];
    let content =
        json!([["1", "6"], ["2", "00"], ["9", "01"], ["14", "01"], ["9", "02"], ["14", "02"], ["10", "03"]]);
    assert_eq!(field(type1, 3), &content, "1.003 CNT");
    assert_eq!(
        (field(type1, 2), field(type1, 4), field(type1, 9)),
        (&json!("0500"), &json!("CPS"), &json!("DE-2024-000042"))
    );
    assert_eq!(field(type1, 13), &json!([["INT-I", "4.22"]]), "1.013 DOM");
    let character_set = field(type1, 15)[0].as_array().map(|items| items[..2].to_vec());
    assert_eq!(character_set, Some(vec![json!("003"), json!("UTF-8")]), "1.015 DCS declares UTF-8");
    // nistitl decodes all text as Latin-1 whatever 1.015 says; its characters are our bytes.
    let name = field(&records[1], 18).as_str().expect("2.018");
    let name_bytes: Vec<u8> = name.chars().map(|c| u8::try_from(c).expect("a Latin-1 character")).collect();
    assert_eq!(String::from_utf8(name_bytes).as_deref(), Ok(built.name), "2.018 is the UTF-8 name");

    for (k, (idc, position, template, finger_image)) in built.fingers.iter().enumerate() {
        let (minutiae, finger_record) = (&records[2 + 2 * k], &records[3 + 2 * k]);
        for record in [minutiae, finger_record] {
            assert_eq!(field(record, 2), &json!(idc), "Type-9 and Type-14 of one finger share the IDC");
        }
        assert_eq!(field(minutiae, 4), &json!("U"));
        assert_eq!(field(minutiae, 126), &json!([["27", "513", "0"]]), "9.126 CBEFF: INCITS M1, 0x0201");
        let geometry: Vec<i64> =
            [128, 129, 130, 131, 132, 134, 136].map(|n| number(field(minutiae, n))).into();
        assert_eq!(
            geometry,
            [512, 512, 2, 197, 197, i64::from(position.code()), template.minutiae().len() as i64]
        );
        let fmd = field(minutiae, 137).as_array().expect("9.137 has one subfield per minutia");
        assert_eq!(fmd.len(), template.minutiae().len());
        for (j, (item, m)) in fmd.iter().zip(template.minutiae()).enumerate() {
            let values: Vec<i64> = item.as_array().expect("six items").iter().map(number).collect();
            let kind = match m.kind {
                MinutiaKind::RidgeEnding => 1,
                MinutiaKind::Bifurcation => 2,
                MinutiaKind::Other => 0,
            };
            assert_eq!(
                (values.len(), values[0], values[1], values[2], values[4], values[5]),
                (6, j as i64 + 1, i64::from(m.x), i64::from(m.y), kind, i64::from(m.quality)),
                "finger {k} minutia {j}"
            );
            assert!((0..180).contains(&values[3]), "finger {k} minutia {j}: angle {} in 2° units", values[3]);
            let d = (values[3] as f32 * 2.0 - m.direction).rem_euclid(360.0);
            assert!(d.min(360.0 - d) <= 1.0 + 1e-3, "finger {k} minutia {j}: {} vs {m:?}", values[3]);
        }
        let image_fields: Vec<i64> =
            [3, 6, 7, 8, 9, 10, 12, 13].map(|n| number(field(finger_record, n))).into();
        assert_eq!(image_fields, [1, 512, 512, 1, 500, 500, 8, i64::from(position.code())], "Type-14 fields");
        assert_eq!(field(finger_record, 11), &json!("WSQ20"));
        assert_eq!(
            field(finger_record, 999),
            &json!({"binary_len": finger_image.data.len(), "sha256": sha256_hex(&finger_image.data)})
        );
    }
    let face = &records[6];
    assert_eq!(
        (field(face, 2), field(face, 3), field(face, 11)),
        (&json!(3), &json!("FACE"), &json!("JPEGB"))
    );
    let face_fields: Vec<i64> = [6, 7, 9, 10].map(|n| number(field(face, n))).into();
    assert_eq!(face_fields, [480, 600, 300, 300]);
    assert_eq!(
        field(face, 999),
        &json!({"binary_len": built.face.data.len(), "sha256": sha256_hex(&built.face.data)})
    );

    // The control: the same harness sees nistitl refuse a file one byte short.
    let Some(verdict) = nistitl(&bytes[..bytes.len() - 1], "FMT-NIST nistitl control (truncated file)")
    else {
        return;
    };
    match verdict {
        Verdict::Rejected(error) => assert!(error.contains("NIST_TOO_SHORT"), "{error}"),
        Verdict::Parsed(_) => panic!("nistitl accepted a truncated file: the harness cannot see rejections"),
    }
    eprintln!(
        "FMT-NIST: nistitl 0.6 read all {} records of the builder's transaction as built",
        records.len()
    );
}
