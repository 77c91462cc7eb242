#pragma once
// `tune`: a budgeted search of a model's search space (search_space.h) on the user's own data.
// Proposals come from a seeded scrambled Halton sequence (scrambled_halton.h); brackets of them go
// through synchronous successive halving by epochs (successive_halving.h), ranked by the value
// early stopping watches (Trainer::stoppingValue: validation RMSE, or the validation loss in
// implicit mode). Early stopping with patience still ends a trial inside a rung.
//
// Validation only: the split's test ratings are dropped before any trainer sees the split
// (tuningSplit), so no test rating is read — not for a metric, not for PDC, not for ranking.
//
// Deterministic: the sequence of steps (one trial trained to one rung) depends on the seed and the
// settings alone; a wall-time budget or a trial limit only decides how far along it a run gets.
// Every trial trains with the same seed (common random numbers: configurations differ only in
// their settings). A step is never cut by the budget: the run ends before the next one.
//
// Resumable: with a state file, the state (the trials, their rung scores and statuses) is written
// atomically as the run goes (at most a second apart: saveEverySeconds) and when it ends; a run given a compatible state file —
// same data, model, seed, split, space, rungs and training options — skips what it records and
// goes on. Trials still alive are rebuilt by training them again to where they stopped (training
// is deterministic for a seed and thread count), so a killed run, resumed, ends exactly as an
// uninterrupted one. An incompatible state file is refused (InputError naming what differs).
//
// Synchronous and silent (core never prints): progress and each finished step arrive through
// callbacks on the calling thread; the progress report is the cancellation point.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/split.h"
#include "core/model/model_config.h"
#include "core/train/train_params.h"
#include "core/tune/search_space.h"
#include "core/tune/successive_halving.h"

namespace ll {

struct TuneParams {
  /// Kind and the options not searched (item input, activation, clipping, noise); dim is searched
  /// where the space has dims (default: ModelConfig{})
  ModelConfig model;
  /// Patience, threads, implicit mode, negatives, schedule; optimizer, learning rate, batch and λ
  /// come from each trial, epochs from the rungs, per-epoch PDC is off (default: TrainParams{})
  TrainParams train;
  SplitSpec split;          ///< whose training ratings are tuned on; its test ratings are never read (default: random:0.2)
  SplitParams splitParams;  ///< the validation share (its seed is replaced by `seed`) (default: SplitParams{})
  /// Seeds the proposals and, replacing theirs, the model's initialisation, the shuffling and the
  /// validation draw (default: 1)
  uint64_t seed = 1;
  HalvingParams halving;    ///< rungs and brackets; maxEpochs 0 = the space's (default: 0, η 3, 27 per bracket)
  double budgetSeconds = 0.0;  ///< wall time over all sessions of the run; 0 = none (default: 0)
  int32_t maxTrials = 0;       ///< configurations to propose; 0 = none; with neither bound one bracket runs (default: 0)
  /// K: each configuration trains on K validation draws of the same training ratings — the split's
  /// own, then K − 1 redrawn (redrawValidation) — and is ranked by the mean of their best
  /// validation values, like Surprise's GridSearchCV over folds: less selection noise (a 10% share
  /// of ML-100K holds 8,000 ratings) at K times the cost (default: 1)
  int32_t validationRepeats = 1;
  std::filesystem::path stateFile;  ///< resumable state, read if present and written as the run goes; empty = none (default: none)
  /// The state is written after a step or a rung's decision once this long has passed since it was
  /// last written, and when the run ends; 0 = after every one. Each write is flushed to disk, which
  /// costs more than a step of a small model: a killed run redoes at most this much (default: 1)
  double saveEverySeconds = 1.0;
  /// Trials alive between rungs keep their trainer in memory while the trainers fit in this many
  /// bytes; past it they are trained again from the start when promoted (same result, more time)
  /// (default: 1 GiB)
  int64_t keepTrainersBytes = int64_t{1} << 30;
};

enum class TrialStatus {
  Running,   ///< alive: waiting for its next rung
  Pruned,    ///< cut after a rung
  Finished,  ///< went through the last rung
};
std::string_view trialStatusName(TrialStatus status);

/// A trial's state after a rung.
struct RungResult {
  int32_t epochs = 0;             ///< epochs trained so far (fewer than the rung's when early stopping ended it)
  std::optional<double> score;    ///< best validation value so far (none: diverged before one)
  int32_t bestEpoch = 0;          ///< 1-based epoch of that score
  double seconds = 0.0;           ///< training time of the step
  std::string stop;               ///< why training ended ("early stopping", "diverged"); empty while it may go on
};

struct TrialRecord {
  int32_t id = 0;        ///< 0-based; also its index in the proposal sequence
  int32_t bracket = 0;   ///< 0-based
  TrialSettings settings;
  std::vector<RungResult> rungs;  ///< one per rung reached, in order
  TrialStatus status = TrialStatus::Running;

