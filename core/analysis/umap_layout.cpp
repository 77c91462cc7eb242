// UMAP's stage 5 (umap.h), the SGD of the layout, and the pipeline that runs the five stages.
//
// The gradients are those of the cross entropy between the graph's memberships w and the
// layout's similarity q = 1 / (1 + a d^{2b}), d² the squared layout distance:
//   attraction (per edge, with probability ∝ w): −2ab d^{2(b−1)} / (1 + a d^{2b}) · (y_i − y_j)
//   repulsion (per random point):  2γb / ((ε + d²)(1 + a d^{2b})) · (y_i − y_k), ε = 0.001
// each coordinate clipped at ±4. An edge of weight w is sampled every max(w)/w epochs (edges
// sampled less than once in the whole run are dropped), and each sample earns negativeRate
// repulsions from uniformly drawn points (umap-learn spreads the same number over its own
// schedule). A point's turn in an epoch makes its pulls one after another, then all the pushes
// they earned, eight at a time, each eight computed from the point's position before them and
// then summed (see repelUmapPoint). Taking the pushes after the pulls rather than after each pull
// fills the eight lanes: BM_Umap's whole 60k run went from 8.1 to 6.9 s (10k: 2.65 to 2.1 s), and
// T(10) rose from 0.9749 to 0.9760 (10k: 0.9779 to 0.9784). The step decays linearly from learningRate
// towards 0.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/analysis/umap.h"
#include "core/data/input_error.h"
#include "core/util/fast_power.h"
#include "core/util/random.h"
#include "core/util/thread_pool.h"

