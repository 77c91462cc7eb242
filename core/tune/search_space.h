#pragma once
// What `tune` searches, per model: the one table the README's "Tuning" section mirrors (a
// user-facing contract — change both together).
//
//   models trained by per-sample SGD (the recommendation for mf, gmf and svdpp on ratings):
//     optimizer sgd, batch 1; learning rate log-uniform [0.002, 0.05]; λ log-uniform [0.01, 0.5];
//     z ∈ {16, 32, 64, 128}; at most 100 epochs.
//   every other model, and every model in implicit mode (Adam):
//     learning rate log-uniform [1e-4, 3e-2]; λ log-uniform [1e-6, 1e-2]; batch ∈ {64, 128, 256,
//     512}; z ∈ {8, 16, 32, 64, 128} (none for user-bias and linear); the recommendation's epochs.
//
// λ means different things under the two optimizers, hence the two ranges: per-sample SGD applies
// ½λ‖row‖² at every rating that touches a row (λ ≈ 0.1 for mf on ML-100K-sized data, as in Funk's
// and Koren's SGD), while a mini-batch step adds λθ once per batch to a gradient averaged over the
// batch, so the same shrinkage needs a λ smaller by about the batch size. Adam on mf was measured
// 0.006+ behind per-sample SGD in 5-fold test RMSE on the calibrated world (recommended_training.h
// has the validation figures), so the SGD models search SGD only.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/model/model_config.h"
#include "core/train/optimizer.h"
#include "core/train/train_params.h"

namespace ll {

/// A log-uniform range [low, high], low > 0.
struct LogRange {
  double low = 0.0;
  double high = 0.0;
};

struct SearchSpace {
  OptimizerKind optimizer = OptimizerKind::Adam;  ///< fixed per model: its recommendation's
  LogRange learningRate;
  LogRange l2;
  std::vector<int32_t> batchSizes;  ///< one value: not searched
  std::vector<int32_t> dims;        ///< empty: the model has no z; one value: not searched
  int32_t maxEpochs = 0;            ///< R, the longest a configuration trains (the recommendation's epoch limit)

  /// How many coordinates a proposal has: learning rate, λ, then z and batch where searched.
  int32_t coordinates() const;
};

/// One configuration to try. dim is 0 for models without z.
struct TrialSettings {
  OptimizerKind optimizer = OptimizerKind::Adam;
  float learningRate = 0.0f;
  float l2 = 0.0f;
  int32_t batchSize = 1;
  int32_t dim = 0;

  bool operator==(const TrialSettings&) const = default;
};

SearchSpace searchSpace(ModelKind kind, bool implicit);

/// The settings at a point of the unit cube (point.size() == space.coordinates(), each in [0, 1)).
/// Learning rate and λ are rounded to 3 significant digits, so the settings printed for `cv` and
/// `train` are exactly the ones tried.
TrialSettings settingsAt(const SearchSpace& space, std::span<const double> point);

/// The space's settings written into a run's configuration.
void applySettings(const TrialSettings& settings, ModelConfig& model, TrainParams& train);

/// "sgd lr 0.0123 λ 0.0456 batch 1 z 64" (z left out for models without one).
std::string describeSettings(const TrialSettings& settings);

}  // namespace ll
