// Ranking metrics (Rendle et al. 2020's HR@K/NDCG@K against sampled negatives, full-catalogue
// Recall@K/NDCG@K) and the NRP paper's per-user top-p% precision, against hand-computed rankings.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/eval/ranking_evaluation.h"
#include "core/eval/top_percent_precision.h"
#include "core/eval/user_item_sets.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

double inverseLog2(double rank) { return 1.0 / std::log2(rank + 2.0); }

TEST(EvalRanking, HitAndDcgOfOneHeldOutItem) {
  // 0.5 among {0.9, 0.5, 0.1, 0.7}: two score higher, one ties → rank 2 or 3, equally likely.
  const std::vector<float> others = {0.9f, 0.5f, 0.1f, 0.7f};
  const RankPosition p = rankAmong(0.5f, others);
  EXPECT_EQ(p.greater, 2);
  EXPECT_EQ(p.ties, 1);
  EXPECT_DOUBLE_EQ(expectedHit(p, 3), 0.5);
  EXPECT_DOUBLE_EQ(expectedDcg(p, 3), 0.5 * inverseLog2(2));
  EXPECT_DOUBLE_EQ(expectedHit(p, 10), 1.0);
  EXPECT_DOUBLE_EQ(expectedDcg(p, 10), 0.5 * (inverseLog2(2) + inverseLog2(3)));
  EXPECT_DOUBLE_EQ(expectedHit(p, 2), 0.0);
  // First place: NDCG 1.
  EXPECT_DOUBLE_EQ(expectedDcg(rankAmong(1.0f, others), 10), 1.0);
}

TEST(EvalRanking, AConstantModelScoresWhatRandomRankingDoes) {
  const std::vector<float> negatives(100, 0.25f);
  const RankPosition p = rankAmong(0.25f, negatives);
  EXPECT_NEAR(expectedHit(p, 10), 10.0 / 101.0, 1e-12);
  double dcg = 0.0;
  for (int r = 0; r < 10; ++r) dcg += inverseLog2(r);
  EXPECT_NEAR(expectedDcg(p, 10), dcg / 101.0, 1e-12);
}

TEST(EvalRanking, FullCatalogueRecallAndNdcg) {
  // Ranked: c0 0.9, c1 0.8 (relevant), c2 0.7, c3 0.6, c4 0.5 (relevant). Top 3 holds c1 at rank 1.
  const std::vector<float> scores = {0.9f, 0.8f, 0.7f, 0.6f, 0.5f};
  const std::vector<uint8_t> relevant = {0, 1, 0, 0, 1};
  const TopKScores top3 = topKScores(scores, relevant, 3);
  EXPECT_DOUBLE_EQ(top3.recall, 0.5);
  EXPECT_DOUBLE_EQ(top3.ndcg, inverseLog2(1) / (inverseLog2(0) + inverseLog2(1)));
  const TopKScores top5 = topKScores(scores, relevant, 5);
  EXPECT_DOUBLE_EQ(top5.recall, 1.0);
  EXPECT_DOUBLE_EQ(top5.ndcg, (inverseLog2(1) + inverseLog2(4)) / (inverseLog2(0) + inverseLog2(1)));
  EXPECT_DOUBLE_EQ(topKScores(scores, std::vector<uint8_t>(5, 0), 3).recall, 0.0);
}

// User "a" rated movies 1, 2, 3 (3 is held out); movies 4, 5, 6 exist through user "b".
Dataset rankingData() {
  return testing::makeTinyDataset({{"a", "1", 5, 1}, {"a", "2", 4, 2}, {"a", "3", 3, 3}, {"b", "4", 1, 1},
                                   {"b", "5", 2, 2}, {"b", "6", 3, 3}, {"b", "1", 4, 4}});
}

