#pragma once
// The training options shared by `train`, `cv` and `sweep`: every knob of ModelConfig and
// TrainParams, with the structs' defaults as the CLI's defaults.

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "core/data/split.h"
#include "core/model/model_config.h"
#include "core/train/train_params.h"

namespace ll::cli {

struct TrainOptions {
  std::string model = std::string(modelKindName(ModelConfig{}.kind));
  int32_t dim = ModelConfig{}.dim;
  std::string itemInput = std::string(itemInputName(ModelConfig{}.itemInput));
  std::string activation = std::string(activationName(ModelConfig{}.activation));
  bool noClip = false;
  int32_t epochs = TrainParams{}.epochs;
  float learningRate = TrainParams{}.learningRate;
  int32_t batch = TrainParams{}.batchSize;
  float l2 = TrainParams{}.optimizer.l2;
  std::string optimizer = std::string(optimizerName(TrainParams{}.optimizer.kind));
  std::string schedule = std::string(scheduleName(TrainParams{}.schedule));
  int32_t patience = TrainParams{}.patience;
  int32_t threads = TrainParams{}.threads;
  uint64_t seed = 1;
  double validation = SplitParams{}.validationFraction;

  /// Adds the options; withModel = false leaves out --model/--dim (cv and sweep take lists).
  void addTo(CLI::App& command, bool withModel);
  ModelConfig modelConfig() const;  ///< throws InputError on unknown names
  TrainParams trainParams() const;  ///< throws InputError on unknown names
  SplitParams splitParams() const;
  nlohmann::json toJson() const;
};

}  // namespace ll::cli
