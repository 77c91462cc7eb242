#include "core/train/refit.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace ll {

RefitPlan planRefit(const Trainer& selected) {
  RefitPlan plan;
  const Split& split = selected.split();
  const int32_t best = selected.history().bestEpoch;
  if (split.validation.empty()) {
    plan.reason = "no validation share chose the epoch count";
  } else if (selected.stopReason() == StopReason::Diverged || selected.stopReason() == StopReason::Cancelled) {
    plan.reason = std::string("the run ended ") + std::string(stopReasonName(selected.stopReason()));
  } else if (selected.params().schedule == Schedule::Adaptive) {
    plan.reason = "the adaptive schedule follows the validation loss, which a refit does not have";
  } else if (best < 1) {
    plan.reason = "no epoch was chosen";
  } else {
    const double ratio = static_cast<double>(split.train.size() + split.validation.size()) / static_cast<double>(split.train.size());
    plan.applies = true;
    plan.epochs = std::max(1, static_cast<int32_t>(std::lround(best * ratio)));
  }
  return plan;
}

Split refitSplit(const Split& split) {
  Split merged = split;
  merged.train.clear();
  merged.train.reserve(split.train.size() + split.validation.size());
  std::merge(split.train.begin(), split.train.end(), split.validation.begin(), split.validation.end(),
             std::back_inserter(merged.train));
  merged.validation.clear();
  return merged;
}

SplitParams refitSplitParams(const SplitParams& params) {
  SplitParams merged = params;
  merged.validationFraction = 0.0;
  return merged;
}

std::unique_ptr<Trainer> makeRefitTrainer(const Trainer& selected, const RefitPlan& plan) {
  TrainParams params = selected.params();
  params.epochs = plan.epochs;
  params.patience = 0;
  return std::make_unique<Trainer>(selected.dataset(), refitSplit(selected.split()), selected.model().config(), params);
}

}  // namespace ll
