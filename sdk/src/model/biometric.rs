//! Biometric data: fingerprints (minutiae templates), face templates and palm prints.
//!
//! Coordinates and angles follow ISO/IEC 19794-2: pixels with the origin at the top-left
//! corner and y growing downwards; a minutia's direction in degrees, counter-clockwise as seen
//! on the image, from the positive x axis. Every codec converts into this one convention.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::text::validated_string;
use super::{Base64Bytes, ModelError};

/// A finger position per ANSI/NIST-ITL: 1 right thumb … 5 right little, 6 left thumb …
/// 10 left little.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "u8", into = "u8")]
#[schemars(with = "FingerPositionSchema")]
pub struct FingerPosition(u8);

/// Schema stand-in for [`FingerPosition`].
#[derive(JsonSchema)]
#[schemars(transparent)]
#[allow(dead_code)]
struct FingerPositionSchema(#[schemars(range(min = 1, max = 10))] u8);

impl FingerPosition {
    /// A finger position, 1–10.
    pub fn new(position: u8) -> Result<Self, ModelError> {
        if (1..=10).contains(&position) {
            Ok(FingerPosition(position))
        } else {
            Err(ModelError::OutOfRange { what: "finger position", min: 1, max: 10, value: position.into() })
        }
    }

    /// The ANSI/NIST code, 1–10.
    pub fn code(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for FingerPosition {
    type Error = ModelError;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        FingerPosition::new(value)
    }
}

impl From<FingerPosition> for u8 {
    fn from(value: FingerPosition) -> Self {
        value.0
    }
}

/// The kind of a minutia.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MinutiaKind {
    /// A ridge ending.
    RidgeEnding,
    /// A ridge bifurcation.
    Bifurcation,
    /// Another or undetermined kind.
    Other,
}

/// One minutia.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Minutia {
    /// Column in pixels from the left edge.
    pub x: u16,
    /// Row in pixels from the top edge.
    pub y: u16,
    /// Direction in degrees in `[0, 360)`, counter-clockwise as displayed, ISO/IEC 19794-2.
    pub direction: f32,
    /// Ridge ending, bifurcation or other.
    pub kind: MinutiaKind,
    /// Quality 1–100, or 0 when not reported.
    pub quality: u8,
}

/// The most minutiae a template may hold (the ISO/IEC 19794-2 count is one byte).
pub const MAX_MINUTIAE: usize = 255;

/// A finger minutiae template: the image geometry and the minutiae.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "MinutiaeTemplateFields")]
pub struct MinutiaeTemplate {
    width: u16,
    height: u16,
    resolution_ppi: u16,
    minutiae: Vec<Minutia>,
}

/// A finger minutiae template: the image geometry and the minutiae.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(rename = "MinutiaeTemplate")]
struct MinutiaeTemplateFields {
    /// Image width in pixels (1–4096).
    width: u16,
    /// Image height in pixels (1–4096).
    height: u16,
    /// Resolution in pixels per inch (250–2000).
    resolution_ppi: u16,
    /// At most 255 minutiae, each inside the image.
    minutiae: Vec<Minutia>,
}

impl TryFrom<MinutiaeTemplateFields> for MinutiaeTemplate {
    type Error = ModelError;

    fn try_from(f: MinutiaeTemplateFields) -> Result<Self, Self::Error> {
        MinutiaeTemplate::new(f.width, f.height, f.resolution_ppi, f.minutiae)
    }
}

