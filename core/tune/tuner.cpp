#include "core/tune/tuner.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <map>
#include <numeric>

#include "core/data/input_error.h"
#include "core/train/trainer.h"
#include "core/tune/halving_search.h"
#include "core/tune/tune_files.h"
#include "core/util/random.h"
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

Split redrawValidation(const Split& split, double fraction, uint64_t seed, int32_t draw) {
  std::vector<uint32_t> pool;
  pool.reserve(split.train.size() + split.validation.size());
  std::merge(split.train.begin(), split.train.end(), split.validation.begin(), split.validation.end(), std::back_inserter(pool));
  std::vector<uint32_t> order(pool.size());
  std::iota(order.begin(), order.end(), 0u);
  Random random = Random::derived(seed, 0x7A11D000u + static_cast<uint64_t>(draw));
  random.shuffle(order.begin(), order.end());
  std::vector<char> isValidation(pool.size(), 0);
  const auto count = static_cast<size_t>(static_cast<double>(pool.size()) * fraction);
  for (size_t k = 0; k < count; ++k) isValidation[order[k]] = 1;
  Split redrawn = split;
  redrawn.train.clear();
  redrawn.validation.clear();
  for (size_t k = 0; k < pool.size(); ++k) (isValidation[k] ? redrawn.validation : redrawn.train).push_back(pool[k]);
  return redrawn;
}

Split tuningSplit(Split split) {
  split.test.clear();
  split.test.shrink_to_fit();
  split.heldOutUsers.clear();
  return split;
}

namespace {

// Trials as real training runs, one per validation draw (TuneParams::validationRepeats). Trainers
// of alive trials stay in memory between rungs while they fit in keepTrainersBytes; past that a
// promoted trial trains again from the start, which gives the same parameters (training is
// deterministic for a seed and thread count) at the cost of time.
class TrainerRunner final : public TrialRunner {
 public:
  TrainerRunner(std::shared_ptr<const Dataset> data, const TuneParams& params, std::vector<Split> splits, int32_t maxEpochs)
      : data_(std::move(data)), params_(params), splits_(std::move(splits)), maxEpochs_(maxEpochs) {}

  std::optional<RungResult> advance(const TrialRecord& trial, int32_t epochs, const StepProgress& progress) override {
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::unique_ptr<Trainer>>& trainers = trainers_[trial.id];
    const auto draws = static_cast<int32_t>(splits_.size());
    if (trainers.empty()) {
      for (const Split& split : splits_) trainers.push_back(makeTrainer(trial.settings, split));
    }
    for (int32_t k = 0; k < draws; ++k) {
      Trainer& trainer = *trainers[static_cast<size_t>(k)];
      const int32_t first = trainer.epochsDone();
      while (!trainer.done() && trainer.epochsDone() < epochs) {
        const int32_t epoch = trainer.epochsDone();
        trainer.runEpoch([&](int64_t done, int64_t total) {
          const double within = (epoch - first + static_cast<double>(done) / static_cast<double>(total)) / (epochs - first);
          return !progress || progress((k + within) / draws);
        });
        if (trainer.stopReason() == StopReason::Cancelled) {
          trainers_.erase(trial.id);
          return std::nullopt;
        }
      }
    }
    RungResult result = summarise(trainers);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const int64_t bytes = draws * (trainers.front()->model().parameterCount() * int64_t{16} +
                                   static_cast<int64_t>(splits_.front().train.size()) * int64_t{16});
    if (bytes * static_cast<int64_t>(trainers_.size()) > params_.keepTrainersBytes) trainers_.erase(trial.id);
    return result;
  }

  void release(int32_t trialId) override { trainers_.erase(trialId); }

 private:
  // The rung of a trial over its draws: the mean best score (none if a draw has none), the mean
  // best epoch, and a stop only once every draw's training has ended.
  static RungResult summarise(const std::vector<std::unique_ptr<Trainer>>& trainers) {
    RungResult result;
    double scores = 0.0, bestEpochs = 0.0;
    bool allScored = true, allEnded = true;
    for (const auto& trainer : trainers) {
      result.epochs = std::max(result.epochs, trainer->epochsDone());
      if (const EpochRecord* best = trainer->history().best()) {
        scores += trainer->stoppingValue(*best);
        bestEpochs += trainer->history().bestEpoch;
      } else {
        allScored = false;
      }
      const bool ended = trainer->done() && trainer->stopReason() != StopReason::EpochLimit;
      allEnded = allEnded && ended;
      if (ended && result.stop.empty()) result.stop = std::string(stopReasonName(trainer->stopReason()));
    }
    const auto n = static_cast<double>(trainers.size());
    if (allScored) {
      result.score = scores / n;
      result.bestEpoch = static_cast<int32_t>(std::lround(bestEpochs / n));
    }
    if (!allEnded) result.stop.clear();
    return result;
  }

  std::unique_ptr<Trainer> makeTrainer(const TrialSettings& settings, const Split& split) const {
    ModelConfig model = params_.model;
    TrainParams train = params_.train;
    applySettings(settings, model, train);
    model.seed = params_.seed;
    train.seed = params_.seed;
    train.ranking.seed = params_.seed;
    train.epochs = maxEpochs_;  // never the rung's: reaching an epoch limit would restore the best epoch's parameters
    train.pdcEachEpoch = false;
    return std::make_unique<Trainer>(data_, split, model, train);
  }

  std::shared_ptr<const Dataset> data_;
  const TuneParams& params_;
  std::vector<Split> splits_;  // one per validation draw, without test ratings
  int32_t maxEpochs_;
  std::map<int32_t, std::vector<std::unique_ptr<Trainer>>> trainers_;  // by trial id, one per draw
};

}  // namespace

TuneResult runTune(std::shared_ptr<const Dataset> data, const TuneParams& given, const TuneProgressReport& progress,
                   const TuneUpdateReport& update) {
  TuneParams params = given;
  if (!(params.budgetSeconds >= 0.0)) throw InputError("budget", 0, "a duration of 0 (none) or more seconds", std::to_string(params.budgetSeconds));
  if (params.maxTrials < 0) throw InputError("trials", 0, "0 (no limit) or more trials", std::to_string(params.maxTrials));
  if (params.validationRepeats < 1 || params.validationRepeats > kMaxValidationRepeats) {
    throw InputError("validation repeats", 0, "1 to " + std::to_string(kMaxValidationRepeats) + " validation draws",
                     std::to_string(params.validationRepeats));
  }
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
  std::vector<Split> splits;
  for (int32_t k = 0; k < params.validationRepeats; ++k) {
    splits.push_back(tuningSplit(k == 0 ? split : redrawValidation(split, params.splitParams.validationFraction, params.seed, k)));
  }
  TrainerRunner runner(data, params, std::move(splits), result.rungEpochs.back());
  runHalvingSearch(params, result, runner, progress, update);
  return result;
}

}  // namespace ll