namespace ll {
namespace {

constexpr float kGradientClip = 4.0f;
constexpr float kRepulsionEpsilon = 0.001f;
constexpr int32_t kRepulsionBatch = 8;  // pushes computed together (repelUmapPoint)
constexpr double kNeighbourShare = 0.3;  // of the progress fraction, for the neighbour search

int32_t resolvedEpochs(int32_t epochs, int32_t rows) { return epochs > 0 ? epochs : (rows > 10000 ? 200 : 500); }

float clipGradient(float g) { return std::clamp(g, -kGradientClip, kGradientClip); }

// A stream per (seed, epoch, point): the samples of a point do not depend on which thread, or
// in which order, the points of an epoch are processed.
Random umapPointStream(uint64_t seed, int32_t epoch, int32_t point) {
  uint64_t key = seed * 0xD1B54A32D192ED03ULL + static_cast<uint64_t>(epoch);
  key = (key ^ (key >> 31)) * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(point);
  return Random(key);
}

void checkUmapParams(const UmapParams& params) {
  if (params.neighbours < 2) throw InputError("neighbours", 0, "at least 2 (the point and one other)", std::to_string(params.neighbours));
  if (params.components < 2 || params.components > 3) throw InputError("components", 0, "2 or 3", std::to_string(params.components));
  if (params.epochs < 0) throw InputError("epochs", 0, "0 (automatic) or more", std::to_string(params.epochs));
  if (params.negativeRate < 0) throw InputError("negative rate", 0, "0 or more", std::to_string(params.negativeRate));
  if (!(params.learningRate > 0.0) || !std::isfinite(params.learningRate)) {
    throw InputError("learning rate", 0, "a number above 0", std::to_string(params.learningRate));
  }
  if (!(params.repulsionStrength >= 0.0) || !std::isfinite(params.repulsionStrength)) {
    throw InputError("repulsion strength", 0, "a number of 0 or more", std::to_string(params.repulsionStrength));
  }
  fitUmapCurve(params.minDist, params.spread);  // throws for a bad min_dist or spread
}

// The per-edge sampling schedule: the epoch an edge is next due and its period in epochs
// (infinite: never sampled), side by side in 8 bytes — each epoch reads every edge's entry, so
// the schedule is streamed 200–500 times and its size is its cost.
struct EdgeDue {
  float next;
  float period;
};
using EdgeSchedule = std::vector<EdgeDue>;

EdgeSchedule edgeSchedule(const FuzzyGraph& graph, int32_t epochs) {
  const float largest = graph.weights.empty() ? 0.0f : *std::max_element(graph.weights.begin(), graph.weights.end());
  EdgeSchedule schedule(graph.weights.size(), EdgeDue{std::numeric_limits<float>::infinity(), std::numeric_limits<float>::infinity()});
  for (size_t e = 0; e < graph.weights.size(); ++e) {
    const float w = graph.weights[e];
    if (w > 0.0f && static_cast<double>(w) * epochs >= largest) schedule[e].next = schedule[e].period = largest / w;
  }
  return schedule;
}

struct EpochCounts {
  int64_t attractions = 0;
  int64_t repulsions = 0;
};

// Pushes point i (its coordinates at head) away from `batch` uniformly drawn points, each push
// computed from where the point stands before any of them and then all applied. The pushes do
// not depend on each other, so they are computed as lanes of fixed width — distances, then the
// powers d^{2b}, then the coefficients — loops the compiler turns into vector instructions; lanes
// past `batch`, a draw of i itself and coincident points (no direction to push along) add
// nothing. Returns the pushes made.
int32_t repelUmapPoint(int32_t i, int32_t batch, Random& random, int32_t rows, const float* frozen, float* head, int32_t c,
                       float repulsion, float a, float b, float alpha) {
  float difference[3][kRepulsionBatch] = {};
  float n2[kRepulsionBatch];
  float counts[kRepulsionBatch];  // 1 for a push made, 0 for none
  for (int32_t s = 0; s < kRepulsionBatch; ++s) {
    n2[s] = 1.0f;  // a harmless value for the lanes that add nothing
    counts[s] = 0.0f;
  }
  for (int32_t s = 0; s < batch; ++s) {
    const auto other = static_cast<int32_t>(random.below(static_cast<uint64_t>(rows)));
    if (other == i) continue;
    const float* y = frozen + static_cast<size_t>(other) * c;
    float sum = 0.0f;
    for (int32_t d = 0; d < c; ++d) {
      difference[d][s] = head[d] - y[d];
      sum += difference[d][s] * difference[d][s];
    }
    if (sum <= 0.0f) continue;
    n2[s] = sum;
    counts[s] = 1.0f;
  }
  float coefficient[kRepulsionBatch];
  for (int32_t s = 0; s < kRepulsionBatch; ++s) {
    coefficient[s] = counts[s] * repulsion / ((kRepulsionEpsilon + n2[s]) * (1.0f + a * fastPower(n2[s], b)));
  }
  int32_t pushes = 0;
  for (int32_t s = 0; s < kRepulsionBatch; ++s) pushes += static_cast<int32_t>(counts[s]);
  static_assert(kRepulsionBatch == 8, "the pushes are summed as a tree of eight");
  for (int32_t d = 0; d < c; ++d) {
    float push[kRepulsionBatch];
    for (int32_t s = 0; s < kRepulsionBatch; ++s) push[s] = clipGradient(coefficient[s] * difference[d][s]);
    head[d] += alpha * (((push[0] + push[1]) + (push[2] + push[3])) + ((push[4] + push[5]) + (push[6] + push[7])));
  }
  return pushes;
}

// One epoch of point i's edges: i moves, every other point is read from `frozen`.
void moveUmapPoint(int32_t i, int32_t epoch, const FuzzyGraph& graph, EdgeSchedule& schedule, const float* frozen,
                   float* coordinates, const UmapParams& params, float a, float b, float alpha, EpochCounts& counts) {
  const int32_t c = params.components;
  float* head = coordinates + static_cast<size_t>(i) * c;
  const float repulsion = static_cast<float>(2.0 * params.repulsionStrength) * b;
  int32_t pulls = 0;
  for (int64_t e = graph.offsets[static_cast<size_t>(i)]; e < graph.offsets[static_cast<size_t>(i) + 1]; ++e) {
    const auto edge = static_cast<size_t>(e);
    EdgeDue& due = schedule[edge];
    if (due.next > static_cast<float>(epoch)) continue;
    due.next += due.period;
    const float* tail = frozen + static_cast<size_t>(graph.targets[edge]) * c;
    float d2 = 0.0f;
    for (int32_t d = 0; d < c; ++d) d2 += (head[d] - tail[d]) * (head[d] - tail[d]);
    if (d2 > 0.0f) {
      // One power at a time: glibc's powf, faster than fastPower's arithmetic when not in lanes.
      const float power = std::pow(d2, b);  // d^{2b}
      const float coefficient = -2.0f * a * b * (power / d2) / (1.0f + a * power);
      // Weight 2: the pull umap-learn gives this end from the edge's other direction (umap.h).
      for (int32_t d = 0; d < c; ++d) head[d] += 2.0f * alpha * clipGradient(coefficient * (head[d] - tail[d]));
    }
    ++pulls;
  }
  counts.attractions += pulls;
  if (pulls == 0) return;
  Random random = umapPointStream(params.seed, epoch, i);
  const int32_t samples = pulls * params.negativeRate;
  for (int32_t done = 0; done < samples; done += kRepulsionBatch) {
    const int32_t batch = std::min(kRepulsionBatch, samples - done);
    counts.repulsions += repelUmapPoint(i, batch, random, graph.rows, frozen, head, c, repulsion, a, b, alpha);
  }
}

UmapResult umapFromKnn(const NeighbourGraph& knn, std::span<const float> x, int32_t dimension, UmapParams params,
                       ThreadPool* pool, const UmapEpochCallback& onEpoch, const AnalysisProgress& progress,
                       std::chrono::steady_clock::time_point start) {
  UmapResult result;
  params.neighbours = knn.neighbours + 1;
  params.epochs = resolvedEpochs(params.epochs, knn.rows);
  result.rows = knn.rows;
  result.components = params.components;
  result.params = params;
  result.exactNeighbours = knn.exact;
  result.curve = fitUmapCurve(params.minDist, params.spread);
  const FuzzyGraph graph = fuzzySimplicialSet(knn);
  result.coordinates = initialUmapLayout(graph, x, dimension, params, &result.initUsed);
  result.edges = graph.edges();
  bool stopped = false;
  const UmapEpochCallback watch = [&](const UmapEpochView& view) {
    const double fraction = kNeighbourShare + (1.0 - kNeighbourShare) * view.epoch / std::max(view.epochs, 1);
    stopped = (onEpoch && !onEpoch(view)) || !reportProgress(progress, fraction);
    return !stopped;
  };
  if (knn.rows > 1) result.epochStats = optimiseUmapLayout(graph, result.coordinates, params, result.curve, pool, watch);
  result.epochsDone = static_cast<int32_t>(result.epochStats.size());
  result.cancelled = stopped && result.epochsDone < params.epochs;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace

std::vector<UmapEpochStats> optimiseUmapLayout(const FuzzyGraph& graph, std::vector<float>& coordinates,
                                               const UmapParams& params, UmapCurve curve, ThreadPool* pool,
                                               const UmapEpochCallback& onEpoch) {
  const int32_t n = graph.rows, c = params.components;
  if (c < 1 || coordinates.size() != static_cast<size_t>(n) * static_cast<size_t>(c)) {
    throw std::invalid_argument("optimiseUmapLayout: coordinates must hold rows × components values");
  }
  const int32_t epochs = resolvedEpochs(params.epochs, n);
  std::vector<UmapEpochStats> stats;
  const auto view = [&](int32_t epoch) { return UmapEpochView{epoch, epochs, n, c, coordinates}; };
  if (onEpoch && !onEpoch(view(0))) return stats;
  EdgeSchedule schedule = edgeSchedule(graph, epochs);
  std::vector<float> frozen(coordinates.size());
  const auto threads = static_cast<size_t>(pool ? pool->threads() : 1);
  std::vector<EpochCounts> counts(threads);
  const auto a = static_cast<float>(curve.a), b = static_cast<float>(curve.b);
  for (int32_t epoch = 1; epoch <= epochs; ++epoch) {
    const double step = params.learningRate * (1.0 - static_cast<double>(epoch - 1) / epochs);
    std::copy(coordinates.begin(), coordinates.end(), frozen.begin());
    std::fill(counts.begin(), counts.end(), EpochCounts{});
    const auto work = [&](int32_t shard, size_t begin, size_t end) {
      // Counted on this thread's stack: shared counters, bumped per sample, would bounce a cache
      // line between the cores.
      EpochCounts local;
      for (size_t i = begin; i < end; ++i) {
        moveUmapPoint(static_cast<int32_t>(i), epoch, graph, schedule, frozen.data(), coordinates.data(), params, a, b,
                      static_cast<float>(step), local);
      }
      counts[static_cast<size_t>(shard)].attractions += local.attractions;
      counts[static_cast<size_t>(shard)].repulsions += local.repulsions;
    };
    if (pool) {
      pool->parallelFor(static_cast<size_t>(n), work);
    } else {
      work(0, 0, static_cast<size_t>(n));
    }
    UmapEpochStats& s = stats.emplace_back();
    s.epoch = epoch;
    s.learningRate = step;
    for (const EpochCounts& k : counts) {
      s.attractions += k.attractions;
      s.repulsions += k.repulsions;
    }
    if (onEpoch && !onEpoch(view(epoch))) break;
  }
  return stats;
}

UmapResult umapFromNeighbours(const NeighbourGraph& knn, std::span<const float> x, int32_t dimension,
                              const UmapParams& params, ThreadPool* pool, const UmapEpochCallback& onEpoch,
                              const AnalysisProgress& progress) {
  const auto start = std::chrono::steady_clock::now();
  checkUmapParams(params);
  if (knn.cancelled) throw std::invalid_argument("umapFromNeighbours: the neighbour graph is incomplete (cancelled)");
  return umapFromKnn(knn, x, dimension, params, pool, onEpoch, progress, start);
}

UmapResult umap(std::span<const float> x, int32_t rows, int32_t dimension, const UmapParams& params, ThreadPool* pool,
                const UmapEpochCallback& onEpoch, const AnalysisProgress& progress) {
  const auto start = std::chrono::steady_clock::now();
  checkUmapParams(params);
  NeighbourGraphParams search;
  search.neighbours = params.neighbours - 1;
  search.metric = params.metric;
  search.exactRowLimit = params.exactRowLimit;
  search.links = params.links;
  search.efConstruction = params.efConstruction;
  search.efSearch = params.efSearch;
  search.seed = params.seed;
  const AnalysisProgress searchProgress = [&](double fraction) { return reportProgress(progress, kNeighbourShare * fraction); };
  const NeighbourGraph knn = nearestNeighbourGraph(x, rows, dimension, search, pool, searchProgress);
  if (knn.cancelled) {
    UmapResult result;
    result.rows = rows;
    result.components = params.components;
    result.params = params;
    result.params.epochs = resolvedEpochs(params.epochs, rows);
    result.exactNeighbours = knn.exact;
    result.cancelled = true;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
  }
  return umapFromKnn(knn, x, dimension, params, pool, onEpoch, progress, start);
}

}  // namespace ll
