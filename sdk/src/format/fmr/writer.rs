//! Writing ISO/IEC 19794-2:2005 and ANSI INCITS 378-2004 records.

use super::{BlockLength, FingerMinutiaeRecord, FingerView, FmrError, RecordStandard};

fn too_big(what: &'static str, value: usize, max: usize) -> FmrError {
    FmrError::BadValue { offset: 0, what, reason: format!("{value} exceeds {max}") }
}

fn view_bytes(view: &FingerView, out: &mut Vec<u8>) -> Result<(), FmrError> {
    let count = u8::try_from(view.minutiae.len())
        .map_err(|_| too_big("number of minutiae", view.minutiae.len(), 255))?;
    out.extend_from_slice(&[view.position, (view.view << 4) | (view.impression & 0x0F), view.quality, count]);
    for m in &view.minutiae {
        if m.x > 0x3FFF || m.y > 0x3FFF {
            return Err(too_big("minutia coordinate", usize::from(m.x.max(m.y)), 0x3FFF));
        }
        out.extend_from_slice(&((u16::from(m.kind & 0x03) << 14) | m.x).to_be_bytes());
        out.extend_from_slice(&m.y.to_be_bytes());
        out.push(m.angle);
        out.push(m.quality.unwrap_or(0));
    }
    let mut area = Vec::new();
    for block in &view.extensions {
        let header = if view.block_length == BlockLength::IncludesHeader { 4 } else { 0 };
        let length = block.data.len() + header;
        let length = u16::try_from(length).map_err(|_| too_big("extension block length", length, 0xFFFF))?;
        area.extend_from_slice(&block.type_id.to_be_bytes());
        area.extend_from_slice(&length.to_be_bytes());
        area.extend_from_slice(&block.data);
    }
    let area_length =
        u16::try_from(area.len()).map_err(|_| too_big("extended data length", area.len(), 0xFFFF))?;
    out.extend_from_slice(&area_length.to_be_bytes());
    out.extend_from_slice(&area);
    Ok(())
}

/// Writes an ISO/IEC 19794-2:2005 or ANSI INCITS 378-2004 record. Image size and resolution
/// come from the first view (both layouts hold them once per record). The 2009/2011 layouts
/// are read only.
pub fn encode(record: &FingerMinutiaeRecord) -> Result<Vec<u8>, FmrError> {
    let iso = match record.standard {
        RecordStandard::Iso19794_2_2005 => true,
        RecordStandard::Ansi378_2004 => false,
        other => {
            return Err(FmrError::Unsupported {
                offset: 0,
                reason: format!("{other:?} is read, not written"),
            });
        }
    };
    let first = record.views.first();
    let count =
        u8::try_from(record.views.len()).map_err(|_| too_big("number of views", record.views.len(), 255))?;
    let mut body = Vec::new();
    let equipment = (u16::from(record.sensor_certified) << 12) | (record.sensor_id & 0x0FFF);
    body.extend_from_slice(&equipment.to_be_bytes());
    for value in [
        first.map_or(0, |v| v.width),
        first.map_or(0, |v| v.height),
        first.map_or(0, |v| v.resolution_x),
        first.map_or(0, |v| v.resolution_y),
    ] {
        body.extend_from_slice(&value.to_be_bytes());
    }
    body.extend_from_slice(&[count, 0]);
    for view in &record.views {
        view_bytes(view, &mut body)?;
    }
    let mut out = b"FMR\0 20\0".to_vec();
    if iso {
        let total = body.len() + 12;
        let total = u32::try_from(total).map_err(|_| too_big("record length", total, u32::MAX as usize))?;
        out.extend_from_slice(&total.to_be_bytes());
    } else {
        let (owner, kind) = record.product.unwrap_or((0, 0));
        let product = [owner.to_be_bytes(), kind.to_be_bytes()].concat();
        let short_total = body.len() + 14;
        if let Ok(short) = u16::try_from(short_total) {
            out.extend_from_slice(&short.to_be_bytes());
        } else {
            let total = body.len() + 18;
            let total =
                u32::try_from(total).map_err(|_| too_big("record length", total, u32::MAX as usize))?;
            out.extend_from_slice(&[0, 0]);
            out.extend_from_slice(&total.to_be_bytes());
        }
        out.extend_from_slice(&product);
    }
    out.extend_from_slice(&body);
    Ok(out)
}
