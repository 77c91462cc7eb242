#pragma once
// The first layer of an encoder over a sparse rating profile (NRP paper: a user's rating row, or a
// movie's rating column, fed to fully connected layers). A dense layer over the whole row would be
// users × items wide; as the row is sparse, W r = Σ_j r_j W[:, j] is a weighted sum of the table
// rows of the ids in the profile — an embedding bag, never materialising the row.
//
// Shapes: the table is (other side's count) × outputs, row-sparse; out is batch × outputs.

#include <span>

#include "core/model/layers/matrix.h"
#include "core/model/rating_profiles.h"

namespace ll {

struct ProfileEncoder {
  int32_t table = -1;  ///< block in the model's Parameters

  /// out[s] = Σ_j weight_j · table[id_j] over the profile of entities[s].
  void forward(const Parameters& parameters, const SparseProfiles& profiles, std::span<const int32_t> entities,
               RowMatrix& out) const {
    const ParameterBlock& t = parameters[table];
    out.setZero(static_cast<Eigen::Index>(entities.size()), t.cols);
    for (size_t s = 0; s < entities.size(); ++s) {
      const auto ids = profiles.idsOf(entities[s]);
      const auto weights = profiles.weightsOf(entities[s]);
      auto row = out.row(static_cast<Eigen::Index>(s));
      for (size_t j = 0; j < ids.size(); ++j) row += weights[j] * Eigen::Map<const Eigen::RowVectorXf>(t.row(ids[j]), t.cols);
    }
  }

  /// table[id_j] += weight_j · dOut[s] for every profile entry.
  void backward(const SparseProfiles& profiles, std::span<const int32_t> entities, const RowMatrix& dOut,
                Gradients& gradients) const {
    const auto cols = dOut.cols();
    for (size_t s = 0; s < entities.size(); ++s) {
      const auto ids = profiles.idsOf(entities[s]);
      const auto weights = profiles.weightsOf(entities[s]);
      const auto d = dOut.row(static_cast<Eigen::Index>(s));
      for (size_t j = 0; j < ids.size(); ++j) Eigen::Map<Eigen::RowVectorXf>(gradients.row(table, ids[j]), cols) += weights[j] * d;
    }
  }
};

}  // namespace ll
