// Cosine neighbours and title search: hand-made vectors, zero vectors, the rating filter, batched
// equals single, accent folding; and on the synthetic world, trained mf neighbours share their
// planted primary theme far more often than chance.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "core/analysis/cosine_neighbours.h"
#include "core/analysis/title_search.h"
#include "core/data/split.h"
#include "core/synth/synthetic_world.h"
#include "core/train/trainer.h"
#include "core/util/random.h"

namespace ll {
namespace {

TEST(AnalysisNeighbours, HandMadeVectors) {
  const std::vector<float> v = {
      1, 0, 0,     // 0
      2, 0.1f, 0,  // 1: nearly 0's direction, longer
      0, 1, 0,     // 2
      0, 0, 0,     // 3: zero vector
      -1, 0, 0,    // 4: opposite of 0
      1, 1, 0,     // 5: 45° from 0
  };
  const CosineIndex index(v, 6, 3);
  EXPECT_TRUE(index.isZero(3));
  NeighbourParams params;
  params.count = 3;
  const auto n = index.neighbours(0, params);
  ASSERT_EQ(n.size(), 3u);
  EXPECT_EQ(n[0].item, 1);
  EXPECT_NEAR(n[0].similarity, 2.0 / std::sqrt(4.01), 1e-6);
  EXPECT_EQ(n[1].item, 5);
  EXPECT_NEAR(n[1].similarity, 1.0 / std::sqrt(2.0), 1e-6);
  EXPECT_EQ(n[2].item, 2);  // similarity 0, ahead of the zero vector (never returned) and of −1
  EXPECT_NEAR(index.similarity(0, 4), -1.0, 1e-6);
  EXPECT_EQ(index.similarity(0, 3), 0.0f);

  params.count = 10;
  const auto all = index.neighbours(0, params);
  EXPECT_EQ(all.size(), 4u);  // itself and the zero vector excluded
  EXPECT_EQ(all.back().item, 4);
  EXPECT_TRUE(index.neighbours(3, params).empty());  // a zero query has no neighbours

  // Minimum rating count.
  const std::vector<int64_t> counts = {50, 5, 50, 50, 50, 50};
  params.minRatings = 20;
  params.count = 2;
  const auto filtered = index.neighbours(0, params, counts);
  ASSERT_EQ(filtered.size(), 2u);
  EXPECT_EQ(filtered[0].item, 5);
  EXPECT_EQ(filtered[1].item, 2);
}

TEST(AnalysisNeighbours, BatchedQueriesEqualSingleOnes) {
  Random random(5);
  const int32_t rows = 500, d = 16;
  std::vector<float> v(static_cast<size_t>(rows) * d);
  for (float& x : v) x = static_cast<float>(random.normal());
  for (int32_t j = 0; j < d; ++j) v[static_cast<size_t>(7) * d + j] = 0.0f;
  const CosineIndex index(v, rows, d);
  std::vector<int32_t> items;
  for (int32_t i = 0; i < 150; ++i) items.push_back((i * 37) % rows);
  const auto batched = index.neighboursOf(items, {});
  for (size_t q = 0; q < items.size(); ++q) {
    const auto single = index.neighbours(items[q], {});
    ASSERT_EQ(single.size(), batched[q].size());
    for (size_t k = 0; k < single.size(); ++k) {
      EXPECT_EQ(single[k].item, batched[q][k].item);
      EXPECT_NEAR(single[k].similarity, batched[q][k].similarity, 1e-5);
    }
  }
}

// Rows spanning several tiles (512 rows a side: diagonal and off-diagonal ones, a ragged last
// one), a zero row, duplicated rows (exact ties, which go to the lower row), the rating filter,
// and 1, 2 or 3 threads — which give the same table, bit for bit.
TEST(AnalysisNeighbours, TheAllItemsTableEqualsSingleQueries) {
  Random random(6);
  const int32_t rows = 2300, d = 12;
  std::vector<float> v(static_cast<size_t>(rows) * d);
  for (float& x : v) x = static_cast<float>(random.normal());
  for (int32_t j = 0; j < d; ++j) {
    v[static_cast<size_t>(7) * d + j] = 0.0f;
    v[static_cast<size_t>(2000) * d + j] = v[static_cast<size_t>(40) * d + j];  // same direction as 40
    v[static_cast<size_t>(1500) * d + j] = 2.0f * v[static_cast<size_t>(40) * d + j];
  }
  std::vector<int64_t> counts(rows);
  for (int32_t r = 0; r < rows; ++r) counts[static_cast<size_t>(r)] = r % 4;
  const CosineIndex index(v, rows, d);
  for (const NeighbourParams params : {NeighbourParams{}, NeighbourParams{.count = 25, .minRatings = 2}}) {
    for (const int32_t threads : {1, 2}) {
      const auto table = index.allNeighbours(params, counts, threads);
      ASSERT_EQ(table.size(), static_cast<size_t>(rows));
      EXPECT_TRUE(table[7].empty());
      for (int32_t r = 0; r < rows; ++r) {
        const auto single = index.neighbours(r, params, counts);
        ASSERT_EQ(single.size(), table[static_cast<size_t>(r)].size()) << r;
        for (size_t k = 0; k < single.size(); ++k) {
          EXPECT_NEAR(single[k].similarity, table[static_cast<size_t>(r)][k].similarity, 1e-5) << r;
          // The same row, unless two similarities are too close for float rounding to order them.
          const bool separated = (k == 0 || single[k - 1].similarity - single[k].similarity > 1e-5f) &&
                                 (k + 1 == single.size() || single[k].similarity - single[k + 1].similarity > 1e-5f);
          if (separated) {
            EXPECT_EQ(single[k].item, table[static_cast<size_t>(r)][k].item) << r;
          }
        }
      }
    }
  }
  const auto table = index.allNeighbours({}, {}, 2);
  EXPECT_EQ(table[40][0].item, 1500);  // ties at similarity 1 go to the lower row
  EXPECT_EQ(table[40][1].item, 2000);
  const auto oneThread = index.allNeighbours({}, {}, 1), threeThreads = index.allNeighbours({}, {}, 3);
  for (int32_t r = 0; r < rows; ++r) {
    const auto& a = oneThread[static_cast<size_t>(r)];
    const auto& b = threeThreads[static_cast<size_t>(r)];
    ASSERT_EQ(a.size(), b.size());
    for (size_t n = 0; n < a.size(); ++n) {
      EXPECT_EQ(a[n].item, b[n].item) << r;
      EXPECT_EQ(a[n].similarity, b[n].similarity) << r;
    }
  }
}

TEST(AnalysisTitleSearch, FoldsCaseAndAccents) {
  EXPECT_EQ(foldForSearch("Misérables, Les"), "miserables, les");
  EXPECT_EQ(foldForSearch("Señor ÉTÉ"), "senor ete");
  EXPECT_EQ(foldForSearch("Straße"), "strasse");
  EXPECT_EQ(foldForSearch("Ærø Œuvre Łódź Čapek"), "aero oeuvre lodz capek");
  EXPECT_EQ(foldForSearch("Ame\xCC\x81lie"), "amelie");  // decomposed é
  EXPECT_EQ(foldForSearch("Caf\xE9"), "cafe");           // a stray ISO-8859-1 byte
  EXPECT_EQ(foldForSearch("Der Himmel über Berlin"), "der himmel uber berlin");
  EXPECT_EQ(foldForSearch("東京物語"), "東京物語");
}

TEST(AnalysisTitleSearch, RanksPrefixMatchesThenRatingCounts) {
  Dataset d;
  const std::vector<std::string> titles = {"Star Trek", "Lone Star", "Star Wars", "Misérables, Les", "Amélie", "Starman"};
  const std::vector<int> counts = {10, 50, 40, 5, 7, 1};
  for (size_t i = 0; i < titles.size(); ++i) {
    d.movies.push_back({titles[i], 1990 + static_cast<int32_t>(i), 0});
    for (int k = 0; k < counts[i]; ++k) {
      d.ratings.user.push_back(k);
      d.ratings.item.push_back(static_cast<int32_t>(i));
      d.ratings.value.push_back(3.0f);
    }
  }
  d.ratings.userCount = 50;
  d.ratings.itemCount = static_cast<int32_t>(titles.size());
  d.ratings.buildIndex();
  const TitleIndex index(d);
  const auto star = index.search("  STAR ");
  ASSERT_EQ(star.size(), 4u);
  EXPECT_EQ(star[0].item, 2);  // prefix, 40 ratings
  EXPECT_EQ(star[1].item, 0);  // prefix, 10
  EXPECT_EQ(star[2].item, 5);  // prefix, 1
  EXPECT_EQ(star[3].item, 1);  // substring only, though most rated
  EXPECT_FALSE(star[3].prefix);
  EXPECT_EQ(index.search("les miser").at(0).item, 3);  // natural order of "Misérables, Les"
  EXPECT_TRUE(index.search("les miser")[0].prefix);
  EXPECT_EQ(index.search("AMELIE").at(0).item, 4);
  EXPECT_EQ(index.search("amélie").at(0).item, 4);
  EXPECT_EQ(index.search("star wars (1992)").size(), 1u);
  EXPECT_TRUE(index.search("star wars (1993)").empty());
  EXPECT_TRUE(index.search("   ").empty());
  TitleSearchParams params;
  params.limit = 2;
  EXPECT_EQ(index.search("star", params).size(), 2u);
}

struct NeighbourThemeShare {
  double shared = 0.0;  ///< share of top-10 neighbours with the query's primary theme
  double chance = 0.0;  ///< the same for a random pick of the other eligible films
};

// mf at `dim` on the default world; the films with >= 20 ratings ask for their top 10.
NeighbourThemeShare themeAgreementOfMf(const SyntheticWorld& world, int32_t dim) {
  const auto data = std::make_shared<const Dataset>(world.dataset);
  TrainParams train;
  train.epochs = 15;
  train.optimizer.l2 = 0.001f;
  train.threads = 2;  // a fixed thread count: the same run on every machine
  ModelConfig config;
  config.kind = ModelKind::MF;
  config.dim = dim;
  Trainer trainer(data, makeSplit(*data, parseSplitSpec("random:0.2")), config, train);
  while (trainer.runEpoch()) {
  }
  const Model& model = trainer.model();
  const std::vector<float> q = model.itemEmbeddings();
  const CosineIndex index(q, model.itemCount(), model.itemEmbeddingDim());
  const std::vector<int64_t> counts = itemRatingCounts(*data);

  NeighbourParams params;
  params.count = 10;
  params.minRatings = 20;
  std::vector<int32_t> themeSize(world.themes.size(), 0), queries;
  int32_t eligible = 0;
  for (int32_t i = 0; i < model.itemCount(); ++i) {
    if (counts[static_cast<size_t>(i)] < params.minRatings) continue;
    ++themeSize[static_cast<size_t>(world.primaryTheme[static_cast<size_t>(i)])];
    ++eligible;
    queries.push_back(i);
  }
  const auto neighbours = index.neighboursOf(queries, params, counts);
  NeighbourThemeShare out;
  int64_t listed = 0;
  for (size_t s = 0; s < queries.size(); ++s) {
    const int32_t theme = world.primaryTheme[static_cast<size_t>(queries[s])];
    for (const Neighbour& n : neighbours[s]) out.shared += world.primaryTheme[static_cast<size_t>(n.item)] == theme ? 1.0 : 0.0;
    listed += static_cast<int64_t>(neighbours[s].size());
    // Chance: the share of the other eligible movies that have the query's theme.
    out.chance += static_cast<double>(themeSize[static_cast<size_t>(theme)] - 1) / (eligible - 1) * static_cast<double>(neighbours[s].size());
  }
  out.shared /= static_cast<double>(listed);
  out.chance /= static_cast<double>(listed);
  std::printf("[ info ] mf z=%d, %zu movies with >= 20 ratings: top-10 neighbours sharing the primary theme %.3f, chance %.3f\n",
              dim, queries.size(), out.shared, out.chance);
  return out;
}

TEST(AnalysisNeighbours, TrainedMfNeighboursShareThePlantedThemeFarAboveChance) {
  const SyntheticWorld world = generateSyntheticWorld(SyntheticParams{});
  const NeighbourThemeShare agreement = themeAgreementOfMf(world, 16);
  EXPECT_GE(agreement.shared, 2.0 * agreement.chance);
}

// Latent Spaces 2021 Tables 4–5: with 3 dimensions a film's neighbours are not what an observer
// would call similar; with 10 they start to be. On the world, "similar" is the planted theme.
TEST(AnalysisNeighbours, MoreDimensionsGiveNeighboursOfThePlantedThemeAsLatentSpacesReports) {
  const SyntheticWorld world = generateSyntheticWorld(SyntheticParams{});
  const NeighbourThemeShare three = themeAgreementOfMf(world, 3);
  const NeighbourThemeShare ten = themeAgreementOfMf(world, 10);
  const NeighbourThemeShare wide = themeAgreementOfMf(world, 64);
  EXPECT_GT(ten.shared, three.shared + 0.05);
  EXPECT_GE(wide.shared, 2.0 * wide.chance);
}

}  // namespace
}  // namespace ll
