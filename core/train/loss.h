#pragma once
// Losses compute only their value and their derivative with respect to the prediction; the
// optimizer applies learning rate and regularisation (one derivative per loss, one update step).

#include <cmath>
#include <span>

namespace ll {

enum class LossKind {
  Squared,   ///< ½ (ŷ − y)²
  Logistic,  ///< y ∈ {0, 1}, ŷ a logit: log(1 + e^ŷ) − y ŷ
};

inline double lossValue(LossKind kind, float prediction, float target) {
  if (kind == LossKind::Squared) return 0.5 * std::pow(static_cast<double>(prediction) - target, 2);
  const double p = prediction;
  return (p > 0 ? p + std::log1p(std::exp(-p)) : std::log1p(std::exp(p))) - target * p;
}

/// dLoss[s] = scale · ∂loss/∂ŷ at (predictions[s], targets[s]).
inline void lossGradient(LossKind kind, std::span<const float> predictions, std::span<const float> targets, float scale,
                         std::span<float> dLoss) {
  for (size_t s = 0; s < predictions.size(); ++s) {
    if (kind == LossKind::Squared) {
      dLoss[s] = scale * (predictions[s] - targets[s]);
    } else {
      const float sigmoid = 1.0f / (1.0f + std::exp(-predictions[s]));
      dLoss[s] = scale * (sigmoid - targets[s]);
    }
  }
}

}  // namespace ll
