#include "core/analysis/fold_in.h"

#include <Eigen/Core>
#include <Eigen/QR>
#include <cmath>

namespace ll {

std::vector<float> foldInUser(const UserAffineForm& form, std::span<const int32_t> items, std::span<const float> ratings,
                              const FoldInParams& params) {
  const Eigen::Index d = form.dim;
  const auto n = static_cast<Eigen::Index>(items.size());
  std::vector<float> out(static_cast<size_t>(d), 0.0f);
  if (n == 0 || d == 0) return out;
  // Ridge as an augmented least-squares problem [M; √λ P] u = [r − offset; 0], so both cases go
  // through the same rank-revealing solver (minimum-norm when under-determined).
  const bool ridge = params.ridge > 0.0;
  const Eigen::Index extra = ridge ? d : 0;
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n + extra, d);
  Eigen::VectorXd y = Eigen::VectorXd::Zero(n + extra);
  for (Eigen::Index s = 0; s < n; ++s) {
    const int32_t item = items[static_cast<size_t>(s)];
    const float* direction = form.directionOf(item);
    for (Eigen::Index f = 0; f < d; ++f) a(s, f) = direction[f];
    y(s) = static_cast<double>(ratings[static_cast<size_t>(s)]) - form.offset[static_cast<size_t>(item)];
  }
  if (ridge) {
    const double root = std::sqrt(params.ridge);
    for (Eigen::Index f = 0; f < d; ++f) a(n + f, f) = f == form.biasCoordinate ? 0.0 : root;
  }
  const Eigen::VectorXd u = Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>(a).solve(y);
  for (Eigen::Index f = 0; f < d; ++f) out[static_cast<size_t>(f)] = static_cast<float>(u(f));
  return out;
}

}  // namespace ll
