#pragma once
// What `info` and the Data panel show about a data set: counts, sparsity, the rating histogram and
// spread, ratings-per-user and per-movie distributions, the spread of user and movie means and how
// popularity goes with quality, features, side information.

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace ll {

/// Order statistics of a count per entity (ratings per user, ratings per movie).
/// Quantiles use the nearest-rank rule: q-th = sorted[ceil(q·n) − 1].
struct CountQuantiles {
  int64_t min = 0;
  int64_t median = 0;
  int64_t p90 = 0;
  int64_t max = 0;
  double mean = 0.0;
};

struct RatingHistogram {
  std::vector<std::string> labels;  ///< one per bin: "1", "1.5", … or "[1.0, 1.4)" on a free scale
  std::vector<int64_t> counts;      ///< ratings per bin, same size as labels
  double binWidth = 1.0;
};

struct DatasetSummary {
  std::string format;
  std::string source;
  int32_t users = 0;
  int32_t items = 0;
  int64_t ratings = 0;
  double density = 0.0;  ///< ratings / (users × items); sparsity is 1 − density
  float minRating = 0.0f;
  float maxRating = 0.0f;
  double meanRating = 0.0;
  double ratingSd = 0.0;      ///< population sd of all ratings
  double userMeanSd = 0.0;    ///< population sd, over users with ratings, of each user's mean rating
  double itemMeanSd = 0.0;    ///< the same over movies
  /// Pearson correlation, over movies with ratings, of log(the movie's rating count) with its mean
  /// rating: how much popular films are rated higher (ML-100K: 0.52); 0 when undefined.
  double popularityMeanCorrelation = 0.0;
  RatingHistogram histogram;
  CountQuantiles perUser;
  CountQuantiles perItem;
  int32_t featureCount = 0;
  int32_t genreFeatures = 0;
  std::string featureSource;
  int32_t featureUncoveredItems = 0;
  int32_t listedUnrated = 0;
  int32_t titledItems = 0;  ///< items with a catalogue title
  bool hasTimestamps = false;
  int32_t firstYear = 0;  ///< UTC years of the earliest and latest rating (0 without timestamps)
  int32_t lastYear = 0;
  bool hasUserInfo = false;
  std::vector<std::string> officialTestSets;
};

DatasetSummary summarizeDataset(const Dataset& dataset);

}  // namespace ll
