//! The error of the data-model layer: a value that breaks a rule of its type.

/// A value rejected by a constructor of the data model.
///
/// Every variant names the kind of value (`what`) so that an API layer can turn it into a
/// violation that points at the offending field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The value is empty (or only white space) where a value is required.
    #[error("{what} must not be empty")]
    Empty {
        /// The kind of value.
        what: &'static str,
    },
    /// The value is longer than its type allows.
    #[error("{what} is {length} characters long; at most {max} are allowed")]
    TooLong {
        /// The kind of value.
        what: &'static str,
        /// The largest accepted length.
        max: usize,
        /// The length received.
        length: usize,
    },
    /// The value holds a character its type does not allow.
    #[error("{what} contains the character {character:?}, which is not allowed")]
    InvalidCharacter {
        /// The kind of value.
        what: &'static str,
        /// The first offending character.
        character: char,
    },
    /// A country code that is neither ISO 3166-1 alpha-3 nor an ICAO Doc 9303 code.
    #[error("{code:?} is not an ISO 3166-1 alpha-3 or ICAO Doc 9303 country code")]
    UnknownCountryCode {
        /// The code received.
        code: String,
    },
    /// A date or time that does not parse or does not exist in the calendar.
    #[error("{what} {value:?} is not valid: {reason}")]
    InvalidDate {
        /// The kind of value.
        what: &'static str,
        /// The text received.
        value: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// A number outside the range of its type.
    #[error("{what} must be between {min} and {max}; got {value}")]
    OutOfRange {
        /// The kind of value.
        what: &'static str,
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
        /// The value received.
        value: i64,
    },
    /// A floating-point value that is not a finite number.
    #[error("{what} must be a finite number")]
    NotFinite {
        /// The kind of value.
        what: &'static str,
    },
    /// A value that is not one of the enumerated codes of its type.
    #[error("{value:?} is not a valid {what}; expected one of {expected}")]
    UnknownCode {
        /// The kind of value.
        what: &'static str,
        /// The text received.
        value: String,
        /// The accepted codes, for the message.
        expected: &'static str,
    },
    /// A structural rule spanning several fields (for example a minutia outside the image).
    #[error("{what}: {reason}")]
    Inconsistent {
        /// The kind of value.
        what: &'static str,
        /// Why it was refused.
        reason: String,
    },
}

impl ModelError {
    /// The kind of value the error is about, for example `"country code"`.
    pub fn what(&self) -> &'static str {
        match self {
            ModelError::Empty { what }
            | ModelError::TooLong { what, .. }
            | ModelError::InvalidCharacter { what, .. }
            | ModelError::InvalidDate { what, .. }
            | ModelError::OutOfRange { what, .. }
            | ModelError::NotFinite { what }
            | ModelError::UnknownCode { what, .. }
            | ModelError::Inconsistent { what, .. } => what,
            ModelError::UnknownCountryCode { .. } => "country code",
        }
    }
}
