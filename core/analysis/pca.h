#pragma once
// Principal component analysis of a point cloud (the movie embeddings: Latent Spaces 2021's
// "comet"). Centred; the top k components with their variances and explained-variance ratios; signs
// made deterministic (each component's largest-|loading| entry is positive) and, for a live view
// that recomputes the projection every epoch, alignable to the previous projection so it never
// flips.

#include <cstdint>
#include <span>
#include <vector>

#include "core/analysis/analysis_progress.h"

namespace ll {

struct PcaParams {
  int32_t components = 3;          ///< k, clamped to the dimension (default: 3)
  int32_t exactDimensionLimit = 512;  ///< up to this many columns the covariance is diagonalised exactly; beyond it, subspace iteration (default: 512)
  int32_t iterations = 60;         ///< subspace iterations when the dimension exceeds the limit (default: 60)
  uint64_t seed = 1;               ///< start of the subspace iteration (default: 1)
};

struct PcaResult {
  int32_t rows = 0;        ///< n
  int32_t dimension = 0;   ///< d
  int32_t components = 0;  ///< k
  std::vector<float> mean;         ///< d: the centre
  std::vector<float> axes;         ///< k × d, row-major: unit component vectors, by decreasing variance
  std::vector<double> variance;    ///< k: variance along each axis (divided by n − 1)
  std::vector<double> explainedRatio;  ///< k: variance / total variance (0 when the total is 0)
  double totalVariance = 0.0;      ///< sum of the column variances
  std::vector<float> coordinates;  ///< n × k, row-major: (x − mean) · axis
  bool exact = true;               ///< false when subspace iteration was used
  bool cancelled = false;

  float coordinate(int32_t row, int32_t component) const {
    return coordinates[static_cast<size_t>(row) * components + component];
  }
};

/// x: rows × dimension, row-major. progress is only called by the iterative path.
PcaResult computePca(std::span<const float> x, int32_t rows, int32_t dimension, const PcaParams& params = {},
                     const AnalysisProgress& progress = {});

/// The spread of each row along each component: rows × result.components, row-major, the sd of
/// (x − mean) · axis_c when x's coordinates vary independently with the given sds (rows ×
/// result.dimension; e.g. a Bayesian model's posterior sd of each film's vector):
/// sqrt(Σ_d (axis_c[d] · sd[d])²). Throws std::invalid_argument when sds has another shape.
std::vector<float> projectedSpread(const PcaResult& result, std::span<const float> sds, int32_t rows);

/// Flips components of result (axes and coordinates) that point against the same component of
/// previous, compared by their axes when the dimensions agree, else by their coordinates when the
/// row counts agree. Returns how many were flipped.
int32_t alignSigns(PcaResult& result, const PcaResult& previous);

}  // namespace ll
