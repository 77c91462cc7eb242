#pragma once
// What a run records per epoch: the curves of the Curves panel and of `train`'s output.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/eval/pair_distance_correlation.h"
#include "core/eval/ranking_metrics.h"
#include "core/eval/rating_metrics.h"

namespace ll {

struct EpochRecord {
  int32_t epoch = 0;             ///< 1-based
  double trainLoss = 0.0;        ///< mean loss over the epoch's batches (as they went)
  RatingErrors validation;       ///< on the validation ratings (early stopping looks at rmse); empty in implicit mode
  RatingErrors test;             ///< on the test ratings; empty in implicit mode
  /// Mean loss on the validation ratings: ½·MSE, or in implicit mode the logistic loss on the
  /// validation positives and their sampled negatives (what early stopping watches there)
  double validationLoss = 0.0;
  std::optional<RankingMetrics> ranking;  ///< of the test items, in implicit mode or with the `last` split
  std::vector<PdcPoint> pdc;     ///< of the user embeddings on the test ratings (empty when not computed)
  float learningRate = 0.0f;     ///< used during this epoch
  int32_t batchSize = 0;         ///< used during this epoch
  double seconds = 0.0;          ///< wall time of the epoch's training (not its evaluation)
  double ratingsPerSecond = 0.0;
};

struct TrainingHistory {
  std::vector<EpochRecord> epochs;
  int32_t bestEpoch = 0;  ///< 1-based epoch with the lowest validation RMSE (validation loss in implicit mode; 0 before any)

  const EpochRecord* best() const { return bestEpoch > 0 ? &epochs[static_cast<size_t>(bestEpoch) - 1] : nullptr; }
  const EpochRecord* last() const { return epochs.empty() ? nullptr : &epochs.back(); }
};

}  // namespace ll
