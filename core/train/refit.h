#pragma once
// Refit after selection: early stopping chooses how long to train by watching the validation share
// of the training ratings, which the selected model then never learned from. A refit trains the
// same model afresh (same configuration, seed and settings) on all training ratings — training and
// validation shares together — for the chosen number of epochs, scaled by how much more data each
// epoch now holds, and that model is the one tested. Nothing in a refit looks at a test rating: its
// length is fixed before it starts and it has no validation share to stop on.
//
// A run does not refit when early stopping never chose (no validation share, or a run that ended
// diverged or cancelled), or under the adaptive schedule, whose learning rate and batch follow the
// validation loss epoch by epoch and cannot be replayed without it.

#include <cstdint>
#include <memory>
#include <string>

#include "core/train/trainer.h"

namespace ll {

/// Whether a run is refitted once early stopping has chosen its length.
enum class Refit { Skip, AfterSelection };

struct RefitPlan {
  bool applies = false;
  int32_t epochs = 0;   ///< round(best epoch × (training + validation) / training), at least 1
  std::string reason;   ///< why not, when it does not apply
};

/// The plan for a finished run.
RefitPlan planRefit(const Trainer& selected);

/// The split a refit trains on: training and validation shares merged (ascending), no validation
/// share, the same test ratings and held-out users.
Split refitSplit(const Split& split);

/// The split parameters that rebuild refitSplit(makeSplit(data, spec, params)) as
/// makeSplit(data, spec, refitSplitParams(params)): no validation share, the same seed. A refit's
/// checkpoint records these, so a resume trains on the same ratings.
SplitParams refitSplitParams(const SplitParams& params);

/// A trainer for the refit of a finished run; plan must apply. Its epochs record test figures
/// like any run's, for the curves: they decide nothing.
std::unique_ptr<Trainer> makeRefitTrainer(const Trainer& selected, const RefitPlan& plan);

}  // namespace ll
