#pragma once
// Where a user leaves the optimizer, learning rate, batch size, L2 and epoch limit unset, each model
// starts from its recommendation. Recommendations were chosen by validation RMSE (the seeded 10% of
// training ratings early stopping watches; never the test ratings) on the built-in synthetic world's
// official folds u1 and u2. Models without an entry of their own use TrainParams{}'s values.
//
//   mf: per-sample SGD (the block-partitioned fast path), lr 0.01, λ 0.1, up to 100 epochs. On the
//       synthetic world (dim 64) validation RMSE 0.817 / 0.830 on u1 / u2, against 0.839 / 0.851 for
//       Adam at λ 0.001 (the general default); Adam with λ ≥ 0.01 does far worse (0.96+), and
//       per-sample SGD at λ 0.05 or 0.2 is 0.01–0.02 behind λ 0.1.

#include <cstdint>

#include "core/model/model_config.h"
#include "core/train/train_params.h"

namespace ll {

struct TrainingRecommendation {
  OptimizerKind optimizer = TrainParams{}.optimizer.kind;
  float learningRate = TrainParams{}.learningRate;
  int32_t batchSize = TrainParams{}.batchSize;
  float l2 = TrainParams{}.optimizer.l2;
  int32_t epochs = TrainParams{}.epochs;
};

TrainingRecommendation recommendedTraining(ModelKind kind);

}  // namespace ll
