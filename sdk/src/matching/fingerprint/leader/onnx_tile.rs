//! ONNX's `Tile` wired as concatenations, for tract.
//!
//! Keras' `UpSampling2D` in the tf2onnx export of LEADER is `ExpandDims`, `Tile` (×2 on the new
//! axis of size 1) and `Reshape`. tract 0.22 turns such a tile into a broadcast, and its declutter
//! pass then folds the broadcast into the 1×1 convolution (an EinSum) that follows while keeping
//! the broadcast axis at size 1 in the EinSum's output, which fails the pass ("Trying to
//! substitute a 1,4,384,208,2 by 1,4,384,208,1"). Without declutter, tract cannot optimise the
//! network and runs it an order of magnitude slower. A tile is exactly `m` copies of the input
//! concatenated along each axis whose multiplier `m` is above 1; wired that way, the pass has no
//! broadcast to fold.

use tract_onnx::tract_hir::internal::*;
use tract_onnx::tract_hir::ops::array::{Tile, TypedConcat};

/// ONNX `Tile` with constant multipliers, as concatenations.
#[derive(Debug, Clone, Default, Hash)]
pub(super) struct TileAsConcat;

impl Expansion for TileAsConcat {
    fn name(&self) -> StaticName {
        "TileAsConcat".into()
    }

    fn rules<'r, 'p: 'r, 's: 'r>(
        &'s self,
        s: &mut Solver<'r>,
        inputs: &'p [TensorProxy],
        outputs: &'p [TensorProxy],
    ) -> InferenceResult {
        // The shapes are ONNX Tile's: tract's own rules are right.
        Tile.rules(s, inputs, outputs)
    }

    fn wire(&self, prefix: &str, model: &mut TypedModel, inputs: &[OutletId]) -> TractResult<TVec<OutletId>> {
        let Some(multipliers) = model.outlet_fact(inputs[1])?.konst.clone() else {
            bail!("the multipliers of {prefix} are not a constant")
        };
        let multipliers = multipliers.cast_to::<i64>()?;
        let mut wire = inputs[0];
        for (axis, &copies) in multipliers.as_slice::<i64>()?.iter().enumerate() {
            if copies < 1 {
                bail!("{prefix}: multiplier {copies} on axis {axis}");
            }
            if copies > 1 {
                let copies = vec![wire; copies as usize];
                wire = model.wire_node(format!("{prefix}.axis{axis}"), TypedConcat { axis }, &copies)?[0];
            }
        }
        Ok(tvec!(wire))
    }
}
