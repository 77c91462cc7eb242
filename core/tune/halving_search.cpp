// Sections: helpers · TuneSession (brackets, rungs, steps, bounds, progress) · runHalvingSearch.
#include "core/tune/halving_search.h"

#include <algorithm>
#include <chrono>
#include <string>

#include "core/tune/scrambled_halton.h"
#include "core/tune/tune_files.h"

namespace ll {
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
  TuneSession(const TuneParams& params, TuneResult& result, TrialRunner& runner, const TuneProgressReport& progress,
              const TuneUpdateReport& update)
      : params_(params), result_(result), runner_(runner), progress_(progress), update_(update),
        started_(std::chrono::steady_clock::now()), elapsedBefore_(result.elapsedSeconds) {
    if (params_.maxTrials > 0) planned_ = plannedEpochs(params_.maxTrials, params_.halving, result_.rungEpochs);
    if (params_.maxTrials == 0 && params_.budgetSeconds <= 0.0) {
      planned_ = plannedEpochs(params_.halving.bracketSize, params_.halving, result_.rungEpochs);
    }
    for (const TrialRecord& trial : result_.trials) {
      for (size_t k = 0; k < trial.rungs.size(); ++k) doneEpochs_ += result_.rungEpochs[k];
    }
  }

  /// Runs brackets until a bound ends the search or it is cancelled.
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
    save(true);
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
    for (size_t t : members) runner_.release(result_.trials[t].id);
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
      if (trial.status != TrialStatus::Running) runner_.release(trial.id);
    }
    result_.elapsedSeconds = elapsed();
    save(false);
    if (update_) update_(result_, TuneUpdate{TuneUpdate::Kind::RungDecided, 0, bracket, rung, false});
  }

  // Trains trial t to the rung's epochs (the runner rebuilds it when its state was let go) and
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
    const std::string label = "trial " + std::to_string(trial.id + 1) + " · rung " + std::to_string(rung + 1) + "/" +
                              std::to_string(result_.rungEpochs.size());
    const std::optional<RungResult> result = runner_.advance(trial, target, [&](double within) {
      if (!progress_) return true;
      return progress_({fraction(within * target), elapsed(), label});
    });
    if (!result) {
      runner_.release(trial.id);
      end("cancelled", false);
      return false;
    }
    if (rung + 1 == static_cast<int32_t>(result_.rungEpochs.size()) || !result->stop.empty()) runner_.release(trial.id);
    record(t, bracket, rung, *result, previousBest);
    return true;
  }

  void record(size_t t, int32_t bracket, int32_t rung, const RungResult& rungResult, std::optional<size_t> previousBest) {
    result_.trials[t].rungs.push_back(rungResult);
    ++result_.steps;
    doneEpochs_ += result_.rungEpochs[static_cast<size_t>(rung)];
    // Scores only fall as a trial trains on, so the best changes only to this trial: what
    // bestTrial would find, without a pass over thousands of trials per step.
    const std::optional<double> score = rungResult.score;
    if (score && (!result_.best || *score < *result_.trials[*result_.best].score() ||
                  (*score == *result_.trials[*result_.best].score() && t < *result_.best))) {
      result_.best = t;
    }
    result_.elapsedSeconds = elapsed();
    save(false);
    if (update_) update_(result_, TuneUpdate{TuneUpdate::Kind::Trained, t, bracket, rung, result_.best == t && previousBest != t});
  }

  double fraction(double stepEpochs) const {
    double f = 0.0;
    if (params_.budgetSeconds > 0.0) f = elapsed() / params_.budgetSeconds;
    if (planned_ > 0.0) f = std::max(f, (doneEpochs_ + stepEpochs) / planned_);
    return std::clamp(f, 0.0, 1.0);
  }

  void save(bool always) {
    if (params_.stateFile.empty()) return;
    const auto now = std::chrono::steady_clock::now();
    if (!always && std::chrono::duration<double>(now - lastSave_).count() < params_.saveEverySeconds) return;
    saveTuneState(result_, params_.stateFile);
    lastSave_ = now;
  }

  const TuneParams& params_;
  TuneResult& result_;
  TrialRunner& runner_;
  const TuneProgressReport& progress_;
  const TuneUpdateReport& update_;
  std::chrono::steady_clock::time_point started_;
  double elapsedBefore_ = 0.0;
  std::chrono::steady_clock::time_point lastSave_;  // the epoch of the clock: the first save is never put off
  double planned_ = 0.0;     // epochs the trial limit (or the single bracket) plans; 0 = budget only
  double doneEpochs_ = 0.0;  // rung epochs of the recorded steps
  ScrambledHalton sequence_{result_.space.coordinates(), params_.seed};
};

}  // namespace

void runHalvingSearch(const TuneParams& params, TuneResult& result, TrialRunner& runner, const TuneProgressReport& progress,
                      const TuneUpdateReport& update) {
  result.best = bestTrial(result.trials);
  TuneSession(params, result, runner, progress, update).run();
}

}  // namespace ll
