//! Finger minutiae records: ISO/IEC 19794-2:2005 and ANSI INCITS 378-2004 (read and write),
//! ISO/IEC 19794-2:2011 and ANSI INCITS 378-2009 with its amendment 1 (read) (FMT-FMR).
//!
//! [`decode`] is strict: the record length in the header must equal both the size of the
//! data and the end of the structure it describes. [`decode_lenient`] reads records whose
//! length field is wrong (as some published samples have) and reports the mismatch in
//! [`FingerMinutiaeRecord::warnings`]. [`to_template`] converts the first finger view into
//! the model's [`MinutiaeTemplate`], whose conventions are ISO/IEC 19794-2's: pixels from the
//! top-left corner, y down, direction counter-clockwise as displayed. Angles are stored in
//! 1.40625° units by ISO and 2° units by ANSI; both share that direction convention.
//!
//! Extended data blocks: NIST's reference encoding of the ISO 2005 annex example counts the
//! 4-byte block header in a block's length, FingerprintIO's ISO 2005 writer does not. Both are
//! read (the inclusive reading is tried first and must tile the area exactly); the writer
//! counts the header, as the annex does.

mod convert;
mod cursor;
mod error;
mod reader;
mod writer;

#[cfg(test)]
mod accuracy_tests;
#[cfg(test)]
mod vector_tests;

use serde::Serialize;

pub use convert::{from_template, to_template, to_template_of_view};
pub use error::FmrError;
pub use reader::{decode, decode_as, decode_lenient, detect};
pub use writer::encode;

use crate::model::{MinutiaeRecordFormat, MinutiaeTemplate};

/// The standard and version of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordStandard {
    /// ISO/IEC 19794-2:2005 (`FMR\0 20\0`).
    Iso19794_2_2005,
    /// ANSI INCITS 378-2004 (`FMR\0 20\0` or `FMR\0020\0`).
    Ansi378_2004,
    /// ISO/IEC 19794-2:2011 (`FMR\0030\0`).
    Iso19794_2_2011,
    /// ANSI INCITS 378-2009 (`FMR\0030\0`).
    Ansi378_2009,
    /// ANSI INCITS 378-2009 amendment 1 (`FMR\0035\0`).
    Ansi378_2009Am1,
}

impl RecordStandard {
    /// Degrees per unit of the stored minutia angle.
    pub fn degrees_per_angle_unit(self) -> f64 {
        match self {
            RecordStandard::Iso19794_2_2005 | RecordStandard::Iso19794_2_2011 => 360.0 / 256.0,
            _ => 2.0,
        }
    }

    /// The model's name of this standard.
    pub fn model_format(self) -> MinutiaeRecordFormat {
        match self {
            RecordStandard::Iso19794_2_2005 => MinutiaeRecordFormat::Iso19794_2_2005,
            RecordStandard::Ansi378_2004 => MinutiaeRecordFormat::Ansi378_2004,
            RecordStandard::Iso19794_2_2011 => MinutiaeRecordFormat::Iso19794_2_2011,
            RecordStandard::Ansi378_2009 | RecordStandard::Ansi378_2009Am1 => {
                MinutiaeRecordFormat::Ansi378_2009
            }
        }
    }
}

/// One minutia as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RecordMinutia {
    /// Type bits: 0 other, 1 ridge ending, 2 bifurcation.
    pub kind: u8,
    /// Column in pixels.
    pub x: u16,
    /// Row in pixels, from the top.
    pub y: u16,
    /// Angle in the standard's unit (see [`RecordStandard::degrees_per_angle_unit`]).
    pub angle: u8,
    /// Quality (0–100; ANSI 2009 also 254/255), `None` in 5-byte ISO 2011 minutiae.
    pub quality: Option<u8>,
}

/// An extended data block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtensionBlock {
    /// Type id: 0x0001 ridge counts, 0x0002 cores and deltas, 0x0003 zonal quality, vendor
    /// blocks otherwise.
    pub type_id: u16,
    /// The block data, without its 4-byte header.
    pub data: Vec<u8>,
}

/// The content of a ridge-count block (type 0x0001).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RidgeCounts {
    /// Extraction method: 0 non-specific, 1 four-neighbour (quadrants), 2 eight-neighbour.
    pub method: u8,
    /// Edges as (minutia index, minutia index, ridge count).
    pub edges: Vec<(u8, u8, u8)>,
}

