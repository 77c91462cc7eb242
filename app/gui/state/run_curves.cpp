#include "app/gui/state/run_curves.h"

#include <limits>

namespace ll::gui {

RunCurves buildRunCurves(const TrainingHistory& history, bool pdcFromBest) {
  RunCurves c;
  const size_t n = history.epochs.size();
  for (auto* v : {&c.epoch, &c.trainLoss, &c.validationLoss, &c.validationRmse, &c.testRmse, &c.validationMae,
                  &c.testMae}) {
    v->reserve(n);
  }
  // Implicit-feedback runs have no rating errors: NaN keeps those curves empty instead of at 0.
  const double missing = std::numeric_limits<double>::quiet_NaN();
  const auto orMissing = [missing](const RatingErrors& e, double value) { return e.count > 0 ? value : missing; };
  for (const EpochRecord& r : history.epochs) {
    c.epoch.push_back(r.epoch);
    c.trainLoss.push_back(r.trainLoss);
    c.validationLoss.push_back(r.validationLoss);
    c.validationRmse.push_back(orMissing(r.validation, r.validation.rmse));
    c.testRmse.push_back(orMissing(r.test, r.test.rmse));
    c.validationMae.push_back(orMissing(r.validation, r.validation.mae));
    c.testMae.push_back(orMissing(r.test, r.test.mae));
  }
  c.bestEpoch = history.bestEpoch;

  const EpochRecord* source = pdcFromBest && history.best() != nullptr ? history.best() : history.last();
  // The last epoch may lack PDC (pdcEachEpoch off): fall back to the newest epoch that has it.
  for (auto it = history.epochs.rbegin(); (source == nullptr || source->pdc.empty()) && it != history.epochs.rend();
       ++it) {
    if (!it->pdc.empty()) source = &*it;
  }
  if (source != nullptr && !source->pdc.empty()) {
    c.pdcEpoch = source->epoch;
    for (const PdcPoint& p : source->pdc) {
      c.pdcThreshold.push_back(p.threshold);
      c.pdc.push_back(p.pdc.value_or(std::numeric_limits<double>::quiet_NaN()));
    }
  }
  return c;
}

}  // namespace ll::gui