impl MinutiaeTemplate {
    /// Checks the geometry (1–4096 px, 250–2000 ppi), every minutia (inside the image, finite
    /// direction, quality ≤ 100) and the count (≤ 255), normalising directions to `[0, 360)`.
    pub fn new(
        width: u16,
        height: u16,
        resolution_ppi: u16,
        mut minutiae: Vec<Minutia>,
    ) -> Result<Self, ModelError> {
        const WHAT: &str = "minutiae template";
        for (what, value) in [("image width", width), ("image height", height)] {
            if !(1..=4096).contains(&value) {
                return Err(ModelError::OutOfRange { what, min: 1, max: 4096, value: value.into() });
            }
        }
        if !(250..=2000).contains(&resolution_ppi) {
            return Err(ModelError::OutOfRange {
                what: "resolution (ppi)",
                min: 250,
                max: 2000,
                value: resolution_ppi.into(),
            });
        }
        if minutiae.len() > MAX_MINUTIAE {
            return Err(ModelError::OutOfRange {
                what: "number of minutiae",
                min: 0,
                max: MAX_MINUTIAE as i64,
                value: minutiae.len() as i64,
            });
        }
        for (i, m) in minutiae.iter_mut().enumerate() {
            if !m.direction.is_finite() {
                return Err(ModelError::NotFinite { what: "minutia direction" });
            }
            m.direction = m.direction.rem_euclid(360.0);
            if m.direction >= 360.0 {
                m.direction = 0.0;
            }
            if m.x >= width || m.y >= height {
                return Err(ModelError::Inconsistent {
                    what: WHAT,
                    reason: format!(
                        "minutia {i} at ({}, {}) lies outside the {width}x{height} image",
                        m.x, m.y
                    ),
                });
            }
            if m.quality > 100 {
                return Err(ModelError::OutOfRange {
                    what: "minutia quality",
                    min: 0,
                    max: 100,
                    value: m.quality.into(),
                });
            }
        }
        Ok(MinutiaeTemplate { width, height, resolution_ppi, minutiae })
    }

    /// Image width in pixels.
    pub fn width(&self) -> u16 {
        self.width
    }

    /// Image height in pixels.
    pub fn height(&self) -> u16 {
        self.height
    }

    /// Resolution in pixels per inch.
    pub fn resolution_ppi(&self) -> u16 {
        self.resolution_ppi
    }

    /// The minutiae.
    pub fn minutiae(&self) -> &[Minutia] {
        &self.minutiae
    }
}

/// How a fingerprint image is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
// Open: new encodings and record formats may be accepted; other crates match with a `_` arm.
#[non_exhaustive]
pub enum ImageEncoding {
    /// PNG (8-bit grey or colour, converted to grey).
    Png,
    /// TIFF (8-bit grey).
    Tiff,
    /// Raw 8-bit grey pixels, row by row; width and height are required.
    RawGray8,
}

/// A fingerprint image to extract minutiae from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FingerprintImage {
    /// The encoding of `data`.
    pub encoding: ImageEncoding,
    /// Width in pixels (required for raw images, checked against the header otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u16>,
    /// Height in pixels (required for raw images, checked against the header otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u16>,
    /// Resolution in pixels per inch.
    pub resolution_ppi: u16,
    /// The encoded image.
    pub data: Base64Bytes,
}

/// The standard a binary finger minutiae record follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MinutiaeRecordFormat {
    /// Detect ISO/IEC 19794-2 or ANSI INCITS 378 (2004/2005 and later) from the header.
    Auto,
    /// ISO/IEC 19794-2:2005.
    Iso19794_2_2005,
    /// ISO/IEC 19794-2:2011.
    Iso19794_2_2011,
    /// ANSI INCITS 378-2004.
    Ansi378_2004,
    /// ANSI INCITS 378-2009 (and its amendment 1).
    Ansi378_2009,
}

/// How a fingerprint sample is supplied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "format", rename_all = "snake_case")]
#[non_exhaustive]
pub enum FingerprintData {
    /// A minutiae template in the JSON model.
    Minutiae(MinutiaeTemplate),
    /// An image, from which minutiae are extracted.
    Image(FingerprintImage),
    /// A binary ISO/IEC 19794-2 or ANSI INCITS 378 minutiae record (first finger view).
    Record {
        /// The record's standard.
        standard: MinutiaeRecordFormat,
        /// The record's bytes.
        data: Base64Bytes,
    },
}

/// One finger's sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FingerprintSample {
    /// Which finger.
    pub position: FingerPosition,
    /// The sample itself.
    pub data: FingerprintData,
}

