// Sections: helpers · the session (trainers, steps, budget, progress) · runTune.
#include "core/tune/tuner.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "core/data/input_error.h"
#include "core/train/trainer.h"
#include "core/tune/scrambled_halton.h"
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

bool better(const std::optional<double>& a, const std::optional<double>& b) {
  return a.has_value() && (!b.has_value() || *a < *b);
}

std::optional<size_t> bestTrial(const std::vector<TrialRecord>& trials) {
  std::optional<size_t> best;
  for (size_t t = 0; t < trials.size(); ++t) {
    if (trials[t].score() && (!best || better(trials[t].score(), trials[*best].score()))) best = t;
  }
  return best;
}

// The epochs a trial limit plans: each bracket's rung sizes times the rung epochs.
double plannedEpochs(int32_t trials, const HalvingParams& halving, const std::vector<int32_t>& rungs) {
  double epochs = 0.0;
  for (int32_t left = trials; left > 0; left -= halving.bracketSize) {
    const std::vector<int32_t> sizes =
        rungSizes(std::min(left, halving.bracketSize), halving.reduction, static_cast<int32_t>(rungs.size()));
    for (size_t k = 0; k < rungs.size(); ++k) epochs += static_cast<double>(sizes[k]) * rungs[k];
  }
  return epochs;
}

class TuneSession {
 public:
  TuneSession(std::shared_ptr<const Dataset> data, const TuneParams& params, TuneResult& result, Split split,
              const TuneProgressReport& progress, const TuneUpdateReport& update)
      : data_(std::move(data)), params_(params), result_(result), split_(std::move(split)), progress_(progress),
        update_(update), started_(std::chrono::steady_clock::now()), elapsedBefore_(result.elapsedSeconds) {
    if (params_.maxTrials > 0) planned_ = plannedEpochs(params_.maxTrials, params_.halving, result_.rungEpochs);
    if (params_.maxTrials == 0 && params_.budgetSeconds <= 0.0) {
      planned_ = plannedEpochs(params_.halving.bracketSize, params_.halving, result_.rungEpochs);
    }
    for (const TrialRecord& trial : result_.trials) {
      for (size_t k = 0; k < trial.rungs.size(); ++k) doneEpochs_ += result_.rungEpochs[k];
    }
  }

  /// Runs brackets until a bound ends the search; false when cancelled.
  void run() {
    for (int32_t bracket = 0;; ++bracket) {
      std::vector<size_t> members = bracketMembers(bracket);
      if (members.empty()) {
        if (const char* bound = boundReached()) return end(bound, true);
        members = propose(bracket);
      }
      if (!runBracket(bracket, members)) return;
      if (params_.maxTrials == 0 && params_.budgetSeconds <= 0.0) return end("bracket", true);
    }
  }

 private:
  double elapsed() const {
    return elapsedBefore_ + std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  }

  // The bound that ends the search before another step, or null.
  const char* boundReached() const {
    if (params_.budgetSeconds > 0.0 && elapsed() >= params_.budgetSeconds) return "budget";
    if (params_.maxTrials > 0 && static_cast<int32_t>(result_.trials.size()) >= params_.maxTrials) return "trials";
    return nullptr;
  }

  void end(const char* why, bool complete) {
    result_.ended = why;
    result_.complete = complete;
    result_.elapsedSeconds = elapsed();
    trainers_.clear();
  }

  std::vector<size_t> bracketMembers(int32_t bracket) const {
    std::vector<size_t> members;
    for (size_t t = 0; t < result_.trials.size(); ++t) {
      if (result_.trials[t].bracket == bracket) members.push_back(t);
    }
    return members;
  }

