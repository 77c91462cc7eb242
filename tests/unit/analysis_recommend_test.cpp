// Recommendations (an existing user's and a folded-in new user's), pair scores and
// population-adjusted movie scores, checked by hand on small models with set parameters.
#include <gtest/gtest.h>

#include <cmath>

#include "core/analysis/population_scores.h"
#include "core/analysis/recommend.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

// 3 users × 4 movies; user "a" rated movies 1 and 2, "b" rated 2 and 3, "c" rated 1, 3 and 4.
std::shared_ptr<const Dataset> tinyData() {
  return std::make_shared<const Dataset>(testing::makeTinyDataset({{"a", "1", 5, 1}, {"a", "2", 3, 2}, {"b", "2", 4, 3},
                                                                  {"b", "3", 2, 4}, {"c", "1", 1, 5}, {"c", "3", 5, 6},
                                                                  {"c", "4", 4, 7}}));
}

// mf z=2 with μ = 3, b_u = {0.5, −0.5, 0}, b_i = {0, 0.2, −0.4, 1}, p_u and q_i as below.
std::unique_ptr<Model> handMf(std::shared_ptr<const Dataset> data) {
  ModelConfig config;
  config.kind = ModelKind::MF;
  config.dim = 2;
  auto model = makeModel(config, data, 3.0f);
  Parameters& p = model->parameters();
  p[p.find("global_bias")].value = {3.0f};
  p[p.find("user_bias")].value = {0.5f, -0.5f, 0.0f};
  p[p.find("item_bias")].value = {0.0f, 0.2f, -0.4f, 1.0f};
  p[p.find("user_factors")].value = {1.0f, 0.0f, 0.0f, 2.0f, -1.0f, 1.0f};
  p[p.find("item_factors")].value = {1.0f, 1.0f, 0.5f, -1.0f, -2.0f, 0.0f, 0.0f, 0.5f};
  return model;
}

TEST(AnalysisRecommend, TopUnseenMoviesInScoreOrder) {
  const auto data = tinyData();
  const auto model = handMf(data);
  // User "a" (dense 0): unseen movies 3 and 4. ŷ = 3 + 0.5 + b_i + p·q: movie 3 → 3.5 − 0.4 − 2 = 1.1, movie 4 → 3.5 + 1 + 0 = 4.5.
  RecommendParams params;
  params.rare.minRatings = 0;  // every movie of the tiny set has fewer ratings than the default minimum
  const auto a = recommendForUser(*model, 0, params);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(data->itemIds[static_cast<size_t>(a[0].item)], "4");
  EXPECT_NEAR(a[0].score, 4.5f, 1e-6);
  EXPECT_EQ(data->itemIds[static_cast<size_t>(a[1].item)], "3");
  EXPECT_NEAR(a[1].score, 1.1f, 1e-6);
  EXPECT_TRUE(recommendForUser(*model, 0).empty());  // the default minimum leaves nothing this rare
  params.count = 1;
  EXPECT_EQ(recommendForUser(*model, 0, params).size(), 1u);
  params.rare.minRatings = 2;  // movie 4 has one rating
  EXPECT_EQ(data->itemIds[static_cast<size_t>(recommendForUser(*model, 0, params).at(0).item)], "3");
  EXPECT_THROW(recommendForUser(*model, 3), std::out_of_range);
}

