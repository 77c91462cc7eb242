#pragma once
// What `info` and the Data panel show about a data set: counts, sparsity, the rating histogram,
// ratings-per-user and per-movie distributions, features.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/data/dataset.h"

namespace ll {

struct CountDistribution {
  int64_t min = 0, median = 0, p90 = 0, max = 0;
  double mean = 0.0;
};

struct DatasetSummary {
  std::string format;
  std::string source;
  int64_t users = 0;
  int64_t items = 0;  ///< movies with at least one rating
  int64_t ratings = 0;
  double density = 0.0;  ///< ratings / (users × items)
  double meanRating = 0.0;
  float minRating = 0.0f, maxRating = 0.0f;
  std::vector<std::pair<float, int64_t>> histogram;  ///< (rating value, count), ascending values
  CountDistribution perUser, perItem;
  int32_t features = 0;
  std::string featureSource;
  int32_t featuresUncovered = 0;
  int32_t listedUnrated = 0;
  bool timestamps = false;
  std::vector<std::string> officialFolds;
};

DatasetSummary summarize(const Dataset& dataset);

}  // namespace ll
