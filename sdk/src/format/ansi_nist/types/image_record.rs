//! Types 10 (face, SMT), 13 (latent), 14 (fingerprint), 15 (palm) and 17 (iris): tagged
//! image records sharing fields 6–11 (HLL, VLL, SLC, THPS, TVPS, CGA) and the image in 999.

use super::super::error::{AnsiNistError, ErrorKind};
use super::super::record::{DATA_FIELD, TaggedRecord};
use super::{optional_number, required, required_number};

/// An image compression.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Compression {
    /// Uncompressed pixels.
    None,
    /// WSQ (FBI wavelet scalar quantisation).
    Wsq,
    /// JPEG baseline.
    JpegBaseline,
    /// JPEG lossless.
    JpegLossless,
    /// JPEG 2000 lossy.
    Jpeg2000,
    /// JPEG 2000 lossless.
    Jpeg2000Lossless,
    /// PNG.
    Png,
    /// Another code, as written.
    Other(String),
}

impl Compression {
    /// From the CGA text of a tagged image record (`NONE`, `WSQ20`, `JPEGB`…).
    pub fn from_code(code: &str) -> Self {
        match code.trim().to_ascii_uppercase().as_str() {
            "NONE" | "0" => Compression::None,
            "WSQ" | "WSQ20" | "1" => Compression::Wsq,
            "JPEGB" | "2" => Compression::JpegBaseline,
            "JPEGL" | "3" => Compression::JpegLossless,
            "JP2" | "4" => Compression::Jpeg2000,
            "JP2L" | "5" => Compression::Jpeg2000Lossless,
            "PNG" | "6" => Compression::Png,
            other => Compression::Other(other.to_string()),
        }
    }

    /// From the GCA byte of a binary image record.
    pub fn from_binary_code(code: u8) -> Self {
        match code {
            0 => Compression::None,
            1 => Compression::Wsq,
            2 => Compression::JpegBaseline,
            3 => Compression::JpegLossless,
            4 => Compression::Jpeg2000,
            5 => Compression::Jpeg2000Lossless,
            6 => Compression::Png,
            other => Compression::Other(other.to_string()),
        }
    }

    /// The CGA text a tagged record writes.
    pub fn code(&self) -> &str {
        match self {
            Compression::None => "NONE",
            Compression::Wsq => "WSQ20",
            Compression::JpegBaseline => "JPEGB",
            Compression::JpegLossless => "JPEGL",
            Compression::Jpeg2000 => "JP2",
            Compression::Jpeg2000Lossless => "JP2L",
            Compression::Png => "PNG",
            Compression::Other(code) => code,
        }
    }
}

/// A variable-resolution image record: Type 10, 13, 14, 15 or 17.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageRecord<'a> {
    /// Record type.
    pub record_type: u8,
    /// IDC.
    pub idc: u8,
    /// 10.003 IMT image type (`FACE`, `SMT`…) of a Type-10 record.
    pub image_type: Option<String>,
    /// xx.003 IMP impression type of Types 13, 14, 15.
    pub impression: Option<u8>,
    /// Finger or palm positions (13.013, 14.013, 15.013), or the eye (17.003).
    pub positions: Vec<u8>,
    /// xx.004 SRC source agency.
    pub source_agency: Option<String>,
    /// xx.006 HLL width in pixels.
    pub width: u32,
    /// xx.007 VLL height in pixels.
    pub height: u32,
    /// xx.008 SLC: 0 aspect ratio only, 1 pixels per inch, 2 pixels per centimetre.
    pub scale_units: u8,
    /// xx.009 THPS horizontal pixel scale.
    pub horizontal_scale: u32,
    /// xx.010 TVPS vertical pixel scale.
    pub vertical_scale: u32,
    /// xx.011 CGA compression.
    pub compression: Compression,
    /// xx.012 BPX bits per pixel (13, 14, 15, 17).
    pub bits_per_pixel: Option<u8>,
    /// 10.012 or 17.013 colour space (`GRAY`, `SRGB`…).
    pub colour_space: Option<String>,
    /// The image bytes (field 999).
    pub data: &'a [u8],
}

impl<'a> ImageRecord<'a> {
    /// Reads a Type 10, 13, 14, 15 or 17 record.
    pub fn from_record(record: &'a TaggedRecord) -> Result<Self, AnsiNistError> {
        let t = record.record_type;
        if !matches!(t, 10 | 13 | 14 | 15 | 17) {
            return Err(AnsiNistError::at(
                0,
                ErrorKind::BadValue { reason: format!("Type-{t} is not a variable-resolution image record") },
            ));
        }
        let first_items = |number: u16| -> Vec<u8> {
            record
                .field(number)
                .map(|f| {
                    f.items().iter().filter_map(|s| s.first().and_then(|i| i.trim().parse().ok())).collect()
                })
                .unwrap_or_default()
        };
        Ok(ImageRecord {
            record_type: t,
            idc: required_number(record, 2)?,
            image_type: (t == 10).then(|| record.text(3).map(|s| s.into_owned())).flatten(),
            impression: if matches!(t, 13..=15) { optional_number(record, 3)? } else { None },
            positions: match t {
                13..=15 => first_items(13),
                17 => first_items(3),
                _ => Vec::new(),
            },
            source_agency: record.text(4).map(|s| s.into_owned()),
            width: required_number(record, 6)?,
            height: required_number(record, 7)?,
            scale_units: required_number(record, 8)?,
            horizontal_scale: required_number(record, 9)?,
            vertical_scale: required_number(record, 10)?,
            compression: Compression::from_code(&required(record, 11)?),
            bits_per_pixel: if t == 10 { None } else { optional_number(record, 12)? },
            colour_space: match t {
                10 => record.text(12).map(|s| s.into_owned()),
                17 => record.text(13).map(|s| s.into_owned()),
                _ => None,
            },
            data: record.field(DATA_FIELD).map(|f| f.value.as_slice()).unwrap_or(&[]),
        })
    }

    /// Horizontal resolution in pixels per inch, when the scale has units.
    pub fn resolution_ppi(&self) -> Option<f64> {
        match self.scale_units {
            1 => Some(f64::from(self.horizontal_scale)),
            2 => Some(f64::from(self.horizontal_scale) * 2.54),
            _ => None,
        }
    }
}
