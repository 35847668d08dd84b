//! The view of an ANSI/NIST-ITL transaction: every record with every field, plus what the
//! typed views of [`crate::format::ansi_nist`] read from it.
//!
//! A field without separators is a string; a field with RS or US separators is an array of
//! subfields, each an array of information items; field 999 and the body of binary records are
//! summarised. A typed view that fails (a required field missing, a value out of range) does
//! not hide the record: its error is shown as `view_error`, because the parse tree is complete
//! even when a view is not.

use serde_json::{Map, Value, json};

use super::json::payload;
use crate::format::ansi_nist::{
    AnsiNistError, BinaryImage, BinaryRecord, Field, ImageRecord, MinutiaeRecord, RS, Record, TaggedRecord,
    Transaction, TransactionInfo, US,
};

pub(super) fn view(transaction: &Transaction) -> Value {
    let records: Vec<Value> =
        transaction.records.iter().enumerate().map(|(index, r)| record(index, r)).collect();
    json!({"record_count": records.len(), "records": records})
}

fn record(index: usize, record: &Record) -> Value {
    let (mut value, typed) = match record {
        Record::Tagged(r) => {
            let fields: Map<String, Value> = r.fields.iter().map(|f| (f.tag.clone(), field(f))).collect();
            (json!({"index": index, "type": r.record_type, "idc": r.idc(), "fields": fields}), tagged_view(r))
        }
        Record::Binary(r) => (
            json!({"index": index, "type": r.record_type, "idc": r.idc(), "length": r.bytes.len(),
                   "payload": payload(r.payload())}),
            binary_view(r),
        ),
    };
    match typed {
        Some(Ok(view)) => value["view"] = view,
        Some(Err(e)) => value["view_error"] = json!(e.to_string()),
        None => {}
    }
    value
}

fn field(field: &Field) -> Value {
    if field.is_binary() {
        return payload(&field.value);
    }
    if !field.value.iter().any(|&b| b == RS || b == US) {
        return json!(field.text());
    }
    json!(field.items())
}

fn tagged_view(record: &TaggedRecord) -> Option<Result<Value, AnsiNistError>> {
    Some(match record.record_type {
        1 => TransactionInfo::from_record(record).map(|t| transaction_info(&t)),
        9 => MinutiaeRecord::from_record(record).map(|m| minutiae(&m)),
        10 | 13 | 14 | 15 | 17 => ImageRecord::from_record(record).map(|i| image(&i)),
        _ => return None,
    })
}

fn transaction_info(t: &TransactionInfo) -> Value {
    json!({
        "version": t.version, "content": t.content, "transaction_type": t.transaction_type,
        "date": t.date, "priority": t.priority, "destination_agency": t.destination_agency,
        "originating_agency": t.originating_agency, "control_number": t.control_number,
        "control_reference": t.control_reference, "native_resolution": t.native_resolution,
        "nominal_resolution": t.nominal_resolution, "domain": t.domain, "gmt": t.gmt,
        "character_sets": t.character_sets,
    })
}

/// Counts and frames rather than the minutiae themselves: those are in the fields already.
fn minutiae(m: &MinutiaeRecord) -> Value {
    json!({
        "impression": m.impression,
        "format": m.format,
        "legacy": m.legacy.as_ref().map(|l| json!({
            "finger_positions": l.finger_positions, "cores": l.cores, "deltas": l.deltas,
            "minutiae": l.minutiae.len(),
        })),
        "incits": m.incits.as_ref().map(|i| json!({
            "finger_position": i.finger_position, "view": i.view, "width": i.width, "height": i.height,
            "scale_units": i.scale_units, "horizontal_scale": i.horizontal_scale,
            "vertical_scale": i.vertical_scale, "minutiae": i.minutiae.len(),
        })),
    })
}

fn image(i: &ImageRecord<'_>) -> Value {
    json!({
        "image_type": i.image_type, "impression": i.impression, "positions": i.positions,
        "source_agency": i.source_agency, "width": i.width, "height": i.height,
        "resolution_ppi": i.resolution_ppi(), "compression": i.compression.code(),
        "bits_per_pixel": i.bits_per_pixel, "colour_space": i.colour_space, "image": payload(i.data),
    })
}

fn binary_view(record: &BinaryRecord) -> Option<Result<Value, AnsiNistError>> {
    (3..=6).contains(&record.record_type).then(|| {
        BinaryImage::from_record(record).map(|b| {
            json!({
                "impression": b.impression, "finger_positions": b.finger_positions,
                "scanning_resolution": b.scanning_resolution, "width": b.width, "height": b.height,
                "compression": b.compression.code(), "image": payload(b.data),
            })
        })
    })
}
