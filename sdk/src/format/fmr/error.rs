//! The error of the finger-minutiae-record codec.

/// What is wrong with a record, and at which byte.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FmrError {
    /// The data ends inside a structure.
    #[error("byte {offset}: record ends inside {what}")]
    Truncated {
        /// Where the missing bytes should start.
        offset: usize,
        /// What was being read.
        what: &'static str,
    },
    /// Not a finger minutiae record (`FMR\0`), or a version this codec does not read.
    #[error("byte {offset}: not a supported finger minutiae record: {reason}")]
    Unsupported {
        /// Where.
        offset: usize,
        /// Why.
        reason: String,
    },
    /// The header's record length disagrees with the record's structure or size.
    #[error(
        "byte {offset}: the header says the record is {declared} bytes, but its structure ends at byte {structural} of {available} available"
    )]
    LengthMismatch {
        /// Offset of the length field.
        offset: usize,
        /// The length in the header.
        declared: u64,
        /// Where the views and their extension data end.
        structural: u64,
        /// Bytes given.
        available: u64,
    },
    /// A value outside its range.
    #[error("byte {offset}: invalid {what}: {reason}")]
    BadValue {
        /// Where.
        offset: usize,
        /// Which field.
        what: &'static str,
        /// Why.
        reason: String,
    },
    /// The record cannot be converted to or from the model.
    #[error("{0}")]
    Model(String),
}
