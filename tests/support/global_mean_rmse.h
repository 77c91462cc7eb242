#pragma once
// The "learns more than the mean rating tells" tests of the models: a small synthetic world with a
// random fifth of its ratings held out, the test RMSE of predicting every rating by the training
// mean (the baseline they beat), and the test RMSE of a model trained on it until its trainer stops.

#include <cmath>
#include <memory>

#include "core/data/dataset.h"
#include "core/data/split.h"
#include "core/synth/synthetic_world.h"
#include "core/train/evaluation.h"
#include "core/train/trainer.h"

namespace ll::testing {

struct HeldOutWorld {
  std::shared_ptr<const Dataset> data;
  Split split;
};

/// 15,000 ratings of the built-in world's shape, split random:0.2.
inline HeldOutWorld smallHeldOutWorld() {
  auto data = std::make_shared<const Dataset>(generateSyntheticWorld(parseSyntheticSpec("synthetic:ratings=15000")).dataset);
  Split split = makeSplit(*data, parseSplitSpec("random:0.2"));
  return {std::move(data), std::move(split)};
}

inline double globalMeanTestRmse(const Dataset& data, const Split& split) {
  const Ratings& r = data.ratings;
  double mean = 0.0;
  for (uint32_t k : split.train) mean += r.value[k];
  mean /= static_cast<double>(split.train.size());
  double squared = 0.0;
  for (uint32_t k : split.test) squared += std::pow(r.value[k] - mean, 2);
  return std::sqrt(squared / static_cast<double>(split.test.size()));
}

/// config trained with params (no PDC per epoch) until the trainer stops; its test RMSE.
inline double trainedTestRmse(const HeldOutWorld& world, const ModelConfig& config, TrainParams params) {
  params.pdcEachEpoch = false;
  Trainer trainer(world.data, world.split, config, params);
  while (trainer.runEpoch()) {
  }
  return evaluateRatings(trainer.model(), world.split.test).rmse;
}

}  // namespace ll::testing
