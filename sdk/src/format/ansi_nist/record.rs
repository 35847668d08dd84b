//! The parse tree of a transaction: records, fields, subfields and information items, kept
//! byte for byte so that writing it back reproduces the file.

use std::borrow::Cow;

/// File separator: ends a tagged record.
pub const FS: u8 = 0x1C;
/// Group separator: between fields.
pub const GS: u8 = 0x1D;
/// Record separator: between subfields.
pub const RS: u8 = 0x1E;
/// Unit separator: between information items.
pub const US: u8 = 0x1F;

/// The field number whose value is raw binary data, never scanned for separators.
pub const DATA_FIELD: u16 = 999;

/// Record types whose records are binary (big-endian header, no tags): 3–8.
pub fn is_binary_type(record_type: u8) -> bool {
    (3..=8).contains(&record_type)
}

/// A transaction: the Type-1 record first, then the records 1.003 lists, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Transaction {
    /// The records in file order.
    pub records: Vec<Record>,
}

impl Transaction {
    /// The Type-1 record, if the transaction has one first.
    pub fn type1(&self) -> Option<&TaggedRecord> {
        match self.records.first() {
            Some(Record::Tagged(r)) if r.record_type == 1 => Some(r),
            _ => None,
        }
    }

    /// The records of `record_type`, with their index in file order.
    pub fn records_of_type(&self, record_type: u8) -> impl Iterator<Item = (usize, &Record)> {
        self.records.iter().enumerate().filter(move |(_, r)| r.record_type() == record_type)
    }
}

/// One record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// A tagged record (Types 1, 2, 9–99).
    Tagged(TaggedRecord),
    /// A binary record (Types 3–8).
    Binary(BinaryRecord),
}

impl Record {
    /// The record type.
    pub fn record_type(&self) -> u8 {
        match self {
            Record::Tagged(r) => r.record_type,
            Record::Binary(r) => r.record_type,
        }
    }

    /// The information designation character (IDC), when the record has one (not Type-1).
    pub fn idc(&self) -> Option<u8> {
        match self {
            Record::Tagged(r) => r.idc(),
            Record::Binary(r) => r.idc(),
        }
    }

    /// The tagged record, if this is one.
    pub fn as_tagged(&self) -> Option<&TaggedRecord> {
        match self {
            Record::Tagged(r) => Some(r),
            Record::Binary(_) => None,
        }
    }

    /// The binary record, if this is one.
    pub fn as_binary(&self) -> Option<&BinaryRecord> {
        match self {
            Record::Binary(r) => Some(r),
            Record::Tagged(_) => None,
        }
    }
}

/// A tagged record: fields in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedRecord {
    /// The record type (1, 2, 9–99).
    pub record_type: u8,
    /// The fields in file order, LEN first.
    pub fields: Vec<Field>,
}

impl TaggedRecord {
    /// An empty record of `record_type`; the writer adds LEN.
    pub fn new(record_type: u8) -> Self {
        TaggedRecord { record_type, fields: Vec::new() }
    }

    /// The field numbered `number`.
    pub fn field(&self, number: u16) -> Option<&Field> {
        self.fields.iter().find(|f| f.number == number)
    }

    /// The whole text of field `number` (see [`Field::text`]).
    pub fn text(&self, number: u16) -> Option<Cow<'_, str>> {
        self.field(number).map(Field::text)
    }

    /// The IDC (field 2) of a record other than Type-1.
    pub fn idc(&self) -> Option<u8> {
        if self.record_type == 1 {
            return None;
        }
        self.field(2).and_then(|f| f.text().trim().parse().ok())
    }

    /// Sets field `number` to `value` (replacing it, or appending with a canonical tag).
    pub fn set(&mut self, number: u16, value: impl Into<Vec<u8>>) {
        let value = value.into();
        match self.fields.iter_mut().find(|f| f.number == number) {
            Some(field) => field.value = value,
            None => self.fields.push(Field::new(self.record_type, number, value)),
        }
    }
}

/// One field: its tag as written (`1.01`, `14.013`) and its value bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The tag as written, without the colon: `"9.012"`, or `"1.01"` in legacy files.
    pub tag: String,
    /// The field number.
    pub number: u16,
    /// The value bytes: separators included, or raw binary for field 999.
    pub value: Vec<u8>,
}

impl Field {
    /// A field with the canonical tag `type.NNN`.
    pub fn new(record_type: u8, number: u16, value: impl Into<Vec<u8>>) -> Self {
        Field { tag: format!("{record_type}.{number:03}"), number, value: value.into() }
    }

    /// A field built from subfields of information items, joined with RS and US.
    pub fn from_items<S: AsRef<str>>(record_type: u8, number: u16, subfields: &[Vec<S>]) -> Self {
        let mut value = Vec::new();
        for (i, items) in subfields.iter().enumerate() {
            if i > 0 {
                value.push(RS);
            }
            for (j, item) in items.iter().enumerate() {
                if j > 0 {
                    value.push(US);
                }
                value.extend_from_slice(item.as_ref().as_bytes());
            }
        }
        Field::new(record_type, number, value)
    }

    /// Whether the value is raw binary data (field 999).
    pub fn is_binary(&self) -> bool {
        self.number == DATA_FIELD
    }

    /// Subfields, each a list of information items (as bytes). Field 999 is one item.
    pub fn subfields(&self) -> Vec<Vec<&[u8]>> {
        if self.is_binary() {
            return vec![vec![self.value.as_slice()]];
        }
        self.value.split(|&b| b == RS).map(|s| s.split(|&b| b == US).collect()).collect()
    }

    /// Subfields of items decoded as text (see [`decode_text`]).
    pub fn items(&self) -> Vec<Vec<Cow<'_, str>>> {
        self.subfields().into_iter().map(|s| s.into_iter().map(decode_text).collect()).collect()
    }

    /// The whole value as text (see [`decode_text`]).
    pub fn text(&self) -> Cow<'_, str> {
        decode_text(&self.value)
    }
}

/// Text of a field: UTF-8 when the bytes are valid UTF-8 (ASCII and 1.015 `UTF-8` data),
/// otherwise Latin-1, so that no byte is ever lost or refused.
pub fn decode_text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
    }
}

/// A binary record (Types 3–8): the bytes of the whole record, its 4-byte length first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinaryRecord {
    /// The record type (3–8).
    pub record_type: u8,
    /// The whole record, starting with the big-endian u32 LEN and the IDC byte.
    pub bytes: Vec<u8>,
}

impl BinaryRecord {
    /// The IDC byte.
    pub fn idc(&self) -> Option<u8> {
        self.bytes.get(4).copied()
    }

    /// Everything after LEN and IDC.
    pub fn payload(&self) -> &[u8] {
        self.bytes.get(5..).unwrap_or(&[])
    }
}
