#include "core/train/optimizer.h"

#include <cmath>
#include <string>

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#endif

#include "core/data/setting_error.h"

namespace ll {
namespace {

#if defined(__AVX2__) && defined(__FMA__)
// Adam on eight values at a time; returns how many it updated (a multiple of 8). The compiler
// leaves the scalar loop unvectorised, since std::sqrt may set errno (a branch per value): at
// batch 256, mf spent a third of its epoch in that loop.
int32_t adamLanes(float* value, const float* gradient, float* m, float* v, int32_t count, float stepSize, float l2,
                  const OptimizerParams& params) {
  const __m256 penalty = _mm256_set1_ps(l2), step = _mm256_set1_ps(stepSize), epsilon = _mm256_set1_ps(params.epsilon);
  const __m256 beta1 = _mm256_set1_ps(params.beta1), rest1 = _mm256_set1_ps(1.0f - params.beta1);
  const __m256 beta2 = _mm256_set1_ps(params.beta2), rest2 = _mm256_set1_ps(1.0f - params.beta2);
  int32_t k = 0;
  for (; k + 8 <= count; k += 8) {
    const __m256 x = _mm256_loadu_ps(value + k);
    const __m256 g = _mm256_fmadd_ps(penalty, x, _mm256_loadu_ps(gradient + k));
    const __m256 first = _mm256_fmadd_ps(beta1, _mm256_loadu_ps(m + k), _mm256_mul_ps(rest1, g));
    const __m256 second = _mm256_fmadd_ps(beta2, _mm256_loadu_ps(v + k), _mm256_mul_ps(_mm256_mul_ps(rest2, g), g));
    _mm256_storeu_ps(m + k, first);
    _mm256_storeu_ps(v + k, second);
    const __m256 move = _mm256_div_ps(_mm256_mul_ps(step, first), _mm256_add_ps(_mm256_sqrt_ps(second), epsilon));
    _mm256_storeu_ps(value + k, _mm256_sub_ps(x, move));
  }
  return k;
}
#endif

}  // namespace

std::string_view optimizerName(OptimizerKind kind) {
  switch (kind) {
    case OptimizerKind::Sgd: return "sgd";
    case OptimizerKind::Adam: return "adam";
    case OptimizerKind::RmsProp: return "rmsprop";
    case OptimizerKind::AdaGrad: return "adagrad";
  }
  return "?";
}

OptimizerKind parseOptimizer(std::string_view name) {
  for (OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Adam, OptimizerKind::RmsProp, OptimizerKind::AdaGrad}) {
    if (optimizerName(kind) == name) return kind;
  }
  throw SettingError(Setting::Optimizer, "one of sgd, adam, rmsprop, adagrad", "\"" + std::string(name) + "\"");
}

Optimizer::Optimizer(const Parameters& parameters, const OptimizerParams& params) : params_(params) {
  const bool needsFirst = params.kind == OptimizerKind::Adam;
  const bool needsSecond = params.kind != OptimizerKind::Sgd;
  for (int32_t b = 0; b < parameters.count(); ++b) {
    const ParameterBlock& block = parameters[b];
    first_.emplace_back(needsFirst ? block.size() : 0, 0.0f);
    second_.emplace_back(needsSecond ? block.size() : 0, 0.0f);
    rowSteps_.emplace_back(needsFirst && block.rowSparse ? static_cast<size_t>(block.rows) : 0, 0);
  }
}

void Optimizer::update(float* value, const float* gradient, float* m, float* v, int32_t count, int64_t t,
                       float learningRate, float l2) const {
  switch (params_.kind) {
    case OptimizerKind::Sgd:
      for (int32_t k = 0; k < count; ++k) value[k] -= learningRate * (gradient[k] + l2 * value[k]);
      break;
    case OptimizerKind::Adam: {
      const Correction c = correction(t);
      const float stepSize = learningRate * c.sqrtSecond / c.first;
      int32_t k = 0;
#if defined(__AVX2__) && defined(__FMA__)
      k = adamLanes(value, gradient, m, v, count, stepSize, l2, params_);
#endif
      for (; k < count; ++k) {
        const float g = gradient[k] + l2 * value[k];
        m[k] = params_.beta1 * m[k] + (1.0f - params_.beta1) * g;
        v[k] = params_.beta2 * v[k] + (1.0f - params_.beta2) * g * g;
        value[k] -= stepSize * m[k] / (std::sqrt(v[k]) + params_.epsilon);
      }
      break;
    }
    case OptimizerKind::RmsProp:
      for (int32_t k = 0; k < count; ++k) {
        const float g = gradient[k] + l2 * value[k];
        v[k] = params_.beta2 * v[k] + (1.0f - params_.beta2) * g * g;
        value[k] -= learningRate * g / (std::sqrt(v[k]) + params_.epsilon);
      }
      break;
    case OptimizerKind::AdaGrad:
      for (int32_t k = 0; k < count; ++k) {
        const float g = gradient[k] + l2 * value[k];
        v[k] += g * g;
        value[k] -= learningRate * g / (std::sqrt(v[k]) + params_.epsilon);
      }
      break;
  }
}

Optimizer::Correction Optimizer::computeCorrection(int64_t t) const {
  const float correction1 = 1.0f - std::pow(params_.beta1, static_cast<float>(t));
  const float correction2 = 1.0f - std::pow(params_.beta2, static_cast<float>(t));
  return {std::sqrt(correction2), correction1};
}

void Optimizer::extendCorrections(int64_t t) {
  // std::pow per updated row cost a fifth of an mf epoch at batch 256: a table of what it gives.
  constexpr size_t kMaxCorrections = size_t{1} << 16;  // β₂ = 0.999 saturates at t ≈ 17k
  while (!correctionsSaturated_ && static_cast<int64_t>(corrections_.size()) <= t && corrections_.size() < kMaxCorrections) {
    const Correction c = computeCorrection(static_cast<int64_t>(corrections_.size()));
    corrections_.push_back(c);
    correctionsSaturated_ = c.sqrtSecond == 1.0f && c.first == 1.0f;
  }
}

Optimizer::Correction Optimizer::correction(int64_t t) const {
  if (t < static_cast<int64_t>(corrections_.size())) return corrections_[static_cast<size_t>(t)];
  return correctionsSaturated_ ? corrections_.back() : computeCorrection(t);
}

void Optimizer::step(Parameters& parameters, const Gradients& gradients, float learningRate) {
  ++steps_;
  if (params_.kind == OptimizerKind::Adam) extendCorrections(steps_);  // a row's count never exceeds steps_
  for (int32_t b = 0; b < parameters.count(); ++b) {
    ParameterBlock& block = parameters[b];
    if (!block.trained) continue;
    const float* g = gradients.values(b).data();
    float* m = first_[b].empty() ? nullptr : first_[b].data();
    float* v = second_[b].empty() ? nullptr : second_[b].data();
    const float l2 = block.regularised ? params_.l2 : 0.0f;
    if (!block.rowSparse) {
      update(block.value.data(), g, m, v, static_cast<int32_t>(block.size()), steps_, learningRate, l2);
      continue;
    }
    const auto cols = static_cast<size_t>(block.cols);
    for (int32_t r : gradients.touchedRows(b)) {
      const size_t offset = static_cast<size_t>(r) * cols;
      int64_t t = steps_;
      if (!rowSteps_[b].empty()) t = ++rowSteps_[b][r];
      update(block.value.data() + offset, g + offset, m ? m + offset : nullptr, v ? v + offset : nullptr, block.cols, t,
             learningRate, l2);
    }
  }
}

}  // namespace ll
