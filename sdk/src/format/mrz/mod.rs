//! ICAO Doc 9303 machine readable zones: TD1, TD2, TD3, MRV-A and MRV-B (FMT-MRZ).
//!
//! [`parse`] reads a zone and verifies every check digit separately: a bad digit is reported in
//! [`Mrz::check_digits`] and [`Mrz::problems`], never a reason to refuse the zone. Only text
//! that is not a zone at all (wrong line count or length, characters outside `A–Z 0–9 <`) gives
//! an [`MrzError`]. [`generate`] writes a zone from document and identity data, with the name
//! transliterated by a function the caller supplies and truncated per Doc 9303 Part 4 §4.2.3.
//!
//! ```
//! use jha_interop::format::mrz::{self, MrzFormat};
//!
//! let zone = mrz::parse("I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<")?;
//! assert_eq!(zone.format, MrzFormat::Td1);
//! assert_eq!(zone.document_number, "D23145890");
//! assert_eq!(zone.secondary_identifier, "ANNA MARIA");
//! assert!(zone.is_valid());
//! # Ok::<(), jha_interop::format::mrz::MrzError>(())
//! ```

mod check_digit;
mod error;
mod generate;
mod name;
mod parse;
#[cfg(test)]
mod vector_tests;

use serde::Serialize;

pub use check_digit::{character_value, check_digit};
pub use error::MrzError;
pub use generate::{MrzInput, generate};
pub use name::{NameField, decode_name, encode_name};
pub use parse::parse;

/// The five machine-readable-zone layouts of Doc 9303.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING-KEBAB-CASE")]
pub enum MrzFormat {
    /// ID-1 size card, 3 lines of 30 characters (Part 5).
    Td1,
    /// ID-2 size document, 2 lines of 36 characters (Part 6).
    Td2,
    /// Passport size, 2 lines of 44 characters (Part 4).
    Td3,
    /// Full-size visa, 2 lines of 44 characters (Part 7).
    MrvA,
    /// Small visa, 2 lines of 36 characters (Part 7).
    MrvB,
}

impl MrzFormat {
    /// Number of lines.
    pub fn line_count(self) -> usize {
        match self {
            MrzFormat::Td1 => 3,
            _ => 2,
        }
    }

    /// Characters per line.
    pub fn line_length(self) -> usize {
        match self {
            MrzFormat::Td1 => 30,
            MrzFormat::Td2 | MrzFormat::MrvB => 36,
            MrzFormat::Td3 | MrzFormat::MrvA => 44,
        }
    }

    /// Characters available for the name.
    pub fn name_length(self) -> usize {
        match self {
            MrzFormat::Td1 => 30,
            MrzFormat::Td2 | MrzFormat::MrvB => 31,
            MrzFormat::Td3 | MrzFormat::MrvA => 39,
        }
    }
}

/// A field protected by a check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckedField {
    /// The document number (including a long number's overflow in the optional data).
    DocumentNumber,
    /// The date of birth.
    DateOfBirth,
    /// The date of expiry.
    DateOfExpiry,
    /// The personal number / optional data of a TD3 zone (position 43).
    OptionalData,
    /// The composite check digit over the lower line(s).
    Composite,
}

/// The verification of one check digit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckDigitResult {
    /// The protected field.
    pub field: CheckedField,
    /// The character found in the zone.
    pub found: char,
    /// The digit computed from the data.
    pub computed: u8,
    /// Whether `found` equals `computed` (a filler `<` counts as 0 where Doc 9303 allows it).
    pub valid: bool,
}

/// A date field of the zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateField {
    /// Date of birth (unknown parts may be `<`).
    DateOfBirth,
    /// Date of expiry.
    DateOfExpiry,
}

/// Something in a structurally sound zone that breaks a rule of Doc 9303.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum MrzProblem {
    /// A check digit does not verify.
    CheckDigit {
        /// The protected field.
        field: CheckedField,
    },
    /// The first character of the document code does not belong to the layout.
    UnexpectedDocumentCode {
        /// The two-character document code.
        code: String,
    },
    /// The issuing state is neither ISO 3166-1 nor an ICAO Part 3 §5 code.
    UnknownIssuingState {
        /// The code found.
        code: String,
    },
    /// The nationality is neither ISO 3166-1 nor an ICAO Part 3 §5 code.
    UnknownNationality {
        /// The code found.
        code: String,
    },
    /// A date that is not `YYMMDD` of an existing day.
    InvalidDate {
        /// Which date.
        field: DateField,
        /// The six characters found.
        value: String,
    },
    /// The sex is not `M`, `F`, `<` (or the lenient `X`).
    InvalidSex {
        /// The character found.
        value: char,
    },
    /// The name starts with `<<`: the primary identifier is mandatory (Part 4 §4.1.1.1 field 06).
    EmptyPrimaryIdentifier,
    /// The name holds digits, which the MRZ name never contains (Part 3 §4.6).
    NonAlphabeticName,
}

/// A parsed machine readable zone. Text fields have fillers removed; a filler inside a field
/// becomes a space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mrz {
    /// The layout.
    pub format: MrzFormat,
    /// The lines as read.
    pub lines: Vec<String>,
    /// The two-character document code as written, e.g. `P<`, `ID`, `V<`.
    pub document_code: String,
    /// The issuing state or organisation as written, fillers removed (`D` for Germany).
    pub issuing_state: String,
    /// Primary identifier: name components separated by single spaces.
    pub primary_identifier: String,
    /// Secondary identifier: name components separated by single spaces.
    pub secondary_identifier: String,
    /// The name field ends with a letter, which Doc 9303 says must be read as a possible
    /// truncation.
    pub name_possibly_truncated: bool,
    /// The document number, including the overflow of a long TD1/TD2 number.
    pub document_number: String,
    /// Whether the document number is a long number continued in the optional data.
    pub long_document_number: bool,
    /// The nationality as written, fillers removed.
    pub nationality: String,
    /// Date of birth `YYMMDD` as written (unknown parts are `<`).
    pub date_of_birth: String,
    /// Sex as written: `M`, `F` or `<`.
    pub sex: char,
    /// Date of expiry `YYMMDD`.
    pub date_of_expiry: String,
    /// Optional data (TD3 personal number, TD1 line 1 and TD2 optional data, visa optional
    /// data), without the overflow of a long document number.
    pub optional_data: String,
    /// TD1 only: the optional data of line 2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub optional_data_2: Option<String>,
    /// Every check digit of the layout, each verified on its own.
    pub check_digits: Vec<CheckDigitResult>,
    /// Every rule the zone breaks; empty for a valid zone.
    pub problems: Vec<MrzProblem>,
}

impl Mrz {
    /// Whether every check digit verifies and no rule is broken.
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }

    /// The verification of the check digit protecting `field`, if the layout has one.
    pub fn check(&self, field: CheckedField) -> Option<&CheckDigitResult> {
        self.check_digits.iter().find(|c| c.field == field)
    }

    /// The zone as text, lines joined by `\n`.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}
