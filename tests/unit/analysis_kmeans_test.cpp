// k-means: separated blobs are found, the objective never increases, runs are deterministic for a
// seed, no cluster stays empty, and the progress report cancels; a partition carried into another
// space gets its members' means there.
#include <gtest/gtest.h>

#include <set>

#include "core/analysis/kmeans.h"
#include "core/util/random.h"

namespace ll {
namespace {

// `blobs` Gaussian blobs of `perBlob` points in d dimensions, centres 10 apart, sd 1.
std::vector<float> blobs(int32_t blobCount, int32_t perBlob, int32_t d, uint64_t seed, std::vector<int32_t>* truth = nullptr) {
  Random random(seed);
  std::vector<float> x;
  for (int32_t b = 0; b < blobCount; ++b) {
    std::vector<double> centre(static_cast<size_t>(d));
    for (auto& c : centre) c = random.uniform(-30.0, 30.0);
    centre[static_cast<size_t>(b % d)] += 100.0 * (b + 1);  // keep blobs far apart
    for (int32_t p = 0; p < perBlob; ++p) {
      for (int32_t j = 0; j < d; ++j) x.push_back(static_cast<float>(centre[static_cast<size_t>(j)] + random.normal()));
      if (truth) truth->push_back(b);
    }
  }
  return x;
}

TEST(AnalysisKMeans, FindsSeparatedBlobs) {
  std::vector<int32_t> truth;
  const auto x = blobs(5, 200, 4, 1, &truth);
  KMeansParams params;
  params.clusters = 5;
  const KMeansResult r = kMeans(x, 1000, 4, params);
  EXPECT_TRUE(r.converged);
  // Every blob maps to exactly one cluster.
  std::set<std::pair<int32_t, int32_t>> pairs;
  for (size_t p = 0; p < truth.size(); ++p) pairs.insert({truth[p], r.assignment[p]});
  EXPECT_EQ(pairs.size(), 5u);
  for (int32_t s : r.sizes) EXPECT_EQ(s, 200);
  EXPECT_NEAR(r.objective / 1000.0, 4.0, 0.5);  // d × sd² per point
}

TEST(AnalysisKMeans, TheObjectiveNeverIncreases) {
  Random random(3);
  std::vector<float> x(3000 * 6);
  for (float& v : x) v = static_cast<float>(random.normal());  // no structure: many iterations
  KMeansParams params;
  params.clusters = 20;
  params.tolerance = 0.0;
  const KMeansResult r = kMeans(x, 3000, 6, params);
  ASSERT_GT(r.iterations.size(), 3u);
  double previous = r.initialObjective;
  for (const auto& it : r.iterations) {
    EXPECT_LE(it.objective, previous) << "iteration " << it.iteration;
    previous = it.objective;
  }
  EXPECT_DOUBLE_EQ(r.objective, r.iterations.back().objective);
}

TEST(AnalysisKMeans, IsDeterministicForASeed) {
  const auto x = blobs(8, 50, 3, 4);
  KMeansParams params;
  params.clusters = 6;
  params.seed = 9;
  const KMeansResult a = kMeans(x, 400, 3, params);
  const KMeansResult b = kMeans(x, 400, 3, params);
  EXPECT_EQ(a.assignment, b.assignment);
  EXPECT_EQ(a.centroids, b.centroids);
  params.seed = 10;
  const KMeansResult c = kMeans(x, 400, 3, params);
  EXPECT_TRUE(c.assignment != a.assignment || c.centroids != a.centroids);
}

TEST(AnalysisKMeans, NoClusterStaysEmpty) {
  int32_t repaired = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Random random(seed);
    std::vector<float> x(40 * 2);
    for (float& v : x) v = static_cast<float>(random.uniform());
    KMeansParams params;
    params.clusters = 30;  // many clusters for few points: Lloyd updates empty some
    params.seed = seed;
    const KMeansResult r = kMeans(x, 40, 2, params);
    for (int32_t s : r.sizes) EXPECT_GT(s, 0) << "seed " << seed;
    for (const auto& it : r.iterations) repaired += it.repaired;
  }
  std::printf("[ info ] empty clusters repaired over 20 runs: %d\n", repaired);
}

TEST(AnalysisKMeans, AnEmptyClusterIsReseededFromTheFarthestPoint) {
  // 1-D points 0, 1, 10, 13; the middle start centroid (100) attracts nobody.
  const std::vector<float> x = {0.0f, 1.0f, 10.0f, 13.0f};
  KMeansParams params;
  params.clusters = 3;
  params.initialCentroids = {0.5f, 100.0f, 11.0f};
  const KMeansResult r = kMeans(x, 4, 1, params);
  EXPECT_EQ(r.iterations.front().repaired, 1);
  // The farthest point from its centroid is 13 (2 from 11): it seeds cluster 1.
  EXPECT_EQ(r.assignment, (std::vector<int32_t>{0, 0, 2, 1}));
  EXPECT_NEAR(r.centroids[1], 13.0f, 1e-6);
  EXPECT_NEAR(r.objective, 0.5, 1e-9);
}

TEST(AnalysisKMeans, AWarmStartKeepsClusterNumbers) {
  const auto x = blobs(4, 100, 3, 6);
  KMeansParams params;
  params.clusters = 4;
  const KMeansResult first = kMeans(x, 400, 3, params);
  params.initialCentroids = first.centroids;
  params.seed = 99;  // unused when warm
  const KMeansResult again = kMeans(x, 400, 3, params);
  EXPECT_EQ(again.assignment, first.assignment);
  EXPECT_LE(again.iterations.size(), 2u);
}

TEST(AnalysisKMeans, DegenerateInputsAndCancellation) {
  const std::vector<float> two = {0.0f, 0.0f, 1.0f, 1.0f};
  KMeansParams params;
  params.clusters = 5;
  const KMeansResult r = kMeans(two, 2, 2, params);
  EXPECT_EQ(r.clusters, 2);  // clamped to the points
  EXPECT_NEAR(r.objective, 0.0, 1e-12);
  const std::vector<float> same(20, 3.0f);  // ten identical points
  const KMeansResult s = kMeans(same, 10, 2, params);
  EXPECT_NEAR(s.objective, 0.0, 1e-12);

  const auto x = blobs(3, 100, 2, 5);
  params.clusters = 10;
  params.tolerance = 0.0;
  const KMeansResult c = kMeans(x, 300, 2, params, [](double) { return false; });
  EXPECT_TRUE(c.cancelled);
  EXPECT_EQ(c.iterations.size(), 1u);
  EXPECT_EQ(c.assignment.size(), 300u);
}

TEST(AnalysisKMeans, APartitionInAnotherSpaceHasItsMembersMeans) {
  // Rows 0, 2 in cluster 1 and row 1 in cluster 0 of 3 (cluster 2 empty), in 2-D:
  // centroid 1 = ((1+3)/2, (2+6)/2) = (2, 4); centroid 0 = row 1 = (−1, 5); objective = 2·(1 + 4) = 10.
  const std::vector<float> x = {1, 2, -1, 5, 3, 6};
  const std::vector<int32_t> assignment = {1, 0, 1};
  const KMeansResult r = partitionIn(x, 3, 2, assignment, 3);
  EXPECT_EQ(r.sizes, (std::vector<int32_t>{1, 2, 0}));
  EXPECT_EQ(r.centroids, (std::vector<float>{-1, 5, 2, 4, 0, 0}));
  EXPECT_EQ(r.assignment, assignment);
  EXPECT_DOUBLE_EQ(r.objective, 10.0);
  EXPECT_EQ(r.clusters, 3);
  EXPECT_EQ(r.dimension, 2);
}

}  // namespace
}  // namespace ll
