#pragma once
// t-SNE (van der Maaten & Hinton 2008) with the Barnes-Hut approximation of van der Maaten 2014
// ("Accelerating t-SNE using tree-based algorithms", JMLR 15) for the Explore view: a 2-D or 3-D
// layout of embeddings in which each point's neighbourhood, as a probability distribution, is
// kept. The stages, each callable on its own:
//   1. nearestNeighbourGraph (neighbour_graph.h): each point's k = min(n − 1, ⌊3·perplexity⌋)
//      nearest others.
//   2. tsneAffinities (tsne_affinities.cpp): per point, β_i = 1/(2σ_i²) by bisection so that the
//      entropy of p_j|i ∝ exp(−β_i d_ij) over its k neighbours is log(perplexity); d_ij is the
//      squared Euclidean distance, or the cosine distance itself (as sklearn treats metrics other
//      than the Euclidean). Then P = (P_cond + P_condᵀ) / (2n), sparse and symmetric, Σ P = 1.
//   3. initialTsneLayout (tsne.cpp): the top principal components scaled so that the first has
//      standard deviation 1e-4 (the "pca" initialisation of sklearn and openTSNE), or Gaussian
//      noise of that standard deviation.
//   4. tsneGradient (tsne_gradient.cpp): ∂KL/∂y_i = 4 Σ_j (α p_ij − q_ij) w_ij (y_i − y_j),
//      w = 1/(1 + ‖y_i − y_j‖²), q = w/Z, Z = Σ_{k≠l} w_kl, α the exaggeration. The attraction runs
//      over the sparse P exactly; the repulsion Σ_j w_ij² (y_i − y_j) and Z come from a quadtree
//      or octree (tsne_tree.h) with the Barnes-Hut criterion θ, or from every pair when θ = 0.
//   5. optimiseTsneLayout (tsne.cpp): gradient descent with momentum and per-coordinate gains
//      (Jacobs 1988, as in every t-SNE), early exaggeration, the layout re-centred every step.
//
// Determinism: the result depends on the data, the parameters and the seed only, not on the
// number of threads. Every per-point quantity (its attraction, its tree walk, its update) is
// computed by one thread from the layout of the previous step; the sums over points (Z, the KL
// divergence, the centre) are taken afterwards on the calling thread in point order, and the tree
// is built on the calling thread.

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/analysis/analysis_progress.h"
#include "core/analysis/neighbour_graph.h"

namespace ll {

class ThreadPool;

enum class TsneInit {
  Pca,     ///< the top principal components of the input, the first scaled to standard deviation 1e-4
  Random,  ///< Gaussian noise with standard deviation 1e-4
};

struct TsneParams {
  double perplexity = 30.0;       ///< the effective neighbour count, 0 < perplexity < rows (default: 30)
  int32_t components = 2;         ///< layout dimension, 2 or 3 (default: 2)
  double theta = 0.5;             ///< Barnes-Hut opening angle; 0: exact O(n²) repulsion (default: 0.5)
  int32_t iterations = 1000;      ///< gradient steps in all, early exaggeration included (default: 1000)
  int32_t exaggerationIterations = 250;  ///< the first steps, with P multiplied by exaggeration and initialMomentum (default: 250)
  double exaggeration = 12.0;     ///< α of the early phase, > 0 (default: 12)
  double learningRate = 0.0;      ///< step size; 0: max(rows / exaggeration / 4, 50), Belkina et al. 2019 as in sklearn (default: 0)
  double initialMomentum = 0.5;   ///< momentum during the exaggeration phase, in [0, 1) (default: 0.5)
  double finalMomentum = 0.8;     ///< momentum after it, in [0, 1) (default: 0.8)
  NeighbourMetric metric = NeighbourMetric::Euclidean;  ///< distance in the input space (default: Euclidean)
  TsneInit init = TsneInit::Pca;  ///< (default: Pca)
  int32_t exactRowLimit = 4096;   ///< neighbour search: exact up to this many points, else HNSW (default: 4096)
  int32_t efSearch = 64;          ///< neighbour search: HNSW candidate list (default: 64)
  int32_t callbackEvery = 10;     ///< the iteration callback runs every this many steps, and after the last (default: 10)
  uint64_t seed = 1;              ///< HNSW layers and the Random initialisation (default: 1)
};

/// Stage 2: the input similarities.
struct TsneAffinities {
  int32_t rows = 0;             ///< n
  int32_t neighbours = 0;       ///< k: neighbours per point in the conditional table
  double perplexity = 0.0;      ///< the target each row was fitted to
  std::vector<int32_t> conditionalTargets;  ///< n × k, row-major: row i's neighbours (−1: none)
  std::vector<double> conditional;          ///< n × k, row-major: p_j|i, each row summing to 1
  std::vector<double> beta;                 ///< n: 1/(2σ_i²) found by the bisection
  std::vector<int64_t> offsets;  ///< n + 1: row i of P is [offsets[i], offsets[i + 1])
  std::vector<int32_t> targets;  ///< per entry: the column, ascending within a row
  std::vector<double> values;    ///< per entry: P_ij = (p_j|i + p_i|j) / (2n); P is symmetric and sums to 1