  std::vector<size_t> propose(int32_t bracket) {
    int32_t count = params_.halving.bracketSize;
    if (params_.maxTrials > 0) count = std::min(count, params_.maxTrials - static_cast<int32_t>(result_.trials.size()));
    std::vector<size_t> members;
    for (int32_t k = 0; k < count; ++k) {
      TrialRecord trial;
      trial.id = static_cast<int32_t>(result_.trials.size());
      trial.bracket = bracket;
      trial.settings = settingsAt(result_.space, sequence_.point(static_cast<uint64_t>(trial.id)));
      members.push_back(result_.trials.size());
      result_.trials.push_back(trial);
    }
    return members;
  }

  bool runBracket(int32_t bracket, const std::vector<size_t>& members) {
    const auto rungs = static_cast<int32_t>(result_.rungEpochs.size());
    for (int32_t rung = 0; rung < rungs; ++rung) {
      std::vector<size_t> alive;
      for (size_t t : members) {
        const TrialRecord& trial = result_.trials[t];
        if (static_cast<int32_t>(trial.rungs.size()) > rung || trial.status == TrialStatus::Running) alive.push_back(t);
      }
      // Trials already decided at this rung (a resumed run) are skipped; the decision is replayed.
      if (alive.empty()) break;
      for (size_t t : alive) {
        if (static_cast<int32_t>(result_.trials[t].rungs.size()) > rung) continue;
        if (const char* bound = boundReached(); bound && std::string_view(bound) == "budget") {
          end(bound, true);
          return false;
        }
        if (!step(t, bracket, rung)) return false;
      }
      decide(alive, bracket, rung);
    }
    for (size_t t : members) trainers_.erase(result_.trials[t].id);
    return true;
  }

  // Rung decision: the best 1/η go on, the rest are pruned; at the last rung all finish.
  void decide(const std::vector<size_t>& alive, int32_t bracket, int32_t rung) {
    const bool last = rung + 1 == static_cast<int32_t>(result_.rungEpochs.size());
    std::vector<std::optional<double>> scores;
    for (size_t t : alive) scores.push_back(result_.trials[t].rungs[static_cast<size_t>(rung)].score);
    std::vector<char> goesOn(alive.size(), 0);
    if (!last) {
      for (size_t k : promoted(scores, params_.halving.reduction)) goesOn[k] = 1;
    }
    for (size_t k = 0; k < alive.size(); ++k) {
      TrialRecord& trial = result_.trials[alive[k]];
      // Only the trials still undecided at this rung change: a trial that went on and reached a
      // later rung (in a resumed run) keeps its status.
      if (static_cast<int32_t>(trial.rungs.size()) != rung + 1) continue;
      trial.status = last ? TrialStatus::Finished : (goesOn[k] ? TrialStatus::Running : TrialStatus::Pruned);
      if (trial.status != TrialStatus::Running) trainers_.erase(trial.id);
    }
    result_.elapsedSeconds = elapsed();
    save();
    if (update_) update_(result_, TuneUpdate{TuneUpdate::Kind::RungDecided, 0, bracket, rung, false});
  }

  std::unique_ptr<Trainer> makeTrainer(const TrialSettings& settings) const {
    ModelConfig model = params_.model;
    TrainParams train = params_.train;
    applySettings(settings, model, train);
    model.seed = params_.seed;
    train.seed = params_.seed;
    train.ranking.seed = params_.seed;
    train.epochs = result_.rungEpochs.back();
    train.pdcEachEpoch = false;
    auto trainer = std::make_unique<Trainer>(data_, split_, model, train);
    return trainer;
  }

