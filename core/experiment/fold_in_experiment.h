#pragma once
// The fold-in experiment (Latent Spaces 2021 §3.8, §4.6, Table 2): users held out of
// training whole; for each n, each held-out user's vector is folded in from n of their ratings
// (revealed in a seeded random order) and the MSE is measured on the rest of their ratings, beside
// the MSE of predicting each movie's mean rating. Repeated over several dimensions k, the plain
// pseudo-inverse shows a peak near n ≈ k.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/analysis/analysis_progress.h"
#include "core/analysis/fold_in.h"
#include "core/data/split.h"
#include "core/model/model.h"
#include "core/train/train_params.h"

namespace ll {

struct FoldInExperimentParams {
  std::vector<int32_t> knownCounts = defaultKnownCounts();  ///< the values of n (default: 1..40)
  FoldInParams foldIn;    ///< ridge (default: 0, the pseudo-inverse)
  bool clip = false;      ///< clip predictions to the rating scale; off to show the raw least squares, as Latent Spaces 2021 (default: false)
  uint64_t seed = 1;      ///< the order in which each user's ratings are revealed (default: 1)

  static std::vector<int32_t> defaultKnownCounts();
};

struct FoldInPoint {
  int32_t known = 0;         ///< n
  int32_t users = 0;         ///< held-out users with more than n ratings (the others are skipped at this n)
  int64_t predictions = 0;   ///< ratings predicted (each user's ratings after the first n)
  double mse = 0.0;          ///< of the folded-in predictions (NaN when nothing was predicted)
  double baselineMse = 0.0;  ///< of the movies' mean training ratings on the same ratings
};

struct FoldInCurve {
  int32_t dimension = 0;     ///< the model's config().dim (k)
  double ridge = 0.0;
  std::vector<FoldInPoint> points;  ///< one per known count, in the order given
  bool cancelled = false;
};

/// The curve for one trained model affine in its user embedding (mf, fm, tensor, linear,
/// user-bias); throws std::invalid_argument for add and mul. heldOutUsers: users the model was not
/// trained on (Split::heldOutUsers); their ratings in the model's data set are the material. The
/// baseline's movie means come from the other users' ratings.
FoldInCurve foldInCurve(const Model& model, std::span<const int32_t> heldOutUsers, const FoldInExperimentParams& params = {},
                        const AnalysisProgress& progress = {});

struct FoldInSweepParams {
  std::vector<int32_t> dimensions = {1, 2, 4, 8, 16};  ///< k values, one model trained per k (default: 1, 2, 4, 8, 16)
  ModelConfig model;            ///< kind and everything but dim (default: mf)
  TrainParams train;            ///< (default: TrainParams defaults)
  SplitSpec split = usersSplit();  ///< must hold users out whole (default: users:0.1)
  SplitParams splitParams;      ///< (default: seed 42)
  FoldInExperimentParams experiment;

  static SplitSpec usersSplit();
};

/// Trains one model per dimension on the split and runs foldInCurve on its held-out users.
/// progress covers the whole sweep; a cancelled sweep returns the curves finished so far plus the
/// cancelled one. Throws InputError when the split does not hold out users.
std::vector<FoldInCurve> foldInSweep(std::shared_ptr<const Dataset> data, const FoldInSweepParams& params = {},
                                     const AnalysisProgress& progress = {});

}  // namespace ll
