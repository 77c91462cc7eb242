#pragma once
// Mean and sample standard deviation of a metric over the folds of a grid cell: the "±" of the
// results table.

#include <cstdint>
#include <span>

namespace ll {

struct MeanSd {
  double mean = 0.0;
  double sd = 0.0;    ///< sample sd (n − 1 in the denominator); 0 for a single value
  int32_t count = 0;  ///< values summarised; 0 means the metric is undefined for the cell
  bool defined() const { return count > 0; }
};

/// Non-finite values are skipped (an undefined PDC, a metric the mode does not measure).
MeanSd meanSd(std::span<const double> values);

}  // namespace ll
