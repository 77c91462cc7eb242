#pragma once
// The Training panel's form: every knob of a run, as the user left it. The App owns one; the
// panel edits it; Start turns it into the core's ModelConfig / TrainParams / SplitSpec. It
// persists across restarts in $XDG_DATA_HOME/latentlens/settings.json.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/data/split.h"
#include "core/model/model_config.h"
#include "core/train/train_params.h"

namespace ll::gui {

struct TrainingSettings {
  ModelKind model = ModelKind::Tensor;                    ///< (default: tensor, the paper's best)
  int32_t dim = ModelConfig{}.dim;                        ///< z (default: the core's)
  ItemInput itemInput = ModelConfig{}.itemInput;          ///< (default: the core's)
  Activation activation = ModelConfig{}.activation;       ///< add and mul only (default: the core's)
  OptimizerKind optimizer = TrainParams{}.optimizer.kind; ///< (default: the core's)
  float learningRate = TrainParams{}.learningRate;
  int32_t batchSize = TrainParams{}.batchSize;
  int32_t epochs = TrainParams{}.epochs;
  float l2 = TrainParams{}.optimizer.l2;
  Schedule schedule = TrainParams{}.schedule;
  int32_t patience = TrainParams{}.patience;
  uint64_t seed = 1;                                      ///< initialisation, shuffling, seeded splits (default: 1)
  int32_t threads = defaultThreads();                     ///< (default: all cores but one, at least 1)
  /// Refit after selection (core/train/refit.h): test a model trained on all training ratings for
  /// the epoch count early stopping chose (default: true, as the CLI)
  bool refit = true;
  std::string split;  ///< --split form; empty: the data set's default (defaultSplitSpec)

  /// Switches to another model with its recommended optimizer, learning rate, batch, L2 and
  /// epochs (core/train/recommended_training.h); the rest of the form stays as it was.
  void chooseModel(ModelKind kind);

  /// The GUI leaves one core to the interface.
  static int32_t defaultThreads();

  ModelConfig modelConfig() const;
  TrainParams trainParams() const;
  SplitParams splitParams() const;
  /// The split to train on: the field when set, else the data set's default. Throws InputError
  /// when the field does not parse.
  SplitSpec splitSpec(const Dataset& dataset) const;
  /// "tensor z=8 · both · adam": how runs are named in lists and legends.
  std::string describe() const;

  /// The settings a run was started with, as a checkpoint records them (split set apart).
  static TrainingSettings fromRun(const ModelConfig& model, const TrainParams& train);

  nlohmann::json toJson() const;
  /// Unknown or malformed keys keep their defaults: an old or hand-edited file never blocks
  /// the app from starting.
  static TrainingSettings fromJson(const nlohmann::json& json);
};

/// Reads settings.json; defaults when it is missing or unreadable.
TrainingSettings loadTrainingSettings(const std::filesystem::path& file);
/// Writes settings.json atomically; returns an empty string or a one-line reason.
std::string saveTrainingSettings(const std::filesystem::path& file, const TrainingSettings& settings);

}  // namespace ll::gui
