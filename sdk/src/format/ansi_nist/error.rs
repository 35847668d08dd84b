//! The error of the ANSI/NIST-ITL codec: what went wrong, at which byte, in which record and
//! field.

use std::fmt;

/// Where in a transaction an error was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Byte offset from the start of the file.
    pub offset: usize,
    /// Index of the record in file order (0 = Type-1), when known.
    pub record: Option<usize>,
    /// Record type, when known.
    pub record_type: Option<u8>,
    /// Field number, when known.
    pub field: Option<u16>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "byte {}", self.offset)?;
        if let Some(record) = self.record {
            write!(f, ", record {record}")?;
        }
        match (self.record_type, self.field) {
            (Some(t), Some(n)) => write!(f, ", field {t}.{n:03}"),
            (Some(t), None) => write!(f, " (Type-{t})"),
            _ => Ok(()),
        }
    }
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The data ends before a record or field is complete.
    #[error("unexpected end of data: {needed} more bytes needed")]
    Truncated {
        /// How many bytes are missing.
        needed: usize,
    },
    /// A field tag is not `type.number:`.
    #[error("malformed field tag: {reason}")]
    BadTag {
        /// Why.
        reason: &'static str,
    },
    /// A field tag names another record type than the record it is in.
    #[error("field tag names record type {found}, but the record is Type-{expected}")]
    TagTypeMismatch {
        /// The record's type.
        expected: u8,
        /// The type in the tag.
        found: u16,
    },
    /// A tagged record does not start with its LEN field (xx.001).
    #[error("a tagged record must begin with its LEN field (xx.001), found field {found}")]
    LenNotFirst {
        /// The first field number found.
        found: u16,
    },
    /// A LEN value that is not a number or does not fit the data.
    #[error("invalid record length: {reason}")]
    BadLength {
        /// Why.
        reason: String,
    },
    /// A tagged record does not end with the file separator (0x1C).
    #[error("record does not end with the file separator 0x1C")]
    MissingFileSeparator,
    /// A file separator inside a field other than 999: it can only end a record.
    #[error("a file separator (0x1C) inside a field; only the record's end may hold one")]
    FileSeparatorInField,
    /// The same field number twice in one record.
    #[error("field {number} occurs twice in the record")]
    DuplicateField {
        /// The repeated field number.
        number: u16,
    },
    /// Field 1.003 CNT is missing or malformed.
    #[error("invalid content field 1.003 (CNT): {reason}")]
    BadContent {
        /// Why.
        reason: String,
    },
    /// The record type found differs from the one 1.003 lists at this position.
    #[error("1.003 lists a Type-{listed} record here, but a Type-{found} record was found")]
    UnexpectedRecordType {
        /// Type listed in 1.003.
        listed: u8,
        /// Type found.
        found: u8,
    },
    /// Bytes after the last record 1.003 lists.
    #[error("{count} bytes follow the last record listed in 1.003")]
    TrailingBytes {
        /// How many.
        count: usize,
    },
    /// A field required by a typed view is absent.
    #[error("required field {number} is missing")]
    MissingField {
        /// The field number.
        number: u16,
    },
    /// A field value that a typed view cannot read.
    #[error("invalid value: {reason}")]
    BadValue {
        /// Why.
        reason: String,
    },
    /// A value that cannot be written.
    #[error("cannot write: {reason}")]
    Unwritable {
        /// Why.
        reason: String,
    },
}

/// An error of the ANSI/NIST-ITL codec, with its location.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ANSI/NIST-ITL: {location}: {kind}")]
pub struct AnsiNistError {
    /// Where.
    pub location: Location,
    /// What.
    pub kind: ErrorKind,
}

impl AnsiNistError {
    /// An error at `offset` with no record context yet.
    pub fn at(offset: usize, kind: ErrorKind) -> Self {
        AnsiNistError { location: Location { offset, record: None, record_type: None, field: None }, kind }
    }

    /// Adds the record index and type when not already set.
    pub fn in_record(mut self, record: usize, record_type: u8) -> Self {
        self.location.record.get_or_insert(record);
        self.location.record_type.get_or_insert(record_type);
        self
    }

    /// Adds the field number when not already set.
    pub fn in_field(mut self, record_type: u8, field: u16) -> Self {
        self.location.record_type.get_or_insert(record_type);
        self.location.field.get_or_insert(field);
        self
    }
}
