//! A decoded JSON view of a file in one of the exchange formats, for people to read: what
//! `jha-interop inspect` prints.
//!
//! [`describe`] recognises the input by its first bytes — an ISO/IEC 19794-2 or ANSI INCITS 378
//! minutiae record starts with `FMR\0`, an ANSI/NIST-ITL file with its Type-1 LEN tag (`1.001:`
//! or the legacy `1.01:`), anything else that is text is read as a machine readable zone — and
//! decodes it with the codec of [`crate::format`]. Binary payloads (images, extension blocks,
//! binary records) are summarised by length and SHA-256 so that the view stays readable and
//! two views can still tell payloads apart.
//!
//! ```
//! use jha_interop::format::describe::{InputKind, describe};
//!
//! let zone = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n";
//! let description = describe(zone.as_bytes())?;
//! assert_eq!(description.kind, InputKind::Mrz);
//! assert_eq!(description.content["document_number"], "D23145890");
//! # Ok::<(), jha_interop::format::describe::DescribeError>(())
//! ```

mod ansi_nist;
mod json;
mod minutiae;

#[cfg(test)]
mod tests;

use serde::Serialize;
use serde_json::Value;

use super::ansi_nist::AnsiNistError;
use super::fmr::FmrError;
use super::mrz::{self, MrzError};
use json::{sha256_hex, to_json};

/// The kinds of input [`describe`] recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// An ICAO Doc 9303 machine readable zone as text.
    Mrz,
    /// An ANSI/NIST-ITL file in the traditional encoding.
    AnsiNist,
    /// An ISO/IEC 19794-2 or ANSI INCITS 378 finger minutiae record.
    MinutiaeRecord,
}

/// Why an input cannot be described.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DescribeError {
    /// Nothing to read.
    #[error("the input is empty")]
    Empty,
    /// Bytes that are neither a minutiae record, an ANSI/NIST-ITL file nor text.
    #[error(
        "unrecognised binary input ({length} bytes, starting {start}): not a minutiae record (FMR\\0), an ANSI/NIST-ITL file (1.001:) or MRZ text"
    )]
    UnrecognisedBinary {
        /// Size of the input.
        length: usize,
        /// The first bytes in hex.
        start: String,
    },
    /// Text that is not a machine readable zone (the only text format recognised).
    #[error("read as MRZ text: {0}")]
    NotMrz(MrzError),
    /// Starts like a minutiae record but does not decode.
    #[error("minutiae record: {0}")]
    MinutiaeRecord(FmrError),
    /// Starts like an ANSI/NIST-ITL file but does not read.
    #[error("{0}")]
    AnsiNist(AnsiNistError),
}

/// A decoded view of an input; serialises as `{"kind", "length", "sha256", "content"}` in
/// that order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Description {
    /// What the input was recognised as.
    pub kind: InputKind,
    /// The input's size in bytes.
    pub length: usize,
    /// The input's SHA-256, in hex.
    pub sha256: String,
    /// The decoded content, in the shape of its codec's types.
    pub content: Value,
}

impl Description {
    /// The whole description as one JSON value.
    pub fn to_json(&self) -> Value {
        to_json(self)
    }
}

/// What `data` looks like from its first bytes, without decoding it; `None` when it looks like
/// none of the formats (including text that is not plausibly a zone).
pub fn detect(data: &[u8]) -> Option<InputKind> {
    if data.starts_with(b"FMR\0") {
        return Some(InputKind::MinutiaeRecord);
    }
    if looks_like_ansi_nist(data) {
        return Some(InputKind::AnsiNist);
    }
    let text = std::str::from_utf8(data).ok()?;
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    (1..=3).contains(&lines).then_some(InputKind::Mrz)
}

/// `1.` then a field number then `:`: the LEN tag every ANSI/NIST-ITL file begins with.
fn looks_like_ansi_nist(data: &[u8]) -> bool {
    let Some(rest) = data.strip_prefix(b"1.") else { return false };
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    (1..=3).contains(&digits) && rest.get(digits) == Some(&b':')
}

/// Recognises and decodes `data` (see the module documentation).
///
/// # Errors
/// [`DescribeError`] says what `data` was taken for and why it does not decode.
pub fn describe(data: &[u8]) -> Result<Description, DescribeError> {
    if data.is_empty() {
        return Err(DescribeError::Empty);
    }
    let (kind, content) = match detect(data) {
        Some(InputKind::MinutiaeRecord) => {
            (InputKind::MinutiaeRecord, minutiae::view(data).map_err(DescribeError::MinutiaeRecord)?)
        }
        Some(InputKind::AnsiNist) => {
            let transaction = super::ansi_nist::read(data).map_err(DescribeError::AnsiNist)?;
            (InputKind::AnsiNist, ansi_nist::view(&transaction))
        }
        _ => match std::str::from_utf8(data) {
            Ok(text) => {
                // Editors on Windows save text with a byte-order mark; it is not part of a zone.
                let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                let zone = mrz::parse(text).map_err(DescribeError::NotMrz)?;
                (InputKind::Mrz, to_json(&zone))
            }
            Err(_) => {
                let start = data.iter().take(8).map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" ");
                return Err(DescribeError::UnrecognisedBinary { length: data.len(), start });
            }
        },
    };
    Ok(Description { kind, length: data.len(), sha256: sha256_hex(data), content })
}
