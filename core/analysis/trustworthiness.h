#pragma once
// How faithfully a low-dimensional layout (UMAP, PCA) keeps the neighbourhoods of the full space.
// Two scores:
// - kNN agreement: per point, the share of its k nearest neighbours in the full space that are
//   also among its k nearest in the layout; cheap from two neighbour graphs, so it can be shown
//   per point (colour the layout by it).
// - Trustworthiness T(k) (Venna & Kaski 2001): penalises each layout neighbour that is not a
//   full-space neighbour (an "intruder") by how far down the full-space ranking it sits,
//   normalised so that 1 means no intruders and 0 the worst possible:
//     T(k) = 1 − 2 / (n k (2n − 3k − 1)) · Σ_i Σ_{j ∈ U_k(i)} (r(i, j) − k)
//   with r(i, j) the rank of j among i's full-space neighbours (1 = nearest) and U_k(i) the
//   intruders. Needs k < (2n − 1) / 3. Exact ranks cost O(n² d); above maxPoints rows, the sum
//   runs over a seeded sample of points (still ranked against every point) and n in front of
//   the sum becomes the sample size.
// Ties in distance go to the lower index, as in NeighbourGraph.

#include <cstdint>
#include <span>
#include <vector>

#include "core/analysis/analysis_progress.h"
#include "core/analysis/neighbour_graph.h"

namespace ll {

class ThreadPool;

struct KnnAgreement {
  int32_t neighbours = 0;       ///< k
  std::vector<float> perPoint;  ///< n: |full kNN ∩ layout kNN| / k, in [0, 1]
  double mean = 0.0;            ///< mean of perPoint (0 when there are no points)
};

/// From two graphs of the same points with the same k (e.g. the full space's, which UMAP already
/// built, and the layout's). Throws std::invalid_argument when their shapes differ.
KnnAgreement knnAgreement(const NeighbourGraph& full, const NeighbourGraph& layout);

/// Builds both graphs: x (rows × dimension) with params, the layout (rows × components) with the
/// same params but the Euclidean metric.
KnnAgreement knnAgreement(std::span<const float> x, int32_t rows, int32_t dimension, std::span<const float> layout,
                          int32_t components, const NeighbourGraphParams& params = {}, ThreadPool* pool = nullptr);

struct TrustworthinessParams {
  int32_t neighbours = 10;  ///< k (default: 10)
  NeighbourMetric metric = NeighbourMetric::Euclidean;  ///< in the full space; the layout is Euclidean (default: Euclidean)
  int32_t maxPoints = 5000;  ///< points whose neighbourhoods are scored; above, a seeded sample (default: 5000)
  uint64_t seed = 1;         ///< the sample (default: 1)
};

struct TrustworthinessResult {
  double trustworthiness = 1.0;  ///< T(k) in [0, 1]
  int32_t neighbours = 0;        ///< k
  int32_t pointsScored = 0;      ///< n, or the sample size
  int64_t intruders = 0;         ///< layout neighbours that are not full-space neighbours, summed over the points scored
  bool cancelled = false;
};

/// The points trustworthiness() scores, ascending: all rows, or above params.maxPoints the seeded
/// sample (so another implementation can be scored on the very same points).
std::vector<int32_t> trustworthinessScoredPoints(int32_t rows, const TrustworthinessParams& params = {});

/// x: rows × dimension, layout: rows × components, both row-major. Throws InputError when k is
/// out of range for the row count.
TrustworthinessResult trustworthiness(std::span<const float> x, int32_t rows, int32_t dimension,
                                      std::span<const float> layout, int32_t components,
                                      const TrustworthinessParams& params = {}, ThreadPool* pool = nullptr,
                                      const AnalysisProgress& progress = {});

}  // namespace ll
