#include "core/eval/rating_metrics.h"

#include <cmath>
#include <stdexcept>

namespace ll {

RatingErrors ratingErrors(std::span<const float> predictions, std::span<const float> truth) {
  if (predictions.size() != truth.size()) throw std::invalid_argument("ratingErrors: sizes differ");
  RatingErrors e;
  e.count = static_cast<int64_t>(truth.size());
  if (truth.empty()) return e;
  double absolute = 0.0, squared = 0.0;
  for (size_t k = 0; k < truth.size(); ++k) {
    const double d = static_cast<double>(predictions[k]) - truth[k];
    absolute += std::fabs(d);
    squared += d * d;
  }
  e.mae = absolute / static_cast<double>(e.count);
  e.rmse = std::sqrt(squared / static_cast<double>(e.count));
  return e;
}

}  // namespace ll
