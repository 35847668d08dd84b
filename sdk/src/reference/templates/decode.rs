//! Fingerprint inputs in interchange formats: ISO/IEC 19794-2 and ANSI INCITS 378 records, and
//! the finger minutiae (Type-9) of ANSI/NIST-ITL files, turned into the model's template.

use crate::format::{ansi_nist, fmr};
use crate::model::{FingerPosition, MinutiaeRecordFormat, MinutiaeTemplate};

/// NIST's nominal resolution (19.69 pixels per millimetre, 500 ppi), used for legacy Type-9
/// minutiae when the file has no image record giving the frame.
const NOMINAL_PPMM: f64 = 19.69;

/// Decodes the first finger view of a minutiae record, checking the declared standard.
pub(crate) fn minutiae_record(
    declared: MinutiaeRecordFormat,
    data: &[u8],
) -> Result<MinutiaeTemplate, String> {
    let standard = fmr::detect(data).map_err(|e| e.to_string())?;
    if declared != MinutiaeRecordFormat::Auto && standard.model_format() != declared {
        return Err(format!("the record is {:?}, not the declared {declared:?}", standard.model_format()));
    }
    let record = fmr::decode_as(data, standard, true).map_err(|e| e.to_string())?;
    record.to_template().map_err(|e| e.to_string())
}

/// The single-finger minutiae of every Type-9 record of an ANSI/NIST-ITL file.
pub(crate) fn ansi_nist_minutiae(data: &[u8]) -> Result<Vec<(FingerPosition, MinutiaeTemplate)>, String> {
    let transaction = ansi_nist::read(data).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (_, record) in transaction.records_of_type(9) {
        let Some(tagged) = record.as_tagged() else { continue };
        let minutiae = ansi_nist::MinutiaeRecord::from_record(tagged).map_err(|e| e.to_string())?;
        for finger in minutiae.to_templates(None, NOMINAL_PPMM).map_err(|e| e.to_string())? {
            out.push((finger.position, finger.template));
        }
    }
    if out.is_empty() {
        return Err("the file holds no single-finger minutiae (Type-9) record".into());
    }
    Ok(out)
}
