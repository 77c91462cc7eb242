// The k-nearest-neighbour graph: the exact path equals a naive ranking, HNSW recalls ≥ 95 % of
// it, cosine equals Euclidean on unit rows, and neither path depends on the thread count.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>

#include "core/analysis/neighbour_graph.h"
#include "core/data/input_error.h"
#include "core/util/random.h"
#include "core/util/thread_pool.h"
#include "tests/support/sanitized_build.h"

namespace ll {
namespace {

constexpr bool kGraphTestSanitized = testing::kSanitizedBuild;

std::vector<float> gaussianCloud(int32_t rows, int32_t dimension, uint64_t seed) {
  Random random(seed);
  std::vector<float> x(static_cast<size_t>(rows) * dimension);
  for (float& v : x) v = static_cast<float>(random.normal());
  return x;
}

// Every pair's distance in double, sorted by (distance, index): the definition.
NeighbourGraph naiveGraph(const std::vector<float>& x, int32_t rows, int32_t dimension, int32_t k, NeighbourMetric metric) {
  NeighbourGraph graph;
  graph.rows = rows;
  graph.neighbours = k;
  for (int32_t i = 0; i < rows; ++i) {
    std::vector<std::pair<double, int32_t>> all;
    const std::span<const float> a(x.data() + static_cast<size_t>(i) * dimension, static_cast<size_t>(dimension));
    for (int32_t j = 0; j < rows; ++j) {
      if (j == i) continue;
      const std::span<const float> b(x.data() + static_cast<size_t>(j) * dimension, static_cast<size_t>(dimension));
      all.push_back({neighbourDistance(a, b, metric), j});
    }
    std::sort(all.begin(), all.end());
    for (int32_t n = 0; n < k; ++n) {
      graph.indices.push_back(all[static_cast<size_t>(n)].second);
      graph.distances.push_back(static_cast<float>(all[static_cast<size_t>(n)].first));
    }
  }
  return graph;
}

double graphRecall(const NeighbourGraph& approximate, const NeighbourGraph& exact) {
  int64_t hits = 0;
  for (int32_t i = 0; i < exact.rows; ++i) {
    const auto truth = exact.neighboursOf(i);
    const std::set<int32_t> wanted(truth.begin(), truth.end());
    for (int32_t j : approximate.neighboursOf(i)) hits += wanted.count(j);
  }
  return static_cast<double>(hits) / (static_cast<double>(exact.rows) * exact.neighbours);
}

TEST(AnalysisNeighbourGraph, ExactEqualsNaiveRanking) {
  constexpr int32_t kRows = 300, kDim = 8, kK = 7;
  const auto x = gaussianCloud(kRows, kDim, 11);
  for (const NeighbourMetric metric : {NeighbourMetric::Euclidean, NeighbourMetric::Cosine}) {
    const NeighbourGraph naive = naiveGraph(x, kRows, kDim, kK, metric);
    NeighbourGraphParams params;
    params.neighbours = kK;
    params.metric = metric;
    const NeighbourGraph graph = nearestNeighbourGraph(x, kRows, kDim, params);
    ASSERT_TRUE(graph.exact);
    ASSERT_EQ(graph.neighbours, kK);
    EXPECT_EQ(graph.indices, naive.indices);
    for (size_t c = 0; c < naive.distances.size(); ++c) EXPECT_NEAR(graph.distances[c], naive.distances[c], 1e-5);
  }
}

// Past one tile of the exact path (480 rows), with duplicate rows in other tiles: pairs scored
// along a tile's rows as well as down its columns, and ties across tiles going to the lower row.
TEST(AnalysisNeighbourGraph, ExactAcrossTilesEqualsNaiveRankingWithDuplicates) {
  constexpr int32_t kRows = 1100, kDim = 6, kK = 10;
  auto x = gaussianCloud(kRows, kDim, 17);
  for (int32_t r = 0; r < 40; ++r) {
    std::copy_n(x.data() + static_cast<size_t>(r) * kDim, kDim, x.data() + static_cast<size_t>(r + 700) * kDim);
  }
  ThreadPool pool(2);
  for (const NeighbourMetric metric : {NeighbourMetric::Euclidean, NeighbourMetric::Cosine}) {
    const NeighbourGraph naive = naiveGraph(x, kRows, kDim, kK, metric);
    const NeighbourGraph graph = exactNeighbourGraph(x, kRows, kDim, kK, metric, &pool);
    ASSERT_TRUE(graph.exact);
    EXPECT_EQ(graph.indices, naive.indices);
    for (size_t c = 0; c < naive.distances.size(); ++c) EXPECT_NEAR(graph.distances[c], naive.distances[c], 1e-5);
  }
}

TEST(AnalysisNeighbourGraph, SortedWithoutSelfAndClampedToTheRows) {
  const std::vector<float> x = {0, 0, 1, 0, 3, 0, 7, 0};  // four points on a line
  NeighbourGraphParams params;
  params.neighbours = 10;
  const NeighbourGraph graph = nearestNeighbourGraph(x, 4, 2, params);
  ASSERT_EQ(graph.neighbours, 3);
  EXPECT_EQ(std::vector<int32_t>(graph.neighboursOf(0).begin(), graph.neighboursOf(0).end()), (std::vector<int32_t>{1, 2, 3}));
  EXPECT_EQ(std::vector<int32_t>(graph.neighboursOf(2).begin(), graph.neighboursOf(2).end()), (std::vector<int32_t>{1, 0, 3}));
  EXPECT_EQ(std::vector<float>(graph.distancesOf(3).begin(), graph.distancesOf(3).end()), (std::vector<float>{4, 6, 7}));
  for (int32_t i = 0; i < 4; ++i) {
    for (int32_t j : graph.neighboursOf(i)) EXPECT_NE(j, i);
  }
  EXPECT_EQ(nearestNeighbourGraph(std::span<const float>(x.data(), 2), 1, 2, params).neighbours, 0);
}

TEST(AnalysisNeighbourGraph, HnswRecallsTheExactGraph) {
  const int32_t rows = kGraphTestSanitized ? 1500 : 5000, dim = 32;
  const auto x = gaussianCloud(rows, dim, 23);
  ThreadPool pool(2);
  NeighbourGraphParams params;
  params.neighbours = 15;
  const NeighbourGraph exact = exactNeighbourGraph(x, rows, dim, params.neighbours, NeighbourMetric::Euclidean, &pool);
  params.exactRowLimit = 0;  // force HNSW
  const NeighbourGraph approximate = nearestNeighbourGraph(x, rows, dim, params, &pool);
  ASSERT_FALSE(approximate.exact);
  const double recall = graphRecall(approximate, exact);
  RecordProperty("recall", std::to_string(recall));
  std::printf("HNSW recall@15 on %d Gaussian points in %d-d: %.4f\n", rows, dim, recall);
  EXPECT_GE(recall, 0.95);
  for (int32_t i = 0; i < rows; ++i) {
    const auto d = approximate.distancesOf(i);
    EXPECT_TRUE(std::is_sorted(d.begin(), d.end()));
    for (int32_t j : approximate.neighboursOf(i)) ASSERT_NE(j, i);
  }
}

TEST(AnalysisNeighbourGraph, CosineEqualsEuclideanOnUnitRows) {
  constexpr int32_t kRows = 400, kDim = 6;
  auto x = gaussianCloud(kRows, kDim, 5);
  for (int32_t i = 0; i < kRows; ++i) {
    float* row = x.data() + static_cast<size_t>(i) * kDim;
    const double norm = std::sqrt(std::inner_product(row, row + kDim, row, 0.0));
    for (int32_t j = 0; j < kDim; ++j) row[j] = static_cast<float>(row[j] / norm);
  }
  for (const int32_t limit : {4096, 0}) {  // the exact path, then HNSW
    NeighbourGraphParams params;
    params.neighbours = 8;
    params.exactRowLimit = limit;
    const NeighbourGraph euclidean = nearestNeighbourGraph(x, kRows, kDim, params);
    params.metric = NeighbourMetric::Cosine;
    const NeighbourGraph cosine = nearestNeighbourGraph(x, kRows, kDim, params);
    EXPECT_GE(graphRecall(cosine, euclidean), limit > 0 ? 1.0 : 0.98);
    for (size_t c = 0; c < cosine.distances.size(); ++c) {
      if (cosine.indices[c] != euclidean.indices[c]) continue;
      // On unit vectors ‖x − y‖² = 2 − 2 cos = 2 (1 − cos).
      EXPECT_NEAR(cosine.distances[c], 0.5 * euclidean.distances[c] * euclidean.distances[c], 1e-5);
    }
  }
}

TEST(AnalysisNeighbourGraph, ZeroRowsAreAtCosineDistanceOne) {
  std::vector<float> x = {1, 0, 0, 0, 0.9f, 0.1f, 0, 1, -1, 0};
  NeighbourGraphParams params;
  params.neighbours = 4;
  params.metric = NeighbourMetric::Cosine;
  const NeighbourGraph graph = nearestNeighbourGraph(x, 5, 2, params);
  for (float d : graph.distancesOf(1)) EXPECT_FLOAT_EQ(d, 1.0f);  // row 1 is zero
  EXPECT_EQ(graph.neighboursOf(0)[0], 2);
  EXPECT_NEAR(graph.distancesOf(0)[0], 1.0 - 0.9 / std::sqrt(0.82), 1e-6);
  EXPECT_NEAR(graph.distancesOf(0)[3], 2.0, 1e-6);  // row 4 points the other way
}

TEST(AnalysisNeighbourGraph, TheSameForAnyThreadCount) {
  constexpr int32_t kRows = 1200, kDim = 12;
  const auto x = gaussianCloud(kRows, kDim, 9);
  for (const int32_t limit : {4096, 0}) {
    NeighbourGraphParams params;
    params.exactRowLimit = limit;
    const NeighbourGraph alone = nearestNeighbourGraph(x, kRows, kDim, params);
    ThreadPool pool(3);
    const NeighbourGraph shared = nearestNeighbourGraph(x, kRows, kDim, params, &pool);
    EXPECT_EQ(alone.indices, shared.indices);
    EXPECT_EQ(alone.distances, shared.distances);
  }
}

TEST(AnalysisNeighbourGraph, ProgressCancels) {
  const auto x = gaussianCloud(3000, 4, 3);
  for (const int32_t limit : {4096, 0}) {
    NeighbourGraphParams params;
    params.exactRowLimit = limit;
    int32_t calls = 0;
    const NeighbourGraph graph = nearestNeighbourGraph(x, 3000, 4, params, nullptr, [&](double fraction) {
      EXPECT_GE(fraction, 0.0);
      EXPECT_LE(fraction, 1.0);
      return ++calls < 2;
    });
    EXPECT_TRUE(graph.cancelled);
    EXPECT_EQ(calls, 2);
  }
}

TEST(AnalysisNeighbourGraph, RejectsBadParameters) {
  const auto x = gaussianCloud(10, 2, 1);
  NeighbourGraphParams params;
  params.neighbours = 0;
  EXPECT_THROW(nearestNeighbourGraph(x, 10, 2, params), InputError);
  params = {};
  params.efSearch = 0;
  EXPECT_THROW(nearestNeighbourGraph(x, 10, 2, params), InputError);
  EXPECT_THROW(nearestNeighbourGraph(x, 11, 2), std::invalid_argument);
}

}  // namespace
}  // namespace ll
