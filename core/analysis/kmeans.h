#pragma once
// k-means (Lloyd) on user embeddings (PDC paper §V.E): k-means++ seeding, empty clusters
// re-seeded from the point farthest from its centroid, per-iteration objective. The objective
// (sum of squared distances to the assigned centroid) never increases from one iteration to the
// next: an assignment changes only when the new centroid is strictly nearer, a repair moves a
// point onto itself, and a centroid update replaces a centroid by its members' mean.

#include <cstdint>
#include <span>
#include <vector>

#include "core/analysis/analysis_progress.h"

namespace ll {

struct KMeansParams {
  int32_t clusters = 20;        ///< k, clamped to the number of points (default: 20)
  int32_t maxIterations = 100;  ///< Lloyd iterations at most (default: 100)
  double tolerance = 1e-6;      ///< stop when the objective falls by less than this fraction in an iteration (default: 1e-6)
  uint64_t seed = 1;            ///< k-means++ seeding (default: 1)
  /// Start from these centroids (clusters × dimension, row-major) instead of k-means++, e.g. the
  /// previous result while a model trains, so clusters keep their numbers (default: empty)
  std::vector<float> initialCentroids;
};

struct KMeansIteration {
  int32_t iteration = 0;   ///< 1-based
  double objective = 0.0;  ///< Σ ‖x − centroid‖² after this iteration's update
  int64_t changed = 0;     ///< points that changed cluster (iteration 1: every point)
  int32_t repaired = 0;    ///< empty clusters re-seeded
};

struct KMeansResult {
  int32_t rows = 0;
  int32_t dimension = 0;
  int32_t clusters = 0;
  std::vector<float> centroids;     ///< clusters × dimension, row-major
  std::vector<int32_t> assignment;  ///< rows: the cluster of each point
  std::vector<int32_t> sizes;       ///< clusters
  std::vector<KMeansIteration> iterations;
  double initialObjective = 0.0;    ///< after seeding and the first assignment
  double objective = 0.0;           ///< final
  bool converged = false;           ///< stopped by the tolerance or a stable assignment (not the iteration limit)
  bool cancelled = false;

  std::span<const float> centroid(int32_t c) const {
    return {centroids.data() + static_cast<size_t>(c) * dimension, static_cast<size_t>(dimension)};
  }
};

/// x: rows × dimension, row-major (e.g. Model::userEmbeddings()). Deterministic for a seed.
KMeansResult kMeans(std::span<const float> x, int32_t rows, int32_t dimension, const KMeansParams& params = {},
                    const AnalysisProgress& progress = {});

/// The same partition of the rows in another space: x (rows × dimension) are the same users'
/// vectors under another model; each cluster's centroid is its members' mean there (zero for an
/// empty cluster) and objective their summed squared distance to it. Iterations stay empty.
/// assignment: one cluster in [0, clusters) per row.
KMeansResult partitionIn(std::span<const float> x, int32_t rows, int32_t dimension, std::span<const int32_t> assignment,
                         int32_t clusters);

}  // namespace ll
