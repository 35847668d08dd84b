//! The view of an ISO/IEC 19794-2 or ANSI INCITS 378 record: the decoded record, with each
//! minutia's angle also in degrees and extension blocks summarised.

use serde_json::{Value, json};

use super::json::{payload, to_json};
use crate::format::fmr::{self, FmrError};

/// Read leniently: a record whose length field is wrong is still worth looking at, and the
/// defect shows in `warnings`.
pub(super) fn view(data: &[u8]) -> Result<Value, FmrError> {
    let record = fmr::decode_lenient(data)?;
    let unit = record.standard.degrees_per_angle_unit();
    let mut value = to_json(&record);
    let views = value.get_mut("views").and_then(Value::as_array_mut).into_iter().flatten();
    for (view, decoded) in views.zip(&record.views) {
        let minutiae = view.get_mut("minutiae").and_then(Value::as_array_mut).into_iter().flatten();
        for (minutia, decoded) in minutiae.zip(&decoded.minutiae) {
            minutia["angle_degrees"] = json!(f64::from(decoded.angle) * unit);
        }
        view["extensions"] = decoded
            .extensions
            .iter()
            .map(|block| {
                let mut summary = json!({"type_id": block.type_id, "data": payload(&block.data)});
                if let Some(counts) = block.ridge_counts() {
                    summary["ridge_counts"] = to_json(&counts);
                }
                summary
            })
            .collect();
    }
    Ok(value)
}
