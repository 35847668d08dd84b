//! Reading the five record layouts.

use super::cursor::Cursor;
use super::{
    BlockLength, CaptureTime, ExtensionBlock, FingerMinutiaeRecord, FingerView, FmrError, Iso2011View,
    QualityRecord, RecordMinutia, RecordStandard,
};

const MAGIC: &[u8; 4] = b"FMR\0";

/// Detects the standard of `data` from its header (FingerprintIO's rules, see
/// `notes/biometrics.md` §4.1): the version string, then for `" 20"` the length field width,
/// and for `"030"` whether the ISO 2011 representation lengths add up.
pub fn detect(data: &[u8]) -> Result<RecordStandard, FmrError> {
    if data.get(..4) != Some(MAGIC.as_slice()) {
        return Err(FmrError::Unsupported { offset: 0, reason: "does not start with \"FMR\\0\"".into() });
    }
    let u16_at = |at: usize| data.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    match data.get(4..8) {
        Some(b" 20\0") | Some(b"020\0") => match u16_at(8) {
            Some(n) if n >= 26 => Ok(RecordStandard::Ansi378_2004),
            Some(n) if n >= 1 => Ok(RecordStandard::Iso19794_2_2005),
            Some(_) => match u16_at(10) {
                Some(n) if n >= 24 => Ok(RecordStandard::Iso19794_2_2005),
                Some(_) => Ok(RecordStandard::Ansi378_2004),
                None => Err(FmrError::Truncated { offset: 10, what: "record header" }),
            },
            None => Err(FmrError::Truncated { offset: 8, what: "record header" }),
        },
        Some(b"030\0") => Ok(if iso2011_lengths_add_up(data) {
            RecordStandard::Iso19794_2_2011
        } else {
            RecordStandard::Ansi378_2009
        }),
        Some(b"035\0") => Ok(RecordStandard::Ansi378_2009Am1),
        Some(version) => Err(FmrError::Unsupported {
            offset: 4,
            reason: format!("version {:?}", String::from_utf8_lossy(version)),
        }),
        None => Err(FmrError::Truncated { offset: 4, what: "version" }),
    }
}

fn iso2011_lengths_add_up(data: &[u8]) -> bool {
    let mut c = Cursor::new(data, 8);
    let (Ok(total), Ok(count), Ok(_)) = (c.u32(""), c.u16(""), c.u8("")) else { return false };
    let mut sum = 0u64;
    for _ in 0..count {
        let Ok(length) = c.u32("") else { return false };
        if length < 34 {
            return false;
        }
        sum += u64::from(length);
        if c.bytes(length as usize - 4, "").is_err() {
            return false;
        }
    }
    u64::from(total) == 15 + sum
}

/// Reads a record strictly: the header length must equal the data size and the end of the
/// structure.
pub fn decode(data: &[u8]) -> Result<FingerMinutiaeRecord, FmrError> {
    decode_as(data, detect(data)?, true)
}

/// Reads a record, reporting a wrong header length as a warning instead of an error.
pub fn decode_lenient(data: &[u8]) -> Result<FingerMinutiaeRecord, FmrError> {
    decode_as(data, detect(data)?, false)
}