TEST(EvalRanking, ModelFreeEvaluationAgainstAHandRanking) {
  const Dataset d = rankingData();
  const Ratings& r = d.ratings;
  uint32_t heldOut = 0;
  for (uint32_t k = 0; k < r.size(); ++k) {
    if (d.userIds[r.user[k]] == "a" && d.itemIds[r.item[k]] == "3") heldOut = k;
  }
  const std::vector<uint32_t> test = {heldOut};
  const int32_t heldItem = r.item[heldOut];
  // User a's unrated items are exactly 4, 5, 6: 100 sampled negatives take all three.
  const auto scoreBy = [&](bool heldOutFirst) -> PairScorer {
    return [&, heldOutFirst](std::span<const int32_t>, std::span<const int32_t> items, std::span<float> out) {
      for (size_t s = 0; s < items.size(); ++s) {
        const bool held = items[s] == heldItem;
        out[s] = heldOutFirst ? (held ? 10.0f : static_cast<float>(items[s])) : (held ? -1.0f : static_cast<float>(items[s]));
      }
    };
  };
  RankingParams params;
  const RankingMetrics best = evaluateRanking(scoreBy(true), r, test, params);
  EXPECT_EQ(best.pairs, 1);
  EXPECT_DOUBLE_EQ(best.hitRate, 1.0);
  EXPECT_DOUBLE_EQ(best.ndcg, 1.0);
  EXPECT_EQ(best.users, 1);
  EXPECT_DOUBLE_EQ(best.recall, 1.0);
  EXPECT_DOUBLE_EQ(best.ndcgFull, 1.0);

  // Last among its 3 negatives (rank 3), and last among the 4 candidates of the full catalogue
  // (items 3..6: 1 and 2 are a's training items and left out).
  const RankingMetrics worst = evaluateRanking(scoreBy(false), r, test, params);
  EXPECT_DOUBLE_EQ(worst.hitRate, 1.0);
  EXPECT_DOUBLE_EQ(worst.ndcg, inverseLog2(3));
  EXPECT_DOUBLE_EQ(worst.recall, 1.0);
  EXPECT_DOUBLE_EQ(worst.ndcgFull, inverseLog2(3));
  params.cutoff = 3;
  const RankingMetrics worstAt3 = evaluateRanking(scoreBy(false), r, test, params);
  EXPECT_DOUBLE_EQ(worstAt3.hitRate, 0.0);
  EXPECT_DOUBLE_EQ(worstAt3.recall, 0.0);
}

TEST(EvalRanking, SampledNegativesAreDistinctUnratedAndSeeded) {
  const Dataset d = testing::makeGridDataset(40, 40, 12);  // every movie rated by someone
  std::vector<uint32_t> all(d.ratings.size());
  for (uint32_t k = 0; k < all.size(); ++k) all[k] = k;
  const UserItemSets rated(d.ratings, all);
  for (int32_t u = 0; u < d.ratings.userCount; ++u) {
    Random a(9), b(9);
    const auto drawn = rated.drawDistinctUnrated(a, u, 20);
    EXPECT_EQ(drawn, rated.drawDistinctUnrated(b, u, 20));
    EXPECT_EQ(drawn.size(), 20u);
    EXPECT_EQ(std::set<int32_t>(drawn.begin(), drawn.end()).size(), drawn.size());
    for (int32_t i : drawn) EXPECT_FALSE(rated.contains(u, i));
    // Asking for more than there are gives every unrated item once.
    Random c(1);
    EXPECT_EQ(rated.drawDistinctUnrated(c, u, 100).size(), 28u);
    for (int k = 0; k < 200; ++k) EXPECT_FALSE(rated.contains(u, rated.drawUnrated(c, u)));
  }
}

TEST(EvalRanking, FullCatalogueRankingSamplesUsersPastItsLimit) {
  const Dataset d = testing::makeGridDataset(40, 40, 12);
  std::vector<uint32_t> heldOut;
  for (int32_t u = 0; u < d.ratings.userCount; ++u) heldOut.push_back(d.ratings.ofUser(u)[0]);
  const PairScorer byItem = [](std::span<const int32_t>, std::span<const int32_t> items, std::span<float> out) {
    for (size_t s = 0; s < items.size(); ++s) out[s] = static_cast<float>(items[s]);
  };
  RankingParams params;
  EXPECT_EQ(evaluateRanking(byItem, d.ratings, heldOut, params).users, 40);
  params.fullCatalogueUsers = 7;
  const RankingMetrics sampled = evaluateRanking(byItem, d.ratings, heldOut, params);
  EXPECT_EQ(sampled.users, 7);
  EXPECT_EQ(sampled.pairs, 40);  // the sampled-negative ranking still covers everyone
  params.fullCatalogue = false;
  EXPECT_EQ(evaluateRanking(byItem, d.ratings, heldOut, params).users, 0);
}

TEST(EvalRanking, PerUserSharesAddUpToTheMeans) {
  // Two held-out items for some users, one for the rest: the per-user sums pool to HR and NDCG.
  const Dataset d = testing::makeGridDataset(40, 40, 12);
  std::vector<uint32_t> heldOut;
  for (int32_t u = 0; u < d.ratings.userCount; u += 2) {
    heldOut.push_back(d.ratings.ofUser(u)[0]);
    if (u % 4 == 0) heldOut.push_back(d.ratings.ofUser(u)[1]);
  }
  std::sort(heldOut.begin(), heldOut.end());
  const PairScorer byItem = [](std::span<const int32_t>, std::span<const int32_t> items, std::span<float> out) {
    for (size_t s = 0; s < items.size(); ++s) out[s] = static_cast<float>(items[s] % 7);
  };
  std::vector<UserRanking> perUser;
  const RankingMetrics metrics = evaluateRanking(byItem, d.ratings, heldOut, RankingParams{}, nullptr, &perUser);
  ASSERT_EQ(perUser.size(), 20u);
  double hits = 0.0, dcg = 0.0;
  int64_t pairs = 0;
  for (size_t j = 0; j < perUser.size(); ++j) {
    EXPECT_EQ(perUser[j].user, static_cast<int32_t>(2 * j));
    EXPECT_EQ(perUser[j].pairs, j % 2 == 0 ? 2 : 1);
    hits += perUser[j].hits;
    dcg += perUser[j].dcg;
    pairs += perUser[j].pairs;
  }
  EXPECT_EQ(pairs, metrics.pairs);
  EXPECT_NEAR(hits / static_cast<double>(pairs), metrics.hitRate, 1e-15);
  EXPECT_NEAR(dcg / static_cast<double>(pairs), metrics.ndcg, 1e-15);
}

