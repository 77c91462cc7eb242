// t-SNE: the bandwidths meet the perplexity and P is a symmetric distribution; the gradient is
// that of the KL divergence (finite differences), the Barnes-Hut tree is exact at θ = 0 and close
// at θ = 0.5; a seed gives one layout at any thread count; planted clusters come out separated and
// trustworthy, with a falling KL; the callback sees the layout and cancels.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>

#include "core/analysis/trustworthiness.h"
#include "core/analysis/tsne.h"
#include "core/analysis/tsne_forces.h"
#include "core/data/input_error.h"
#include "core/util/random.h"
#include "core/util/thread_pool.h"
#include "tests/support/planted_clusters.h"
#include "tests/support/sanitized_build.h"

namespace ll {
namespace {

constexpr bool kTsneTestSanitized = testing::kSanitizedBuild;

double tsneRelativeError(const std::vector<double>& approximate, const std::vector<double>& exact) {
  double difference = 0.0, norm = 0.0;
  for (size_t v = 0; v < exact.size(); ++v) {
    difference += (approximate[v] - exact[v]) * (approximate[v] - exact[v]);
    norm += exact[v] * exact[v];
  }
  return std::sqrt(difference / norm);
}

// A spread-out layout (sd 5, like a t-SNE layout after the early phase) of the given points.
std::vector<double> tsneTestLayout(int32_t rows, int32_t components, uint64_t seed) {
  Random random(seed);
  std::vector<double> y(static_cast<size_t>(rows) * components);
  for (double& v : y) v = random.normal(0.0, 5.0);
  return y;
}

TEST(AnalysisTsne, BandwidthsMeetThePerplexityAndPIsASymmetricDistribution) {
  const testing::PlantedClusters data = testing::plantedClusters(3, 100, 10, 2.0, 11);
  for (const NeighbourMetric metric : {NeighbourMetric::Euclidean, NeighbourMetric::Cosine}) {
    const NeighbourGraph knn = exactNeighbourGraph(data.x, data.rows, data.dimension, 60, metric);
    const TsneAffinities p = tsneAffinities(knn, 20.0);
    ASSERT_EQ(p.rows, data.rows);
    ASSERT_EQ(p.neighbours, 60);
    double worst = 0.0;
    for (int32_t i = 0; i < p.rows; ++i) {
      double entropy = 0.0, sum = 0.0;
      for (int32_t j = 0; j < p.neighbours; ++j) {
        const double v = p.conditional[static_cast<size_t>(i * p.neighbours + j)];
        sum += v;
        if (v > 0.0) entropy -= v * std::log(v);
      }
      EXPECT_NEAR(sum, 1.0, 1e-12);
      worst = std::max(worst, std::abs(entropy - std::log(20.0)));
    }
    EXPECT_LT(worst, 1e-4);
    // Symmetric, sums to 1, and each entry is the mean of its two conditionals over n.
    std::map<std::pair<int32_t, int32_t>, double> conditional, joint;
    for (int32_t i = 0; i < p.rows; ++i) {
      for (int32_t j = 0; j < p.neighbours; ++j) {
        const auto e = static_cast<size_t>(i * p.neighbours + j);
        conditional[{i, p.conditionalTargets[e]}] = p.conditional[e];
      }
    }
    double total = 0.0;
    for (int32_t i = 0; i < p.rows; ++i) {
      for (int64_t e = p.offsets[static_cast<size_t>(i)]; e < p.offsets[static_cast<size_t>(i) + 1]; ++e) {
        const int32_t j = p.targets[static_cast<size_t>(e)];
        if (e > p.offsets[static_cast<size_t>(i)]) {
          EXPECT_LT(p.targets[static_cast<size_t>(e) - 1], j);
        }
        joint[{i, j}] = p.values[static_cast<size_t>(e)];
        total += p.values[static_cast<size_t>(e)];
      }
    }
    EXPECT_NEAR(total, 1.0, 1e-12);
    for (const auto& [key, value] : joint) {
      ASSERT_EQ(joint.count({key.second, key.first}), 1u);
      EXPECT_EQ(value, (joint[{key.second, key.first}]));
      const double a = conditional.count(key) ? conditional[key] : 0.0;
      const double b = conditional.count({key.second, key.first}) ? conditional[{key.second, key.first}] : 0.0;
      EXPECT_NEAR(value, (a + b) / (2.0 * p.rows), 1e-15);
    }
    std::printf("t-SNE bandwidths (%s): largest |entropy − log 20| = %.2e\n",
                metric == NeighbourMetric::Euclidean ? "Euclidean" : "cosine", worst);
  }
  EXPECT_THROW(tsneAffinities(exactNeighbourGraph(data.x, data.rows, data.dimension, 5), 0.0), InputError);
}

TEST(AnalysisTsne, TheGradientIsTheKlDivergencesDerivative) {
  const testing::PlantedClusters data = testing::plantedClusters(2, 12, 5, 2.0, 4);
  const TsneAffinities p = tsneAffinities(exactNeighbourGraph(data.x, data.rows, data.dimension, 10), 4.0);
  for (const int32_t components : {2, 3}) {
    std::vector<double> y = tsneTestLayout(data.rows, components, 9);
    for (double& v : y) v *= 0.2;
    const TsneGradient exact = tsneGradient(p, y, components, 1.0, 0.0);
    EXPECT_NEAR(exact.klDivergence, exactTsneKlDivergence(p, y, components), 1e-12);
    double worst = 0.0;
    for (size_t v = 0; v < y.size(); ++v) {
      const double keep = y[v], h = 1e-5;
      y[v] = keep + h;
      const double up = exactTsneKlDivergence(p, y, components);
      y[v] = keep - h;
      const double down = exactTsneKlDivergence(p, y, components);
      y[v] = keep;
      worst = std::max(worst, std::abs((up - down) / (2.0 * h) - exact.gradient[v]));
    }
    EXPECT_LT(worst, 1e-7);
    // Exaggeration scales the attraction only.
    const TsneGradient exaggerated = tsneGradient(p, y, components, 12.0, 0.0);
    EXPECT_DOUBLE_EQ(exaggerated.klDivergence, exact.klDivergence);
    EXPECT_GT(tsneRelativeError(exaggerated.gradient, exact.gradient), 0.1);
  }
}

TEST(AnalysisTsne, BarnesHutIsExactAtThetaZeroAndCloseAtOneHalf) {
  const int32_t rows = kTsneTestSanitized ? 200 : 500;
  const testing::PlantedClusters data = testing::plantedClusters(5, rows / 5, 8, 3.0, 6);
  const TsneAffinities p = tsneAffinities(exactNeighbourGraph(data.x, data.rows, data.dimension, 45), 15.0);
  ThreadPool pool(2);
  for (const int32_t components : {2, 3}) {
    const std::vector<double> y = tsneTestLayout(data.rows, components, 3);
    const auto n = static_cast<size_t>(rows), c = static_cast<size_t>(components);
    TsneSpaceTree unused;
    std::vector<double> pairForces(n * c), pairZ(n);
    const double z = tsneRepulsion(y, rows, components, 0.0, unused, pairForces, pairZ, &pool);
    TsneSpaceTree tree;
    tree.build(y, rows, components);
    EXPECT_GT(tree.nodeCount(), rows / kTsneLeafPoints);  // split down to leaves of a few points
    std::vector<double> treeForces(n * c, 0.0);
    double treeZ = 0.0, worstZ = 0.0;
    for (int32_t i = 0; i < rows; ++i) {
      const double zi = tree.repulsion(i, 0.0, treeForces.data() + static_cast<size_t>(i) * c);
      worstZ = std::max(worstZ, std::abs(zi - pairZ[static_cast<size_t>(i)]) / pairZ[static_cast<size_t>(i)]);
      treeZ += zi;
    }
    const double forceError = tsneRelativeError(treeForces, pairForces);
    EXPECT_LT(forceError, 1e-6);
    EXPECT_LT(worstZ, 1e-6);
    EXPECT_NEAR(treeZ, z, 1e-6 * z);
    // The whole gradient at θ = 0.5 against the exact one.
    const TsneGradient exact = tsneGradient(p, y, components, 1.0, 0.0, &pool);
    const TsneGradient approximate = tsneGradient(p, y, components, 1.0, 0.5, &pool);
    const double gradientError = tsneRelativeError(approximate.gradient, exact.gradient);
    const double zError = std::abs(approximate.normalisation - exact.normalisation) / exact.normalisation;
    std::printf("t-SNE Barnes-Hut, %d points in %d-D: θ = 0 force error %.1e; θ = 0.5 gradient error %.2f%%, Z error %.3f%%, "
                "KL %.5f vs %.5f\n",
                rows, components, forceError, 100.0 * gradientError, 100.0 * zError, approximate.klDivergence,
                exact.klDivergence);
    EXPECT_LT(gradientError, 0.05);
    EXPECT_LT(zError, 0.01);
    EXPECT_NEAR(approximate.klDivergence, exact.klDivergence, 0.01);
  }
}

TEST(AnalysisTsne, ASeedGivesOneLayoutAtAnyThreadCount) {
  const testing::PlantedClusters data = testing::plantedClusters(4, 80, 10, 3.0, 3);
  TsneParams params;
  params.perplexity = 20.0;
  params.iterations = kTsneTestSanitized ? 60 : 300;
  params.exaggerationIterations = params.iterations / 3;
  ThreadPool two(2), three(3);
  const TsneResult first = tsne(data.x, data.rows, data.dimension, params, &two);
  EXPECT_EQ(first.coordinates, tsne(data.x, data.rows, data.dimension, params, &two).coordinates);
  EXPECT_EQ(first.coordinates, tsne(data.x, data.rows, data.dimension, params, &three).coordinates);
  EXPECT_EQ(first.coordinates, tsne(data.x, data.rows, data.dimension, params).coordinates);
  EXPECT_EQ(first.iterationsDone, params.iterations);
  EXPECT_FALSE(first.cancelled);
  EXPECT_EQ(first.initUsed, TsneInit::Pca);
  EXPECT_DOUBLE_EQ(first.params.learningRate, 50.0);  // max(320 / 12 / 4, 50)
  // Random initialisation: the seed matters, the thread count does not.
  params.init = TsneInit::Random;
  const TsneResult random = tsne(data.x, data.rows, data.dimension, params, &two);
  EXPECT_EQ(random.initUsed, TsneInit::Random);
  EXPECT_EQ(random.coordinates, tsne(data.x, data.rows, data.dimension, params, &three).coordinates);
  params.seed = 2;
  EXPECT_NE(random.coordinates, tsne(data.x, data.rows, data.dimension, params, &two).coordinates);
}

TEST(AnalysisTsne, PlantedClustersSeparateAndStayTrustworthy) {
  constexpr int32_t kClusters = 6;
  const int32_t perCluster = kTsneTestSanitized ? 60 : 200;
  const testing::PlantedClusters data = testing::plantedClusters(kClusters, perCluster, 32, 1.5, 21);
  ThreadPool pool(2);
  TsneParams params;
  if (kTsneTestSanitized) params.iterations = 400;
  std::vector<std::pair<int32_t, double>> kl;
  const TsneResult result = tsne(data.x, data.rows, data.dimension, params, &pool, [&](const TsneIterationView& view) {
    if (view.iteration > 0 && !view.exaggerated) kl.emplace_back(view.iteration, view.klDivergence);
    return true;
  });
  ASSERT_EQ(result.coordinates.size(), static_cast<size_t>(data.rows) * 2);
  EXPECT_EQ(result.neighbours, 90);
  EXPECT_FALSE(result.neighboursClamped);
  EXPECT_TRUE(result.klExact);
  const double agreement = testing::labelAgreement(result.coordinates, 2, data.label, 10);
  const double t = trustworthiness(data.x, data.rows, data.dimension, result.coordinates, 2, {}, &pool).trustworthiness;
  ASSERT_GE(kl.size(), 3u);
  std::printf("t-SNE of %d points, 6 clusters in 32-d: label agreement %.4f, T(10) %.4f, KL %.4f after step %d, %.4f after "
              "step %d, %.4f at the end (exact), %.2f s\n",
              data.rows, agreement, t, kl.front().second, kl.front().first, kl[kl.size() / 2].second,
              kl[kl.size() / 2].first, result.klDivergence, result.seconds);
  EXPECT_GE(agreement, 0.9);
  EXPECT_GE(t, 0.9);
  // After the early phase the divergence falls (allowing the small wobble of the Barnes-Hut Z).
  for (size_t k = 1; k < kl.size(); ++k) EXPECT_LE(kl[k].second, kl[k - 1].second + 2e-3) << "at step " << kl[k].first;
  EXPECT_LT(kl.back().second, kl.front().second);
  EXPECT_LT(result.klDivergence, kl.front().second);
  EXPECT_NEAR(result.klDivergence, kl.back().second, 0.02);
}

TEST(AnalysisTsne, ThreeComponentsCosineAndRandomInit) {
  const testing::PlantedClusters data = testing::plantedClusters(3, 60, 6, 3.0, 5);
  TsneParams params;
  params.components = 3;
  params.metric = NeighbourMetric::Cosine;
  params.init = TsneInit::Random;
  params.perplexity = 15.0;
  params.iterations = kTsneTestSanitized ? 150 : 400;
  params.exactRowLimit = 100;  // the neighbours through HNSW
  const TsneResult result = tsne(data.x, data.rows, data.dimension, params);
  EXPECT_FALSE(result.exactNeighbours);
  EXPECT_EQ(result.initUsed, TsneInit::Random);
  ASSERT_EQ(result.coordinates.size(), static_cast<size_t>(data.rows) * 3);
  for (float v : result.coordinates) ASSERT_TRUE(std::isfinite(v));
  EXPECT_GE(testing::labelAgreement(result.coordinates, 3, data.label, 5), 0.9);
}

TEST(AnalysisTsne, AboveFiveThousandPointsTheFinalKlIsTheBarnesHutEstimate) {
  if (kTsneTestSanitized) GTEST_SKIP() << "5,001 points: too slow under the sanitizers";
  const testing::PlantedClusters data = testing::plantedClusters(1, 5001, 3, 1.0, 8);
  TsneParams params;
  params.perplexity = 3.0;
  params.iterations = 3;
  const TsneResult estimated = tsne(data.x, data.rows, data.dimension, params);
  EXPECT_FALSE(estimated.klExact);
  EXPECT_TRUE(std::isfinite(estimated.klDivergence));
  EXPECT_EQ(estimated.neighbours, 9);
  params.theta = 0.0;  // exact repulsion: the exact divergence comes with it
  EXPECT_TRUE(tsne(data.x, data.rows, data.dimension, params).klExact);
}

TEST(AnalysisTsne, TheCallbackSeesTheLayoutAndCancels) {
  const testing::PlantedClusters data = testing::plantedClusters(2, 40, 4, 3.0, 1);
  TsneParams params;
  params.perplexity = 10.0;
  std::vector<int32_t> seen;
  const TsneResult stopped = tsne(data.x, data.rows, data.dimension, params, nullptr, [&](const TsneIterationView& view) {
    EXPECT_EQ(view.iterations, 1000);
    EXPECT_EQ(view.coordinates.size(), static_cast<size_t>(data.rows) * 2);
    seen.push_back(view.iteration);
    return view.iteration < 30;
  });
  EXPECT_TRUE(stopped.cancelled);
  EXPECT_EQ(stopped.iterationsDone, 30);
  EXPECT_EQ(seen, (std::vector<int32_t>{0, 10, 20, 30}));
  EXPECT_EQ(stopped.coordinates.size(), static_cast<size_t>(data.rows) * 2);
  // The progress report cancels too, before the steps as during them.
  const TsneResult early = tsne(data.x, data.rows, data.dimension, params, nullptr, {}, [](double) { return false; });
  EXPECT_TRUE(early.cancelled);
  EXPECT_EQ(early.iterationsDone, 0);
  const TsneResult later = tsne(data.x, data.rows, data.dimension, params, nullptr, {}, [](double f) { return f < 0.5; });
  EXPECT_TRUE(later.cancelled);
  EXPECT_GT(later.iterationsDone, 0);
  EXPECT_LT(later.iterationsDone, 1000);
}

TEST(AnalysisTsne, DuplicatesTinyInputsAndBadParameters) {
  // 40 copies each of four points: whole neighbourhoods at distance 0, and coincident points in the tree.
  std::vector<float> x;
  const std::vector<std::vector<float>> originals = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 0}};
  for (int32_t copy = 0; copy < 40; ++copy) {
    for (const auto& point : originals) x.insert(x.end(), point.begin(), point.end());
  }
  TsneParams params;
  params.iterations = 200;
  for (const NeighbourMetric metric : {NeighbourMetric::Euclidean, NeighbourMetric::Cosine}) {
    params.metric = metric;
    const TsneResult result = tsne(x, 160, 3, params);
    ASSERT_EQ(result.coordinates.size(), 320u);
    for (float v : result.coordinates) ASSERT_TRUE(std::isfinite(v));
    EXPECT_TRUE(std::isfinite(result.klDivergence));
  }
  // Fewer points than 3 · perplexity: k is cut to n − 1, and said so.
  const testing::PlantedClusters small = testing::plantedClusters(2, 25, 4, 3.0, 2);
  params = {};
  params.iterations = 50;
  const TsneResult clamped = tsne(small.x, small.rows, small.dimension, params);
  EXPECT_EQ(clamped.neighbours, 49);
  EXPECT_TRUE(clamped.neighboursClamped);
  const std::vector<float> one = {1.0f, 2.0f};
  params.perplexity = 0.5;
  EXPECT_EQ(tsne(one, 1, 2, params).coordinates.size(), 2u);
  const auto throws = [&](auto change) {
    TsneParams bad;
    change(bad);
    EXPECT_THROW(tsne(small.x, small.rows, small.dimension, bad), InputError);
  };
  throws([](TsneParams& p) { p.perplexity = 50.0; });  // not below the row count
  throws([](TsneParams& p) { p.perplexity = 0.0; });
  throws([](TsneParams& p) { p.components = 4; });
  throws([](TsneParams& p) { p.theta = -0.5; });
  throws([](TsneParams& p) { p.learningRate = -1.0; });
  throws([](TsneParams& p) { p.exaggeration = 0.0; });
  throws([](TsneParams& p) { p.finalMomentum = 1.0; });
  throws([](TsneParams& p) { p.callbackEvery = 0; });
  throws([](TsneParams& p) { p.iterations = -1; });
}

}  // namespace
}  // namespace ll
