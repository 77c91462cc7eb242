#pragma once
// The progress report of a long analysis, which is also its cancellation point: it is called with
// the fraction done in [0, 1]; returning false stops the analysis, whose result is then marked
// cancelled. An empty function means "run to the end".

#include <functional>

namespace ll {

using AnalysisProgress = std::function<bool(double fraction)>;

/// Calls progress when set; true means "carry on".
inline bool reportProgress(const AnalysisProgress& progress, double fraction) {
  return !progress || progress(fraction);
}

}  // namespace ll
