#pragma once
// Many of our models predict a rating that is affine in the user embedding e:
//   ŷ(e, i) = offset_i + e · direction_i
//   user-bias, linear   e = [b_u]           direction_i = [1]
//   mf                  e = [p_u; b_u]      direction_i = [q_i; 1]
//   svdpp               e = [p_u + |N(u)|^-½ Σ y_j; b_u]   direction_i = [q_i; 1]
//   fm                  e = [v_u; w_u]      direction_i = [Σ_{j∈item} v_j x_j; 1]
//   tensor              e = e_u             direction_i = a + T x_i
// With this form an analysis can predict for any vector in the user space (a cluster centroid, a
// folded-in user, the population mean) without a row in the model's user table. add and mul are
// not affine in e (σ sits between e and ŷ); they have no form.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/model/model.h"

namespace ll {

struct UserAffineForm {
  int32_t items = 0;
  int32_t dim = 0;                 ///< = the model's userEmbeddingDim()
  std::vector<float> offset;       ///< items
  std::vector<float> direction;    ///< items × dim, row-major
  int32_t biasCoordinate = -1;     ///< the coordinate of e that is a plain user bias (direction 1), or -1

  const float* directionOf(int32_t item) const { return direction.data() + static_cast<size_t>(item) * dim; }
  /// ŷ(e, item), unclipped.
  float predict(std::span<const float> e, int32_t item) const;
  /// ŷ(e, i) for every item; out has `items` entries.
  void predictAll(std::span<const float> e, std::span<float> out) const;
};

/// Whether models of this kind have a form (known before one is built or trained).
bool isUserAffine(ModelKind kind);

/// The form of the model's predictions, or nullopt when the model is not affine in e.
std::optional<UserAffineForm> userAffineForm(const Model& model);

}  // namespace ll
