// UMAP: the curve fit reproduces umap-learn's a, b; the fuzzy set meets its bandwidth equation
// and is the fuzzy union of its two directions; a seed gives one layout at any thread count;
// planted clusters come out separated and trustworthy; the callback sees the layout and cancels.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "core/analysis/trustworthiness.h"
#include "core/analysis/umap.h"
#include "core/data/input_error.h"
#include "core/util/random.h"
#include "core/util/thread_pool.h"
#include "tests/support/planted_clusters.h"
#include "tests/support/sanitized_build.h"

namespace ll {
namespace {

constexpr bool kUmapTestSanitized = testing::kSanitizedBuild;

using testing::labelAgreement;
using testing::PlantedClusters;
using testing::plantedClusters;

double layoutDistance(const std::vector<float>& y, int32_t components, int32_t i, int32_t j) {
  double sum = 0.0;
  for (int32_t d = 0; d < components; ++d) {
    const double diff = y[static_cast<size_t>(i * components + d)] - y[static_cast<size_t>(j * components + d)];
    sum += diff * diff;
  }
  return std::sqrt(sum);
}

// Mean silhouette (Rousseeuw 1987) of the labels in the layout.
double silhouette(const std::vector<float>& y, int32_t components, const std::vector<int32_t>& label, int32_t clusters) {
  const auto n = static_cast<int32_t>(label.size());
  double total = 0.0;
  for (int32_t i = 0; i < n; ++i) {
    std::vector<double> sum(static_cast<size_t>(clusters), 0.0);
    std::vector<int32_t> count(static_cast<size_t>(clusters), 0);
    for (int32_t j = 0; j < n; ++j) {
      if (j == i) continue;
      sum[static_cast<size_t>(label[static_cast<size_t>(j)])] += layoutDistance(y, components, i, j);
      ++count[static_cast<size_t>(label[static_cast<size_t>(j)])];
    }
    const auto own = static_cast<size_t>(label[static_cast<size_t>(i)]);
    const double a = sum[own] / std::max(count[own], 1);
    double b = std::numeric_limits<double>::infinity();
    for (size_t c = 0; c < sum.size(); ++c) {
      if (c != own && count[c] > 0) b = std::min(b, sum[c] / count[c]);
    }
    total += (b - a) / std::max(a, b);
  }
  return total / n;
}

TEST(AnalysisUmap, CurveFitMatchesUmapLearn) {
  const UmapCurve curve = fitUmapCurve(0.1, 1.0);  // umap-learn: a ≈ 1.577, b ≈ 0.895
  std::printf("UMAP curve for min_dist 0.1, spread 1: a = %.4f, b = %.4f\n", curve.a, curve.b);
  EXPECT_NEAR(curve.a, 1.577, 0.005);
  EXPECT_NEAR(curve.b, 0.895, 0.003);
  // A larger min_dist flattens the curve's start: a smaller a, a larger b.
  const UmapCurve wide = fitUmapCurve(0.5, 1.0);
  EXPECT_LT(wide.a, curve.a);
  EXPECT_GT(wide.b, curve.b);
  EXPECT_THROW(fitUmapCurve(0.1, 0.0), InputError);
  EXPECT_THROW(fitUmapCurve(2.0, 1.0), InputError);
  EXPECT_THROW(fitUmapCurve(-0.1, 1.0), InputError);
}

TEST(AnalysisUmap, FuzzySetSolvesItsBandwidthAndIsTheUnionOfBothDirections) {
  const PlantedClusters data = plantedClusters(3, 60, 8, 2.0, 7);
  const NeighbourGraph knn = exactNeighbourGraph(data.x, data.rows, data.dimension, 9);
  const FuzzyGraph graph = fuzzySimplicialSet(knn);
  ASSERT_EQ(graph.rows, data.rows);
  // Directed memberships from ρ and σ; each row's sum is log2(k + 1).
  std::map<std::pair<int32_t, int32_t>, double> directed;
  for (int32_t i = 0; i < data.rows; ++i) {
    const double rho = graph.rho[static_cast<size_t>(i)], sigma = graph.sigma[static_cast<size_t>(i)];
    EXPECT_FLOAT_EQ(graph.rho[static_cast<size_t>(i)], knn.distancesOf(i)[0]);
    double sum = 0.0;
    for (int32_t n = 0; n < knn.neighbours; ++n) {
      const double m = std::exp(-std::max(0.0, knn.distancesOf(i)[static_cast<size_t>(n)] - rho) / sigma);
      directed[{i, knn.neighboursOf(i)[static_cast<size_t>(n)]}] = m;
      sum += m;
    }
    EXPECT_NEAR(sum, std::log2(10.0), 1e-4);
  }
  int64_t edges = 0;
  for (int32_t i = 0; i < data.rows; ++i) {
    for (int64_t e = graph.offsets[static_cast<size_t>(i)]; e < graph.offsets[static_cast<size_t>(i) + 1]; ++e) {
      const int32_t j = graph.targets[static_cast<size_t>(e)];
      const double a = directed.count({i, j}) ? directed[{i, j}] : 0.0, b = directed.count({j, i}) ? directed[{j, i}] : 0.0;
      EXPECT_NEAR(graph.weights[static_cast<size_t>(e)], a + b - a * b, 1e-5);
      if (e > graph.offsets[static_cast<size_t>(i)]) {
        EXPECT_LT(graph.targets[static_cast<size_t>(e) - 1], j);
      }
      ++edges;
    }
  }
  std::set<std::pair<int32_t, int32_t>> pairs;
  for (const auto& [key, m] : directed) pairs.insert({std::min(key.first, key.second), std::max(key.first, key.second)});
  EXPECT_EQ(edges, 2 * static_cast<int64_t>(pairs.size()));
}

TEST(AnalysisUmap, ASeedGivesOneLayoutAtAnyThreadCount) {
  const PlantedClusters data = plantedClusters(4, 100, 10, 3.0, 3);
  UmapParams params;
  params.epochs = kUmapTestSanitized ? 40 : 120;
  ThreadPool two(2), three(3);
  const UmapResult first = umap(data.x, data.rows, data.dimension, params, &two);
  const UmapResult again = umap(data.x, data.rows, data.dimension, params, &two);
  EXPECT_EQ(first.coordinates, again.coordinates);
  EXPECT_EQ(first.coordinates, umap(data.x, data.rows, data.dimension, params, &three).coordinates);
  EXPECT_EQ(first.coordinates, umap(data.x, data.rows, data.dimension, params).coordinates);
  params.seed = 2;
  EXPECT_NE(first.coordinates, umap(data.x, data.rows, data.dimension, params, &two).coordinates);
  EXPECT_EQ(first.epochsDone, params.epochs);
  EXPECT_FALSE(first.cancelled);
  ASSERT_EQ(first.epochStats.size(), static_cast<size_t>(params.epochs));
  EXPECT_GT(first.epochStats[0].attractions, 0);
  EXPECT_GT(first.epochStats[0].repulsions, 4 * first.epochStats[0].attractions);
  EXPECT_DOUBLE_EQ(first.epochStats[0].learningRate, 1.0);
}

TEST(AnalysisUmap, PlantedClustersSeparateAndStayTrustworthy) {
  constexpr int32_t kClusters = 6;
  const int32_t perCluster = kUmapTestSanitized ? 60 : 250;
  const PlantedClusters data = plantedClusters(kClusters, perCluster, 32, 1.5, 21);
  ThreadPool pool(2);
  UmapParams params;
  if (kUmapTestSanitized) params.epochs = 100;
  const UmapResult result = umap(data.x, data.rows, data.dimension, params, &pool);
  ASSERT_EQ(result.coordinates.size(), static_cast<size_t>(data.rows) * 2);
  EXPECT_EQ(result.initUsed, UmapInit::Spectral);
  EXPECT_EQ(result.params.epochs, kUmapTestSanitized ? 100 : 500);
  const double agreement = labelAgreement(result.coordinates, 2, data.label, 10);
  const double silhouetteScore = silhouette(result.coordinates, 2, data.label, kClusters);
  TrustworthinessParams trust;
  const double t = trustworthiness(data.x, data.rows, data.dimension, result.coordinates, 2, trust, &pool).trustworthiness;
  NeighbourGraphParams knn;
  knn.neighbours = 10;
  const double kept = knnAgreement(data.x, data.rows, data.dimension, result.coordinates, 2, knn, &pool).mean;
  std::printf("UMAP of %d points, 6 clusters in 32-d: label agreement %.4f, silhouette %.4f, T(10) %.4f, kNN agreement %.4f\n",
              data.rows, agreement, silhouetteScore, t, kept);
  EXPECT_GE(agreement, 0.9);
  EXPECT_GT(silhouetteScore, 0.5);
  EXPECT_GE(t, 0.9);
}

TEST(AnalysisUmap, ThreeComponentsAndEveryInit) {
  const PlantedClusters data = plantedClusters(3, 50, 6, 3.0, 5);
  for (const UmapInit init : {UmapInit::Spectral, UmapInit::Pca, UmapInit::Random}) {
    UmapParams params;
    params.components = 3;
    params.init = init;
    params.epochs = 60;
    const UmapResult result = umap(data.x, data.rows, data.dimension, params);
    EXPECT_EQ(result.initUsed, init);
    ASSERT_EQ(result.coordinates.size(), static_cast<size_t>(data.rows) * 3);
    for (float v : result.coordinates) ASSERT_TRUE(std::isfinite(v));
    EXPECT_GE(labelAgreement(result.coordinates, 3, data.label, 5), 0.9);
  }
}

TEST(AnalysisUmap, TheCallbackSeesEveryEpochAndCancels) {
  const PlantedClusters data = plantedClusters(2, 40, 4, 3.0, 1);
  UmapParams params;
  std::vector<int32_t> seen;
  const UmapResult stopped = umap(data.x, data.rows, data.dimension, params, nullptr, [&](const UmapEpochView& view) {
    EXPECT_EQ(view.epochs, 500);
    EXPECT_EQ(view.coordinates.size(), static_cast<size_t>(data.rows) * 2);
    seen.push_back(view.epoch);
    return view.epoch < 10;
  });
  EXPECT_TRUE(stopped.cancelled);
  EXPECT_EQ(stopped.epochsDone, 10);
  EXPECT_EQ(seen.size(), 11u);  // the initial layout (epoch 0), then epochs 1…10
  EXPECT_EQ(seen.front(), 0);
  EXPECT_EQ(stopped.coordinates.size(), static_cast<size_t>(data.rows) * 2);
  // The progress report cancels too, during the neighbour search as during the epochs.
  const UmapResult early = umap(data.x, data.rows, data.dimension, params, nullptr, {}, [](double) { return false; });
  EXPECT_TRUE(early.cancelled);
  EXPECT_EQ(early.epochsDone, 0);
  const UmapResult later = umap(data.x, data.rows, data.dimension, params, nullptr, {}, [](double f) { return f < 0.5; });
  EXPECT_TRUE(later.cancelled);
  EXPECT_GT(later.epochsDone, 0);
  EXPECT_LT(later.epochsDone, 500);
}

TEST(AnalysisUmap, ReusesANeighbourGraph) {
  const PlantedClusters data = plantedClusters(2, 40, 4, 3.0, 2);
  UmapParams params;
  params.epochs = 30;
  const NeighbourGraph knn = exactNeighbourGraph(data.x, data.rows, data.dimension, params.neighbours - 1);
  const UmapResult reused = umapFromNeighbours(knn, data.x, data.dimension, params);
  EXPECT_EQ(reused.coordinates, umap(data.x, data.rows, data.dimension, params).coordinates);
  EXPECT_EQ(reused.params.neighbours, 15);
}

TEST(AnalysisUmap, DuplicatesAndZeroRowsStayFinite) {
  // 40 copies each of three points and of the zero vector: ρ is 0 for most points, and under
  // the cosine metric a zero row is at distance 1 from everything.
  std::vector<float> x;
  const std::vector<std::vector<float>> originals = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 0}};
  for (int32_t copy = 0; copy < 40; ++copy) {
    for (const auto& point : originals) x.insert(x.end(), point.begin(), point.end());
  }
  for (const NeighbourMetric metric : {NeighbourMetric::Euclidean, NeighbourMetric::Cosine}) {
    UmapParams params;
    params.metric = metric;
    params.epochs = 50;
    const UmapResult result = umap(x, 160, 3, params);
    ASSERT_EQ(result.coordinates.size(), 320u);
    for (float v : result.coordinates) ASSERT_TRUE(std::isfinite(v));
  }
}

TEST(AnalysisUmap, TinyInputsAndBadParameters) {
  const std::vector<float> one = {1.0f, 2.0f};
  EXPECT_EQ(umap(one, 1, 2).coordinates.size(), 2u);
  const std::vector<float> three = {0, 0, 1, 0, 0, 1};
  const UmapResult small = umap(three, 3, 2);
  ASSERT_EQ(small.coordinates.size(), 6u);
  for (float v : small.coordinates) EXPECT_TRUE(std::isfinite(v));
  UmapParams params;
  params.components = 4;
  EXPECT_THROW(umap(three, 3, 2, params), InputError);
  params = {};
  params.neighbours = 1;
  EXPECT_THROW(umap(three, 3, 2, params), InputError);
  params = {};
  params.learningRate = 0.0;
  EXPECT_THROW(umap(three, 3, 2, params), InputError);
  params = {};
  params.minDist = 1.5;
  EXPECT_THROW(umap(three, 3, 2, params), InputError);
}

}  // namespace
}  // namespace ll
