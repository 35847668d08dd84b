//! Types 3–6: fixed-resolution binary fingerprint image records (Type-4 is the 500 ppi grey
//! one still used by INT-I and Prüm). All four share an 18-byte big-endian header.

use super::super::error::{AnsiNistError, ErrorKind};
use super::super::record::BinaryRecord;
use super::image_record::Compression;

/// The header and image of a Type-3, 4, 5 or 6 record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinaryImage<'a> {
    /// Record type, 3–6.
    pub record_type: u8,
    /// IDC.
    pub idc: u8,
    /// IMP impression type (0 live plain, 1 live rolled, 2 non-live plain, 3 non-live rolled…).
    pub impression: u8,
    /// FGP finger positions, without the unused `255` entries.
    pub finger_positions: Vec<u8>,
    /// ISR: 0 = minimum scanning resolution (19.69 ppmm), 1 = native (1.011).
    pub scanning_resolution: u8,
    /// HLL width in pixels.
    pub width: u16,
    /// VLL height in pixels.
    pub height: u16,
    /// GCA compression.
    pub compression: Compression,
    /// The image bytes.
    pub data: &'a [u8],
}

impl<'a> BinaryImage<'a> {
    /// Reads a binary image record of Type 3–6.
    pub fn from_record(record: &'a BinaryRecord) -> Result<Self, AnsiNistError> {
        let bad = |reason: String| AnsiNistError::at(0, ErrorKind::BadValue { reason });
        if !(3..=6).contains(&record.record_type) {
            return Err(bad(format!("Type-{} is not a fixed-resolution image record", record.record_type)));
        }
        let header: &[u8; 18] = record
            .bytes
            .get(..18)
            .and_then(|h| h.try_into().ok())
            .ok_or_else(|| bad(format!("{} bytes; the header needs 18", record.bytes.len())))?;
        let [_, _, _, _, idc, impression, f1, f2, f3, f4, f5, f6, isr, w1, w2, h1, h2, gca] = *header;
        Ok(BinaryImage {
            record_type: record.record_type,
            idc,
            impression,
            finger_positions: [f1, f2, f3, f4, f5, f6].into_iter().filter(|&p| p != 255).collect(),
            scanning_resolution: isr,
            width: u16::from_be_bytes([w1, w2]),
            height: u16::from_be_bytes([h1, h2]),
            compression: Compression::from_binary_code(gca),
            data: record.bytes.get(18..).unwrap_or(&[]),
        })
    }
}
