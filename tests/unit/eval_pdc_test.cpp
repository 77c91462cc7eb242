#include "core/eval/pair_distance_correlation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "core/util/random.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

using testing::makeTinyDataset;

std::vector<uint32_t> allRatings(const Dataset& d) {
  std::vector<uint32_t> all(d.ratings.size());
  std::iota(all.begin(), all.end(), 0u);
  return all;
}

// The definition, written as plainly as possible: every pair, its common items by search.
std::optional<double> bruteForcePdc(const Dataset& d, const std::vector<float>& emb, int dim, int threshold,
                                    int64_t* pairs) {
  const Ratings& r = d.ratings;
  std::vector<double> lu, le;
  for (int32_t a = 0; a < r.userCount; ++a) {
    for (int32_t b = a + 1; b < r.userCount; ++b) {
      double sum = 0;
      int common = 0;
      for (uint32_t ka : r.ofUser(a)) {
        for (uint32_t kb : r.ofUser(b)) {
          if (r.item[ka] == r.item[kb]) {
            sum += std::pow(r.value[ka] - r.value[kb], 2);
            ++common;
          }
        }
      }
      if (common < threshold) continue;
      double dist = 0;
      for (int k = 0; k < dim; ++k) dist += std::pow(emb[a * dim + k] - emb[b * dim + k], 2);
      lu.push_back(sum / common);
      le.push_back(std::sqrt(dist));
    }
  }
  *pairs = static_cast<int64_t>(lu.size());
  if (lu.size() < 3) return std::nullopt;
  const double mu = std::accumulate(lu.begin(), lu.end(), 0.0) / lu.size();
  const double me = std::accumulate(le.begin(), le.end(), 0.0) / le.size();
  double cov = 0, vu = 0, ve = 0;
  for (size_t k = 0; k < lu.size(); ++k) {
    cov += (lu[k] - mu) * (le[k] - me);
    vu += (lu[k] - mu) * (lu[k] - mu);
    ve += (le[k] - me) * (le[k] - me);
  }
  return cov / std::sqrt(vu * ve);
}

TEST(EvalPdc, HandComputedFourUsers) {
  // Items a, b. u1: a=5 b=5; u2: a=4 b=5; u3: a=1 b=2; u4: a=5 (only).
  // Pairs with ≥ 1 common: (1,2) dU=(1+0)/2=0.5, (1,3) dU=(16+9)/2=12.5, (1,4) dU=0,
  // (2,3) dU=(9+9)/2=9, (2,4) dU=1, (3,4) dU=16. Embeddings 1-D: 0, 1, 4, 0 →
  // dE: 1, 4, 0, 3, 1, 4.
  const Dataset d = makeTinyDataset({{"1", "a", 5, 1}, {"1", "b", 5, 1}, {"2", "a", 4, 1}, {"2", "b", 5, 1},
                                     {"3", "a", 1, 1}, {"3", "b", 2, 1}, {"4", "a", 5, 1}});
  const std::vector<float> emb = {0, 1, 4, 0};
  const PdcResult result = pairDistanceCorrelation(d.ratings, allRatings(d), emb, 1, {.thresholds = {1, 2}});
  ASSERT_EQ(result.points.size(), 2u);
  EXPECT_EQ(result.points[0].pairs, 6);
  // Pearson of dU = {0.5, 12.5, 0, 9, 1, 16} and dE = {1, 4, 0, 3, 1, 4}, computed by hand:
  // means 6.5 and 13/6; r = 0.97006334...
  ASSERT_TRUE(result.points[0].pdc.has_value());
  EXPECT_NEAR(*result.points[0].pdc, 0.97006334, 1e-6);
  EXPECT_EQ(result.points[1].pairs, 3);  // (1,2), (1,3), (2,3)
  // dU = {0.5, 12.5, 9}, dE = {1, 4, 3}: r = 0.99894443...
  ASSERT_TRUE(result.points[1].pdc.has_value());
  EXPECT_NEAR(*result.points[1].pdc, 0.99894443, 1e-6);
}

