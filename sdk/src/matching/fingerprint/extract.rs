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
