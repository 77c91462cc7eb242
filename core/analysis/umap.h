#pragma once
// UMAP (McInnes, Healy & Melville 2018, "UMAP: Uniform Manifold Approximation and Projection for
// Dimension Reduction") for the Explore view: a 2-D or 3-D layout of embeddings that keeps each
// point's nearest neighbours near. The stages, each callable on its own:
//   1. nearestNeighbourGraph (neighbour_graph.h): each point's k nearest others.
//   2. fuzzySimplicialSet (umap_graph.cpp): per point ρ_i (distance to its nearest neighbour) and
//      σ_i (binary search so that Σ_j exp(−(d_ij − ρ_i)/σ_i) = log2(k + 1)); memberships
//      exp(−(d_ij − ρ_i)/σ_i), made symmetric by the fuzzy union w = a + b − ab.
//   3. fitUmapCurve (umap_graph.cpp): min_dist and spread → the a, b of the layout's similarity
//      1 / (1 + a d^{2b}), least squares against the offset exponential.
//   4. initialUmapLayout (umap_init.cpp): spectral (the normalised graph Laplacian's smallest
//      non-trivial eigenvectors), PCA or random, scaled to a box of ±10.
//   5. optimiseUmapLayout (umap_layout.cpp): SGD over edges sampled in proportion to their weight,
//      negativeRate random repulsions per attraction, a learning rate decaying linearly to 0, each
//      gradient coordinate clipped at ±4.
//
// Determinism: the result depends on the data, the parameters and the seed only, not on the
// number of threads. The neighbour graph is (neighbour_graph.h); the optimiser gives every point
// to one thread per epoch and reads the other points from the copy made at the epoch's start (see
// optimiseUmapLayout), with random numbers drawn from a stream per (seed, epoch, point).

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/analysis/analysis_progress.h"
#include "core/analysis/neighbour_graph.h"

namespace ll {

class ThreadPool;

enum class UmapInit {
  Spectral,  ///< the graph Laplacian's eigenvectors (falls back to Pca when the eigensolver does not converge)
  Pca,       ///< the top principal components of the input
  Random,    ///< uniform in the box
};

struct UmapParams {
  /// Size of each point's neighbourhood, the point itself included as in umap-learn's n_neighbors:
  /// 15 links every point to its 14 nearest others (default: 15)
  int32_t neighbours = 15;
  double minDist = 0.1;        ///< how tightly points may pack in the layout, 0 ≤ minDist ≤ spread (default: 0.1)
  double spread = 1.0;         ///< the scale of the layout's distances (default: 1)
  int32_t epochs = 0;          ///< SGD epochs; 0: 500 up to 10,000 points, else 200 (default: 0)
  int32_t components = 2;      ///< layout dimension, 2 or 3 (default: 2)
  NeighbourMetric metric = NeighbourMetric::Euclidean;  ///< distance in the input space (default: Euclidean)
  UmapInit init = UmapInit::Spectral;  ///< (default: Spectral)
  int32_t negativeRate = 5;    ///< repulsive samples per attractive one (default: 5)
  double learningRate = 1.0;   ///< initial SGD step, decaying linearly to 0 (default: 1)
  double repulsionStrength = 1.0;  ///< γ, the weight of the repulsive samples (default: 1)
  int32_t exactRowLimit = 100000;  ///< neighbour search: exact up to this many points, else HNSW (default: 100000)
  // Above exactRowLimit, the HNSW settings are lighter than NeighbourGraphParams' own: UMAP's
  // layout does not need the last fraction of a percent of recall (umap-learn settles for
  // NN-descent's). Measured when HNSW served 60k points: on 60k × 32
  // (BM_Umap's vectors, 2 threads) M 12 / efConstruction 40 / efSearch 24 build the graph in
  // 2.2–2.9 s instead of 5.7 s. The layouts' trustworthiness T(10) with efSearch 32: 0.9779 at
  // 10k and 0.9749 at 60k, against 0.9780 / 0.9748 with the full settings (efSearch 24 gave
  // 0.9778 at 10k, below umap-learn's 0.9779).
  int32_t links = 12;              ///< neighbour search: HNSW edges per point and layer, M (default: 12)
  int32_t efConstruction = 40;     ///< neighbour search: HNSW candidate list while building (default: 40)
  int32_t efSearch = 32;           ///< neighbour search: HNSW candidate list while searching (default: 32)
  uint64_t seed = 1;               ///< HNSW layers, initial noise, the SGD's samples (default: 1)
};

/// The layout's similarity 1 / (1 + a d^{2b}).
struct UmapCurve {
  double a = 1.0;
  double b = 1.0;
};

/// a, b fitted by least squares (Levenberg–Marquardt) to 1 below minDist and
/// exp(−(d − minDist) / spread) above it, on 300 points of [0, 3 spread]. Throws InputError
/// unless spread > 0 and 0 ≤ minDist ≤ spread.
UmapCurve fitUmapCurve(double minDist, double spread);

/// The symmetric weighted graph of stage 2, both directions of every edge stored.
struct FuzzyGraph {
  int32_t rows = 0;
  std::vector<int64_t> offsets;  ///< rows + 1: row i's edges are [offsets[i], offsets[i + 1])
  std::vector<int32_t> targets;  ///< per edge: the other end, ascending within a row
  std::vector<float> weights;    ///< per edge: membership strength in (0, 1], the same in both directions
  std::vector<float> rho;        ///< rows: distance to the nearest neighbour at a distance > 0 (0 if none)
  std::vector<float> sigma;      ///< rows: the bandwidth found by the binary search