TEST(EvalPdc, UndefinedBelowThreePairsOrForConstantDistances) {
  const Dataset d = makeTinyDataset({{"1", "a", 5, 1}, {"2", "a", 4, 1}, {"3", "b", 1, 1}});
  const std::vector<float> emb = {0, 1, 2};
  const PdcResult few = pairDistanceCorrelation(d.ratings, allRatings(d), emb, 1);
  EXPECT_EQ(few.points[0].pairs, 1);
  EXPECT_FALSE(few.points[0].pdc.has_value());
  const Dataset same = makeTinyDataset({{"1", "a", 5, 1}, {"2", "a", 4, 1}, {"3", "a", 1, 1}, {"4", "a", 2, 1}});
  const std::vector<float> zeros = {0, 0, 0, 0};
  const PdcResult flat = pairDistanceCorrelation(same.ratings, allRatings(same), zeros, 1);
  EXPECT_EQ(flat.points[0].pairs, 6);
  EXPECT_FALSE(flat.points[0].pdc.has_value());  // every dE is 0: no correlation defined
}

// Random ratings (each user rates each item with probability `density`) and random embeddings:
// every threshold's pair count and PDC equal the brute-force definition's. Returns how many
// thresholds had a PDC defined.
int expectAgreementWithBruteForce(uint64_t seed, int users, int items, double density, int dim,
                                  const std::vector<int32_t>& thresholds) {
  Random random(seed);
  std::vector<testing::TinyRating> rows;
  for (int u = 0; u < users; ++u) {
    for (int i = 0; i < items; ++i) {
      if (random.bernoulli(density)) rows.push_back({std::to_string(u), std::to_string(i), static_cast<float>(1 + random.below(5)), 0});
    }
  }
  const Dataset d = makeTinyDataset(rows);
  std::vector<float> emb(static_cast<size_t>(d.ratings.userCount) * dim);
  for (auto& v : emb) v = static_cast<float>(random.normal());
  const PdcResult fast = pairDistanceCorrelation(d.ratings, allRatings(d), emb, dim, {.thresholds = thresholds});
  int defined = 0;
  for (const auto& point : fast.points) {
    int64_t pairs = 0;
    const auto reference = bruteForcePdc(d, emb, dim, point.threshold, &pairs);
    EXPECT_EQ(point.pairs, pairs) << "threshold " << point.threshold;
    EXPECT_EQ(point.pdc.has_value(), reference.has_value()) << "threshold " << point.threshold;
    if (point.pdc && reference) {
      EXPECT_NEAR(*point.pdc, *reference, 1e-6) << "threshold " << point.threshold;
      ++defined;
    }
  }
  return defined;
}

TEST(EvalPdc, AgreesWithBruteForceOnRandomData) { expectAgreementWithBruteForce(11, 40, 30, 0.3, 3, {1, 2, 4, 8, 16}); }

// Sparse ratings: far fewer (item, pair of raters) meetings than user pairs, so the pairs are
// gathered from a sorted list of meetings rather than arrays over all pairs.
TEST(EvalPdc, AgreesWithBruteForceOnSparseData) {
  EXPECT_EQ(expectAgreementWithBruteForce(12, 300, 60, 0.04, 2, {1, 2}), 2);
}

TEST(EvalPdc, EmbeddingsThatEncodeTasteScoreHighAndRandomOnesNearZero) {
  // Users have a scalar taste t; rating of item i = round(3 + 2 t s_i) with item sign s_i.
  Random random(5);
  std::vector<testing::TinyRating> rows;
  std::vector<float> taste;
  for (int u = 0; u < 120; ++u) {
    const float t = static_cast<float>(random.uniform(-1, 1));
    taste.push_back(t);
    for (int i = 0; i < 40; ++i) {
      if (!random.bernoulli(0.5)) continue;
      const float s = i % 2 ? 1.0f : -1.0f;
      rows.push_back({std::to_string(u), std::to_string(i), std::round(3 + 2 * t * s), 0});
    }
  }
  const Dataset d = makeTinyDataset(rows);
  std::vector<float> good(d.ratings.userCount), noise(d.ratings.userCount);
  for (int32_t u = 0; u < d.ratings.userCount; ++u) {
    good[u] = taste[std::stoi(d.userIds[u])];
    noise[u] = static_cast<float>(random.normal());
  }
  const auto evaluation = allRatings(d);
  EXPECT_GT(*pairDistanceCorrelation(d.ratings, evaluation, good, 1).points[2].pdc, 0.8);
  EXPECT_LT(std::fabs(*pairDistanceCorrelation(d.ratings, evaluation, noise, 1).points[2].pdc), 0.1);
}

