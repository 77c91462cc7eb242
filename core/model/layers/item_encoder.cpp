#include "core/model/layers/item_encoder.h"

#include <cmath>

namespace ll {

ItemEncoder::ItemEncoder(Parameters& parameters, const std::string& name, int32_t outputs, const ItemFeatures& features,
                         int32_t items, ItemInput input, float featureInitSd, float idInitSd)
    : features_(&features), outputs_(outputs) {
  if (input != ItemInput::Id) {
    featureBlock_ = parameters.add(name + ".features", outputs, features.count, false, featureInitSd);
  }
  if (input != ItemInput::Features) id_.block = parameters.add(name + ".id", items, outputs, true, idInitSd);
}

void ItemEncoder::forward(const Parameters& parameters, std::span<const int32_t> items, RowMatrix& x,
                          RowMatrix& out) const {
  const auto batch = static_cast<Eigen::Index>(items.size());
  if (usesFeatures()) {
    const int32_t n = features_->count;
    x.resize(batch, n);
    for (Eigen::Index s = 0; s < batch; ++s) x.row(s) = Eigen::Map<const Eigen::RowVectorXf>(features_->row(items[s]), n);
    out.noalias() = x * matrixOf(parameters[featureBlock_]).transpose();
  } else {
    x.resize(0, 0);
    out.setZero(batch, outputs_);
  }
  if (usesId()) {
    RowMatrix rows;
    id_.forward(parameters, items, rows);
    out += rows;
  }
}

void ItemEncoder::backward(std::span<const int32_t> items, const RowMatrix& x, const RowMatrix& dOut,
                           Gradients& gradients) const {
  if (usesFeatures()) gradientMatrix(gradients, featureBlock_, outputs_).noalias() += dOut.transpose() * x;
  if (usesId()) id_.backward(items, dOut, gradients);
}

}  // namespace ll
