#include "core/analysis/trustworthiness.h"

#include <algorithm>
#include <iterator>
#include <numeric>
#include <stdexcept>
#include <string>

#include "core/data/input_error.h"
#include "core/util/random.h"
#include "core/util/thread_pool.h"

namespace ll {
namespace {

void checkLayoutShape(std::span<const float> x, int32_t rows, int32_t dimension, std::span<const float> layout,
                      int32_t components) {
  if (rows < 0 || dimension < 1 || components < 1 || x.size() != static_cast<size_t>(rows) * static_cast<size_t>(dimension) ||
      layout.size() != static_cast<size_t>(rows) * static_cast<size_t>(components)) {
    throw std::invalid_argument("trustworthiness: x must hold rows × dimension values and the layout rows × components");
  }
}

struct RankedDistance {
  double distance;
  int32_t index;
};

bool rankedBefore(const RankedDistance& a, const RankedDistance& b) {
  return a.distance != b.distance ? a.distance < b.distance : a.index < b.index;
}

// Scratch of one thread: the point's distances to every other point, in both spaces.
struct TrustScratch {
  std::vector<RankedDistance> full, layout;
};

// Σ (r(i, j) − k) over the intruders j of point i, and how many there are.
std::pair<int64_t, int64_t> intruderPenalty(std::span<const float> x, int32_t dimension, std::span<const float> layout,
                                            int32_t components, int32_t rows, int32_t i, int32_t k, NeighbourMetric metric,
                                            TrustScratch& scratch) {
  const auto rowOf = [](std::span<const float> m, int32_t width, int32_t r) {
    return m.subspan(static_cast<size_t>(r) * static_cast<size_t>(width), static_cast<size_t>(width));
  };
  scratch.full.clear();
  scratch.layout.clear();
  for (int32_t j = 0; j < rows; ++j) {
    if (j == i) continue;
    scratch.full.push_back({neighbourDistance(rowOf(x, dimension, i), rowOf(x, dimension, j), metric), j});
    scratch.layout.push_back(
        {neighbourDistance(rowOf(layout, components, i), rowOf(layout, components, j), NeighbourMetric::Euclidean), j});
  }
  std::nth_element(scratch.layout.begin(), scratch.layout.begin() + (k - 1), scratch.layout.end(), rankedBefore);
  int64_t penalty = 0, intruders = 0;
  for (int32_t n = 0; n < k; ++n) {
    // The full-space rank of layout neighbour j: one plus the points ranked before it.
    const RankedDistance& neighbour = scratch.layout[static_cast<size_t>(n)];
    const RankedDistance target = scratch.full[static_cast<size_t>(neighbour.index < i ? neighbour.index : neighbour.index - 1)];
    int64_t rank = 1;
    for (const RankedDistance& other : scratch.full) rank += rankedBefore(other, target) ? 1 : 0;
    if (rank > k) {
      penalty += rank - k;
      ++intruders;
    }
  }
  return {penalty, intruders};
}

}  // namespace

KnnAgreement knnAgreement(const NeighbourGraph& full, const NeighbourGraph& layout) {
  if (full.rows != layout.rows || full.neighbours != layout.neighbours) {
    throw std::invalid_argument("knnAgreement: the graphs differ in rows or neighbours");
  }
  KnnAgreement agreement;
  agreement.neighbours = full.neighbours;
  agreement.perPoint.assign(static_cast<size_t>(full.rows), 0.0f);
  if (full.neighbours == 0) return agreement;
  std::vector<int32_t> a, b;
  double sum = 0.0;
  for (int32_t i = 0; i < full.rows; ++i) {
    const auto fullRow = full.neighboursOf(i), layoutRow = layout.neighboursOf(i);
    a.assign(fullRow.begin(), fullRow.end());
    b.assign(layoutRow.begin(), layoutRow.end());
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::vector<int32_t> common;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
    const float share = static_cast<float>(common.size()) / static_cast<float>(full.neighbours);
    agreement.perPoint[static_cast<size_t>(i)] = share;
    sum += share;
  }
  agreement.mean = full.rows > 0 ? sum / full.rows : 0.0;
  return agreement;
}

KnnAgreement knnAgreement(std::span<const float> x, int32_t rows, int32_t dimension, std::span<const float> layout,
                          int32_t components, const NeighbourGraphParams& params, ThreadPool* pool) {
  checkLayoutShape(x, rows, dimension, layout, components);
  const NeighbourGraph full = nearestNeighbourGraph(x, rows, dimension, params, pool);
  NeighbourGraphParams layoutParams = params;
  layoutParams.metric = NeighbourMetric::Euclidean;
  const NeighbourGraph drawn = nearestNeighbourGraph(layout, rows, components, layoutParams, pool);
  return knnAgreement(full, drawn);
}

std::vector<int32_t> trustworthinessScoredPoints(int32_t rows, const TrustworthinessParams& params) {
  std::vector<int32_t> scored(static_cast<size_t>(std::max(0, rows)));
  std::iota(scored.begin(), scored.end(), 0);
  if (rows > params.maxPoints && params.maxPoints > 0) {
    Random random(params.seed);
    random.shuffle(scored.begin(), scored.end());
    scored.resize(static_cast<size_t>(params.maxPoints));
    std::sort(scored.begin(), scored.end());
  }
  return scored;
}

TrustworthinessResult trustworthiness(std::span<const float> x, int32_t rows, int32_t dimension,
                                      std::span<const float> layout, int32_t components, const TrustworthinessParams& params,
                                      ThreadPool* pool, const AnalysisProgress& progress) {
  checkLayoutShape(x, rows, dimension, layout, components);
  const int32_t k = params.neighbours;
  const int64_t spread = 2 * static_cast<int64_t>(rows) - 3 * static_cast<int64_t>(k) - 1;
  if (k < 1 || spread <= 0) {
    throw InputError("neighbours", 0, "between 1 and (2 × points − 2) / 3 for " + std::to_string(rows) + " points",
                     std::to_string(k));
  }
  if (params.maxPoints < 1) throw InputError("points scored", 0, "at least 1", std::to_string(params.maxPoints));
  const std::vector<int32_t> scored = trustworthinessScoredPoints(rows, params);
  TrustworthinessResult result;
  result.neighbours = k;
  result.pointsScored = static_cast<int32_t>(scored.size());
  // Integer sums: the same total whichever thread scored which point.
  const size_t threads = pool ? static_cast<size_t>(pool->threads()) : 1;
  std::vector<int64_t> penalties(threads, 0), intruders(threads, 0);
  std::vector<TrustScratch> scratch(threads);
  const size_t chunk = 64 * threads;
  for (size_t begin = 0; begin < scored.size(); begin += chunk) {
    const size_t end = std::min(scored.size(), begin + chunk);
    const auto work = [&](int32_t shard, size_t b, size_t e) {
      for (size_t s = begin + b; s < begin + e; ++s) {
        const auto [penalty, count] = intruderPenalty(x, dimension, layout, components, rows, scored[s], k, params.metric,
                                                      scratch[static_cast<size_t>(shard)]);
        penalties[static_cast<size_t>(shard)] += penalty;
        intruders[static_cast<size_t>(shard)] += count;
      }
    };
    if (pool) {
      pool->parallelFor(end - begin, work);
    } else {
      work(0, 0, end - begin);
    }
    if (!reportProgress(progress, static_cast<double>(end) / static_cast<double>(scored.size()))) {
      result.cancelled = true;
      return result;
    }
  }
  const int64_t penalty = std::accumulate(penalties.begin(), penalties.end(), int64_t{0});
  result.intruders = std::accumulate(intruders.begin(), intruders.end(), int64_t{0});
  const double scale = 2.0 / (static_cast<double>(scored.size()) * k * static_cast<double>(spread));
  result.trustworthiness = 1.0 - scale * static_cast<double>(penalty);
  return result;
}

}  // namespace ll
