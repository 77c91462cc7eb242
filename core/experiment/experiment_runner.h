#pragma once
// Runs an experiment grid (experiment_grid.h) cell by cell: trains each model on each fold with
// early stopping on the fold's validation ratings, then measures the test ratings once — MAE,
// RMSE, MSE, the NRP paper's precision of each user's top 10 % and 25 % and PDC at every
// threshold, or, when the run ranks items (implicit feedback or the leave-last-out split), HR@K
// and NDCG@K beside the training-popularity baseline. Each row keeps
// its users' test errors pooled over its folds (UserTestErrors), and at the end every row is
// compared with the best (experiment_significance.h).
// Synchronous: the CLI calls it directly, the GUI on a BackgroundJob. core never prints: progress
// and finished cells arrive through callbacks, on the calling thread.

#include <functional>
#include <memory>
#include <string>

#include "core/experiment/experiment_grid.h"
#include "core/experiment/experiment_results.h"
#include "core/train/trainer.h"

namespace ll {

struct ExperimentProgress {
  /// Share of the grid done, in [0, 1]. Each cell counts alike and moves by its epochs out of the
  /// epoch limit, so an early stop jumps ahead; elapsed / fraction is a fair ETA.
  double fraction = 0.0;
  int32_t cell = 0;   ///< 0-based index of the cell in training
  int32_t cells = 0;
  std::string label;  ///< "mf z=8 · fold 2/5 · epoch 3"
};

/// Called after every training batch; returning false cancels the experiment there (the
/// progress report is the cancellation point).
using ExperimentProgressReport = std::function<bool(const ExperimentProgress&)>;
/// Called when a cell has been measured, with the trainer of the model its test figures are of
/// (the refit when there was one), e.g. to keep a copy of the model.
using FoldFinished = std::function<void(const ExperimentCell&, const FoldOutcome&, const Trainer& tested)>;

/// Throws InputError when the grid cannot run on this data set (see expandGrid, makeSplit and the
/// models' constructors). A cancelled run returns the finished cells with complete = false. A run
/// that diverges keeps its last good epoch and is measured there (its outcome's stop says so).
ExperimentResults runExperiment(std::shared_ptr<const Dataset> data, const ExperimentGrid& grid,
                                const ExperimentProgressReport& progress = {}, const FoldFinished& finished = {});

}  // namespace ll
