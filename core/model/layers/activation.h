#pragma once
// Element-wise activations σ and their derivatives, applied to whole batch matrices.

#include "core/model/layers/matrix.h"
#include "core/model/model_config.h"

namespace ll {

/// h = σ(z)
void activate(Activation activation, const RowMatrix& z, RowMatrix& h);
/// dZ = dH ⊙ σ'(z), using h = σ(z) where that is cheaper.
void activationBackward(Activation activation, const RowMatrix& z, const RowMatrix& h, const RowMatrix& dH, RowMatrix& dZ);

}  // namespace ll
