#include "app/cli/train_options.h"

namespace ll::cli {

void TrainOptions::addTo(CLI::App& command, bool withModel) {
  if (withModel) {
    command.add_option("--model", model, "user-bias, linear, fm, add, mul, tensor or mf")->capture_default_str();
    command.add_option("--dim", dim, "Embedding size z (hidden size of add/mul, rank of fm)")->capture_default_str();
  }
  command.add_option("--item-input", itemInput, "What models with item input read: features, id (an embedding table) or both")
      ->capture_default_str();
  command.add_option("--activation", activation, "σ of add and mul: identity, sigmoid, tanh or relu")->capture_default_str();
  command.add_flag("--no-clip", noClip, "Do not clip predictions to the rating range when evaluating");
  command.add_option("--epochs", epochs, "At most this many epochs")->capture_default_str()->check(CLI::PositiveNumber);
  command.add_option("--lr", learningRate, "Learning rate")->capture_default_str()->check(CLI::PositiveNumber);
  command.add_option("--batch", batch, "Ratings per update (1 = per-sample SGD)")->capture_default_str()->check(CLI::PositiveNumber);
  command.add_option("--l2", l2, "L2 penalty λ on the parameters a batch uses")->capture_default_str()->check(CLI::NonNegativeNumber);
  command.add_option("--optimizer", optimizer, "sgd, adam, rmsprop or adagrad")->capture_default_str();
  command.add_option("--schedule", schedule,
                     "constant, or adaptive (seed 004: halve learning rate and batch when the validation loss rises, "
                     "else grow both by 1%)")
      ->capture_default_str();
  command.add_option("--patience", patience, "Stop after this many epochs without a better validation RMSE (0 = never)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command.add_option("--threads", threads,
                     "Threads for batches and evaluation (0 = all cores). Results are identical for a given seed and "
                     "thread count; other thread counts differ in float rounding")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command.add_option("--seed", seed, "Seeds initialisation, shuffling, and the seeded splits")->capture_default_str();
  command.add_option("--validation", validation, "Share of the training ratings held back for early stopping")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 0.9));
}

ModelConfig TrainOptions::modelConfig() const {
  ModelConfig c;
  c.kind = parseModelKind(model);
  c.dim = dim;
  c.itemInput = parseItemInput(itemInput);
  c.activation = parseActivation(activation);
  c.clipPredictions = !noClip;
  c.seed = seed;
  return c;
}

TrainParams TrainOptions::trainParams() const {
  TrainParams p;
  p.epochs = epochs;
  p.learningRate = learningRate;
  p.batchSize = batch;
  p.optimizer.kind = parseOptimizer(optimizer);
  p.optimizer.l2 = l2;
  p.schedule = parseSchedule(schedule);
  p.patience = patience;
  p.threads = threads;
  p.seed = seed;
  return p;
}

SplitParams TrainOptions::splitParams() const { return SplitParams{.seed = seed, .validationFraction = validation}; }

nlohmann::json TrainOptions::toJson() const {
  return {{"model", model},   {"dim", dim},         {"item-input", itemInput}, {"activation", activation},
          {"no-clip", noClip}, {"epochs", epochs},   {"lr", learningRate},      {"batch", batch},
          {"l2", l2},         {"optimizer", optimizer}, {"schedule", schedule}, {"patience", patience},
          {"threads", threads}, {"seed", seed},     {"validation", validation}};
}

}  // namespace ll::cli
