//! Typed views of the record types the EU exchanges use: Type-1 transaction information,
//! Type-2 descriptive text, the binary image records (Type-4 and its legacy siblings 3, 5,
//! 6), Type-9 minutiae (legacy 9.005–9.012 and the INCITS 378 block 9.126–9.150), and the
//! variable-resolution image records 10, 13, 14, 15 and 17.
//!
//! A view reads a record of the parse tree; it never changes it, and a field it does not
//! know stays available in the tree.

mod binary_image;
mod descriptive_text;
mod image_record;
mod minutiae;
mod transaction_info;

pub use binary_image::BinaryImage;
pub use descriptive_text::DescriptiveText;
pub use image_record::{Compression, ImageRecord};
pub use minutiae::{
    FingerMinutiae, ImageGeometry, IncitsMinutia, IncitsMinutiae, LegacyMinutia, LegacyMinutiae,
    MinutiaeRecord,
};
pub use transaction_info::TransactionInfo;

use super::error::{AnsiNistError, ErrorKind};
use super::record::TaggedRecord;

fn bad_value(record: &TaggedRecord, number: u16, reason: String) -> AnsiNistError {
    AnsiNistError::at(0, ErrorKind::BadValue { reason }).in_field(record.record_type, number)
}

/// The text of a field that must be present.
fn required(record: &TaggedRecord, number: u16) -> Result<String, AnsiNistError> {
    record.text(number).map(|t| t.into_owned()).ok_or_else(|| {
        AnsiNistError::at(0, ErrorKind::MissingField { number }).in_field(record.record_type, number)
    })
}

/// A field that must hold a decimal number.
fn required_number<T: std::str::FromStr>(record: &TaggedRecord, number: u16) -> Result<T, AnsiNistError> {
    let text = required(record, number)?;
    text.trim().parse().map_err(|_| bad_value(record, number, format!("{text:?} is not a number")))
}

/// An optional field that, when present, must hold a decimal number.
fn optional_number<T: std::str::FromStr>(
    record: &TaggedRecord,
    number: u16,
) -> Result<Option<T>, AnsiNistError> {
    match record.text(number) {
        None => Ok(None),
        Some(text) if text.trim().is_empty() => Ok(None),
        Some(text) => text
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| bad_value(record, number, format!("{text:?} is not a number"))),
    }
}