TEST(EvalRanking, TopPercentPrecisionByHand) {
  // Both sets hold exactly k = ⌈p·n⌉ items; items tied at the k-th value count with the chance a
  // random tie-break gives them, (k − above) / tied, independently for the two sets.
  // User 0: 10 items, p = 20% → k = 2. Relevant: the two 5s (items 0, 1). Predicted top 2: item 0
  // (a 5) and item 2 (a 4) → precision 1/2.
  // User 1: 4 items, k = 1; true ratings 4, 4, 4, 1: the one relevant place goes to each 4 with
  // chance 1/3; predicted top: item 11 (a 4) → 1/3.
  // User 2: one item — skipped (fewer than 2).
  const std::vector<int32_t> users = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2};
  const std::vector<float> truth = {5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 4, 4, 4, 1, 5};
  const std::vector<float> predicted = {4.9f, 3.0f, 4.8f, 2.0f, 1.0f, 1.5f, 2.5f, 1.2f, 1.1f, 1.3f,
                                        3.0f, 3.5f, 2.0f, 1.0f, 1.0f};
  const TopPercentPrecision at20 = topPercentPrecision(users, truth, predicted, 0.2);
  EXPECT_EQ(at20.users, 2);
  EXPECT_DOUBLE_EQ(at20.precision, (0.5 + 1.0 / 3.0) / 2.0);
  // p = 50%: user 0 → k = 5: the 5, 5, 4, 4 are in and the two 3s (items 4, 5) share the last
  // place (1/2 each); predicted top 5: items 0, 2, 1, 6 (a 2), 3 → 4/5. User 1 → k = 2: each 4 is
  // relevant with chance 2/3; top 2: items 11, 10 → (2/3 + 2/3) / 2.
  const TopPercentPrecision at50 = topPercentPrecision(users, truth, predicted, 0.5);
  EXPECT_DOUBLE_EQ(at50.precision, (0.8 + 2.0 / 3.0) / 2.0);
  // The order of the input does not matter (user 1's items reversed).
  const std::vector<float> truthSwapped = {5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 1, 4, 4, 4, 5};
  const std::vector<float> predictedSwapped = {4.9f, 3.0f, 4.8f, 2.0f, 1.0f, 1.5f, 2.5f, 1.2f, 1.1f, 1.3f,
                                               1.0f, 2.0f, 3.5f, 3.0f, 1.0f};
  EXPECT_DOUBLE_EQ(topPercentPrecision(users, truthSwapped, predictedSwapped, 0.5).precision, at50.precision);
  // A perfect predictor: 1 where no ties straddle the cut. At 25% user 0's k = 3 splits the two 4s
  // (2 + 1/2·1/2 + 1/2·1/2 = 5/2 of 3) and user 1's k = 1 the three 4s (3 · 1/3·1/3 = 1/3).
  EXPECT_DOUBLE_EQ(topPercentPrecision(users, truth, truth, 0.25).precision, (2.5 / 3.0 + 1.0 / 3.0) / 2.0);
  EXPECT_DOUBLE_EQ(topPercentPrecision(users, truth, truth, 0.2).precision, (1.0 + 1.0 / 3.0) / 2.0);
  const std::vector<int32_t> one = {7, 7, 7, 7, 7, 7, 7, 7};
  const std::vector<float> distinct = {1, 2, 3, 4, 5, 4.5f, 3.5f, 2.5f};
  for (double p : {0.1, 0.25, 0.5, 1.0}) EXPECT_DOUBLE_EQ(topPercentPrecision(one, distinct, distinct, p).precision, 1.0) << p;
  // A constant prediction ties everything: each item is retrieved with chance k/n, so the
  // precision is k/n whatever the ratings (k = 2 of 8 at 25%).
  const std::vector<float> constant(8, 3.0f);
  EXPECT_DOUBLE_EQ(topPercentPrecision(one, distinct, constant, 0.25).precision, 0.25);
  // With minItems 1 the single-item user counts too.
  EXPECT_EQ(topPercentPrecision(users, truth, predicted, 0.2, 1).users, 3);
}

}  // namespace
}  // namespace ll
