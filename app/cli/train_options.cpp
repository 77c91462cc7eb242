#include "app/cli/train_options.h"

#include "core/data/input_error.h"
#include "core/train/recommended_training.h"

namespace ll::cli {

void TrainOptions::addTo(CLI::App& command, bool withModel) {
  if (withModel) {
    command.add_option("--model", model, "user-bias, linear, fm, add, mul, tensor, mf, gmf, mlp, neumf, deepmf, nrp, svdpp, bfm, autorec-i, autorec-u, "
                       "dha, asdae, nrp-dha, nrp-asdae, accm or accm-mlp")
        ->capture_default_str();
    command.add_option("--dim", dim, "Embedding size z (hidden size of add/mul and autorec, rank of fm, code size of dha/asdae/nrp-dha/nrp-asdae)")->capture_default_str();
  }
  command.add_option("--item-input", itemInput, "What models with item input read: features, id (an embedding table) or both")
      ->capture_default_str();
  command.add_option("--activation", activation, "σ of add and mul, the hidden activation of autorec, nrp and the autoencoder hybrids (dha, "
                     "asdae, nrp-dha, nrp-asdae) and accm's content encoders: identity, sigmoid, tanh, relu or selu")->capture_default_str();
  command.add_flag("--no-clip", noClip, "Do not clip predictions to the rating range when evaluating");
  command.add_option("--noise-sd", noiseSd, "sd of deepmf's Gaussian-noise layer on its input embeddings, training only")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command.add_option("--epochs", epochs, "At most this many epochs (mf, gmf, svdpp, autorec, nrp and the autoencoder hybrids, and mlp/neumf in "
                     "implicit mode: 100; bfm: 200 samples). dha and asdae spend each epoch in two passes: U and V, then the networks")->capture_default_str()->check(CLI::PositiveNumber);
  command.add_option("--samples", epochs, "bfm: Gibbs sweeps to run, burn-in included (the same as --epochs; default 200)")
      ->check(CLI::PositiveNumber);
  command.add_option("--burn-in", burnIn,
                     "bfm: sweeps before predictions and posterior means start averaging (bfm has no learning rate, "
                     "optimizer or early stopping; it learns from the training and validation shares together)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command.add_option("--groups", groups,
                     "bfm's feature groups: all, or a list of user, movie, implicit-user (the movies the user rated), "
                     "implicit-movie (the users who rated the movie), day (of the rating), features (the movie's), "
                     "user-info (age, gender, occupation); groups the data lacks are left out with a note. The day is not a "
                     "default: it cost accuracy on the calibrated world, whose timestamps carry no signal")
      ->capture_default_str();
  command.add_option("--lr", learningRate, "Learning rate")->capture_default_str()->check(CLI::PositiveNumber);
  command.add_option("--batch", batch, "Ratings per update (1 = per-sample SGD)")->capture_default_str()->check(CLI::PositiveNumber);
  command.add_option("--l2", l2, "L2 penalty λ on the parameters a batch uses")->capture_default_str()->check(CLI::NonNegativeNumber);
  command.add_option("--optimizer", optimizer,
                     "sgd, adam, rmsprop or adagrad. Options left unset take the model's recommendation, chosen on "
                     "validation splits: mf, gmf and svdpp on ratings train by per-sample SGD (--batch 1 --lr 0.01 --l2 0.1 "
                     "--epochs 100; mf by the block-partitioned fast path); autorec-i and autorec-u take the NRP paper's "
                     "AutoRec optimizer (--optimizer adam --lr 0.001) with --l2 0.01 chosen on validation, --epochs 100; "
                     "dha and asdae --optimizer rmsprop --lr 0.001 --l2 0.0001, nrp-dha and nrp-asdae --optimizer adam "
                     "--lr 0.001 --l2 0.001, all four --epochs 100, nrp --optimizer adam --lr 0.001 --l2 0.0001 --epochs 100 "
                     "(validation choices within the NRP paper's grid); accm and accm-mlp --optimizer rmsprop --lr 0.001 "
                     "(the NRP paper's ACCM) --l2 0.0001 --epochs 100; "
                     "in implicit mode mf uses --lr 0.002 --l2 0.0001 and gmf --l2 0.0001")
      ->capture_default_str();
  command.add_option("--schedule", schedule,
                     "constant, or adaptive (Latent Spaces 2021: halve learning rate and batch when the validation loss rises, "
                     "else grow both by 1%); unset: the model's recommendation (adaptive for nrp, else constant)")
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
  command.add_flag("--no-refit", noRefit,
                   "Test the model early stopping selected. By default, once the validation share has chosen the epoch, "
                   "the model is trained afresh on all training ratings (training and validation shares) for that many "
                   "epochs, scaled by the larger share, and that model is tested");
}

void TrainOptions::addImplicitTo(CLI::App& command) {
  command.add_flag("--implicit", implicit,
                   "Implicit feedback (Rendle et al. 2020, NCF's protocol): every training rating counts as a positive whatever "
                   "its value, each with --negatives items the user did not rate as negatives (redrawn every epoch), "
                   "logistic loss; reports HR@10/NDCG@10 against 100 sampled unrated items and Recall@10/NDCG@10 over "
                   "the full catalogue; early stopping watches the validation loss. Default for gmf, mlp and neumf "
                   "with --split last, which is then also the default split");
  command.add_flag("--explicit", explicitRatings, "Train on the rating values (squared error) even where --implicit is the default");
  command.add_option("--negatives", negatives, "Sampled negatives per positive in implicit mode")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
}

bool TrainOptions::resolveImplicit(ModelKind kind, const SplitSpec& split) const {
  if (implicit && explicitRatings) throw InputError("--implicit", 0, "either --implicit or --explicit", "both");
  if (implicit || explicitRatings) return implicit;
  return isImplicitFeedbackModel(kind) && split.kind == SplitSpec::Kind::Last;
}

TrainFieldSet TrainOptions::unsetFields(const CLI::App& command) {
  TrainFieldSet unset;
  unset.optimizer = command.count("--optimizer") == 0;
  unset.learningRate = command.count("--lr") == 0;
  unset.batchSize = command.count("--batch") == 0;
  unset.l2 = command.count("--l2") == 0;
  unset.epochs = command.count("--epochs") == 0 && command.count("--samples") == 0;
  unset.schedule = command.count("--schedule") == 0;
  return unset;
}

void TrainOptions::applyRecommendation(ModelKind kind, bool implicit, const CLI::App& command) {
  TrainParams params = trainParams();
  ll::applyRecommendation(recommendedTraining(kind, implicit), unsetFields(command), params);
  optimizer = std::string(optimizerName(params.optimizer.kind));
  learningRate = params.learningRate;
  batch = params.batchSize;
  l2 = params.optimizer.l2;
  epochs = params.epochs;
  schedule = std::string(scheduleName(params.schedule));
}

ModelConfig TrainOptions::modelConfig() const {
  ModelConfig c;
  c.kind = parseModelKind(model);
  c.dim = dim;
  c.itemInput = parseItemInput(itemInput);
  c.activation = parseActivation(activation);
  c.clipPredictions = !noClip;
  c.noiseSd = noiseSd;
  c.seed = seed;
  c.bfmGroups = parseBfmGroups(groups);
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
  p.implicit = implicit;
  p.negatives = negatives;
  p.ranking.seed = seed;
  p.burnIn = burnIn;
  return p;
}

SplitParams TrainOptions::splitParams() const { return SplitParams{.seed = seed, .validationFraction = validation}; }

nlohmann::json TrainOptions::toJson() const {
  return {{"model", model},   {"dim", dim},         {"item-input", itemInput}, {"activation", activation},
          {"no-clip", noClip}, {"epochs", epochs},   {"lr", learningRate},      {"batch", batch},
          {"l2", l2},         {"optimizer", optimizer}, {"schedule", schedule}, {"patience", patience},
          {"threads", threads}, {"seed", seed},     {"validation", validation}, {"noise-sd", noiseSd},
          {"no-refit", noRefit}, {"burn-in", burnIn}, {"groups", groups}};
}

}  // namespace ll::cli
