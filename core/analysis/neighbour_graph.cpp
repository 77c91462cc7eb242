// nearestNeighbourGraph: the points are first put in the metric's working form (Euclidean:
// centred, which keeps ‖p‖² − 2q·p free of the cancellation a far-off mean would cause; cosine:
// unit rows). The exact path scores every pair once, in float tiles of the symmetric score matrix,
// keeps a few more candidates than k by that float score and re-scores those exactly in double;
// the HNSW path asks the graph for k + 1 and re-scores the same way. Either way the reported
// distances are neighbourDistance's and the order is (distance, index).

#include "core/analysis/neighbour_graph.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/analysis/hnsw_graph.h"
#include "core/analysis/spatial_order.h"
#include "core/analysis/symmetric_top_k.h"
#include "core/data/input_error.h"
#include "core/util/thread_pool.h"

namespace ll {
namespace {

using GraphRowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using GraphColumnMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;

struct GraphCandidate {
  double distance;
  int32_t index;
};

bool candidateBefore(const GraphCandidate& a, const GraphCandidate& b) {
  return a.distance != b.distance ? a.distance < b.distance : a.index < b.index;
}

// The rows in the metric's working form (see the file comment).
GraphRowMatrix graphWorkingRows(std::span<const float> x, int32_t rows, int32_t dimension, NeighbourMetric metric) {
  GraphRowMatrix p = Eigen::Map<const GraphRowMatrix>(x.data(), rows, dimension);
  if (metric == NeighbourMetric::Euclidean) {
    if (rows > 0) {
      const Eigen::RowVectorXd mean = p.cast<double>().colwise().mean();
      p.rowwise() -= mean.cast<float>();
    }
  } else {
    for (Eigen::Index r = 0; r < p.rows(); ++r) {
      const double norm = p.row(r).cast<double>().norm();
      if (norm > 0.0) p.row(r) = (p.row(r).cast<double>() / norm).cast<float>();
    }
  }
  return p;
}

// The metric's distance between two working-form rows; for cosine the rows are unit or zero, so
// 1 − dot is 1 − cos (and 1 against a zero row).
double graphWorkingDistance(const float* a, const float* b, int32_t dimension, NeighbourMetric metric) {
  double sum = 0.0;
  if (metric == NeighbourMetric::Euclidean) {
    for (int32_t j = 0; j < dimension; ++j) {
      const double d = static_cast<double>(a[j]) - b[j];
      sum += d * d;
    }
    return std::sqrt(sum);
  }
  for (int32_t j = 0; j < dimension; ++j) sum += static_cast<double>(a[j]) * b[j];
  return 1.0 - sum;
}

// Sorts candidates by exact distance, keeps the first k and writes them into row `row` of graph.
void keepNearestCandidates(std::vector<GraphCandidate>& candidates, const GraphRowMatrix& p, int32_t row,
                           NeighbourGraph& graph) {
  const auto dimension = static_cast<int32_t>(p.cols());
  for (GraphCandidate& c : candidates) {
    c.distance = graphWorkingDistance(p.row(row).data(), p.row(c.index).data(), dimension, graph.metric);
  }
  std::sort(candidates.begin(), candidates.end(), candidateBefore);
  const size_t k = static_cast<size_t>(graph.neighbours), at = static_cast<size_t>(row) * k;
  for (size_t j = 0; j < k; ++j) {
    const GraphCandidate& c = candidates[j];
    graph.indices[at + j] = c.index;
    graph.distances[at + j] = static_cast<float>(c.distance);
  }
}

void checkGraphInput(std::span<const float> x, int32_t rows, int32_t dimension) {
  if (rows < 0 || dimension < 1 || x.size() != static_cast<size_t>(rows) * static_cast<size_t>(dimension)) {
    throw std::invalid_argument("nearestNeighbourGraph: x must hold rows × dimension values (" + std::to_string(x.size()) +
                                " for " + std::to_string(rows) + " × " + std::to_string(dimension) + ")");
  }
}

NeighbourGraph emptyNeighbourGraph(int32_t rows, int32_t neighbours, NeighbourMetric metric) {
  NeighbourGraph graph;
  graph.rows = rows;
  graph.neighbours = std::clamp(neighbours, 0, std::max(rows - 1, 0));
  graph.metric = metric;
  const size_t cells = static_cast<size_t>(rows) * static_cast<size_t>(graph.neighbours);
  graph.indices.assign(cells, -1);
  graph.distances.assign(cells, 0.0f);
  return graph;
}

// Runs fn(begin, end) over [0, n) in chunks on the pool (or the calling thread), reporting the
// fraction done between chunks as from + share · done / n. False when cancelled.
template <class Fn>
bool forGraphChunks(size_t n, size_t chunk, ThreadPool* pool, const AnalysisProgress& progress, double from, double share,
               const Fn& fn) {
  for (size_t begin = 0; begin < n; begin += chunk) {
    const size_t end = std::min(n, begin + chunk);
    if (pool) {
      pool->parallelFor(end - begin, [&](int32_t, size_t b, size_t e) { fn(begin + b, begin + e); });
    } else {
      fn(begin, end);
    }
    if (!reportProgress(progress, from + share * static_cast<double>(end) / static_cast<double>(n))) return false;
  }
  return true;
}

// Every pair scored in float tiles of the symmetric matrix −‖p − q‖² (symmetric_top_k.h), each row
// keeping a few more candidates than k, which are then re-scored exactly.
NeighbourGraph exactGraphSearch(const GraphRowMatrix& p, NeighbourGraph graph, ThreadPool* pool, const AnalysisProgress& progress) {
  const int32_t n = graph.rows, k = graph.neighbours;
  // The float score only preselects; a margin of candidates absorbs its rounding.
  const auto kept = static_cast<size_t>(std::min(n - 1, k + std::max(8, k / 2)));
  // The rows are taken in a spatial order (spatial_order.h), position i holding row order[i].
  // Euclidean: candidates [p, ‖p‖², 1] against queries [2q, −1, −‖q‖²] give 2p·q − ‖p‖² − ‖q‖²
  // = −‖p − q‖² from the product alone; cosine (unit or zero rows): p·q ranks like −(1 − cos).
  // The candidates in column-major order, the operand layout Eigen's product packs fastest.
  const std::vector<int32_t> order = spatialOrder(p);
  const GraphRowMatrix ordered = p(order, Eigen::all);
  GraphRowMatrix queryRows = ordered;
  GraphColumnMatrix candidateRows = ordered;
  if (graph.metric == NeighbourMetric::Euclidean) {
    const Eigen::Index d = p.cols();
    const Eigen::VectorXf squares = ordered.rowwise().squaredNorm();
    candidateRows.conservativeResize(Eigen::NoChange, d + 2);
    candidateRows.col(d) = squares;
    candidateRows.col(d + 1).setOnes();
    queryRows.conservativeResize(Eigen::NoChange, d + 2);
    queryRows.leftCols(d) *= 2.0f;
    queryRows.col(d).setConstant(-1.0f);
    queryRows.col(d + 1) = -squares;
  }
  const auto fill = [&](ScoreTile& tile, Eigen::Index c0, Eigen::Index candidates, Eigen::Index q0, Eigen::Index queries) {
    tile.topLeftCorner(candidates, queries).noalias() =
        candidateRows.middleRows(c0, candidates) * queryRows.middleRows(q0, queries).transpose();
  };
  ThreadPool callingThread(1);
  ThreadPool& threads = pool ? *pool : callingThread;
  const std::optional<TopKTable> top = symmetricTopK(
      n, kept, threads, fill, [](int32_t) { return true; }, [](int32_t row, int32_t candidate) { return row != candidate; },
      [&](double fraction) { return reportProgress(progress, 0.9 * fraction); });
  if (!top) {
    graph.cancelled = true;
    return graph;
  }
  threads.parallelFor(static_cast<size_t>(n), [&](int32_t, size_t first, size_t last) {
    std::vector<GraphCandidate> candidates;
    for (size_t at = first; at < last; ++at) {
      candidates.clear();
      for (const ScoredRow& c : top->list(static_cast<int32_t>(at))) candidates.push_back({0.0, order[static_cast<size_t>(c.row)]});
      keepNearestCandidates(candidates, p, order[at], graph);
    }
  });
  reportProgress(progress, 1.0);  // the table is whole: nothing is left to stop
  return graph;
}

// Rows per HNSW shard: the rows are cut into an even number of contiguous shards, each with an
// index of its own, built on one thread in row order; the shard count depends on the row count
// only, so the graph is the same for any number of threads while two threads build two shards at
// once. Every row is then looked up in every shard and the candidates merged.
constexpr int64_t kRowsPerShardPair = 131072;

int32_t hnswShardCount(int32_t rows) { return 2 * static_cast<int32_t>((rows + kRowsPerShardPair - 1) / kRowsPerShardPair); }

// Row `row`'s candidates from every shard: k + 1 asked of each, the row itself dropped. Should
// the shards come back short (their graphs were cut into pieces), every other row becomes a
// candidate.
void hnswRowCandidates(const std::vector<std::unique_ptr<HnswGraph>>& shards, const GraphRowMatrix& p, int32_t row, int32_t k,
                       std::vector<GraphCandidate>& candidates) {
  candidates.clear();
  for (const std::unique_ptr<HnswGraph>& shard : shards) {
    for (const auto& [distance, label] : shard->search(p.row(row).data(), static_cast<size_t>(k) + 1)) {
      if (static_cast<int32_t>(label) != row) candidates.push_back({0.0, static_cast<int32_t>(label)});
    }
  }
  if (candidates.size() >= static_cast<size_t>(k)) return;
  candidates.clear();
  for (int32_t other = 0; other < static_cast<int32_t>(p.rows()); ++other) {
    if (other != row) candidates.push_back({0.0, other});
  }
}

NeighbourGraph hnswGraphSearch(const GraphRowMatrix& p, NeighbourGraph graph, const NeighbourGraphParams& params,
                               ThreadPool* pool, const AnalysisProgress& progress) {
  const int32_t n = graph.rows, k = graph.neighbours;
  const int32_t shardCount = hnswShardCount(n);
  const auto shardBegin = [&](int32_t shard) { return static_cast<size_t>(static_cast<int64_t>(n) * shard / shardCount); };
  std::vector<std::unique_ptr<HnswGraph>> shards;
  for (int32_t shard = 0; shard < shardCount; ++shard) {
    HnswGraphParams shardParams;
    shardParams.capacity = shardBegin(shard + 1) - shardBegin(shard);
    shardParams.links = params.links;
    shardParams.efConstruction = params.efConstruction;
    shardParams.seed = params.seed + static_cast<uint64_t>(shard);
    shards.push_back(std::make_unique<HnswGraph>(static_cast<int32_t>(p.cols()), shardParams));
  }
  // The builds are most of the cost; they get the first 70 % of the progress, reported between
  // rounds that add the next rows of every shard.
  constexpr double kBuildShare = 0.7;
  constexpr size_t kBuildChunk = 1024;
  size_t longest = 0;
  for (int32_t shard = 0; shard < shardCount; ++shard) longest = std::max(longest, shardBegin(shard + 1) - shardBegin(shard));
  for (size_t done = 0; done < longest; done += kBuildChunk) {
    const auto build = [&](int32_t, size_t first, size_t last) {
      for (size_t shard = first; shard < last; ++shard) {
        const size_t begin = shardBegin(static_cast<int32_t>(shard)) + done;
        const size_t end = std::min(shardBegin(static_cast<int32_t>(shard) + 1), begin + kBuildChunk);
        for (size_t row = begin; row < end; ++row) shards[shard]->add(p.row(static_cast<Eigen::Index>(row)).data(), row);
      }
    };
    if (pool) {
      pool->parallelFor(shards.size(), build);
    } else {
      build(0, 0, shards.size());
    }
    if (!reportProgress(progress, kBuildShare * static_cast<double>(std::min(done + kBuildChunk, longest)) / longest)) {
      graph.cancelled = true;
      return graph;
    }
  }
  for (const std::unique_ptr<HnswGraph>& shard : shards) shard->setEf(static_cast<size_t>(std::max(params.efSearch, k + 1)));
  const size_t threads = pool ? static_cast<size_t>(pool->threads()) : 1;
  const bool finished = forGraphChunks(static_cast<size_t>(n), 256 * threads, pool, progress, kBuildShare,
                                       1.0 - kBuildShare, [&](size_t first, size_t last) {
                                         std::vector<GraphCandidate> candidates;
                                         for (size_t row = first; row < last; ++row) {
                                           hnswRowCandidates(shards, p, static_cast<int32_t>(row), k, candidates);
                                           keepNearestCandidates(candidates, p, static_cast<int32_t>(row), graph);
                                         }
                                       });
  graph.cancelled = !finished;
  graph.exact = false;
  return graph;
}

}  // namespace

double neighbourDistance(std::span<const float> a, std::span<const float> b, NeighbourMetric metric) {
  if (a.size() != b.size()) throw std::invalid_argument("neighbourDistance: vectors of different lengths");
  double sum = 0.0;
  if (metric == NeighbourMetric::Euclidean) {
    for (size_t j = 0; j < a.size(); ++j) {
      const double d = static_cast<double>(a[j]) - b[j];
      sum += d * d;
    }
    return std::sqrt(sum);
  }
  double aa = 0.0, bb = 0.0;
  for (size_t j = 0; j < a.size(); ++j) {
    sum += static_cast<double>(a[j]) * b[j];
    aa += static_cast<double>(a[j]) * a[j];
    bb += static_cast<double>(b[j]) * b[j];
  }
  return aa > 0.0 && bb > 0.0 ? 1.0 - sum / std::sqrt(aa * bb) : 1.0;
}

NeighbourGraph exactNeighbourGraph(std::span<const float> x, int32_t rows, int32_t dimension, int32_t neighbours,
                                   NeighbourMetric metric, ThreadPool* pool, const AnalysisProgress& progress) {
  checkGraphInput(x, rows, dimension);
  if (neighbours < 1) throw InputError("neighbours", 0, "at least 1", std::to_string(neighbours));
  NeighbourGraph graph = emptyNeighbourGraph(rows, neighbours, metric);
  if (graph.neighbours == 0) return graph;
  return exactGraphSearch(graphWorkingRows(x, rows, dimension, metric), std::move(graph), pool, progress);
}

NeighbourGraph nearestNeighbourGraph(std::span<const float> x, int32_t rows, int32_t dimension,
                                     const NeighbourGraphParams& params, ThreadPool* pool, const AnalysisProgress& progress) {
  checkGraphInput(x, rows, dimension);
  if (params.neighbours < 1) throw InputError("neighbours", 0, "at least 1", std::to_string(params.neighbours));
  if (params.exactRowLimit < 0) throw InputError("exact row limit", 0, "0 or more", std::to_string(params.exactRowLimit));
  if (params.links < 2) throw InputError("HNSW links", 0, "at least 2", std::to_string(params.links));
  if (params.efConstruction < 1) throw InputError("HNSW efConstruction", 0, "at least 1", std::to_string(params.efConstruction));
  if (params.efSearch < 1) throw InputError("HNSW efSearch", 0, "at least 1", std::to_string(params.efSearch));
  NeighbourGraph graph = emptyNeighbourGraph(rows, params.neighbours, params.metric);
  if (graph.neighbours == 0) return graph;
  GraphRowMatrix p = graphWorkingRows(x, rows, dimension, params.metric);
  if (rows <= params.exactRowLimit) return exactGraphSearch(p, std::move(graph), pool, progress);
  return hnswGraphSearch(p, std::move(graph), params, pool, progress);
}

}  // namespace ll