  int64_t edges() const { return static_cast<int64_t>(targets.size()); }
};

/// Stage 2 from a neighbour graph with k = knn.neighbours others per point; the target
/// log2(k + 1) counts the point itself, as umap-learn does.
FuzzyGraph fuzzySimplicialSet(const NeighbourGraph& knn);

/// Stage 4: rows × components, row-major, with the largest |coordinate| 10. x (rows × dimension)
/// is read by Pca only. used (if not null) receives the method that produced the layout.
std::vector<float> initialUmapLayout(const FuzzyGraph& graph, std::span<const float> x, int32_t dimension,
                                     const UmapParams& params, UmapInit* used = nullptr);

/// What the per-epoch callback sees. coordinates (rows × components, row-major) are valid during
/// the call only: copy them to keep them.
struct UmapEpochView {
  int32_t epoch = 0;   ///< 0: the initial layout; then 1…epochs
  int32_t epochs = 0;  ///< the total planned
  int32_t rows = 0;
  int32_t components = 0;
  std::span<const float> coordinates;
};

/// Called on the calling thread after every epoch; false stops the optimisation (cancelled).
using UmapEpochCallback = std::function<bool(const UmapEpochView&)>;

struct UmapEpochStats {
  int32_t epoch = 0;             ///< 1-based
  double learningRate = 0.0;     ///< the step used in this epoch
  int64_t attractions = 0;       ///< edge samples (each moves its head point)
  int64_t repulsions = 0;        ///< negative samples applied
};

struct UmapResult {
  int32_t rows = 0;
  int32_t components = 0;
  std::vector<float> coordinates;  ///< rows × components, row-major
  UmapParams params;               ///< as used: epochs resolved, neighbours clamped to the row count
  UmapCurve curve;                 ///< the fitted a, b
  UmapInit initUsed = UmapInit::Spectral;
  bool exactNeighbours = true;     ///< false when the neighbour graph came from HNSW
  int64_t edges = 0;               ///< directed edges of the fuzzy graph that the SGD samples
  int32_t epochsDone = 0;
  std::vector<UmapEpochStats> epochStats;
  bool cancelled = false;
  double seconds = 0.0;            ///< wall time of the whole call
};

/// Stage 5: optimises coordinates (rows × params.components, from initialUmapLayout) in place
/// for params.epochs epochs (0 resolved as in UmapParams) and returns the per-epoch statistics;
/// stops early when onEpoch returns false (the last entry is then the last epoch done).
///
/// Why this is deterministic at any thread count: umap-learn moves both ends of a sampled edge
/// (its move_other for a single embedding), from several threads without locks. Here each edge is
/// stored in both directions and a point is written only while its own edges are processed, by
/// the one thread that owns it in this epoch; other points (the tails and the negative samples)
/// are read from the copy of the layout taken at the start of the epoch. As umap-learn pulls both
/// ends of both directed copies, each end receives two pulls per sampling of an undirected edge;
/// here the head takes its pull with weight 2, so the forces balance as in umap-learn.
std::vector<UmapEpochStats> optimiseUmapLayout(const FuzzyGraph& graph, std::vector<float>& coordinates,
                                               const UmapParams& params, UmapCurve curve, ThreadPool* pool = nullptr,
                                               const UmapEpochCallback& onEpoch = {});

/// The whole pipeline. x: rows × dimension, row-major. pool: the threads (null: the calling
/// thread only). progress sees the neighbour search as [0, 0.3] and the epochs as (0.3, 1]; it
/// and onEpoch are both cancellation points. Throws InputError for parameters out of range.
UmapResult umap(std::span<const float> x, int32_t rows, int32_t dimension, const UmapParams& params = {},
                ThreadPool* pool = nullptr, const UmapEpochCallback& onEpoch = {}, const AnalysisProgress& progress = {});

/// The same from a neighbour graph already built over x (e.g. kept to score the layout with
/// knnAgreement); params.neighbours is taken from it (knn.neighbours + 1).
UmapResult umapFromNeighbours(const NeighbourGraph& knn, std::span<const float> x, int32_t dimension,
                              const UmapParams& params = {}, ThreadPool* pool = nullptr,
                              const UmapEpochCallback& onEpoch = {}, const AnalysisProgress& progress = {});

}  // namespace ll