TEST(EvalPdc, SamplesUsersWhenAskedAndSaysSo) {
  Random random(2);
  std::vector<testing::TinyRating> rows;
  for (int u = 0; u < 60; ++u) {
    for (int i = 0; i < 10; ++i) rows.push_back({std::to_string(u), std::to_string(i), static_cast<float>(1 + random.below(5)), 0});
  }
  const Dataset d = makeTinyDataset(rows);
  std::vector<float> emb(60);
  for (auto& v : emb) v = static_cast<float>(random.normal());
  const PdcResult r = pairDistanceCorrelation(d.ratings, allRatings(d), emb, 1, {.maxUsers = 20, .seed = 9});
  EXPECT_TRUE(r.sampled);
  EXPECT_EQ(r.usersEvaluated, 20);
  EXPECT_EQ(r.usersWithRatings, 60);
  EXPECT_EQ(r.points[0].pairs, 20 * 19 / 2);
  // The caller's pool spreads the samples over its threads; the result does not change.
  ThreadPool pool(3);
  const PdcResult again = pairDistanceCorrelation(d.ratings, allRatings(d), emb, 1, {.maxUsers = 20, .seed = 9}, &pool);
  EXPECT_EQ(*r.points[0].pdc, *again.points[0].pdc);
  EXPECT_EQ(*r.points[0].spread, *again.points[0].spread);

  // The reported PDC is the mean of the samples, and the spread their standard deviation; the
  // first sample is the one a single-sample run draws.
  EXPECT_EQ(r.samples, PdcParams{}.samples);
  const PdcResult one = pairDistanceCorrelation(d.ratings, allRatings(d), emb, 1, {.maxUsers = 20, .samples = 1, .seed = 9});
  EXPECT_EQ(one.samples, 1);
  EXPECT_FALSE(one.points[0].spread.has_value());
  const PdcResult two = pairDistanceCorrelation(d.ratings, allRatings(d), emb, 1, {.maxUsers = 20, .samples = 2, .seed = 9});
  ASSERT_TRUE(two.points[0].spread.has_value());
  const double first = *one.points[0].pdc, mean = *two.points[0].pdc;
  const double second = 2.0 * mean - first;
  EXPECT_NEAR(*two.points[0].spread, std::fabs(first - second) / std::sqrt(2.0), 1e-12);
  EXPECT_GT(*r.points[0].spread, 0.0);
  EXPECT_LT(*r.points[0].spread, 0.5);
}

TEST(EvalPdc, CosineDistanceIgnoresScale) {
  const Dataset d = makeTinyDataset({{"1", "a", 5, 1}, {"2", "a", 4, 1}, {"3", "a", 1, 1}, {"4", "a", 2, 1}});
  // Users 1 and 2 point the same way, 3 and 4 the opposite way: cosine dE is 0 within a side and
  // 2 across, whatever the lengths. dU = {1, 16, 9, 9, 4, 1}, dE = {0, 2, 2, 2, 2, 0}: r = 0.75425303.
  const std::vector<float> emb = {1, 0, 3, 0, -1, 0, -2, 0};
  const PdcResult r = pairDistanceCorrelation(d.ratings, allRatings(d), emb, 2,
                                              {.thresholds = {1}, .embeddingDistance = PdcParams::EmbeddingDistance::Cosine});
  ASSERT_TRUE(r.points[0].pdc.has_value());
  EXPECT_NEAR(*r.points[0].pdc, 0.75425303, 1e-6);
}

}  // namespace
}  // namespace ll