  /// The latest rung's score (none before the first rung, or when it diverged at once).
  std::optional<double> score() const { return rungs.empty() ? std::nullopt : rungs.back().score; }
};

struct TuneResult {
  ModelKind model = ModelKind::MF;
  bool implicit = false;
  std::string split;              ///< the split's text
  std::string scoreName;          ///< "validation RMSE" or "validation loss"
  SearchSpace space;
  std::vector<int32_t> rungEpochs;
  std::vector<TrialRecord> trials;  ///< in id order
  std::optional<size_t> best;       ///< index of the trial with the lowest score (ties: the lower id)
  int64_t steps = 0;                ///< trial trainings to a rung recorded, over all sessions
  double elapsedSeconds = 0.0;      ///< over all sessions
  bool resumed = false;             ///< this session started from a state file
  bool complete = false;            ///< ended by its budget, trial limit or single bracket (not cancelled)
  std::string ended;                ///< "budget", "trials", "bracket" or "cancelled"
  std::string identity;             ///< the search's identity as JSON (what a resumed run must match)
};

struct TuneProgress {
  /// Share done, in [0, 1]: of the wall-time budget, or of the planned epochs of the trial limit
  /// (the larger when both are set); elapsed / fraction is a fair ETA.
  double fraction = 0.0;
  double elapsedSeconds = 0.0;
  std::string label;  ///< "trial 12 · rung 2/4"
};

/// Called after every training batch; returning false cancels the run there (the step in flight
/// is dropped and redone on resume).
using TuneProgressReport = std::function<bool(const TuneProgress&)>;

struct TuneUpdate {
  enum class Kind { Trained, RungDecided } kind = Kind::Trained;
  size_t trial = 0;    ///< Trained: the trial's index
  int32_t bracket = 0;
  int32_t rung = 0;    ///< 0-based
  bool newBest = false;  ///< Trained: this step made the trial the best so far
};
/// Called after every recorded step and every rung's decision, with the result so far.
using TuneUpdateReport = std::function<void(const TuneResult&, const TuneUpdate&)>;

/// The most validation draws a tune takes.
constexpr int32_t kMaxValidationRepeats = 10;

/// The split a trial trains on: training and validation shares as given, no test ratings, no
/// held-out users.
Split tuningSplit(Split split);

/// The same split with another seeded draw (seed, draw ≥ 1) of `fraction` of its training and
/// validation ratings as validation; the test ratings and held-out users are untouched.
Split redrawValidation(const Split& split, double fraction, uint64_t seed, int32_t draw);

/// Runs the search. Throws InputError when the model cannot run on this data, a setting is out
/// of range, or the state file is damaged or belongs to another search; std::runtime_error when
/// the state file cannot be written.
TuneResult runTune(std::shared_ptr<const Dataset> data, const TuneParams& params, const TuneProgressReport& progress = {},
                   const TuneUpdateReport& update = {});

}  // namespace ll
