//! The error of the MRZ codec: text that is not a machine readable zone at all.

/// Text that cannot be read as a zone, or data that cannot be written as one. Check-digit and
/// content problems of a well-formed zone are not errors: see [`super::MrzProblem`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MrzError {
    /// The line count and lengths match no layout.
    #[error(
        "not a machine readable zone: {lines} line(s) of length {lengths:?}; expected 3x30, 2x36 or 2x44"
    )]
    UnknownLayout {
        /// Number of non-empty lines.
        lines: usize,
        /// Length of each line in characters.
        lengths: Vec<usize>,
    },
    /// A character outside `A–Z 0–9 <`.
    #[error(
        "line {line}, column {column}: character {character:?} is not allowed in a machine readable zone"
    )]
    InvalidCharacter {
        /// Line number, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// The character found.
        character: char,
    },
    /// A value cannot be written into its field.
    #[error("cannot write {field}: {reason}")]
    Unwritable {
        /// The field.
        field: &'static str,
        /// Why.
        reason: String,
    },
}