impl FingerprintSample {
    /// A sample of `position` given as a minutiae template.
    pub fn minutiae(position: FingerPosition, template: MinutiaeTemplate) -> Self {
        FingerprintSample { position, data: FingerprintData::Minutiae(template) }
    }
}

fn check_algorithm(value: &str) -> Result<String, ModelError> {
    const WHAT: &str = "face algorithm id";
    if value.is_empty() {
        return Err(ModelError::Empty { what: WHAT });
    }
    if value.len() > 64 {
        return Err(ModelError::TooLong { what: WHAT, max: 64, length: value.chars().count() });
    }
    if let Some(character) =
        value.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-' | '/' | '@')))
    {
        return Err(ModelError::InvalidCharacter { what: WHAT, character });
    }
    Ok(value.to_string())
}

validated_string!(
    /// The identity of the algorithm that produced a face embedding, for example
    /// `"vendor/model@2.1"`. Embeddings of different algorithms are never compared (BMS-09).
    FaceAlgorithm,
    check_algorithm,
    {"type": "string", "pattern": "^[A-Za-z0-9._:/@-]{1,64}$", "description": "Identity of the algorithm that produced a face embedding."}
);

/// Smallest accepted embedding dimension.
pub const MIN_FACE_DIMENSION: usize = 8;
/// Largest accepted embedding dimension.
pub const MAX_FACE_DIMENSION: usize = 4096;

/// A face template: an embedding vector, stored L2-normalised, tagged with its algorithm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "FaceTemplateFields")]
pub struct FaceTemplate {
    algorithm: FaceAlgorithm,
    /// Shared by clones: a stored record's template is also held by the sBMS's template store.
    #[serde(serialize_with = "serialize_shared_vector")]
    #[schemars(with = "Vec<f32>")]
    vector: Arc<[f32]>,
}

fn serialize_shared_vector<S: serde::Serializer>(
    vector: &Arc<[f32]>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(vector.iter())
}

/// A face template: an embedding vector tagged with its algorithm.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(rename = "FaceTemplate")]
struct FaceTemplateFields {
    /// The algorithm that produced the embedding.
    algorithm: FaceAlgorithm,
    /// The embedding (8–4096 finite values, not all zero); stored L2-normalised.
    vector: Vec<f32>,
}

impl TryFrom<FaceTemplateFields> for FaceTemplate {
    type Error = ModelError;

    fn try_from(f: FaceTemplateFields) -> Result<Self, Self::Error> {
        FaceTemplate::new(f.algorithm, f.vector)
    }
}

impl FaceTemplate {
    /// Checks the dimension (8–4096) and values (finite, not all zero) and L2-normalises.
    pub fn new(algorithm: FaceAlgorithm, mut vector: Vec<f32>) -> Result<Self, ModelError> {
        if !(MIN_FACE_DIMENSION..=MAX_FACE_DIMENSION).contains(&vector.len()) {
            return Err(ModelError::OutOfRange {
                what: "face embedding dimension",
                min: MIN_FACE_DIMENSION as i64,
                max: MAX_FACE_DIMENSION as i64,
                value: vector.len() as i64,
            });
        }
        if vector.iter().any(|v| !v.is_finite()) {
            return Err(ModelError::NotFinite { what: "face embedding value" });
        }
        let norm = vector.iter().map(|v| f64::from(*v) * f64::from(*v)).sum::<f64>().sqrt();
        if norm < 1e-12 {
            return Err(ModelError::Inconsistent {
                what: "face embedding",
                reason: "all values are zero".into(),
            });
        }
        for v in &mut vector {
            *v = (f64::from(*v) / norm) as f32;
        }
        Ok(FaceTemplate { algorithm, vector: vector.into() })
    }

    /// The algorithm that produced the embedding.
    pub fn algorithm(&self) -> &FaceAlgorithm {
        &self.algorithm
    }

    /// The L2-normalised embedding.
    pub fn vector(&self) -> &[f32] {
        &self.vector
    }
}

