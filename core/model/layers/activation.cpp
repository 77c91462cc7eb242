#include "core/model/layers/activation.h"

namespace ll {

void activate(Activation activation, const RowMatrix& z, RowMatrix& h) {
  switch (activation) {
    case Activation::Identity: h = z; break;
    case Activation::Sigmoid: h = (1.0f + (-z.array()).exp()).inverse().matrix(); break;
    case Activation::Tanh: h = z.array().tanh().matrix(); break;
    case Activation::Relu: h = z.array().max(0.0f).matrix(); break;
  }
}

void activationBackward(Activation activation, const RowMatrix& z, const RowMatrix& h, const RowMatrix& dH,
                        RowMatrix& dZ) {
  switch (activation) {
    case Activation::Identity: dZ = dH; break;
    case Activation::Sigmoid: dZ = (dH.array() * h.array() * (1.0f - h.array())).matrix(); break;
    case Activation::Tanh: dZ = (dH.array() * (1.0f - h.array().square())).matrix(); break;
    case Activation::Relu: dZ = (dH.array() * (z.array() > 0.0f).cast<float>()).matrix(); break;
  }
}

}  // namespace ll
