#pragma once
// A run's history as the plots read it: one array per curve (struct of arrays), built once per
// new snapshot or per loaded run, so the plots take spans and copy nothing per frame.

#include <vector>

#include "core/eval/pair_distance_correlation.h"
#include "core/train/training_history.h"

namespace ll::gui {

struct RunCurves {
  // Per epoch (all the same length; NaN where a value is missing).
  std::vector<double> epoch;           ///< 1-based
  std::vector<double> trainLoss;       ///< mean loss over the epoch's batches
  std::vector<double> validationLoss;  ///< the loss on the validation ratings (½·MSE, or logistic when implicit)
  std::vector<double> validationRmse;
  std::vector<double> testRmse;
  std::vector<double> validationMae;
  std::vector<double> testMae;
  // PDC against the co-rating threshold (1, 2, 4, 8, 16), of one epoch's user embeddings.
  std::vector<double> pdcThreshold;
  std::vector<double> pdc;  ///< NaN where PDC is undefined (fewer than 3 pairs)
  int pdcEpoch = 0;         ///< the epoch those embeddings are from (0: none)
  int bestEpoch = 0;        ///< lowest validation RMSE (0: none yet)

  bool empty() const { return epoch.empty(); }
};

/// pdcFromBest: take the PDC curve of the best epoch (a finished run keeps the best parameters)
/// rather than of the last one (a live run's current embeddings).
RunCurves buildRunCurves(const TrainingHistory& history, bool pdcFromBest);

}  // namespace ll::gui
