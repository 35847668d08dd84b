//! ONNX's `Reshape` as the standard defines it, for tract.
//!
//! In an ONNX `Reshape`, a 0 in the target shape copies the input's dimension *at the same
//! index*. tract 0.22 reads it TensorFlow's way instead, taking the next input dimension not yet
//! consumed; the two agree while input and output have the same rank but not otherwise. The
//! tf2onnx export of LEADER relies on the standard's reading where the rank changes
//! (`Unsqueeze` to `[1, 1, H, W, 1]`, then `Reshape` to `[-1, 1, 0, 0]`, i.e. `[1, 1, H, W]`),
//! and with tract's the model cannot even be analysed (`stem0_conc` gets `H·W` images of one
//! pixel). This op replaces each 0 by the input dimension at its index, then hands the
//! now zero-free shape to tract's own reshaping.

use tract_onnx::tract_hir::internal::*;
use tract_onnx::tract_hir::tract_core::ops::change_axes::{
    compute_shape_with_tf_rules, to_axis_ops_with_tf_rules,
};

/// ONNX `Reshape` with the standard's meaning of 0 (and no `allowzero`, which the model does
/// not use).
#[derive(Debug, Clone, Default, Hash)]
pub(super) struct OnnxReshape;

/// `spec` with each 0 replaced by the dimension of `input` at the same index.
fn zeros_copied(input: &[TDim], spec: &[TDim]) -> TractResult<TVec<TDim>> {
    spec.iter()
        .enumerate()
        .map(|(index, dim)| {
            if *dim == TDim::from(0) {
                input
                    .get(index)
                    .cloned()
                    .with_context(|| format!("0 at index {index} of {spec:?} beyond input {input:?}"))
            } else {
                Ok(dim.clone())
            }
        })
        .collect()
}

impl Expansion for OnnxReshape {
    fn name(&self) -> StaticName {
        "OnnxReshape".into()
    }

    fn rules<'r, 'p: 'r, 's: 'r>(
        &'s self,
        s: &mut Solver<'r>,
        inputs: &'p [TensorProxy],
        outputs: &'p [TensorProxy],
    ) -> InferenceResult {
        check_input_arity(inputs, 2)?;
        check_output_arity(outputs, 1)?;
        s.equals(&outputs[0].datum_type, &inputs[0].datum_type)?;
        s.given_2(&inputs[0].shape, &inputs[1].value, move |s, input, spec| {
            let spec = spec.cast_to::<TDim>()?;
            let spec = zeros_copied(&input, spec.as_slice::<TDim>()?)?;
            let output = compute_shape_with_tf_rules(&input, &spec)
                .with_context(|| format!("reshaping {input:?} to {spec:?}"))?;
            s.equals(&outputs[0].shape, ShapeFactoid::from(output))
        })
    }

    fn wire(&self, prefix: &str, model: &mut TypedModel, inputs: &[OutletId]) -> TractResult<TVec<OutletId>> {
        let Some(spec) = model.outlet_fact(inputs[1])?.konst.clone() else {
            bail!("the target shape of {prefix} is not a constant")
        };
        let input: TVec<TDim> = model.outlet_fact(inputs[0])?.shape.to_tvec();
        let spec = spec.cast_to::<TDim>()?;
        let spec = zeros_copied(&input, spec.as_slice::<TDim>()?)?;
        let mut wire = tvec!(inputs[0]);
        for (index, op) in to_axis_ops_with_tf_rules(&input, &spec)?.into_iter().enumerate() {
            wire = model.wire_node(format!("{prefix}.{index}"), op, &wire)?;
        }
        Ok(wire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_copies_the_input_dimension_at_its_index_even_when_the_rank_changes() {
        let input: TVec<TDim> = tvec![1.into(), 1.into(), 384.into(), 416.into(), 1.into()];
        let spec: TVec<TDim> = tvec![(-1).into(), 1.into(), 0.into(), 0.into()];
        let copied = zeros_copied(&input, &spec).unwrap();
        assert_eq!(copied, tvec![TDim::from(-1), 1.into(), 384.into(), 416.into()]);
        let output = compute_shape_with_tf_rules(&input, &copied).unwrap();
        assert_eq!(output, tvec![TDim::from(1), 1.into(), 384.into(), 416.into()]);
        // tract's own reading of the same spec is what this op exists to avoid.
        let tract_reading = compute_shape_with_tf_rules(&input, &spec).ok();
        assert_ne!(tract_reading, Some(output));
        assert!(zeros_copied(&input[..1], &spec).is_err());
    }
}
