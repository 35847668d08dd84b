//! Writing the traditional encoding.
//!
//! [`write`] keeps every tag as written and every field in its order, recomputing only the
//! record lengths: a transaction read by [`super::read`] is written back byte for byte.
//! [`canonicalise`] turns any transaction into the form ANSI/NIST-ITL 1-2011 recommends for
//! writers: three-digit field numbers, LEN and IDC first, the other fields ascending, field
//! 999 last, and 1.003 listing the records as they are.

use super::error::{AnsiNistError, ErrorKind};
use super::record::{DATA_FIELD, FS, Field, GS, Record, TaggedRecord, Transaction};

fn unwritable(reason: String) -> AnsiNistError {
    AnsiNistError::at(0, ErrorKind::Unwritable { reason })
}

/// Writes `transaction`, recomputing every LEN (keeping a zero-padded width when the stored
/// LEN had one).
pub fn write(transaction: &Transaction) -> Result<Vec<u8>, AnsiNistError> {
    let mut out = Vec::new();
    for (index, record) in transaction.records.iter().enumerate() {
        match record {
            Record::Tagged(r) => write_tagged(r, &mut out).map_err(|e| e.in_record(index, r.record_type))?,
            Record::Binary(r) => {
                let length = u32::try_from(r.bytes.len()).map_err(|_| {
                    unwritable("binary record longer than 4 GiB".into()).in_record(index, r.record_type)
                })?;
                if r.bytes.len() < 5 {
                    return Err(unwritable("binary record shorter than LEN and IDC".into())
                        .in_record(index, r.record_type));
                }
                out.extend_from_slice(&length.to_be_bytes());
                out.extend_from_slice(r.bytes.get(4..).unwrap_or(&[]));
            }
        }
    }
    Ok(out)
}

fn write_tagged(record: &TaggedRecord, out: &mut Vec<u8>) -> Result<(), AnsiNistError> {
    let len_field = match record.fields.first() {
        Some(f) if f.number == 1 => f,
        _ => return Err(unwritable("a tagged record must begin with its LEN field".into())),
    };
    // The reader refuses both inside a field, so the writer must never produce them.
    if let Some(field) = record
        .fields
        .iter()
        .find(|f| f.number != DATA_FIELD && (f.value.contains(&GS) || f.value.contains(&FS)))
    {
        return Err(unwritable(format!("field {} holds a group or file separator", field.tag))
            .in_field(record.record_type, field.number));
    }
    if let Some(position) = record.fields.iter().position(|f| f.number == DATA_FIELD)
        && position + 1 != record.fields.len()
    {
        return Err(unwritable("field 999 must be the last field".into()));
    }
    // Everything but the LEN digits: tags, colons, values, one GS between fields and the FS.
    let fixed: usize = record.fields.iter().map(|f| f.tag.len() + 1).sum::<usize>()
        + record.fields.iter().skip(1).map(|f| f.value.len()).sum::<usize>()
        + record.fields.len();
    let stored = &len_field.value;
    let min_width = if stored.len() > 1 && stored.first() == Some(&b'0') { stored.len() } else { 1 };
    let length = (min_width..=20)
        .map(|width| (width, fixed + width))
        .find(|&(width, total)| total.to_string().len() <= width)
        .map(|(width, total)| format!("{total:0width$}"))
        .ok_or_else(|| unwritable("record length does not converge".into()))?;
    for (i, field) in record.fields.iter().enumerate() {
        if i > 0 {
            out.push(GS);
        }
        out.extend_from_slice(field.tag.as_bytes());
        out.push(b':');
        if i == 0 {
            out.extend_from_slice(length.as_bytes());
        } else {
            out.extend_from_slice(&field.value);
        }
    }
    out.push(FS);
    Ok(())
}

/// The canonical form of `transaction` (see the module documentation). Binary records are
/// kept as they are.
pub fn canonicalise(transaction: &Transaction) -> Transaction {
    let content = content_field(&transaction.records);
    let records = transaction
        .records
        .iter()
        .enumerate()
        .map(|(index, record)| match record {
            Record::Binary(r) => Record::Binary(r.clone()),
            Record::Tagged(r) => {
                let mut record = TaggedRecord {
                    record_type: r.record_type,
                    fields: r
                        .fields
                        .iter()
                        .map(|f| Field::new(r.record_type, f.number, f.value.clone()))
                        .collect(),
                };
                if index == 0 && r.record_type == 1 {
                    record.set(3, content.clone());
                }
                if record.field(1).is_none() {
                    record.set(1, "0");
                }
                record.fields.sort_by_key(|f| match f.number {
                    1 => (0, 0),
                    2 => (1, 0),
                    DATA_FIELD => (3, 0),
                    n => (2, n),
                });
                Record::Tagged(record)
            }
        })
        .collect();
    Transaction { records }
}

/// The value of 1.003 for `records` (the first being Type-1): `1 US count`, then
/// `type US idc` for each other record, IDC written with two digits.
fn content_field(records: &[Record]) -> Vec<u8> {
    let mut subfields = vec![vec!["1".to_string(), records.len().saturating_sub(1).to_string()]];
    for record in records.iter().skip(1) {
        subfields.push(vec![record.record_type().to_string(), format!("{:02}", record.idc().unwrap_or(0))]);
    }
    Field::from_items(1, 3, &subfields).value
}

#[cfg(test)]
mod tests {
    use super::super::read;
    use super::*;

    /// FMT-NIST: the writer computes LEN (whose own digits count) and the reader reads it back.
    #[test]
    fn lengths_are_self_consistent() {
        let mut type1 = TaggedRecord::new(1);
        type1.set(1, "0");
        type1.set(2, "0500");
        type1.set(3, "");
        let mut type2 = TaggedRecord::new(2);
        type2.set(1, "0");
        type2.set(2, "0");
        type2.set(3, "x".repeat(83));
        let transaction =
            canonicalise(&Transaction { records: vec![Record::Tagged(type1), Record::Tagged(type2)] });
        let bytes = write(&transaction).unwrap();
        let back = read(&bytes).unwrap();
        assert_eq!(back.records.len(), 2);
        assert_eq!(back.records[1].idc(), Some(0));
        assert_eq!(back.type1().unwrap().text(3).unwrap(), "1\u{1f}1\u{1e}2\u{1f}00");
        let len: usize = back.records[1].as_tagged().unwrap().text(1).unwrap().parse().unwrap();
        assert_eq!(len, bytes.len() - back.type1().unwrap().text(1).unwrap().parse::<usize>().unwrap());
        assert_eq!(write(&back).unwrap(), bytes);
    }
}
