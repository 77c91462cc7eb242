#pragma once
// Where a user leaves the optimizer, learning rate, batch size, L2 or epoch limit unset, each model
// starts from its recommendation. Recommendations were chosen by validation score — the seeded 10%
// of training ratings early stopping watches, never the test ratings — on the built-in synthetic
// world. Models without an entry of their own use TrainParams{}'s values.
//
// Explicit ratings (validation RMSE on the official folds u1 and u2):
//   mf: per-sample SGD (the block-partitioned fast path), lr 0.01, λ 0.1, up to 100 epochs. At
//       dim 64, validation RMSE 0.817 / 0.830 on u1 / u2, against 0.839 / 0.851 for Adam at
//       λ 0.001 (the general default); Adam with λ ≥ 0.01 does far worse (0.96+), and per-sample
//       SGD at λ 0.05 or 0.2 is 0.01–0.02 behind λ 0.1.
//   svdpp: the same as mf (per-sample SGD, lr 0.01, λ 0.1, up to 100 epochs). z = 32, μ held at
//       the mean, validation RMSE on the calibrated world's u1: 0.9141 (best epoch 48), against
//       0.9152 at lr 0.02, 0.9163 at lr 0.03, 0.9308 at λ 0.05, 0.9431 at λ 0.2; on u2 / u3
//       lr 0.01 leads lr 0.02 too (0.9075 / 0.9189 against 0.9086 / 0.9210).
//   gmf: the same (per-sample SGD through the general trainer, lr 0.01, λ 0.1, up to 100 epochs).
//       z = 32, mean validation RMSE over the five official folds of the calibrated world
//       (synthetic:realism=ml100k) / the default world: 0.938 / 0.833, against 0.935 / 0.834 at lr
//       0.02, 0.938 / 0.835 at λ 0.05, 0.946 at λ 0.2, 0.937 at lr 0.005, and Adam batch 256 at
//       lr 0.005 λ 0.001 (the general default; 0.837 on the default world), 0.003 (0.958) or 0.01
//       (1.022). lr 0.01 and 0.02 are within the folds' spread; 0.01 wins on the default world
//       and stops later (≈ 18 epochs against 13). That grid ran with μ trained; with μ held at the
//       mean (generalized_mf.cpp), the chosen settings give 0.933 / 0.832.
//   bfm: 200 samples (sweeps), burn-in 20 (TrainParams), every feature group the data has but the
//       day (ModelConfig::bfmGroups); there is no optimizer, learning rate or L2 to choose. Held-out
//       RMSE on a random fifth of the calibrated world's u1 training ratings, k = 32, 120 samples:
//       user+movie 0.925, + implicit-user 0.914, + implicit-movie 0.905, + features 0.872,
//       + user-info 0.874, + day instead 0.881, all seven 0.887.
//       (the figures of README "Accuracy").
// Implicit feedback (Rendle et al. 2020's protocol: leave-last-out, m = 4; validation logistic
// loss), on a grid of Adam lr {0.001, 0.002, 0.005} × λ {0, 0.0001, 0.001} at z = 64, up to 100 epochs:
//   mf, gmf: λ 0.0001 (mf 0.3434 against 0.3547 at λ 0 and 0.409 at λ 0.001, the general default,
//       which holds every dot product near popularity ranking; gmf 0.3585 / 0.3696 / 0.500); lr
//       0.002 for mf (0.3434, tied with 0.005 and ahead of 0.001's 0.3438), 0.005 for gmf.
//   mlp, neumf: see recommended_training.cpp, measured the same way.
//   (gmf's figures are the old gmf's, before its biases and fixed-length weights; today's gmf
//   scores 0.343 at z = 32 with λ 0.0001, lr 0.005 on the default world: not searched again.)

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

/// The fields of a TrainParams a recommendation may set: those the user left unset.
struct TrainFieldSet {
  bool optimizer = false;
  bool learningRate = false;
  bool batchSize = false;
  bool l2 = false;
  bool epochs = false;

  static TrainFieldSet all() { return {true, true, true, true, true}; }
};

TrainingRecommendation recommendedTraining(ModelKind kind, bool implicit = false);

/// Sets the fields of params that `fields` names to the recommendation's values.
void applyRecommendation(const TrainingRecommendation& recommendation, const TrainFieldSet& fields, TrainParams& params);

}  // namespace ll
