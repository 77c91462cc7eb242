#include "core/experiment/mean_sd.h"

#include <cmath>

namespace ll {

MeanSd meanSd(std::span<const double> values) {
  MeanSd result;
  double sum = 0.0;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    sum += v;
    ++result.count;
  }
  if (result.count == 0) return result;
  result.mean = sum / result.count;
  if (result.count < 2) return result;
  double squares = 0.0;
  for (double v : values) {
    if (std::isfinite(v)) squares += (v - result.mean) * (v - result.mean);
  }
  result.sd = std::sqrt(squares / (result.count - 1));
  return result;
}

}  // namespace ll
