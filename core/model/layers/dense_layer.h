#pragma once
// A fully connected layer Y = X Wᵀ + b over a batch, the building block of the MLP towers (Rendle
// et al. 2020 eq. 3 without its σ; activations are applied by the caller, see activation.h).
//
// Shapes: X is batch × in, W is out × in (row-major, the block "<name>.weights"), b is 1 × out
// (the block "<name>.bias"), Y is batch × out.

#include <string>

#include "core/model/layers/matrix.h"

namespace ll {

class DenseLayer {
 public:
  DenseLayer() = default;
  /// Adds the weight and bias blocks; weights ~ N(0, weightInitSd²), bias = biasInit.
  DenseLayer(Parameters& parameters, const std::string& name, int32_t inputs, int32_t outputs, float weightInitSd,
             float biasInit = 0.0f);

  int32_t inputs() const { return inputs_; }
  int32_t outputs() const { return outputs_; }
  int32_t weightBlock() const { return weights_; }
  int32_t biasBlock() const { return bias_; }

  /// Y = X Wᵀ + b
  void forward(const Parameters& parameters, const RowMatrix& x, RowMatrix& y) const;
  /// Adds ∂/∂W = dYᵀ X and ∂/∂b = Σ_rows dY; writes dX = dY W when dX is given.
  void backward(const Parameters& parameters, const RowMatrix& x, const RowMatrix& dY, Gradients& gradients,
                RowMatrix* dX) const;

 private:
  int32_t inputs_ = 0;
  int32_t outputs_ = 0;
  int32_t weights_ = -1;
  int32_t bias_ = -1;
};

}  // namespace ll
