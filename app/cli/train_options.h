#pragma once
// The training options shared by `train`, `cv` and `sweep`: every knob of ModelConfig and
// TrainParams, with the structs' defaults as the CLI's defaults.

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "core/data/split.h"
#include "core/model/model_config.h"
#include "core/train/recommended_training.h"
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
  bool noRefit = false;  ///< keep the model early stopping selected instead of refitting (core/train/refit.h)
  float noiseSd = ModelConfig{}.noiseSd;
  // The implicit-feedback protocol (`train` only: addImplicitTo).
  bool implicit = false;
  bool explicitRatings = false;
  int32_t negatives = TrainParams{}.negatives;
  // bfm.
  int32_t burnIn = TrainParams{}.burnIn;
  std::string groups = bfmGroupsText(ModelConfig{}.bfmGroups);

  /// Adds the options; withModel = false leaves out --model/--dim (cv and sweep take lists).
  void addTo(CLI::App& command, bool withModel);
  /// Adds --implicit, --explicit and --negatives.
  void addImplicitTo(CLI::App& command);
  /// The optimizer, learning rate, batch, L2 and epoch options the command line left unset.
  static TrainFieldSet unsetFields(const CLI::App& command);
  /// Sets the fields the command line left unset to the model's recommendation for its feedback
  /// (core/train/recommended_training.h). For runs of one model; call before trainParams() and
  /// toJson(), so the manifest records what ran.
  void applyRecommendation(ModelKind kind, bool implicit, const CLI::App& command);
  ModelConfig modelConfig() const;  ///< throws InputError on unknown names
  /// Throws InputError on unknown names. implicit is set only by --implicit: see resolveImplicit.
  TrainParams trainParams() const;
  /// --implicit, --explicit, or neither: then implicit exactly for gmf, mlp and neumf on the
  /// leave-last-out split (Rendle et al. 2020's protocol). Throws InputError when both flags are
  /// given.
  bool resolveImplicit(ModelKind kind, const SplitSpec& split) const;
  SplitParams splitParams() const;
  nlohmann::json toJson() const;
};

}  // namespace ll::cli
