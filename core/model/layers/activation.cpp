#include "core/model/layers/activation.h"

namespace ll {
namespace {

// SELU's constants (Klambauer et al. 2017): the fixed point of zero mean and unit variance.
constexpr float kSeluScale = 1.0507009873554805f;
constexpr float kSeluAlpha = 1.6732632423543772f;

}  // namespace

void activate(Activation activation, const RowMatrix& z, RowMatrix& h) {
  switch (activation) {
    case Activation::Identity: h = z; break;
    case Activation::Sigmoid: h = (1.0f + (-z.array()).exp()).inverse().matrix(); break;
    case Activation::Tanh: h = z.array().tanh().matrix(); break;
    case Activation::Relu: h = z.array().max(0.0f).matrix(); break;
    case Activation::Selu:
      h = (z.array() > 0.0f).select(kSeluScale * z.array(), (kSeluScale * kSeluAlpha) * (z.array().exp() - 1.0f)).matrix();
      break;
  }
}

void activationBackward(Activation activation, const RowMatrix& z, const RowMatrix& h, const RowMatrix& dH,
                        RowMatrix& dZ) {
  switch (activation) {
    case Activation::Identity: dZ = dH; break;
    case Activation::Sigmoid: dZ = (dH.array() * h.array() * (1.0f - h.array())).matrix(); break;
    case Activation::Tanh: dZ = (dH.array() * (1.0f - h.array().square())).matrix(); break;
    case Activation::Relu: dZ = (dH.array() * (z.array() > 0.0f).cast<float>()).matrix(); break;
    case Activation::Selu:
      dZ = (dH.array() * (z.array() > 0.0f).select(RowMatrix::Constant(z.rows(), z.cols(), kSeluScale).array(),
                                                    h.array() + kSeluScale * kSeluAlpha)).matrix();
      break;
  }
}

}  // namespace ll
