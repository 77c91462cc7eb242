#include "core/experiment/experiment_runner.h"

#include <algorithm>
#include <map>

#include "core/eval/popularity_ranking.h"
#include "core/eval/top_percent_precision.h"
#include "core/experiment/experiment_significance.h"
#include "core/train/evaluation.h"
#include "core/train/refit.h"
#include "core/train/trainer.h"

namespace ll {
namespace {

std::string cellLabel(const ExperimentCell& cell) {
  std::string label(modelKindName(cell.model));
  if (cell.dim > 0) label += " z=" + std::to_string(cell.dim);
  return label + " · fold " + std::to_string(cell.fold + 1) + "/" + std::to_string(cell.folds);
}

/// Measures the fold's test ratings into the outcome — MAE, RMSE, MSE and the precision of each
/// user's top 10 % and 25 % — and adds its errors to the row's per-user sums (sized on first use).
void measureRatings(const Model& model, std::span<const uint32_t> test, UserTestErrors& users, FoldOutcome& outcome) {
  const Ratings& ratings = model.data().ratings;
  const std::vector<float> predictions = predictRatings(model, test);
  std::vector<float> truth(test.size());
  std::vector<int32_t> testUsers(test.size());
  if (users.ratings.empty()) {
    users.squaredError.assign(static_cast<size_t>(ratings.userCount), 0.0);
    users.ratings.assign(static_cast<size_t>(ratings.userCount), 0);
  }
  for (size_t k = 0; k < test.size(); ++k) {
    truth[k] = ratings.value[test[k]];
    testUsers[k] = ratings.user[test[k]];
    const auto u = static_cast<size_t>(testUsers[k]);
    const double error = static_cast<double>(predictions[k]) - truth[k];
    users.squaredError[u] += error * error;
    ++users.ratings[u];
  }
  const RatingErrors errors = ratingErrors(predictions, truth);
  outcome.mae = errors.mae;
  outcome.rmse = errors.rmse;
  outcome.mse = errors.rmse * errors.rmse;
  for (auto [share, value] : {std::pair{0.10, &outcome.precisionTop10}, std::pair{0.25, &outcome.precisionTop25}}) {
    const TopPercentPrecision precision = topPercentPrecision(testUsers, truth, predictions, share);
    if (precision.users > 0) *value = precision.precision;
  }
}

RankingMetrics measureRanking(const Trainer& trainer, UserTestErrors& users) {
  std::vector<UserRanking> perUser;
  const RankingMetrics ranking = trainer.testRanking(&perUser);
  if (users.heldOut.empty()) {
    users.hits.assign(static_cast<size_t>(trainer.model().data().ratings.userCount), 0.0);
    users.heldOut.assign(users.hits.size(), 0);
  }
  for (const UserRanking& share : perUser) {
    users.hits[static_cast<size_t>(share.user)] += share.hits;
    users.heldOut[static_cast<size_t>(share.user)] += share.pairs;
  }
  return ranking;
}

/// The outcome of a cell: test figures of `trainer` (the refit when there was one), validation,
/// epochs and timing of `selected` (the run early stopping watched).
FoldOutcome measure(const Trainer& selected, const Trainer& trainer, const ExperimentCell& cell,
                    const std::optional<RankingMetrics>& popularity, UserTestErrors& users) {
  FoldOutcome outcome;
  outcome.model = cell.model;
  outcome.dim = cell.dim;
  outcome.fold = cell.fold;
  outcome.split = trainer.split().name;
  outcome.implicit = cell.implicit;
  outcome.testRatings = static_cast<int64_t>(trainer.split().test.size());
  outcome.trainRatings = static_cast<int64_t>(trainer.split().train.size() + trainer.split().validation.size());
  if (!cell.implicit) measureRatings(trainer.model(), trainer.split().test, users, outcome);
  const TrainingHistory& history = selected.history();
  if (const EpochRecord* best = history.best()) outcome.validation = selected.stoppingValue(*best);
  for (const PdcPoint& point : trainer.testPdc().points) {
    if (point.pdc) outcome.pdc[point.threshold] = *point.pdc;
  }
  if (trainer.ranksItems()) {
    const RankingMetrics ranking = measureRanking(trainer, users);
    outcome.hitRate = ranking.hitRate;
    outcome.ndcg = ranking.ndcg;
  }
  if (popularity) {
    outcome.popularityHitRate = popularity->hitRate;
    outcome.popularityNdcg = popularity->ndcg;
  }
  double seconds = 0.0;
  for (const EpochRecord& record : history.epochs) seconds += record.seconds;
  outcome.secondsPerEpoch = history.epochs.empty() ? 0.0 : seconds / static_cast<double>(history.epochs.size());
  outcome.epochs = selected.epochsDone();
  if (&trainer != &selected) outcome.refitEpochs = trainer.epochsDone();
  outcome.params = trainer.model().parameterCount();
  outcome.stop = std::string(stopReasonName(selected.stopReason()));
  outcome.training = selected.model().config().kind == ModelKind::BFM
                         ? "Gibbs sampling, " + std::to_string(selected.params().epochs) + " samples, burn-in " +
                               std::to_string(selected.params().burnIn)
                         : describeOptimization(selected.params());
  return outcome;
}

}  // namespace

ExperimentResults runExperiment(std::shared_ptr<const Dataset> data, const ExperimentGrid& grid,
                                const ExperimentProgressReport& progress, const FoldFinished& finished) {
  const std::vector<ExperimentCell> cells = expandGrid(grid, *data);
  ExperimentResults results;
  results.data = data->source;
  results.folds = grid.folds;
  results.feedback = std::string(feedbackModeName(grid.feedback));
  results.rankingCutoff = grid.train.ranking.cutoff;
  results.pdcThresholds = grid.train.pdc.thresholds;

  // Splits are the same for every model: made once per fold, with the popularity baseline of
  // the folds whose runs rank items.
  std::map<std::string, Split> splits;
  std::map<std::string, RankingMetrics> popularity;
  std::map<std::pair<ModelKind, int32_t>, UserTestErrors> users;  // per (model, z), pooled over its folds
  const auto cellsTotal = static_cast<int32_t>(cells.size());
  for (int32_t c = 0; c < cellsTotal; ++c) {
    const ExperimentCell& cell = cells[static_cast<size_t>(c)];
    const std::string splitName = cell.split.text();
    auto split = splits.find(splitName);
    if (split == splits.end()) split = splits.emplace(splitName, makeSplit(*data, cell.split, grid.split)).first;

    ModelConfig modelConfig = grid.model;
    modelConfig.kind = cell.model;
    modelConfig.dim = cell.dim > 0 ? cell.dim : 1;
    const TrainParams params = cellTraining(grid, cell);
    Trainer trainer(data, split->second, modelConfig, params);

    std::optional<RankingMetrics> baseline;
    if (trainer.ranksItems()) {
      auto found = popularity.find(splitName);
      if (found == popularity.end()) {
        found = popularity.emplace(splitName, popularityRanking(data->ratings, split->second.train, split->second.test, params.ranking)).first;
      }
      baseline = found->second;
    }

    const std::string label = cellLabel(cell);
    // Progress within the cell: the selection's epochs up to its limit, then the refit's (which
    // the bar counts as the epochs the limit left over, at least half the cell).
    const auto runToTheEnd = [&](Trainer& run, const std::string& phase, double from, double span) {
      const double epochLimit = std::max(1, run.params().epochs);
      while (!run.done()) {
        const int32_t epoch = run.epochsDone();
        run.runEpoch([&](int64_t done, int64_t total) {
          if (!progress) return true;
          const double withinRun = std::min(1.0, (epoch + static_cast<double>(done) / static_cast<double>(total)) / epochLimit);
          return progress({(c + from + span * withinRun) / cellsTotal, c, cellsTotal,
                           label + " · " + phase + std::to_string(epoch + 1)});
        });
      }
      return run.stopReason() != StopReason::Cancelled;
    };
    const double selectionShare = grid.refit ? 0.5 : 1.0;
    if (!runToTheEnd(trainer, "epoch ", 0.0, selectionShare)) {
      results.complete = false;
      break;
    }
    std::unique_ptr<Trainer> refit;
    if (grid.refit) {
      if (const RefitPlan plan = planRefit(trainer); plan.applies) {
        refit = makeRefitTrainer(trainer, plan);
        if (!runToTheEnd(*refit, "refit epoch ", selectionShare, 1.0 - selectionShare)) {
          results.complete = false;
          break;
        }
      }
    }
    const Trainer& tested = refit ? *refit : trainer;
    FoldOutcome outcome = measure(trainer, tested, cell, baseline, users[{cell.model, cell.dim}]);
    if (finished) finished(cell, outcome, tested);
    results.outcomes.push_back(std::move(outcome));
    if (progress && !progress({static_cast<double>(c + 1) / cellsTotal, c, cellsTotal, label + " · done"})) {
      results.complete = c + 1 == cellsTotal;
      break;
    }
  }
  results.rows = summariseOutcomes(results.outcomes);
  for (const ResultRow& row : results.rows) results.users.push_back(std::move(users[{row.model, row.dim}]));
  compareWithBest(results, grid.significance);
  return results;
}

}  // namespace ll
