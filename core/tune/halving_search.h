#pragma once
// The search loop of `tune`, apart from what a trial is: brackets of proposals through
// successive halving (successive_halving.h), the budget and trial bounds, the state file, progress
// and updates. What training a trial to a rung means is a TrialRunner's business: tuner.cpp's
// trains real models; tests drive the loop with a made-up objective.

#include <cstdint>
#include <functional>
#include <optional>

#include "core/tune/tuner.h"

namespace ll {

class TrialRunner {
 public:
  virtual ~TrialRunner() = default;
  /// Called while a step trains with its share done, in [0, 1]; false cancels the step.
  using StepProgress = std::function<bool(double)>;
  /// Trains the trial on from where it stopped (or from the start, when its state was let go) to
  /// `epochs` and returns its state there; nothing when progress cancelled the step.
  virtual std::optional<RungResult> advance(const TrialRecord& trial, int32_t epochs, const StepProgress& progress) = 0;
  /// The trial will train no more (pruned, finished, or its bracket left behind): let its state go.
  virtual void release(int32_t trialId) = 0;
};

/// Runs the search on result (its space, rung epochs and identity set; its trials, steps and
/// elapsed time those of a resumed state, if any). Sets ended, complete and best.
void runHalvingSearch(const TuneParams& params, TuneResult& result, TrialRunner& runner,
                      const TuneProgressReport& progress = {}, const TuneUpdateReport& update = {});

}  // namespace ll
