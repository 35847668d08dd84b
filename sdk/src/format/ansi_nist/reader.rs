//! Reading the traditional encoding (ANSI/NIST-ITL 1-2011 Annex B): Type-1 first, then each
//! record 1.003 lists, tagged or binary. Tagged records are cut by their LEN before their
//! fields are split, and field 999 is taken whole, so image bytes are never scanned for
//! separators.

use super::error::{AnsiNistError, ErrorKind};
use super::record::{
    BinaryRecord, DATA_FIELD, FS, Field, GS, Record, TaggedRecord, Transaction, is_binary_type,
};

/// Reads a transaction. Every defect gives an error with the byte offset, the record and,
/// where it applies, the field; nothing panics.
pub fn read(data: &[u8]) -> Result<Transaction, AnsiNistError> {
    let (type1, mut offset) = read_tagged(data, 0, None).map_err(|e| e.in_record(0, 1))?;
    let listed = content_list(&type1).map_err(|e| e.in_record(0, 1))?;
    let mut records = Vec::with_capacity(listed.len() + 1);
    records.push(Record::Tagged(type1));
    for (i, &record_type) in listed.iter().enumerate() {
        let index = i + 1;
        let (record, end) = if is_binary_type(record_type) {
            read_binary(data, offset, record_type)
        } else {
            read_tagged(data, offset, Some(record_type)).map(|(r, end)| (Record::Tagged(r), end))
        }
        .map_err(|e| e.in_record(index, record_type))?;
        offset = end;
        records.push(record);
    }
    if offset < data.len() {
        return Err(AnsiNistError::at(offset, ErrorKind::TrailingBytes { count: data.len() - offset }));
    }
    Ok(Transaction { records })
}

/// The record types 1.003 lists after the Type-1 record.
fn content_list(type1: &TaggedRecord) -> Result<Vec<u8>, AnsiNistError> {
    let bad = |reason: String| AnsiNistError::at(0, ErrorKind::BadContent { reason }).in_field(1, 3);
    let field = type1.field(3).ok_or_else(|| bad("missing".into()))?;
    let subfields = field.subfields();
    let mut types = Vec::with_capacity(subfields.len().saturating_sub(1));
    for (i, items) in subfields.iter().enumerate() {
        let number = |j: usize| -> Result<u32, AnsiNistError> {
            let item =
                items.get(j).ok_or_else(|| bad(format!("subfield {} has no item {}", i + 1, j + 1)))?;
            parse_decimal(item)
                .ok_or_else(|| bad(format!("subfield {} item {} is not a number", i + 1, j + 1)))
        };
        let first = number(0)?;
        if i == 0 {
            if first != 1 {
                return Err(bad(format!("first subfield must name the Type-1 record, found {first}")));
            }
            let declared = number(1)?;
            if declared as usize != subfields.len() - 1 {
                return Err(bad(format!("declares {declared} records but lists {}", subfields.len() - 1)));
            }
            continue;
        }
        let record_type = u8::try_from(first)
            .ok()
            .filter(|t| (2..=99).contains(t))
            .ok_or_else(|| bad(format!("subfield {} lists record type {first}", i + 1)))?;
        types.push(record_type);
    }
    Ok(types)
}

/// A decimal number of 1–9 digits and nothing else (LEN must be written back identically).
fn parse_decimal(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    bytes.iter().try_fold(0u32, |n, &b| n.checked_mul(10)?.checked_add(u32::from(b - b'0')))
}

/// A parsed tag `type.number:` at `data[pos..]`: (record type, field number, tag text, bytes
/// consumed including the colon).
fn parse_tag(data: &[u8], pos: usize) -> Result<(u16, u16, String, usize), AnsiNistError> {
    let bad = |reason| AnsiNistError::at(pos, ErrorKind::BadTag { reason });
    let rest = data.get(pos..).unwrap_or(&[]);
    // Tags are short: never look further than this for the colon.
    let window = rest.get(..16).unwrap_or(rest);
    let colon = window.iter().position(|&b| b == b':').ok_or_else(|| bad("no ':' within 16 bytes"))?;
    let tag = window.get(..colon).unwrap_or(&[]);
    let dot = tag.iter().position(|&b| b == b'.').ok_or_else(|| bad("no '.' in the tag"))?;
    let (type_part, number_part) = (tag.get(..dot).unwrap_or(&[]), tag.get(dot + 1..).unwrap_or(&[]));
    let number = |part: &[u8], what| {
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return Err(bad(what));
        }
        parse_decimal(part).and_then(|n| u16::try_from(n).ok()).ok_or_else(|| bad(what))
    };
    let record_type = number(type_part, "record type is not a number")?;
    let field_number = number(number_part, "field number is not a number")?;
    Ok((record_type, field_number, String::from_utf8_lossy(tag).into_owned(), colon + 1))
}