/// Reads a record of a known standard; `strict` as in [`decode`].
pub fn decode_as(
    data: &[u8],
    standard: RecordStandard,
    strict: bool,
) -> Result<FingerMinutiaeRecord, FmrError> {
    if data.get(..4) != Some(MAGIC.as_slice()) {
        return Err(FmrError::Unsupported { offset: 0, reason: "does not start with \"FMR\\0\"".into() });
    }
    let mut c = Cursor::new(data, 8);
    let length_offset = 8;
    let mut record = FingerMinutiaeRecord {
        standard,
        product: None,
        sensor_certified: false,
        sensor_id: 0,
        views: Vec::new(),
        warnings: Vec::new(),
    };
    let declared = match standard {
        RecordStandard::Iso19794_2_2005 => {
            let declared = c.u32("record length")?;
            let equipment = c.u16("capture equipment")?;
            record.sensor_certified = equipment >> 12 != 0;
            record.sensor_id = equipment & 0x0FFF;
            let geometry = [
                c.u16("image width")?,
                c.u16("image height")?,
                c.u16("x resolution")?,
                c.u16("y resolution")?,
            ];
            let count = c.u8("number of views")?;
            c.u8("reserved byte")?;
            for _ in 0..count {
                record.views.push(view_2004(&mut c, geometry, true)?);
            }
            u64::from(declared)
        }
        RecordStandard::Ansi378_2004 => {
            let short = c.u16("record length")?;
            let declared = if short == 0 { u64::from(c.u32("record length")?) } else { u64::from(short) };
            record.product = Some((c.u16("CBEFF product owner")?, c.u16("CBEFF product type")?));
            let equipment = c.u16("capture equipment")?;
            record.sensor_certified = equipment >> 12 != 0;
            record.sensor_id = equipment & 0x0FFF;
            let geometry = [
                c.u16("image width")?,
                c.u16("image height")?,
                c.u16("x resolution")?,
                c.u16("y resolution")?,
            ];
            let count = c.u8("number of views")?;
            c.u8("reserved byte")?;
            for _ in 0..count {
                record.views.push(view_2004(&mut c, geometry, false)?);
            }
            declared
        }
        RecordStandard::Ansi378_2009 | RecordStandard::Ansi378_2009Am1 => {
            let declared = c.u32("record length")?;
            record.product = Some((c.u16("CBEFF product owner")?, c.u16("CBEFF product type")?));
            record.sensor_certified = c.u8("certification flags")? & 0x80 != 0;
            record.sensor_id = c.u16("capture equipment id")?;
            let count = c.u8("number of views")?;
            c.u8("reserved byte")?;
            for _ in 0..count {
                record.views.push(view_ansi_2009(&mut c)?);
            }
            u64::from(declared)
        }
        RecordStandard::Iso19794_2_2011 => {
            let declared = c.u32("record length")?;
            let count = c.u16("number of representations")?;
            let certified = c.u8("certification flag")? != 0;
            for _ in 0..count {
                let view = view_iso_2011(&mut c, certified, strict, &mut record.warnings)?;
                record.views.push(view);
            }
            u64::from(declared)
        }
    };
    let structural = c.offset as u64;
    let available = data.len() as u64;
    if declared != structural || structural != available {
        let mismatch = FmrError::LengthMismatch { offset: length_offset, declared, structural, available };
        if strict || structural > available {
            return Err(mismatch);
        }
        record.warnings.push(mismatch.to_string());
    }
    Ok(record)
}

fn minutiae(c: &mut Cursor<'_>, count: u8, with_quality: bool) -> Result<Vec<RecordMinutia>, FmrError> {
    (0..count)
        .map(|_| {
            let x = c.u16("minutia")?;
            let y = c.u16("minutia")?;
            let angle = c.u8("minutia")?;
            let quality = if with_quality { Some(c.u8("minutia")?) } else { None };
            Ok(RecordMinutia { kind: (x >> 14) as u8, x: x & 0x3FFF, y: y & 0x3FFF, angle, quality })
        })
        .collect()
}

/// Splits an extended data area into blocks whose lengths count the header (`inclusive`) or
/// not; `None` when the blocks do not tile the area exactly.
fn split_blocks(area: &[u8], inclusive: bool) -> Option<Vec<ExtensionBlock>> {
    let mut blocks = Vec::new();
    let mut rest = area;
    while !rest.is_empty() {
        let header = rest.get(..4)?;
        let type_id = u16::from_be_bytes([header[0], header[1]]);
        let length = usize::from(u16::from_be_bytes([header[2], header[3]]));
        let data_len = if inclusive { length.checked_sub(4)? } else { length };
        let data = rest.get(4..4 + data_len)?;
        blocks.push(ExtensionBlock { type_id, data: data.to_vec() });
        rest = rest.get(4 + data_len..)?;
    }
    Some(blocks)
}

fn extensions(
    c: &mut Cursor<'_>,
    both_conventions: bool,
) -> Result<(Vec<ExtensionBlock>, BlockLength), FmrError> {
    let offset = c.offset;
    let length = c.u16("extended data length")?;
    let area = c.bytes(usize::from(length), "extended data")?;
    if let Some(blocks) = split_blocks(area, true) {
        return Ok((blocks, BlockLength::IncludesHeader));
    }
    if both_conventions && let Some(blocks) = split_blocks(area, false) {
        return Ok((blocks, BlockLength::DataOnly));
    }
    Err(FmrError::BadValue {
        offset,
        what: "extended data",
        reason: format!("the blocks do not fill the {length}-byte area exactly"),
    })
}

