#pragma once
// The shared update step: θ ← θ − lr · direction(g + λθ), for SGD, Adam, RMSprop and AdaGrad.
// Row-sparse blocks are updated only on the rows the batch touched (their moments too: "lazy"
// Adam/RMSprop/AdaGrad, as sparse embedding optimizers do), so an update costs what the batch used.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/data/setting_error.h"
#include "core/model/parameters.h"

namespace ll {

enum class OptimizerKind { Sgd, Adam, RmsProp, AdaGrad };

std::string_view optimizerName(OptimizerKind kind);
/// "sgd", "adam", "rmsprop", "adagrad"; throws SettingError(Setting::Optimizer) otherwise.
OptimizerKind parseOptimizer(std::string_view name);

struct OptimizerParams {
  OptimizerKind kind = OptimizerKind::Adam;  ///< (default: adam)
  float l2 = 0.001f;  ///< λ of the L2 penalty ½λ‖θ‖² on the rows a batch used; tuned on the synthetic world's validation split (default: 0.001)
  float beta1 = 0.9f;                        ///< Adam (default: 0.9)
  float beta2 = 0.999f;                      ///< Adam; RMSprop's decay (default: 0.999)
  float epsilon = 1e-8f;                     ///< (default: 1e-8)
};

class Optimizer {
 public:
  Optimizer(const Parameters& parameters, const OptimizerParams& params);

  void step(Parameters& parameters, const Gradients& gradients, float learningRate);

  /// Moments, for checkpoints: one vector per block per moment (empty when unused).
  std::vector<std::vector<float>>& firstMoments() { return first_; }
  std::vector<std::vector<float>>& secondMoments() { return second_; }
  /// Per-row step counts of row-sparse blocks (Adam's bias correction), and the dense step count.
  std::vector<std::vector<int32_t>>& rowSteps() { return rowSteps_; }
  int64_t& steps() { return steps_; }
  const OptimizerParams& params() const { return params_; }

 private:
  void update(float* value, const float* gradient, float* m, float* v, int32_t count, int64_t t, float learningRate,
              float l2) const;
  struct Correction {
    float sqrtSecond = 1.0f;  ///< √(1 − β₂ᵗ)
    float first = 1.0f;       ///< 1 − β₁ᵗ
  };
  Correction computeCorrection(int64_t t) const;
  /// Tabulates Adam's bias corrections up to step count t, until they reach 1 in float (every
  /// later t gives 1 too) or the table is full (odd β from a checkpoint).
  void extendCorrections(int64_t t);
  Correction correction(int64_t t) const;

  OptimizerParams params_;
  std::vector<std::vector<float>> first_;
  std::vector<std::vector<float>> second_;
  std::vector<std::vector<int32_t>> rowSteps_;
  int64_t steps_ = 0;
  std::vector<Correction> corrections_;  // by step count t (a row's own, in row-sparse blocks)
  bool correctionsSaturated_ = false;    // the last entry is {1, 1}, and so is every later one
};

}  // namespace ll
