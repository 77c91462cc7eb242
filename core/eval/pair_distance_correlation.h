#pragma once
// Pair-Distance Correlation (PDC paper, Algorithm 1): do users who rate alike sit close together in
// the embedding space? For every pair of users with at least t items rated by both in the
// evaluation ratings, dU = mean squared (or absolute) difference of their ratings on those items
// and dE = the distance of their embeddings; PDC = Pearson correlation of the dU and dE lists.
// Random embeddings score about 0; higher is better.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/data/ratings.h"
#include "core/util/thread_pool.h"

namespace ll {

struct PdcParams {
  std::vector<int32_t> thresholds = {1, 2, 4, 8, 16};  ///< minimum co-rated items per pair (default: 1,2,4,8,16)
  enum class RatingDistance { MeanSquared, MeanAbsolute };
  RatingDistance ratingDistance = RatingDistance::MeanSquared;  ///< dU (default: mean squared difference)
  enum class EmbeddingDistance { Euclidean, Cosine };
  EmbeddingDistance embeddingDistance = EmbeddingDistance::Euclidean;  ///< dE (default: Euclidean)
  /// Users are sampled (seeded) when more than this many have evaluation ratings; all pairs of
  /// the sample are used (default: 4000, about 8M pairs).
  int32_t maxUsers = 4000;
  /// Independent seeded user samples when sampling; the PDC reported is their mean and the spread
  /// their standard deviation (default: 5)
  int32_t samples = 5;
  uint64_t seed = 42;  ///< for the user samples (default: 42)
};

struct PdcPoint {
  int32_t threshold = 0;
  int64_t pairs = 0;           ///< user pairs with at least `threshold` co-rated items
  std::optional<double> pdc;   ///< undefined with fewer than 3 pairs or a constant list
  /// When sampled: the standard deviation of the PDC over the samples (n − 1 in the denominator;
  /// undefined with fewer than 2 samples where the PDC is defined). pairs is then the mean count.
  std::optional<double> spread;
};

struct PdcResult {
  std::vector<PdcPoint> points;  ///< one per threshold, in the order given
  int32_t usersEvaluated = 0;    ///< users with evaluation ratings considered (after sampling)
  int32_t usersWithRatings = 0;  ///< users with evaluation ratings before sampling
  bool sampled = false;
  int32_t samples = 1;           ///< user samples the points average (1 when all users are used)
};

/// ratings: the data set's ratings; evaluation: indices of the evaluation ratings into them.
/// Samples are evaluated on pool's threads (the caller's thread setting; one thread without a pool).
/// embeddings: users × dim, row-major, indexed by dense user.
PdcResult pairDistanceCorrelation(const Ratings& ratings, std::span<const uint32_t> evaluation,
                                  std::span<const float> embeddings, int32_t dim, const PdcParams& params = {},
                                  ThreadPool* pool = nullptr);

}  // namespace ll
