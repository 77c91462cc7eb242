#pragma once
// The k nearest neighbours of every point of a cloud (the graph UMAP starts from, and the
// reference its layouts are scored against): exact below a size, by float tiles of the symmetric
// score matrix (symmetric_top_k.h) taken in a spatial order of the rows; above it, approximate through an HNSW graph (hnswlib, Malkov & Yashunin 2018). Cosine distance is
// Euclidean distance between the normalised rows, reported as 1 − cos; a zero row has cosine 0
// (distance 1) to every point. Both paths are deterministic for their parameters and give the
// same table for any number of threads: the exact path ranks every pair, and the HNSW path cuts
// the rows into an even number of shards set by the row count alone, builds each shard's graph
// on one thread in row order (two threads build two shards at once) and looks every row up in
// every shard.

#include <cstdint>
#include <span>
#include <vector>

#include "core/analysis/analysis_progress.h"

namespace ll {

class ThreadPool;

enum class NeighbourMetric {
  Euclidean,  ///< ‖x − y‖
  Cosine,     ///< 1 − cos(x, y), in [0, 2]
};

struct NeighbourGraphParams {
  int32_t neighbours = 15;         ///< k: neighbours per point, the point itself excluded; clamped to rows − 1 (default: 15)
  NeighbourMetric metric = NeighbourMetric::Euclidean;  ///< (default: Euclidean)
  /// Up to this many rows every pair is compared; above, HNSW. The exact search costs n², HNSW about
  /// n log n: on 32-d vectors with k = 14 (2 threads) the exact graph takes 0.09 s at 10k rows, 1.5 s at
  /// 60k and 3.2 s at 90k, against 0.22, 2.1 and 3.6 s for UMAP's light HNSW settings (default: 100000)
  int32_t exactRowLimit = 100000;
  int32_t links = 16;              ///< HNSW: M, graph edges per point and layer (default: 16)
  /// HNSW: candidate list while building; 100 finds 99.7 % of the exact 14 nearest of 60k points in
  /// 32-d (two shards, efSearch 64) (default: 100)
  int32_t efConstruction = 100;
  int32_t efSearch = 64;           ///< HNSW: candidate list while searching, raised to k + 1 if smaller (default: 64)
  uint64_t seed = 1;               ///< HNSW: layer assignment of the points (default: 1)
};

struct NeighbourGraph {
  int32_t rows = 0;        ///< n
  int32_t neighbours = 0;  ///< k (after clamping)
  NeighbourMetric metric = NeighbourMetric::Euclidean;
  std::vector<int32_t> indices;  ///< n × k, row-major: each row's neighbours, nearest first (ties by lower index)
  std::vector<float> distances;  ///< n × k, row-major: their distances, ascending
  bool exact = true;             ///< false when found through HNSW
  bool cancelled = false;        ///< the progress report stopped the search; the table is then incomplete

  std::span<const int32_t> neighboursOf(int32_t row) const {
    return {indices.data() + static_cast<size_t>(row) * neighbours, static_cast<size_t>(neighbours)};
  }
  std::span<const float> distancesOf(int32_t row) const {
    return {distances.data() + static_cast<size_t>(row) * neighbours, static_cast<size_t>(neighbours)};
  }
};

/// x: rows × dimension, row-major. pool: the threads to use (null: the calling thread only).
/// progress is called from the calling thread between blocks of rows. Throws InputError for
/// parameters out of range and std::invalid_argument when x does not hold rows × dimension values.
NeighbourGraph nearestNeighbourGraph(std::span<const float> x, int32_t rows, int32_t dimension,
                                     const NeighbourGraphParams& params = {}, ThreadPool* pool = nullptr,
                                     const AnalysisProgress& progress = {});

/// The exact graph, whatever the row count (the reference the HNSW path is tested against).
NeighbourGraph exactNeighbourGraph(std::span<const float> x, int32_t rows, int32_t dimension, int32_t neighbours,
                                   NeighbourMetric metric = NeighbourMetric::Euclidean, ThreadPool* pool = nullptr,
                                   const AnalysisProgress& progress = {});

/// The metric's distance between two vectors of one length (the definition both paths follow).
double neighbourDistance(std::span<const float> a, std::span<const float> b, NeighbourMetric metric);

}  // namespace ll
