#pragma once
// Error metrics of predicted ratings against true ones.

#include <cstdint>
#include <span>

namespace ll {

struct RatingErrors {
  double mae = 0.0;
  double rmse = 0.0;
  int64_t count = 0;
};

/// predictions[k] is compared with truth[k]; both the same length. An empty input gives zeros.
RatingErrors ratingErrors(std::span<const float> predictions, std::span<const float> truth);

}  // namespace ll
