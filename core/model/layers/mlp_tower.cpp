#include "core/model/layers/mlp_tower.h"

#include <algorithm>
#include <cmath>

#include "core/model/layers/activation.h"

namespace ll {

MlpTower::MlpTower(Parameters& parameters, const std::string& name, std::vector<int32_t> sizes, bool reluOnLast,
                   float outputBias, Activation hidden)
    : sizes_(std::move(sizes)), reluOnLast_(reluOnLast), hidden_(hidden) {
  for (size_t k = 0; k + 1 < sizes_.size(); ++k) {
    const bool last = k + 2 == sizes_.size();
    const float fanIn = static_cast<float>(std::max(sizes_[k], 1));
    // He initialisation before a ReLU; a plain 1/√fan-in before SELU (LeCun's, which SELU's fixed
    // point assumes), tanh and the linear output.
    const bool relu = (!last || reluOnLast_) && hidden_ == Activation::Relu;
    const float sd = relu ? std::sqrt(2.0f / fanIn) : 1.0f / std::sqrt(fanIn);
    layers_.emplace_back(parameters, name + "." + std::to_string(k), sizes_[k], sizes_[k + 1], sd,
                         last ? outputBias : 0.0f);
  }
}

void MlpTower::forward(const Parameters& parameters, const RowMatrix& x, Cache& cache, RowMatrix& y) const {
  cache.inputs.resize(layers_.size());
  cache.preActivations.resize(layers_.size());
  const RowMatrix* in = &x;
  for (size_t k = 0; k < layers_.size(); ++k) {
    cache.inputs[k] = *in;
    layers_[k].forward(parameters, cache.inputs[k], cache.preActivations[k]);
    if (hasActivation(k)) {
      activate(hidden_, cache.preActivations[k], y);
    } else {
      y = cache.preActivations[k];
    }
    in = &y;
  }
  if (layers_.empty()) y = x;
}

void MlpTower::backward(const Parameters& parameters, const Cache& cache, const RowMatrix& y, const RowMatrix& dY,
                        Gradients& gradients, RowMatrix* dX) const {
  if (layers_.empty()) {
    if (dX) *dX = dY;
    return;
  }
  RowMatrix dOut = dY, dPre, dIn;
  for (size_t k = layers_.size(); k-- > 0;) {
    if (hasActivation(k)) {
      // h of layer k is the next layer's input, or y for the last one.
      const RowMatrix& h = k + 1 < layers_.size() ? cache.inputs[k + 1] : y;
      activationBackward(hidden_, cache.preActivations[k], h, dOut, dPre);
    } else {
      dPre = dOut;
    }
    const bool needInput = k > 0 || dX;
    layers_[k].backward(parameters, cache.inputs[k], dPre, gradients, needInput ? &dIn : nullptr);
    if (k > 0) dOut.swap(dIn);
  }
  if (dX) *dX = std::move(dIn);
}

std::vector<int32_t> halvingSizes(int32_t in, int32_t hidden) {
  std::vector<int32_t> sizes = {in};
  for (int32_t k = 0; k < hidden; ++k) sizes.push_back(std::max(1, sizes.back() / 2));
  return sizes;
}

}  // namespace ll
