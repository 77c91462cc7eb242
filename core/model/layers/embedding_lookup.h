#pragma once
// An embedding table (rows × dim, row-sparse): forward gathers the rows of a batch's ids, backward
// scatters the output gradient back into those rows only.

#include <span>

#include "core/model/layers/matrix.h"

namespace ll {

struct EmbeddingLookup {
  int32_t block = -1;  ///< the table in the model's Parameters

  /// out: ids.size() × dim
  void forward(const Parameters& parameters, std::span<const int32_t> ids, RowMatrix& out) const {
    const ParameterBlock& table = parameters[block];
    out.resize(static_cast<Eigen::Index>(ids.size()), table.cols);
    for (size_t s = 0; s < ids.size(); ++s) {
      out.row(static_cast<Eigen::Index>(s)) = Eigen::Map<const Eigen::RowVectorXf>(table.row(ids[s]), table.cols);
    }
  }
  /// dOut: ids.size() × dim
  void backward(std::span<const int32_t> ids, const RowMatrix& dOut, Gradients& gradients) const {
    const auto cols = dOut.cols();
    for (size_t s = 0; s < ids.size(); ++s) {
      Eigen::Map<Eigen::RowVectorXf>(gradients.row(block, ids[s]), cols) += dOut.row(static_cast<Eigen::Index>(s));
    }
  }
};

}  // namespace ll