/// A face sample: the template and the capture device's quality estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FaceSample {
    /// The face template.
    pub template: FaceTemplate,
    /// Quality 0–100 reported by the capture process, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture_quality: Option<u8>,
}

/// A palm print sample. SIS alerts may carry them; the shared Biometric Matching Service never
/// makes templates of them (BMS-03).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PalmPrintSample {
    /// ANSI/NIST-ITL palm position code (20–38).
    pub position: u8,
    /// Minutiae of the palm print.
    pub template: MinutiaeTemplate,
}

/// A biometric modality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
// Open: new biometric modalities may be matched; other crates match with a `_` arm.
#[non_exhaustive]
pub enum Modality {
    /// Fingerprints.
    Fingerprint,
    /// Facial image or face template.
    Face,
    /// Palm prints.
    PalmPrint,
}

/// The biometric data of a record or a query.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct BiometricData {
    /// Fingerprint samples, at most one per finger.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fingerprints: Vec<FingerprintSample>,
    /// A face sample.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face: Option<FaceSample>,
    /// Palm prints (SIS only; never templated).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub palm_prints: Vec<PalmPrintSample>,
    /// An ANSI/NIST-ITL transaction file whose finger records add fingerprint samples.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ansi_nist: Option<Base64Bytes>,
}

impl BiometricData {
    /// Whether there is a fingerprint or a face sample (the data the sBMS can use).
    pub fn has_matchable_data(&self) -> bool {
        !self.fingerprints.is_empty() || self.face.is_some() || self.ansi_nist.is_some()
    }

    /// The modalities present, including palm prints.
    pub fn modalities(&self) -> Vec<Modality> {
        let mut out = Vec::new();
        if !self.fingerprints.is_empty() || self.ansi_nist.is_some() {
            out.push(Modality::Fingerprint);
        }
        if self.face.is_some() {
            out.push(Modality::Face);
        }
        if !self.palm_prints.is_empty() {
            out.push(Modality::PalmPrint);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutia(x: u16, y: u16, direction: f32) -> Minutia {
        Minutia { x, y, direction, kind: MinutiaKind::RidgeEnding, quality: 60 }
    }

    #[test]
    fn finger_positions_are_1_to_10() {
        assert!(FingerPosition::new(0).is_err());
        assert!(FingerPosition::new(11).is_err());
        assert_eq!(FingerPosition::new(10).unwrap().code(), 10);
        assert!(serde_json::from_str::<FingerPosition>("11").is_err());
        assert_eq!(serde_json::from_str::<FingerPosition>("3").unwrap().code(), 3);
    }

    #[test]
    fn templates_check_geometry_and_normalise_directions() {
        let t = MinutiaeTemplate::new(300, 400, 500, vec![minutia(10, 20, -90.0)]).unwrap();
        assert_eq!(t.minutiae()[0].direction, 270.0);
        assert!(MinutiaeTemplate::new(300, 400, 500, vec![minutia(300, 20, 0.0)]).is_err());
        assert!(MinutiaeTemplate::new(300, 400, 500, vec![minutia(1, 2, f32::NAN)]).is_err());
        assert!(MinutiaeTemplate::new(300, 400, 100, vec![]).is_err());
        let json = r#"{"width":10,"height":10,"resolution_ppi":500,"minutiae":[{"x":11,"y":1,"direction":0,"kind":"bifurcation","quality":0}]}"#;
        assert!(serde_json::from_str::<MinutiaeTemplate>(json).is_err());
    }

    #[test]
    fn face_templates_are_normalised() {
        let alg = FaceAlgorithm::new("test/synthetic@1").unwrap();
        let t = FaceTemplate::new(alg.clone(), vec![3.0, 4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]).unwrap();
        assert!((t.vector()[0] - 0.6).abs() < 1e-6);
        assert!(FaceTemplate::new(alg.clone(), vec![0.0; 8]).is_err());
        assert!(FaceTemplate::new(alg, vec![1.0; 4]).is_err());
    }
}
