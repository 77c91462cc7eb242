#pragma once
// An experiment grid (issue 7): models × dimensions z × folds. Each cell trains one model
// of one size on one fold (the sizes may differ per model: GridDims); the runner
// (experiment_runner.h) aggregates the folds of a (model, z) into a results row. For mf, z is its
// k (Latent Spaces 2021 Fig. 8). user-bias and linear have no z and run once per fold, with dim 0
// in the results.
//
// Folds: "official" (ml-100k u1..u5), a number K ≥ 2 (seeded K-fold), "random3" (the NRP paper's
// §4 protocol: three seeded random 80/10/10 training/validation/test splits, random:0.1:0.1:R for
// R = 1, 2, 3; the validation tenth serves early stopping only, the test tenth is reported, rows
// give the mean ± sd over the three), or a single split of core/data/split.h (e.g. "last",
// leave-last-out, for Rendle et al. 2020's implicit protocol).
// Hyperparameters are chosen on validation ratings only: early stopping keeps the epoch with the
// best validation score (a seeded share of each fold's training ratings); the test ratings are
// evaluated once, after training.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/split.h"
#include "core/experiment/experiment_results.h"
#include "core/model/model_config.h"
#include "core/train/recommended_training.h"
#include "core/train/train_params.h"

namespace ll {

/// Explicit ratings or Rendle et al. 2020's implicit feedback.
enum class FeedbackMode {
  Auto,      ///< implicit exactly for gmf, mlp and neumf on the leave-last-out split (as `train`)
  Implicit,  ///< every model trains on binarised ratings with sampled negatives
  Explicit,  ///< every model trains on the rating values
};
std::string_view feedbackModeName(FeedbackMode mode);

struct ExperimentGrid {
  std::vector<ModelKind> models = {ModelKind::UserBias, ModelKind::MF};  ///< (default: user-bias, mf)
  std::vector<int32_t> dims = {4};       ///< z values of every model with a z, each ≥ 1 (default: 4)
  /// A model's own z values, replacing dims for it: the NRP paper's AutoRec at 500 hidden units
  /// beside the others' 100-d representations (default: none)
  std::map<ModelKind, std::vector<int32_t>> modelDims;
  std::string folds = "official";        ///< "official", "random3", K ≥ 2, or one split such as "last" (default: official)
  FeedbackMode feedback = FeedbackMode::Auto;  ///< (default: auto)
  ModelConfig model;   ///< everything but kind and dim, which the grid sets per cell (default: ModelConfig{})
  TrainParams train;   ///< training of every cell; per-epoch PDC is skipped (default: TrainParams{})
  /// The fields of `train` each cell takes instead from its model's recommendation for its
  /// feedback (recommended_training.h), or from presetTraining where set: the fields the user left
  /// unset (default: none — `train` as given)
  TrainFieldSet recommended;
  std::optional<TrainingRecommendation> presetTraining;  ///< a source figure's own protocol (default: none)
  SplitParams split;   ///< seed of the K-fold and validation draws (default: SplitParams{})
  /// How the rows are compared with the best one: tests and bootstrap intervals (default: SignificanceParams{})
  SignificanceParams significance;
  /// Refit after selection (core/train/refit.h): each cell's tested model is trained afresh on all
  /// its training ratings for the epoch count early stopping chose, scaled (default: true)
  bool refit = true;
};

/// One training run of the grid.
struct ExperimentCell {
  ModelKind model = ModelKind::MF;
  int32_t dim = 0;        ///< 0 for models without z
  int32_t fold = 0;       ///< 0-based index into the fold list
  int32_t folds = 1;      ///< folds of this (model, dim)
  SplitSpec split;
  bool implicit = false;
};

/// The training of one cell: the grid's, with the recommended fields filled in.
TrainParams cellTraining(const ExperimentGrid& grid, const ExperimentCell& cell);

/// Whether the model has a size z (user-bias and linear do not).
bool hasDimension(ModelKind kind);

/// The z values the grid runs a model at: its modelDims entry, else dims; {0} for a model without z.
std::vector<int32_t> dimsOf(const ExperimentGrid& grid, ModelKind kind);

/// The folds' splits. Throws InputError when the data set lacks the official folds, K < 2, or the
/// text is neither a number nor a split.
std::vector<SplitSpec> resolveFolds(std::string_view folds, const Dataset& dataset);

/// Every cell in run order: model by model, z by z, fold by fold. Throws InputError for an empty
/// model list, a model with a z but no z value, a z < 1, a model listed twice, or folds
/// resolveFolds refuses. modelDims entries of models not in the list are ignored.
std::vector<ExperimentCell> expandGrid(const ExperimentGrid& grid, const Dataset& dataset);

/// "user-bias,mf" → kinds; "2,4,8" → dims. Throw SettingError (Models, Dimensions) on bad items.
std::vector<ModelKind> parseModelList(std::string_view text);
std::vector<int32_t> parseDimList(std::string_view text);

/// A grid's z values as one text: plain numbers apply to every model with a z, "kind:z" entries
/// replace them for that model — "100,neumf:150,autorec-i:500" runs neumf at 150, autorec-i at
/// 500 and every other model at 100; "4,8,mf:16,mf:32" runs mf at 16 and 32.
struct GridDims {
  std::vector<int32_t> all;                            ///< ExperimentGrid::dims
  std::map<ModelKind, std::vector<int32_t>> perModel;  ///< ExperimentGrid::modelDims, in the order given
};
/// Throws SettingError(Dimensions) naming the entry: not a whole number ≥ 1, an unknown model
/// kind, a model without z (user-bias, linear), a z given twice for the same model, or no entry.
GridDims parseGridDims(std::string_view text);
/// The text parseGridDims reads back: the plain numbers, then each model's entries.
std::string gridDimsText(const std::vector<int32_t>& all, const std::map<ModelKind, std::vector<int32_t>>& perModel);

}  // namespace ll