/// LEN of the tagged record at `offset`: (length, bytes of the first tag and value).
fn tagged_length(data: &[u8], offset: usize) -> Result<(usize, u16), AnsiNistError> {
    let (record_type, number, _, tag_len) = parse_tag(data, offset)?;
    if number != 1 {
        return Err(AnsiNistError::at(offset, ErrorKind::LenNotFirst { found: number }));
    }
    let value_start = offset + tag_len;
    let rest = data.get(value_start..).unwrap_or(&[]);
    let window = rest.get(..24).unwrap_or(rest);
    let end = window.iter().position(|&b| b == GS || b == FS).ok_or_else(|| {
        AnsiNistError::at(value_start, ErrorKind::BadLength { reason: "LEN is not terminated".into() })
    })?;
    let length = parse_decimal(window.get(..end).unwrap_or(&[])).ok_or_else(|| {
        AnsiNistError::at(value_start, ErrorKind::BadLength { reason: "LEN is not a decimal number".into() })
    })? as usize;
    let minimum = tag_len + end + 1;
    if length < minimum {
        return Err(AnsiNistError::at(
            value_start,
            ErrorKind::BadLength { reason: format!("LEN {length} is shorter than the LEN field itself") },
        ));
    }
    Ok((length, record_type))
}

fn read_tagged(
    data: &[u8],
    offset: usize,
    expected: Option<u8>,
) -> Result<(TaggedRecord, usize), AnsiNistError> {
    let (length, tag_type) = tagged_length(data, offset)?;
    let record_type = u8::try_from(tag_type)
        .ok()
        .filter(|t| *t >= 1 && *t <= 99)
        .ok_or_else(|| AnsiNistError::at(offset, ErrorKind::BadTag { reason: "record type outside 1-99" }))?;
    match expected {
        None if record_type != 1 => {
            return Err(AnsiNistError::at(
                offset,
                ErrorKind::UnexpectedRecordType { listed: 1, found: record_type },
            ));
        }
        Some(listed) if listed != record_type => {
            return Err(AnsiNistError::at(
                offset,
                ErrorKind::UnexpectedRecordType { listed, found: record_type },
            ));
        }
        _ => {}
    }
    let end = offset.checked_add(length).filter(|&e| e <= data.len()).ok_or_else(|| {
        AnsiNistError::at(
            offset,
            ErrorKind::Truncated { needed: offset.saturating_add(length).saturating_sub(data.len()) },
        )
    })?;
    if data.get(end - 1) != Some(&FS) {
        return Err(AnsiNistError::at(end - 1, ErrorKind::MissingFileSeparator));
    }
    let body_end = end - 1;
    let mut fields: Vec<Field> = Vec::new();
    let mut pos = offset;
    while pos < body_end {
        let (field_type, number, tag, tag_len) = parse_tag(data, pos)?;
        if field_type != u16::from(record_type) {
            return Err(AnsiNistError::at(
                pos,
                ErrorKind::TagTypeMismatch { expected: record_type, found: field_type },
            ));
        }
        if tag_len > body_end - pos {
            return Err(AnsiNistError::at(pos, ErrorKind::BadTag { reason: "tag runs past the record end" }));
        }
        if fields.iter().any(|f| f.number == number) {
            return Err(
                AnsiNistError::at(pos, ErrorKind::DuplicateField { number }).in_field(record_type, number)
            );
        }
        let value_start = pos + tag_len;
        let value_end = if number == DATA_FIELD {
            body_end
        } else {
            data.get(value_start..body_end)
                .and_then(|v| v.iter().position(|&b| b == GS))
                .map_or(body_end, |p| value_start + p)
        };
        let value = data.get(value_start..value_end).unwrap_or(&[]);
        // Fields split at GS only, so an FS (a LEN ended by FS, a stray separator) would
        // otherwise hide inside a value, and LEN's digits would no longer be its whole value.
        if number != DATA_FIELD
            && let Some(p) = value.iter().position(|&b| b == FS)
        {
            return Err(AnsiNistError::at(value_start + p, ErrorKind::FileSeparatorInField)
                .in_field(record_type, number));
        }
        fields.push(Field { tag, number, value: value.to_vec() });
        pos = value_end + 1;
    }
    if fields.first().map(|f| f.number) != Some(1) {
        return Err(AnsiNistError::at(offset, ErrorKind::LenNotFirst { found: 0 }));
    }
    Ok((TaggedRecord { record_type, fields }, end))
}

