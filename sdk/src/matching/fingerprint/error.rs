//! The error of the fingerprint engine.

use crate::model::{ImageEncoding, ModelError};

/// Why a fingerprint image or template was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FingerprintError {
    /// The image bytes could not be decoded as the declared encoding.
    #[error("the {encoding:?} image cannot be decoded: {reason}")]
    UndecodableImage {
        /// The declared encoding.
        encoding: ImageEncoding,
        /// What the decoder reported.
        reason: String,
    },
    /// The image geometry is unusable: missing or inconsistent width and height, a buffer of the
    /// wrong size, a resolution outside 250–2000 ppi, or a size outside what extraction handles.
    #[error("unusable fingerprint image: {reason}")]
    ImageGeometry {
        /// What is wrong.
        reason: String,
    },
    /// The template has too few minutiae to be compared (an empty template included).
    #[error("the template has {found} usable minutiae; at least {min} are needed")]
    TooFewMinutiae {
        /// Usable minutiae found.
        found: usize,
        /// The minimum the matcher needs.
        min: usize,
    },
    /// The chosen extractor cannot run here: the SDK was built without it, its model file is
    /// missing or not the pinned one, or the model failed on this input.
    #[error("the {extractor} extractor cannot run: {reason}")]
    ExtractorUnavailable {
        /// The extractor's name (`leader`).
        extractor: &'static str,
        /// Why.
        reason: String,
    },
    /// Building the extracted template broke a rule of the data model.
    #[error(transparent)]
    Model(#[from] ModelError),
}