fn view_2004(c: &mut Cursor<'_>, geometry: [u16; 4], iso: bool) -> Result<FingerView, FmrError> {
    let position = c.u8("finger position")?;
    let view_impression = c.u8("view and impression type")?;
    let quality = c.u8("finger quality")?;
    let count = c.u8("number of minutiae")?;
    let minutiae = minutiae(c, count, true)?;
    let (extensions, block_length) = extensions(c, iso)?;
    let [width, height, resolution_x, resolution_y] = geometry;
    Ok(FingerView {
        position,
        view: view_impression >> 4,
        impression: view_impression & 0x0F,
        quality,
        width,
        height,
        resolution_x,
        resolution_y,
        quality_algorithm: None,
        iso2011: None,
        minutiae,
        extensions,
        block_length,
    })
}

fn view_ansi_2009(c: &mut Cursor<'_>) -> Result<FingerView, FmrError> {
    let position = c.u8("finger position")?;
    let view = c.u8("view number")?;
    let impression = c.u8("impression type")?;
    let quality = c.u8("finger quality")?;
    let quality_algorithm = Some((c.u16("quality vendor")?, c.u16("quality algorithm")?));
    let (width, height) = (c.u16("image width")?, c.u16("image height")?);
    let (resolution_x, resolution_y) = (c.u16("x resolution")?, c.u16("y resolution")?);
    let count = c.u8("number of minutiae")?;
    let minutiae = minutiae(c, count, true)?;
    let (extensions, block_length) = extensions(c, false)?;
    Ok(FingerView {
        position,
        view,
        impression,
        quality,
        width,
        height,
        resolution_x,
        resolution_y,
        quality_algorithm,
        iso2011: None,
        minutiae,
        extensions,
        block_length,
    })
}

fn view_iso_2011(
    c: &mut Cursor<'_>,
    certified: bool,
    strict: bool,
    warnings: &mut Vec<String>,
) -> Result<FingerView, FmrError> {
    let start = c.offset;
    let length = c.u32("representation length")?;
    let capture_time = CaptureTime {
        year: c.u16("capture time")?,
        month: c.u8("capture time")?,
        day: c.u8("capture time")?,
        hour: c.u8("capture time")?,
        minute: c.u8("capture time")?,
        second: c.u8("capture time")?,
        millisecond: c.u16("capture time")?,
    };
    let device_technology = c.u8("capture device technology")?;
    let device_vendor = c.u16("capture device vendor")?;
    let device_type = c.u16("capture device type")?;
    let quality_count = c.u8("number of quality records")?;
    let quality_records = (0..quality_count)
        .map(|_| {
            Ok(QualityRecord {
                quality: c.u8("quality record")?,
                vendor: c.u16("quality record")?,
                algorithm: c.u16("quality record")?,
            })
        })
        .collect::<Result<Vec<_>, FmrError>>()?;
    let mut certifications = Vec::new();
    if certified {
        for _ in 0..c.u8("number of certifications")? {
            certifications.push((c.u16("certification")?, c.u8("certification")?));
        }
    }
    let position = c.u8("finger position")?;
    let view = c.u8("representation number")?;
    let (resolution_x, resolution_y) = (c.u16("x resolution")?, c.u16("y resolution")?);
    let impression = c.u8("impression type")?;
    let (width, height) = (c.u16("image width")?, c.u16("image height")?);
    let flags_offset = c.offset;
    let flags = c.u8("minutia field length")?;
    let minutia_size = flags >> 4;
    if minutia_size != 5 && minutia_size != 6 {
        return Err(FmrError::BadValue {
            offset: flags_offset,
            what: "minutia field length",
            reason: format!("{minutia_size}; must be 5 or 6"),
        });
    }
    let count = c.u8("number of minutiae")?;
    let minutiae = minutiae(c, count, minutia_size == 6)?;
    let (extensions, block_length) = extensions(c, false)?;
    let actual = c.offset - start;
    if actual as u64 != u64::from(length) {
        let message = format!("representation at byte {start} declares {length} bytes but holds {actual}");
        if strict {
            return Err(FmrError::BadValue { offset: start, what: "representation length", reason: message });
        }
        warnings.push(message);
    }
    Ok(FingerView {
        position,
        view,
        impression,
        quality: quality_records.first().map_or(0, |q| q.quality),
        width,
        height,
        resolution_x,
        resolution_y,
        quality_algorithm: None,
        iso2011: Some(Iso2011View {
            capture_time,
            device_technology,
            device_vendor,
            device_type,
            quality_records,
            certifications,
            ending_type: flags & 0x0F,
        }),
        minutiae,
        extensions,
        block_length,
    })
}
