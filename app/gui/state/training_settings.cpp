#include "app/gui/state/training_settings.h"

#include <algorithm>

#include "core/io/atomic_file.h"
#include "core/train/recommended_training.h"
#include "core/util/thread_pool.h"

namespace ll::gui {
namespace {

constexpr int kSettingsFormatVersion = 1;

/// Reads json[key] into value when present and of the right type; otherwise leaves it alone.
template <typename T>
void readIfValid(const nlohmann::json& json, const char* key, T& value) {
  const auto it = json.find(key);
  if (it == json.end()) return;
  try {
    value = it->get<T>();
  } catch (const nlohmann::json::exception&) {
    // keep the default: see fromJson()
  }
}

/// Same for names the core parses (model, optimizer, …); parse throws InputError on unknown ones.
template <typename Enum, typename Parse>
void readName(const nlohmann::json& json, const char* key, Enum& value, Parse parse) {
  std::string name;
  readIfValid(json, key, name);
  if (name.empty()) return;
  try {
    value = parse(name);
  } catch (const std::exception&) {
    // keep the default
  }
}

}  // namespace

int32_t TrainingSettings::defaultThreads() { return std::max(1, hardwareThreads() - 1); }

void TrainingSettings::chooseModel(ModelKind kind) {
  if (kind == model) return;
  model = kind;
  const TrainingRecommendation r = recommendedTraining(kind);
  optimizer = r.optimizer;
  learningRate = r.learningRate;
  batchSize = r.batchSize;
  l2 = r.l2;
  epochs = r.epochs;
  schedule = r.schedule;
}

ModelConfig TrainingSettings::modelConfig() const {
  ModelConfig config;
  config.kind = model;
  config.dim = dim;
  config.itemInput = itemInput;
  config.activation = activation;
  config.seed = seed;
  return config;
}

TrainParams TrainingSettings::trainParams() const {
  TrainParams params;
  params.epochs = epochs;
  params.learningRate = learningRate;
  params.batchSize = batchSize;
  params.optimizer.kind = optimizer;
  params.optimizer.l2 = l2;
  params.schedule = schedule;
  params.patience = patience;
  params.threads = threads;
  params.seed = seed;
  return params;
}

SplitParams TrainingSettings::splitParams() const {
  SplitParams params;
  params.seed = seed;
  return params;
}

SplitSpec TrainingSettings::splitSpec(const Dataset& dataset) const {
  return split.empty() ? defaultSplitSpec(dataset) : parseSplitSpec(split);
}

std::string TrainingSettings::describe() const {
  std::string text = std::string(modelKindName(model)) + " z=" + std::to_string(dim);
  if (usesItemInput(model)) text += " · " + std::string(itemInputName(itemInput));
  if (usesActivation(model)) text += " · " + std::string(activationName(activation));
  return text + " · " + std::string(optimizerName(optimizer));
}

TrainingSettings TrainingSettings::fromRun(const ModelConfig& model, const TrainParams& train) {
  TrainingSettings s;
  s.model = model.kind;
  s.dim = model.dim;
  s.itemInput = model.itemInput;
  s.activation = model.activation;
  s.optimizer = train.optimizer.kind;
  s.learningRate = train.learningRate;
  s.batchSize = train.batchSize;
  s.epochs = train.epochs;
  s.l2 = train.optimizer.l2;
  s.schedule = train.schedule;
  s.patience = train.patience;
  s.seed = train.seed;
  s.threads = train.threads > 0 ? train.threads : s.threads;
  return s;
}

nlohmann::json TrainingSettings::toJson() const {
  return {{"format_version", kSettingsFormatVersion},
          {"model", modelKindName(model)},
          {"dim", dim},
          {"item_input", itemInputName(itemInput)},
          {"activation", activationName(activation)},
          {"optimizer", optimizerName(optimizer)},
          {"learning_rate", learningRate},
          {"batch", batchSize},
          {"epochs", epochs},
          {"l2", l2},
          {"schedule", scheduleName(schedule)},
          {"patience", patience},
          {"seed", seed},
          {"threads", threads},
          {"refit", refit},
          {"split", split}};
}

TrainingSettings TrainingSettings::fromJson(const nlohmann::json& json) {
  TrainingSettings s;
  if (!json.is_object()) return s;
  readName(json, "model", s.model, parseModelKind);
  readName(json, "item_input", s.itemInput, parseItemInput);
  readName(json, "activation", s.activation, parseActivation);
  readName(json, "optimizer", s.optimizer, parseOptimizer);
  readName(json, "schedule", s.schedule, parseSchedule);
  readIfValid(json, "dim", s.dim);
  readIfValid(json, "learning_rate", s.learningRate);
  readIfValid(json, "batch", s.batchSize);
  readIfValid(json, "epochs", s.epochs);
  readIfValid(json, "l2", s.l2);
  readIfValid(json, "patience", s.patience);
  readIfValid(json, "seed", s.seed);
  readIfValid(json, "threads", s.threads);
  readIfValid(json, "refit", s.refit);
  readIfValid(json, "split", s.split);
  // Values the form could not have produced are reset rather than handed to the trainer.
  const TrainingSettings defaults;
  if (s.dim < 1) s.dim = defaults.dim;
  if (!(s.learningRate > 0.0f)) s.learningRate = defaults.learningRate;
  if (s.batchSize < 1) s.batchSize = defaults.batchSize;
  if (s.epochs < 1) s.epochs = defaults.epochs;
  if (!(s.l2 >= 0.0f)) s.l2 = defaults.l2;
  if (s.patience < 0) s.patience = defaults.patience;
  if (s.threads < 1) s.threads = defaults.threads;
  return s;
}

TrainingSettings loadTrainingSettings(const std::filesystem::path& file) {
  std::error_code error;
  if (file.empty() || !std::filesystem::exists(file, error)) return {};
  try {
    return TrainingSettings::fromJson(nlohmann::json::parse(readWholeFile(file)));
  } catch (const std::exception&) {
    return {};  // a damaged settings file only costs the user their last form
  }
}

std::string saveTrainingSettings(const std::filesystem::path& file, const TrainingSettings& settings) {
  if (file.empty()) return {};
  try {
    writeFileAtomically(file, settings.toJson().dump(2) + "\n");
    return {};
  } catch (const std::exception& error) {
    return error.what();
  }
}

}  // namespace ll::gui