TEST(AnalysisRecommend, ANewUserIsFoldedInFromRatingsAndGetsTheUnratedFilms) {
  const auto data = tinyData();
  const auto model = handMf(data);
  // A hidden user p = (1, 1), b_u = 0.2 rates movies 1, 2, 3 exactly: ŷ = 3 + 0.2 + b_i + p·q =
  // 5.2, 2.9, 0.8. Three ratings fix the three unknowns, so the pseudo-inverse (ridge 0) returns
  // that user; the only film left is movie 4: 3 + 0.2 + 1 + 0.5 = 4.7.
  const std::vector<int32_t> films = {0, 1, 2};
  const std::vector<float> ratings = {5.2f, 2.9f, 0.8f};
  const NewUserRecommendations found =
      recommendForNewUser(*model, films, ratings, {.ridge = 0.0}, {.count = 5, .rare = {.minRatings = 0}});
  ASSERT_EQ(found.user.size(), 3u);
  EXPECT_NEAR(found.user[0], 1.0f, 1e-4);
  EXPECT_NEAR(found.user[1], 1.0f, 1e-4);
  EXPECT_NEAR(found.user[2], 0.2f, 1e-4);
  ASSERT_EQ(found.items.size(), 1u);
  EXPECT_EQ(data->itemIds[static_cast<size_t>(found.items[0].item)], "4");
  EXPECT_NEAR(found.items[0].score, 4.7f, 1e-4);
  // A ridge pulls the factors toward zero: a smaller score for the same film.
  const NewUserRecommendations shrunk =
      recommendForNewUser(*model, films, ratings, {.ridge = 5.0}, {.count = 5, .rare = {.minRatings = 0}});
  EXPECT_LT(std::fabs(shrunk.user[0]) + std::fabs(shrunk.user[1]), 2.0f);
  const std::vector<int32_t> outside = {7};
  const std::vector<float> one = {4.0f};
  EXPECT_THROW(recommendForNewUser(*model, outside, one, {}), std::out_of_range);
}

TEST(AnalysisRecommend, PairScoresAreClippedPredictions) {
  const auto model = handMf(tinyData());
  // User "c" (2) and movie 1 (0): 3 + 0 + 0 + (−1 + 1) = 3; user "b" (1), movie 4 (3): 2.5 + 1 + 1 = 4.5;
  // user "a" (0), movie 1 (0): 3.5 + 0 + 1 = 4.5; user "b", movie 2 (1): 2.5 + 0.2 − 2 = 0.7 → clipped to 1.
  const std::vector<int32_t> users = {2, 1, 0, 1}, items = {0, 3, 0, 1};
  const auto scores = scorePairs(*model, users, items);
  EXPECT_NEAR(scores[0], 3.0f, 1e-6);
  EXPECT_NEAR(scores[1], 4.5f, 1e-6);
  EXPECT_NEAR(scores[2], 4.5f, 1e-6);
  EXPECT_NEAR(scores[3], 1.0f, 1e-6);
  const std::vector<int32_t> bad = {0};
  const std::vector<int32_t> badItem = {4};
  EXPECT_THROW(scorePairs(*model, bad, badItem), std::out_of_range);
}

TEST(AnalysisPopulationScores, MatchAHandComputation) {
  const auto data = tinyData();
  const auto model = handMf(data);
  // mean p_u = ((1 + 0 − 1) / 3, (0 + 2 + 1) / 3) = (0, 1); adjusted = 3 + b_i + q_i·(0, 1).
  const auto scores = populationAdjustedScores(*model);
  ASSERT_EQ(scores.size(), 4u);
  const double expected[4] = {3.0 + 0.0 + 1.0, 3.0 + 0.2 - 1.0, 3.0 - 0.4 + 0.0, 3.0 + 1.0 + 0.5};
  const double means[4] = {3.0, 3.5, 3.5, 4.0};
  const int64_t counts[4] = {2, 2, 2, 1};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(scores[i].adjusted, expected[i], 1e-6) << i;
    EXPECT_NEAR(scores[i].meanRating, means[i], 1e-9);
    EXPECT_EQ(scores[i].ratingCount, counts[i]);
  }
  // With the mean user bias (0) the scores are the same here; with a subset of ratings the raw means follow it.
  PopulationScoreParams params;
  params.includeUserBias = true;
  EXPECT_NEAR(populationAdjustedScores(*model, {}, params)[0].adjusted, expected[0], 1e-6);
  const std::vector<uint32_t> firstTwo = {0, 1};
  const auto subset = populationAdjustedScores(*model, firstTwo);
  EXPECT_EQ(subset[0].ratingCount, 1);
  EXPECT_TRUE(std::isnan(subset[3].meanRating));
}

}  // namespace
}  // namespace ll