fn read_binary(data: &[u8], offset: usize, record_type: u8) -> Result<(Record, usize), AnsiNistError> {
    let truncated = |end: usize| {
        AnsiNistError::at(offset, ErrorKind::Truncated { needed: end.saturating_sub(data.len()) })
    };
    let header: [u8; 4] = data
        .get(offset..offset.saturating_add(4))
        .and_then(|h| h.try_into().ok())
        .ok_or_else(|| truncated(offset.saturating_add(4)))?;
    let length = u32::from_be_bytes(header) as usize;
    if length < 5 {
        return Err(AnsiNistError::at(
            offset,
            ErrorKind::BadLength {
                reason: format!("binary record length {length} is below 5 (LEN and IDC)"),
            },
        ));
    }
    let end = offset.saturating_add(length);
    let bytes = data.get(offset..end).ok_or_else(|| truncated(end))?;
    Ok((Record::Binary(BinaryRecord { record_type, bytes: bytes.to_vec() }), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type1(cnt: &str) -> Vec<u8> {
        let body = format!("1.002:0500\x1d1.003:{cnt}\x1c");
        let mut len = body.len() + 8;
        let mut record = format!("1.001:{len}\x1d{body}");
        if record.len() != len {
            len = record.len();
            record = format!("1.001:{len}\x1d{body}");
        }
        record.into_bytes()
    }

    /// FMT-NIST: hostile input gives typed errors with offsets, never a panic.
    #[test]
    fn errors_carry_offsets() {
        assert!(read(b"").is_err());
        let e = read(b"1.001:999\x1d1.002:0500\x1c").unwrap_err();
        assert!(matches!(e.kind, ErrorKind::Truncated { .. }), "{e}");
        let e = read(b"2.001:23\x1d2.002:00\x1c").unwrap_err();
        assert!(matches!(e.kind, ErrorKind::UnexpectedRecordType { listed: 1, found: 2 }), "{e}");
        let ok = type1("1\x1f0");
        assert_eq!(read(&ok).unwrap().records.len(), 1);
        let mut trailing = ok.clone();
        trailing.push(b'x');
        let e = read(&trailing).unwrap_err();
        assert_eq!(e.location.offset, ok.len());
        // 1.003 announces a binary record that is not there.
        let short = type1("1\x1f1\x1e4\x1f01");
        let e = read(&short).unwrap_err();
        assert_eq!(e.location.record, Some(1));
        assert_eq!(e.location.offset, short.len());
        assert!(e.to_string().contains("record 1"), "{e}");
        let e = read(b"1.0x1:12\x1d").unwrap_err();
        assert!(matches!(e.kind, ErrorKind::BadTag { .. }));
    }

    /// Regression (cargo fuzz, ansi_nist target): a Type-2 LEN ended by FS instead of GS was
    /// read with "18 FS 2.002:00" as LEN's value, which the writer then replaced by the
    /// computed length, so read → write was not lossless. An FS inside a field is an error.
    #[test]
    fn file_separator_inside_a_field_is_refused() {
        let mut file = type1("1\x1f1\x1e2\x1f00");
        let type2_at = file.len();
        file.extend_from_slice(b"2.001:18\x1c2.002:00\x1c");
        let e = read(&file).unwrap_err();
        assert_eq!(e.kind, ErrorKind::FileSeparatorInField);
        assert_eq!(e.location.offset, type2_at + 8);
        assert_eq!(
            (e.location.record, e.location.record_type, e.location.field),
            (Some(1), Some(2), Some(1))
        );
        // The same inside another field, and the well-formed record for contrast.
        let mut stray = type1("1\x1f1\x1e2\x1f00");
        stray.extend_from_slice(b"2.001:28\x1d2.002:00\x1d2.003:a\x1cb\x1c");
        assert_eq!(read(&stray).unwrap_err().location.field, Some(3));
        let mut fine = type1("1\x1f1\x1e2\x1f00");
        fine.extend_from_slice(b"2.001:18\x1d2.002:00\x1c");
        let transaction = read(&fine).unwrap();
        assert_eq!(super::super::write(&transaction).unwrap(), fine);
    }
}
