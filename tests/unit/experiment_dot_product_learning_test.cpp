// Learning a dot product with an MLP (Rendle et al. 2020 §4): the hand-checkable pieces — σ_emb,
// pairs without replacement and the 90/10 split, the dot product's RMSE ≈ σ_label and the trivial
// model's ≈ 1.13 on large samples, the approximation error's definition, the MLP's size — a tiny
// sweep's shape, and the results files' round trip.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>
#include <utility>

#include "core/data/input_error.h"
#include "core/experiment/dot_product_learning.h"
#include "core/experiment/dot_product_learning_files.h"
#include "core/experiment/dot_product_task.h"

namespace ll {
namespace {

TEST(DotProductTask, EmbeddingSdMatchesThePapersFormula) {
  // σ_emb² = √((1.13² − 0.85²)/d); d = 4: √((1.2769 − 0.7225)/4) = √0.1386 = 0.372290…
  const double sd = embeddingSd(4);
  EXPECT_NEAR(sd * sd, std::sqrt(0.1386), 1e-12);
  EXPECT_NEAR(sd * sd, 0.3722902, 1e-6);
  // Var(y) = σ_label² + d·σ_emb⁴ = 1.13² for every d.
  for (int32_t d : {1, 8, 64, 256}) EXPECT_NEAR(0.85 * 0.85 + d * std::pow(embeddingSd(d), 4), 1.13 * 1.13, 1e-12);
}

TEST(DotProductTask, PairsAreDistinctAndCanExhaustTheGrid) {
  Random random(5);
  const auto some = samplePairsWithoutReplacement(30, 20, 500, random);
  ASSERT_EQ(some.size(), 500u);
  const std::set<std::pair<int32_t, int32_t>> distinct(some.begin(), some.end());
  EXPECT_EQ(distinct.size(), 500u);
  for (const auto& [u, i] : some) {
    EXPECT_TRUE(u >= 0 && u < 30 && i >= 0 && i < 20);
  }
  const auto all = samplePairsWithoutReplacement(7, 3, 21, random);
  const std::set<std::pair<int32_t, int32_t>> allDistinct(all.begin(), all.end());
  EXPECT_EQ(allDistinct.size(), 21u);
  EXPECT_THROW(samplePairsWithoutReplacement(7, 3, 22, random), std::invalid_argument);
}

TEST(DotProductTask, HundredPairsPerUserSplitNinetyTen) {
  DotProductTaskParams params;
  params.dim = 4;
  params.users = 150;
  params.items = 150;
  const DotProductTask task = makeDotProductTask(params);
  EXPECT_EQ(task.train.size(), 13500);  // 90 % of 100·150
  EXPECT_EQ(task.test.size(), 1500);
  EXPECT_EQ(task.fresh.size(), 1500);   // as large as the test set by default
  EXPECT_EQ(task.users.rows(), 150);
  EXPECT_EQ(task.items.cols(), 4);
  EXPECT_EQ(task.freshUsers.rows(), 1500);
  // Training and test pairs are disjoint (without replacement across the split too).
  std::set<std::pair<int32_t, int32_t>> train;
  for (int64_t k = 0; k < task.train.size(); ++k) train.emplace(task.train.user[k], task.train.item[k]);
  EXPECT_EQ(train.size(), 13500u);
  for (int64_t k = 0; k < task.test.size(); ++k) EXPECT_FALSE(train.contains({task.test.user[k], task.test.item[k]}));
  EXPECT_EQ(testCaseCount(1000, 0.1), 100);
  EXPECT_EQ(testCaseCount(105, 0.1), 11);  // 10.5 rounds away from zero
}

TEST(DotProductTask, DotProductRmseIsTheLabelNoiseAndTrivialRmseIsNetflixs) {
  DotProductTaskParams params;
  params.dim = 16;
  params.users = 1000;
  params.items = 1000;
  params.freshCases = 100000;
  const DotProductTask task = makeDotProductTask(params);
  // 100 000 cases: the RMSE's standard error is about σ/√(2n) ≈ 0.002.
  EXPECT_NEAR(rmse(dotProductPredictions(task.users, task.items, task.train), task.train), 0.85, 0.01);
  EXPECT_NEAR(rmse(dotProductPredictions(task.freshUsers, task.freshItems, task.fresh), task.fresh), 0.85, 0.01);
  EXPECT_NEAR(rmse(std::vector<float>(task.fresh.label.size(), 0.0f), task.fresh), 1.13, 0.015);
}

TEST(DotProductTask, RmseByHand) {
  PairSet set;
  set.user = {0, 0};
  set.item = {0, 0};
  set.label = {1.0f, -1.0f};
  EXPECT_DOUBLE_EQ(rmse({2.0f, 2.0f}, set), std::sqrt((1.0 + 9.0) / 2.0));
  EXPECT_THROW(rmse({1.0f}, set), std::invalid_argument);
}

TEST(DotProductLearning, ErrorIsMlpMinusDotAndTheMlpHasNcfsSize) {
  EXPECT_DOUBLE_EQ(approximationError(0.87, 0.85), 0.87 - 0.85);
  EXPECT_LT(approximationError(0.84, 0.85), 0.0);
  // d = 8, h = 8: 16→32→16→8→1 with biases = 17·32 + 33·16 + 17·8 + 9 = 1217 (the paper's ≈ 18d² = 1152 without biases).
  EXPECT_EQ(dotProductMlpParameters(8, 8), 17 * 32 + 33 * 16 + 17 * 8 + 9);
}

DotProductLearningParams tinySweep() {
  DotProductLearningParams params;
  params.dims = {4};
  params.users = {100, 200};
  params.widthFactors = {0.5, 1.0};
  params.repeats = 2;
  params.fit.epochs = 3;
  return params;
}

TEST(DotProductLearning, TinySweepHasOnePointPerCellWithEveryRepeat) {
  const DotProductLearningResults results = runDotProductLearning(tinySweep());
  ASSERT_EQ(results.points.size(), 4u);
  EXPECT_TRUE(results.complete);
  EXPECT_EQ(results.points[0].hidden, 2);
  EXPECT_EQ(results.points[0].users, 100);
  EXPECT_EQ(results.points[1].users, 200);
  EXPECT_EQ(results.points[2].hidden, 4);
  for (const DotProductLearningPoint& p : results.points) {
    EXPECT_EQ(p.repeats, 2);
    EXPECT_EQ(p.trainCases, 90 * p.users);
    EXPECT_EQ(p.testCases, 10 * p.users);
    EXPECT_NEAR(p.testError.mean, p.mlpTestRmse.mean - p.dotTestRmse.mean, 1e-9);  // mean of differences
    EXPECT_NEAR(p.freshError.mean, p.mlpFreshRmse.mean - p.dotFreshRmse.mean, 1e-9);
    EXPECT_GT(p.testError.mean, 0.0);  // a few epochs of a tiny MLP do not reach the dot product
  }
}

TEST(DotProductLearning, CancelledSweepKeepsWhatFinished) {
  int calls = 0;
  DotProductLearningParams params = tinySweep();
  params.fit.epochs = 400;  // long enough that the first report (after 0.1 s) comes mid-way
  const DotProductLearningResults results = runDotProductLearning(params, [&](double) { return ++calls < 1; });
  EXPECT_FALSE(results.complete);
  for (const DotProductLearningPoint& p : results.points) EXPECT_GE(p.repeats, 1);
}

TEST(DotProductLearningFiles, JsonRoundTripAndDamageIsRefused) {
  DotProductLearningParams params = tinySweep();
  params.users = {100};
  params.widthFactors = {1.0};
  params.repeats = 1;
  const DotProductLearningResults results = runDotProductLearning(params);
  const std::string text = dotProductLearningJson(results);
  EXPECT_TRUE(isDotProductLearningJson(text));
  const DotProductLearningResults back = parseDotProductLearningJson(text, "results.json");
  ASSERT_EQ(back.points.size(), 1u);
  EXPECT_DOUBLE_EQ(back.points[0].freshError.mean, results.points[0].freshError.mean);
  EXPECT_EQ(back.params.users, params.users);
  std::string damaged = text;
  damaged.replace(damaged.find("\"repeats\": 1"), 12, "\"repeats\": 2");
  EXPECT_THROW(parseDotProductLearningJson(damaged, "results.json"), InputError);
  EXPECT_NE(dotProductLearningCsv(results).find("d,h,users"), std::string::npos);
}

}  // namespace
}  // namespace ll
