#pragma once
// The baseline a model's "learns more than the mean rating tells" tests beat: the test RMSE of
// predicting every rating by the mean of the training ratings.

#include <cmath>

#include "core/data/dataset.h"
#include "core/data/split.h"

namespace ll::testing {

inline double globalMeanTestRmse(const Dataset& data, const Split& split) {
  const Ratings& r = data.ratings;
  double mean = 0.0;
  for (uint32_t k : split.train) mean += r.value[k];
  mean /= static_cast<double>(split.train.size());
  double squared = 0.0;
  for (uint32_t k : split.test) squared += std::pow(r.value[k] - mean, 2);
  return std::sqrt(squared / static_cast<double>(split.test.size()));
}

}  // namespace ll::testing
