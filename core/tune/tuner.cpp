#include "core/tune/tuner.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "core/data/input_error.h"
#include "core/train/trainer.h"
#include "core/tune/halving_search.h"
#include "core/tune/tune_files.h"
#include "core/util/thread_budget.h"

namespace ll {

std::string_view trialStatusName(TrialStatus status) {
  switch (status) {
    case TrialStatus::Running: return "running";
    case TrialStatus::Pruned: return "pruned";
    case TrialStatus::Finished: return "finished";
  }
  return "?";
}

Split tuningSplit(Split split) {
  split.test.clear();
  split.test.shrink_to_fit();
  split.heldOutUsers.clear();
  return split;
}

namespace {

// Trials as real training runs. Trainers of alive trials stay in memory between rungs while they
// fit in keepTrainersBytes; past that a promoted trial trains again from the start, which gives the
// same parameters (training is deterministic for a seed and thread count) at the cost of time.
class TrainerRunner final : public TrialRunner {
 public:
  TrainerRunner(std::shared_ptr<const Dataset> data, const TuneParams& params, Split split, int32_t maxEpochs)
      : data_(std::move(data)), params_(params), split_(std::move(split)), maxEpochs_(maxEpochs) {}

  std::optional<RungResult> advance(const TrialRecord& trial, int32_t epochs, const StepProgress& progress) override {
    const auto started = std::chrono::steady_clock::now();
    std::unique_ptr<Trainer>& trainer = trainers_[trial.id];
    if (!trainer) trainer = makeTrainer(trial.settings);
    const int32_t first = trainer->epochsDone();
    while (!trainer->done() && trainer->epochsDone() < epochs) {
      const int32_t epoch = trainer->epochsDone();
      trainer->runEpoch([&](int64_t done, int64_t total) {
        return !progress || progress((epoch - first + static_cast<double>(done) / static_cast<double>(total)) / (epochs - first));
      });
      if (trainer->stopReason() == StopReason::Cancelled) {
        trainers_.erase(trial.id);
        return std::nullopt;
      }
    }
    RungResult result;
    result.epochs = trainer->epochsDone();
    if (const EpochRecord* best = trainer->history().best()) {
      result.score = trainer->stoppingValue(*best);
      result.bestEpoch = trainer->history().bestEpoch;
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (trainer->done() && trainer->stopReason() != StopReason::EpochLimit) {
      result.stop = std::string(stopReasonName(trainer->stopReason()));
    }
    const int64_t bytes = trainer->model().parameterCount() * int64_t{16} + static_cast<int64_t>(split_.train.size()) * int64_t{16};
    if (bytes * static_cast<int64_t>(trainers_.size()) > params_.keepTrainersBytes) trainers_.erase(trial.id);
    return result;
  }

  void release(int32_t trialId) override { trainers_.erase(trialId); }

 private:
  std::unique_ptr<Trainer> makeTrainer(const TrialSettings& settings) const {
    ModelConfig model = params_.model;
    TrainParams train = params_.train;
    applySettings(settings, model, train);
    model.seed = params_.seed;
    train.seed = params_.seed;
    train.ranking.seed = params_.seed;
    train.epochs = maxEpochs_;  // never the rung's: reaching an epoch limit would restore the best epoch's parameters
    train.pdcEachEpoch = false;
    return std::make_unique<Trainer>(data_, split_, model, train);
  }

  std::shared_ptr<const Dataset> data_;
  const TuneParams& params_;
  Split split_;
  int32_t maxEpochs_;
  std::map<int32_t, std::unique_ptr<Trainer>> trainers_;  // by trial id
};

}  // namespace

TuneResult runTune(std::shared_ptr<const Dataset> data, const TuneParams& given, const TuneProgressReport& progress,
                   const TuneUpdateReport& update) {
  TuneParams params = given;
  if (!(params.budgetSeconds >= 0.0)) throw InputError("budget", 0, "a duration of 0 (none) or more seconds", std::to_string(params.budgetSeconds));
  if (params.maxTrials < 0) throw InputError("trials", 0, "0 (no limit) or more trials", std::to_string(params.maxTrials));
  params.splitParams.seed = params.seed;

  TuneResult result;
  result.model = params.model.kind;
  result.implicit = params.train.implicit;
  result.scoreName = params.train.implicit ? "validation loss" : "validation RMSE";
  result.space = searchSpace(params.model.kind, params.train.implicit);
  if (params.halving.maxEpochs == 0) params.halving.maxEpochs = result.space.maxEpochs;
  result.rungEpochs = rungEpochs(params.halving);

  Split split = makeSplit(*data, params.split, params.splitParams);
  result.split = split.name;
  if (split.validation.empty()) {
    throw InputError("validation", 0, "a validation share of the training ratings to rank configurations by", "none");
  }
  const int32_t threads = params.train.threads > 0 ? params.train.threads : threadBudget();
  params.train.threads = threads;  // resolved once: the state records it, and a trial's floats depend on it
  result.identity = searchIdentity(*data, params, result, threads);
  if (!params.stateFile.empty() && std::filesystem::exists(params.stateFile)) {
    loadTuneState(params.stateFile, result);
    result.resumed = true;
  }
  TrainerRunner runner(data, params, tuningSplit(std::move(split)), result.rungEpochs.back());
  runHalvingSearch(params, result, runner, progress, update);
  return result;
}

}  // namespace ll
