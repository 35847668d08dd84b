//! ONNX's `Pow`, with a constant exponent of 3 wired as `x² · x`, for tract.
//!
//! The network's GELU activations are exported as `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`
//! with `x³` an ONNX `Pow`. tract 0.22 rewrites only the exponents 2 and 0.5 into cheap
//! operations and otherwise calls `powf` per element through a generic loop: 46 % of LEADER's
//! run time in a profile here. Other exponents are wired as tract does.

use tract_onnx::tract_hir::internal::*;
use tract_onnx::tract_hir::tract_core::ops::cast::wire_cast;
use tract_onnx::tract_hir::tract_core::ops::change_axes::wire_rank_broadcast;
use tract_onnx::tract_hir::tract_core::ops::math::{mul, pow, square};

/// ONNX `Pow` (same types for base and exponent, as in this network).
#[derive(Debug, Clone, Default, Hash)]
pub(super) struct CubeAwarePow;

/// Whether `outlet` is a constant whose every element is 3.
fn is_constant_three(model: &TypedModel, outlet: OutletId) -> TractResult<bool> {
    let fact = model.outlet_fact(outlet)?;
    let Some(konst) = &fact.konst else { return Ok(false) };
    let values = konst.cast_to::<f32>()?;
    let values = values.as_slice::<f32>()?;
    Ok(!values.is_empty() && values.iter().all(|&v| v == 3.0))
}

impl Expansion for CubeAwarePow {
    fn name(&self) -> StaticName {
        "CubeAwarePow".into()
    }

    fn rules<'r, 'p: 'r, 's: 'r>(
        &'s self,
        s: &mut Solver<'r>,
        inputs: &'p [TensorProxy],
        outputs: &'p [TensorProxy],
    ) -> InferenceResult {
        check_input_arity(inputs, 2)?;
        check_output_arity(outputs, 1)?;
        s.equals(&inputs[0].datum_type, &outputs[0].datum_type)?;
        s.with(&inputs[0].shape, move |s, base| {
            s.with(&inputs[1].shape, move |s, exponent| {
                if let Ok(Some(shape)) =
                    tract_onnx::tract_hir::infer::helpers::infer_shape_broadcasting(&[&base, &exponent])
                {
                    s.equals(&outputs[0].shape, shape)?;
                }
                Ok(())
            })
        })
    }

    fn wire(&self, name: &str, model: &mut TypedModel, inputs: &[OutletId]) -> TractResult<TVec<OutletId>> {
        let base_type = model.outlet_fact(inputs[0])?.datum_type;
        let exponent_type = model.outlet_fact(inputs[1])?.datum_type;
        let exponent_volume = model.outlet_fact(inputs[1])?.shape.volume();
        // x³ as x²·x when the exponent cannot change the base's shape (a scalar or one element).
        if base_type.is_float() && exponent_volume.is_one() && is_constant_three(model, inputs[1])? {
            let squared = model.wire_node(format!("{name}.square"), square(), &[inputs[0]])?;
            return model.wire_node(name, mul(), &[squared[0], inputs[0]]);
        }
        let operating = base_type.common_super_type(exponent_type).context("no common type for Pow")?;
        let wires = wire_rank_broadcast(name, model, inputs)?;
        let wires = wire_cast(name, model, &wires, operating)?;
        model.wire_node(name, pow(), &wires)
    }
}