  // Trains trial t to the rung's epochs (rebuilding it first when its trainer was let go) and
  // records the rung. False when cancelled.
  bool step(size_t t, int32_t bracket, int32_t rung) {
    TrialRecord& trial = result_.trials[t];
    const int32_t target = result_.rungEpochs[static_cast<size_t>(rung)];
    const std::optional<size_t> previousBest = result_.best;
    if (!trial.rungs.empty() && !trial.rungs.back().stop.empty()) {
      // Its training ended (early stopping, divergence) before this rung: nothing can change.
      RungResult same = trial.rungs.back();
      same.seconds = 0.0;
      record(t, bracket, rung, same, previousBest);
      return true;
    }
    const auto stepStart = std::chrono::steady_clock::now();
    std::unique_ptr<Trainer>& trainer = trainers_[trial.id];
    if (!trainer) trainer = makeTrainer(trial.settings);
    const std::string label = "trial " + std::to_string(trial.id + 1) + " · rung " + std::to_string(rung + 1) + "/" +
                              std::to_string(result_.rungEpochs.size());
    const int32_t first = trainer->epochsDone();
    while (!trainer->done() && trainer->epochsDone() < target) {
      const int32_t epoch = trainer->epochsDone();
      trainer->runEpoch([&](int64_t done, int64_t total) {
        if (!progress_) return true;
        const double within = (epoch - first + static_cast<double>(done) / static_cast<double>(total)) / (target - first);
        return progress_({fraction(within * target), elapsed(),
                          label + " · epoch " + std::to_string(epoch + 1) + "/" + std::to_string(target)});
      });
      if (trainer->stopReason() == StopReason::Cancelled) {
        trainers_.erase(trial.id);
        end("cancelled", false);
        return false;
      }
    }
    RungResult result;
    result.epochs = trainer->epochsDone();
    if (const EpochRecord* best = trainer->history().best()) {
      result.score = trainer->stoppingValue(*best);
      result.bestEpoch = trainer->history().bestEpoch;
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - stepStart).count();
    if (trainer->done() && trainer->stopReason() != StopReason::EpochLimit) {
      result.stop = std::string(stopReasonName(trainer->stopReason()));
    }
    const bool last = rung + 1 == static_cast<int32_t>(result_.rungEpochs.size());
    const int64_t bytes = trainer->model().parameterCount() * int64_t{16} +
                          static_cast<int64_t>(split_.train.size()) * int64_t{16};
    if (last || trainer->done() || bytes * static_cast<int64_t>(trainers_.size()) > params_.keepTrainersBytes) {
      trainers_.erase(trial.id);
    }
    record(t, bracket, rung, result, previousBest);
    return true;
  }

  void record(size_t t, int32_t bracket, int32_t rung, const RungResult& rungResult, std::optional<size_t> previousBest) {
    result_.trials[t].rungs.push_back(rungResult);
    ++result_.steps;
    doneEpochs_ += result_.rungEpochs[static_cast<size_t>(rung)];
    result_.best = bestTrial(result_.trials);
    result_.elapsedSeconds = elapsed();
    save();
    if (update_) update_(result_, TuneUpdate{TuneUpdate::Kind::Trained, t, bracket, rung, result_.best == t && previousBest != t});
  }

  double fraction(double stepEpochs) const {
    double f = 0.0;
    if (params_.budgetSeconds > 0.0) f = elapsed() / params_.budgetSeconds;
    if (planned_ > 0.0) f = std::max(f, (doneEpochs_ + stepEpochs) / planned_);
    return std::clamp(f, 0.0, 1.0);
  }

  void save() const {
    if (!params_.stateFile.empty()) saveTuneState(result_, params_.stateFile);
  }

  std::shared_ptr<const Dataset> data_;
  const TuneParams& params_;
  TuneResult& result_;
  Split split_;
  const TuneProgressReport& progress_;
  const TuneUpdateReport& update_;
  std::chrono::steady_clock::time_point started_;
  double elapsedBefore_ = 0.0;
  double planned_ = 0.0;     // epochs the trial limit (or the single bracket) plans; 0 = budget only
  double doneEpochs_ = 0.0;  // rung epochs of the recorded steps
  ScrambledHalton sequence_{result_.space.coordinates(), params_.seed};
  std::map<int32_t, std::unique_ptr<Trainer>> trainers_;  // by trial id: the alive trials kept in memory
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
    result.best = bestTrial(result.trials);
  }
  TuneSession session(data, params, result, tuningSplit(std::move(split)), progress, update);
  session.run();
  return result;
}

}  // namespace ll
