#include "core/tune/search_space.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/experiment/experiment_grid.h"
#include "core/train/recommended_training.h"

namespace ll {
namespace {

double roundSignificant(double value, int digits) {
  if (!(value > 0.0)) return value;
  const double scale = std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(value))));
  return std::round(value * scale) / scale;
}

double logUniform(const LogRange& range, double u) {
  return range.low * std::pow(range.high / range.low, std::clamp(u, 0.0, 1.0));
}

template <typename T>
T choose(const std::vector<T>& values, double u) {
  const auto index = static_cast<size_t>(std::clamp(u, 0.0, 1.0) * static_cast<double>(values.size()));
  return values[std::min(index, values.size() - 1)];
}

}  // namespace

int32_t SearchSpace::coordinates() const {
  return 2 + (dims.size() > 1 ? 1 : 0) + (batchSizes.size() > 1 ? 1 : 0);
}

SearchSpace searchSpace(ModelKind kind, bool implicit) {
  const TrainingRecommendation recommendation = recommendedTraining(kind, implicit);
  SearchSpace space;
  space.optimizer = recommendation.optimizer;
  space.maxEpochs = recommendation.epochs;
  if (recommendation.optimizer == OptimizerKind::Sgd && recommendation.batchSize == 1) {
    space.learningRate = {0.002, 0.05};
    space.l2 = {0.01, 0.5};
    space.batchSizes = {1};
    if (hasDimension(kind)) space.dims = {16, 32, 64, 128};
  } else {
    space.optimizer = OptimizerKind::Adam;
    space.learningRate = {1e-4, 3e-2};
    space.l2 = {1e-6, 1e-2};
    space.batchSizes = {64, 128, 256, 512};
    if (hasDimension(kind)) space.dims = {8, 16, 32, 64, 128};
  }
  return space;
}

TrialSettings settingsAt(const SearchSpace& space, std::span<const double> point) {
  TrialSettings s;
  s.optimizer = space.optimizer;
  size_t next = 0;
  s.learningRate = static_cast<float>(roundSignificant(logUniform(space.learningRate, point[next++]), 3));
  s.l2 = static_cast<float>(roundSignificant(logUniform(space.l2, point[next++]), 3));
  if (space.dims.size() > 1) {
    s.dim = choose(space.dims, point[next++]);
  } else {
    s.dim = space.dims.empty() ? 0 : space.dims.front();
  }
  s.batchSize = space.batchSizes.size() > 1 ? choose(space.batchSizes, point[next++]) : space.batchSizes.front();
  return s;
}

void applySettings(const TrialSettings& settings, ModelConfig& model, TrainParams& train) {
  train.optimizer.kind = settings.optimizer;
  train.learningRate = settings.learningRate;
  train.optimizer.l2 = settings.l2;
  train.batchSize = settings.batchSize;
  if (settings.dim > 0) model.dim = settings.dim;
}

std::string describeSettings(const TrialSettings& settings) {
  char text[160];
  std::snprintf(text, sizeof text, "%s lr %.3g λ %.3g batch %d", std::string(optimizerName(settings.optimizer)).c_str(),
                static_cast<double>(settings.learningRate), static_cast<double>(settings.l2), settings.batchSize);
  std::string result = text;
  if (settings.dim > 0) result += " z " + std::to_string(settings.dim);
  return result;
}

}  // namespace ll