  int64_t entries() const { return static_cast<int64_t>(targets.size()); }
};

/// Stage 2 from a neighbour graph: k = knn.neighbours. The bisection stops when the entropy is
/// within 1e-5 of log(perplexity) or after 200 steps (a perplexity above k cannot be met: the row
/// then ends near uniform). Throws InputError unless perplexity > 0, std::invalid_argument for a
/// cancelled (incomplete) graph.
TsneAffinities tsneAffinities(const NeighbourGraph& knn, double perplexity, ThreadPool* pool = nullptr);

/// Stage 3: rows × params.components, row-major, centred. x (rows × dimension) is read by Pca
/// only; without it (or with every point equal) Random is used. used (if not null) receives the
/// method that produced the layout.
std::vector<double> initialTsneLayout(std::span<const float> x, int32_t rows, int32_t dimension, const TsneParams& params,
                                      TsneInit* used = nullptr);

/// Stage 4 at the layout y (rows × components, row-major).
struct TsneGradient {
  std::vector<double> gradient;  ///< rows × components: ∂KL/∂y with P multiplied by the exaggeration
  double normalisation = 0.0;    ///< Z, exact when θ = 0, else the Barnes-Hut estimate
  double klDivergence = 0.0;     ///< KL(P ‖ Q) of the unexaggerated P, with this Z
};

TsneGradient tsneGradient(const TsneAffinities& p, std::span<const double> y, int32_t components, double exaggeration,
                          double theta, ThreadPool* pool = nullptr);

/// KL(P ‖ Q) at y with Z summed over every pair (O(n²)).
double exactTsneKlDivergence(const TsneAffinities& p, std::span<const double> y, int32_t components,
                             ThreadPool* pool = nullptr);

/// What the iteration callback sees. coordinates (rows × components, row-major) are valid during
/// the call only: copy them to keep them.
struct TsneIterationView {
  int32_t iteration = 0;   ///< 0: the initial layout; then the steps done so far
  int32_t iterations = 0;  ///< the total planned
  int32_t rows = 0;
  int32_t components = 0;
  bool exaggerated = false;    ///< the last step (at iteration 0: the first) is in the early exaggeration phase
  double klDivergence = 0.0;   ///< the last step's estimate (at the layout before it; 0 at iteration 0), see TsneIterationStats
  std::span<const float> coordinates;
};

/// Called on the calling thread at iteration 0, every callbackEvery steps and after the last;
/// false stops the optimisation (cancelled).
using TsneIterationCallback = std::function<bool(const TsneIterationView&)>;

struct TsneIterationStats {
  int32_t iteration = 0;      ///< 1-based
  double gradientNorm = 0.0;  ///< ‖∂KL/∂y‖ of the step, exaggeration included
  bool exaggerated = false;   ///< the step was in the early exaggeration phase
  /// The divergence costs a logarithm per entry of P, as much as the rest of the step, so it is
  /// evaluated on the callback's steps only (every callbackEvery and the last).
  bool klEvaluated = false;
  double klDivergence = 0.0;  ///< when klEvaluated: estimate at the layout the step started from (Barnes-Hut Z unless θ = 0)
};

struct TsneResult {
  int32_t rows = 0;
  int32_t components = 0;
  std::vector<float> coordinates;  ///< rows × components, row-major
  TsneParams params;               ///< as used: learningRate resolved
  int32_t neighbours = 0;          ///< k used for the affinities
  bool neighboursClamped = false;  ///< k was cut to rows − 1 from ⌊3·perplexity⌋
  bool exactNeighbours = true;     ///< false when the neighbour graph came from HNSW
  TsneInit initUsed = TsneInit::Pca;
  double klDivergence = 0.0;       ///< KL(P ‖ Q) of the final layout
  bool klExact = true;             ///< Z summed over every pair (rows ≤ 5000 or θ = 0), else the Barnes-Hut estimate
  int32_t iterationsDone = 0;
  std::vector<TsneIterationStats> iterationStats;
  bool cancelled = false;
  double seconds = 0.0;            ///< wall time of the whole call
};

/// Stage 5: optimises y (rows × params.components, from initialTsneLayout) in place for
/// params.iterations steps (params.learningRate 0 resolved as in TsneParams) and returns the
/// per-step statistics; stops early when onIteration or progress (called after every step with
/// the share of steps done) returns false. Throws InputError for parameters out of range.
std::vector<TsneIterationStats> optimiseTsneLayout(const TsneAffinities& p, std::vector<double>& y, const TsneParams& params,
                                                   ThreadPool* pool = nullptr, const TsneIterationCallback& onIteration = {},
                                                   const AnalysisProgress& progress = {});

/// The whole pipeline. x: rows × dimension, row-major. pool: the threads (null: the calling
/// thread only). progress sees the neighbour search and the affinities as [0, 0.2] and the
/// iterations as (0.2, 1]; it (every step) and onIteration are both cancellation points. Throws
/// InputError for parameters out of range (perplexity must be below rows) and
/// std::invalid_argument when x does not hold rows × dimension values.
TsneResult tsne(std::span<const float> x, int32_t rows, int32_t dimension, const TsneParams& params = {},
                ThreadPool* pool = nullptr, const TsneIterationCallback& onIteration = {},
                const AnalysisProgress& progress = {});

}  // namespace ll