impl ExtensionBlock {
    /// The ridge counts of a ridge-count block; a trailing partial edge is ignored.
    pub fn ridge_counts(&self) -> Option<RidgeCounts> {
        if self.type_id != 1 {
            return None;
        }
        let (&method, edges) = self.data.split_first()?;
        Some(RidgeCounts { method, edges: edges.chunks_exact(3).map(|e| (e[0], e[1], e[2])).collect() })
    }
}

/// How the blocks of an ISO 2005 extended data area count their length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockLength {
    /// The length includes the 4-byte type/length header (the annex example, ANSI, ISO 2011).
    IncludesHeader,
    /// The length counts the data only (FingerprintIO's ISO 2005 writer).
    DataOnly,
}

/// ISO 19794-1:2011 capture date and time of a 2011 representation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CaptureTime {
    /// Year (0xFFFF when absent).
    pub year: u16,
    /// Month.
    pub month: u8,
    /// Day.
    pub day: u8,
    /// Hour.
    pub hour: u8,
    /// Minute.
    pub minute: u8,
    /// Second.
    pub second: u8,
    /// Millisecond.
    pub millisecond: u16,
}

/// A quality record of a 2011 representation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct QualityRecord {
    /// Quality score 0–100 (255 failed).
    pub quality: u8,
    /// Quality algorithm vendor id.
    pub vendor: u16,
    /// Quality algorithm id.
    pub algorithm: u16,
}

/// One finger view (representation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FingerView {
    /// Finger position: 0 unknown, 1 right thumb … 10 left little.
    pub position: u8,
    /// View number.
    pub view: u8,
    /// Impression type: 0 live plain, 1 live rolled, 2 non-live plain, 3 non-live rolled…
    pub impression: u8,
    /// Finger quality 0–100 (2011: the first quality record, if any).
    pub quality: u8,
    /// Image width in pixels.
    pub width: u16,
    /// Image height in pixels.
    pub height: u16,
    /// Horizontal resolution in pixels per centimetre.
    pub resolution_x: u16,
    /// Vertical resolution in pixels per centimetre.
    pub resolution_y: u16,
    /// ANSI 2009: quality algorithm vendor and id.
    pub quality_algorithm: Option<(u16, u16)>,
    /// ISO 2011: capture time, device technology, vendor and type, quality records, ending type.
    pub iso2011: Option<Iso2011View>,
    /// The minutiae.
    pub minutiae: Vec<RecordMinutia>,
    /// Extended data blocks.
    pub extensions: Vec<ExtensionBlock>,
    /// How the blocks counted their length (ISO 2005 may use either).
    pub block_length: BlockLength,
}

/// The per-representation header fields of ISO/IEC 19794-2:2011.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Iso2011View {
    /// Capture date and time.
    pub capture_time: CaptureTime,
    /// Capture device technology id.
    pub device_technology: u8,
    /// Capture device vendor id.
    pub device_vendor: u16,
    /// Capture device type id.
    pub device_type: u16,
    /// Quality records.
    pub quality_records: Vec<QualityRecord>,
    /// Certification records as (authority, scheme).
    pub certifications: Vec<(u16, u8)>,
    /// Ridge ending type (0 valley skeleton bifurcation point, 1 ridge skeleton end point).
    pub ending_type: u8,
}

/// A finger minutiae record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FingerMinutiaeRecord {
    /// Standard and version.
    pub standard: RecordStandard,
    /// ANSI: CBEFF product identifier (owner, type).
    pub product: Option<(u16, u16)>,
    /// Capture equipment certified (ISO 2005 and ANSI compliance bits not zero).
    pub sensor_certified: bool,
    /// Capture equipment id (ISO 2005 / ANSI).
    pub sensor_id: u16,
    /// The views, in record order.
    pub views: Vec<FingerView>,
    /// Defects tolerated by [`decode_lenient`]; empty after [`decode`].
    pub warnings: Vec<String>,
}

impl FingerMinutiaeRecord {
    /// The first view as a model template (see [`to_template`]).
    pub fn to_template(&self) -> Result<MinutiaeTemplate, FmrError> {
        to_template(self)
    }
}
