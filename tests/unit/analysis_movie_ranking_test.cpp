// Ranking movies without rare films crowding the list: the minimum and the shrunk key on a hand
// case, and on the calibrated world (whose true expected ratings are known) the minimum that
// makes recommendations better.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "core/analysis/movie_ranking.h"
#include "core/analysis/recommend.h"
#include "core/data/split.h"
#include "core/synth/synthetic_world.h"
#include "core/train/recommended_training.h"
#include "core/train/trainer.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

int32_t itemIndex(const Dataset& d, const std::string& id) {
  return static_cast<int32_t>(std::find(d.itemIds.begin(), d.itemIds.end(), id) - d.itemIds.begin());
}

TEST(AnalysisMovieRanking, TheMinimumAndTheShrunkKeyOnAHandCase) {
  // Film a: 1 rating (5); b: 3 ratings (mean 3); c: 2 ratings (mean 4).
  const Dataset d = testing::makeTinyDataset({{"u1", "a", 5, 1}, {"u1", "b", 2, 2}, {"u2", "b", 3, 3}, {"u3", "b", 4, 4},
                                              {"u2", "c", 4, 5}, {"u3", "c", 4, 6}});
  const int32_t a = itemIndex(d, "a"), b = itemIndex(d, "b"), c = itemIndex(d, "c");
  const MovieRanking shrunk(d.ratings, {.minRatings = 2, .shrinkage = 2.0});
  EXPECT_FALSE(shrunk.listed(a));
  EXPECT_TRUE(shrunk.listed(b));
  // μ = 22/6; key = μ + (ŷ − μ)·n/(n + κ): b at ŷ = 5 → μ + (5 − μ)·3/5, c at ŷ = 4.5 → μ + (4.5 − μ)·2/4.
  const double mu = 22.0 / 6.0;
  EXPECT_NEAR(shrunk.key(b, 5.0f), mu + (5.0 - mu) * 0.6, 1e-5);   // 4.467
  EXPECT_NEAR(shrunk.key(c, 4.5f), mu + (4.5 - mu) * 0.5, 1e-5);   // 4.083
  std::vector<float> predictions(3);
  predictions[static_cast<size_t>(a)] = 9.0f;  // the rare film's overshoot: not listed at all
  predictions[static_cast<size_t>(b)] = 5.0f;
  predictions[static_cast<size_t>(c)] = 4.5f;
  predictions[static_cast<size_t>(c)] = 5.2f;  // c's key 4.433 trails b's 4.467: two ratings against three
  EXPECT_EQ(shrunk.rank(predictions, 3), (std::vector<int32_t>{b, c}));
  EXPECT_EQ(shrunk.rank(predictions, 3, {}, /*lowest=*/true), (std::vector<int32_t>{c, b}));
  const MovieRanking plain(d.ratings, {.minRatings = 0, .shrinkage = 0.0});
  EXPECT_EQ(plain.rank(predictions, 2), (std::vector<int32_t>{a, c}));  // by ŷ alone: 9, 5.2, 5
  std::vector<uint8_t> excluded(3, 0);
  excluded[static_cast<size_t>(a)] = 1;
  EXPECT_EQ(plain.rank(predictions, 5, excluded), (std::vector<int32_t>{c, b}));
  // Counts from a subset of the ratings only: the first rating of b and both of c.
  const std::vector<uint32_t> known = {1, 4, 5};
  const MovieRanking partial(d.ratings, {.minRatings = 2}, known);
  EXPECT_EQ(partial.ratingCount(b), 1);
  EXPECT_FALSE(partial.listed(b));
  EXPECT_TRUE(partial.listed(c));
}

// On the calibrated world (shaped like real ML-100K, long tail included) an mf model's top 10 for
// each user, ranked under each rule, scored by the planted expected rating of the films listed —
// the truth no real data set offers. Rating counts and means come from the training ratings only.
TEST(AnalysisMovieRanking, AMinimumKeepsRareFilmsFromCrowdingTheTopTen) {
  const SyntheticWorld world = generateSyntheticWorld(parseSyntheticSpec("synthetic:realism=ml100k"));
  const auto data = std::make_shared<const Dataset>(world.dataset);
  const Split split = makeSplit(*data, parseSplitSpec("official:1"), SplitParams{.seed = 1, .validationFraction = 0.0});
  TrainParams train;
  applyRecommendation(recommendedTraining(ModelKind::MF), TrainFieldSet::all(), train);
  train.epochs = 50;
  train.pdcEachEpoch = false;
  Trainer trainer(data, split, ModelConfig{.kind = ModelKind::MF, .dim = 32}, train);
  while (trainer.runEpoch()) {
  }
  const Model& model = trainer.model();
  const Ratings& r = data->ratings;
  const int32_t users = r.userCount, items = r.itemCount;
  std::vector<float> predictions(static_cast<size_t>(users) * items);
  {
    std::vector<int32_t> us(static_cast<size_t>(items)), is(static_cast<size_t>(items));
    for (int32_t i = 0; i < items; ++i) is[static_cast<size_t>(i)] = i;
    for (int32_t u = 0; u < users; ++u) {
      std::fill(us.begin(), us.end(), u);
      model.predict(us, is, std::span(predictions).subspan(static_cast<size_t>(u) * items, static_cast<size_t>(items)));
    }
  }
  std::vector<uint8_t> rated(static_cast<size_t>(users) * items, 0);
  for (uint32_t k : split.train) rated[static_cast<size_t>(r.user[k]) * items + static_cast<size_t>(r.item[k])] = 1;

  const auto truthOfTopTen = [&](const RareMovieRule& rule) {
    const MovieRanking ranking(r, rule, split.train);
    double sum = 0.0;
    int64_t n = 0;
    for (int32_t u = 0; u < users; ++u) {
      const size_t row = static_cast<size_t>(u) * items;
      for (int32_t i : ranking.rank(std::span(predictions).subspan(row, static_cast<size_t>(items)), 10,
                                    std::span(rated).subspan(row, static_cast<size_t>(items)))) {
        sum += world.expectedRating(u, i);
        ++n;
      }
    }
    return sum / static_cast<double>(n);
  };
  std::printf("[ info ] mf k=32 on the calibrated world: mean true expected rating of each user's top 10\n");
  double none = 0.0, chosen = 0.0, shrunkOnly = 0.0;
  for (int64_t minimum : {0, 1, 5, 10, 20, 50, 100}) {
    std::printf("[ info ]   min %3lld:", static_cast<long long>(minimum));
    for (double kappa : {0.0, 5.0, 20.0}) {
      const double truth = truthOfTopTen({.minRatings = minimum, .shrinkage = kappa});
      std::printf("  κ %2.0f %.3f", kappa, truth);
      if (minimum == 0 && kappa == 0.0) none = truth;
      if (minimum == kDefaultMinMovieRatings && kappa == 0.0) chosen = truth;
      if (minimum == 0 && kappa == 20.0) shrunkOnly = truth;
    }
    std::printf("\n");
  }
  EXPECT_GT(chosen, none + 0.1);
  EXPECT_GT(shrunkOnly, none + 0.1);  // shrinking alone keeps rare films listed but lets few through
}

}  // namespace
}  // namespace ll
