// The Compare panel's state: run models kept by id (with their movie index, evicting the oldest),
// a film's neighbours across the picked runs (exactly each model's own lists; a run without a
// model, or of another data set, left out), and a cluster's favourites across runs in the
// background (the same model twice lists the same films).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "app/gui/state/run_comparison.h"
#include "app/gui/state/run_models.h"
#include "core/analysis/movie_ranking.h"
#include "core/analysis/user_affine_form.h"
#include "core/synth/synthetic_world.h"
#include "core/util/random.h"

namespace ll::gui {
namespace {

std::shared_ptr<const Dataset> world() {
  static const auto data = std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:users=80,movies=60,ratings=3000")).dataset);
  return data;
}

std::shared_ptr<const Model> randomMf(int32_t dim, uint64_t seed, std::shared_ptr<const Dataset> data = world()) {
  ModelConfig config;
  config.kind = ModelKind::MF;
  config.dim = dim;
  auto model = makeModel(config, data, 3.5f);
  model->initialise();
  Random random(seed);
  for (int32_t b = 0; b < model->parameters().count(); ++b) {
    for (float& v : model->parameters()[b].value) v += static_cast<float>(0.3 * random.normal());
  }
  return model;
}

std::vector<int64_t> counts(const Dataset& data) {
  std::vector<int64_t> out(static_cast<size_t>(data.ratings.itemCount));
  for (int32_t i = 0; i < data.ratings.itemCount; ++i) out[static_cast<size_t>(i)] = data.ratings.itemRatingCount(i);
  return out;
}

TEST(GuiRunModels, KeepsByIdReplacesForgetsAndEvictsTheOldest) {
  RunModels models;
  const auto a = randomMf(3, 1);
  models.keep(1, a);
  ASSERT_NE(models.find(1), nullptr);
  EXPECT_EQ(models.find(1)->model, a);
  EXPECT_EQ(models.find(1)->movies->rows(), world()->ratings.itemCount);
  EXPECT_EQ(models.find(1)->movies->dimension(), a->itemEmbeddingDim());
  EXPECT_EQ(models.find(2), nullptr);
  const uint64_t before = models.version();
  const auto b = randomMf(4, 2);
  models.keep(1, b);  // replaced
  EXPECT_EQ(models.find(1)->model, b);
  EXPECT_GT(models.version(), before);
  models.forget(1);
  EXPECT_EQ(models.find(1), nullptr);
  for (int64_t id = 1; id <= static_cast<int64_t>(RunModels::kCapacity) + 2; ++id) models.keep(id, a);
  EXPECT_EQ(models.find(1), nullptr);  // the two oldest went
  EXPECT_EQ(models.find(2), nullptr);
  EXPECT_NE(models.find(3), nullptr);
  EXPECT_NE(models.find(static_cast<int64_t>(RunModels::kCapacity) + 2), nullptr);
}

TEST(GuiRunComparison, NeighboursAreEachRunsOwnListsAndSkipRunsWithoutAModel) {
  const auto data = world();
  RunModels models;
  const auto a = randomMf(3, 1), b = randomMf(8, 2);
  models.keep(10, a);
  models.keep(11, b);
  models.keep(12, randomMf(3, 3, std::make_shared<const Dataset>(*data)));  // another data set object
  RunComparison comparison;
  comparison.picked = {11, 99, 10, 12};  // 99: no model in memory
  comparison.count = 5;
  const std::vector<int64_t> ratingCounts = counts(*data);
  const NeighbourComparison& lists = comparison.neighbours(models, data.get(), 7, 0, ratingCounts);
  ASSERT_EQ(comparison.neighbourRuns(), (std::vector<int64_t>{11, 10}));
  ASSERT_EQ(lists.lists.size(), 2u);
  const CosineIndex own(b->itemEmbeddings(), data->ratings.itemCount, b->itemEmbeddingDim());
  const std::vector<Neighbour> expected = own.neighbours(7, {.count = 5});
  ASSERT_EQ(lists.lists[0].size(), expected.size());
  for (size_t k = 0; k < expected.size(); ++k) EXPECT_EQ(lists.lists[0][k].item, expected[k].item);
  ASSERT_EQ(lists.pairs.size(), 1u);

  // The same model twice: identical lists, every film in both.
  models.keep(13, a);
  comparison.picked = {10, 13};
  const NeighbourComparison& same = comparison.neighbours(models, data.get(), 7, 0, ratingCounts);
  ASSERT_EQ(same.pairs.size(), 1u);
  EXPECT_DOUBLE_EQ(same.pairs[0].overlap.jaccard, 1.0);
  EXPECT_EQ(comparison.sharedByAll(), 5);
  // A minimum rating count applies to every list.
  const NeighbourComparison& filtered = comparison.neighbours(models, data.get(), 7, 60, ratingCounts);
  for (const auto& list : filtered.lists) {
    for (const Neighbour& n : list) EXPECT_GE(ratingCounts[static_cast<size_t>(n.item)], 60);
  }
}

TEST(GuiRunComparison, AClusterFavouritesAcrossRunsInTheBackground) {
  const auto data = world();
  RunModels models;
  const auto a = randomMf(3, 1), b = randomMf(6, 2);
  models.keep(1, a);
  models.keep(2, b);
  models.keep(3, a);
  RunComparison comparison;
  comparison.picked = {1, 2, 3};
  comparison.count = 6;
  std::vector<int32_t> assignment(static_cast<size_t>(data->ratings.userCount));
  for (size_t u = 0; u < assignment.size(); ++u) assignment[u] = static_cast<int32_t>(u % 4);
  comparison.compareCluster(models, data.get(), assignment, 4, 2, {.minRatings = 0});
  ASSERT_TRUE(comparison.clusterRunning());
  for (int i = 0; i < 3000 && comparison.clusterRunning(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    comparison.collect();
  }
  ASSERT_FALSE(comparison.clusterRunning());
  const ClusterAcrossRuns* result = comparison.cluster();
  ASSERT_NE(result, nullptr) << comparison.clusterStatus();
  EXPECT_EQ(result->cluster, 2);
  EXPECT_EQ(result->runs, (std::vector<int64_t>{1, 2, 3}));
  ASSERT_EQ(result->films.size(), 3u);
  for (const auto& films : result->films) {
    ASSERT_EQ(films.size(), 6u);
    for (size_t k = 1; k < films.size(); ++k) EXPECT_GE(films[k - 1].score, films[k].score);
  }
  // Runs 1 and 3 hold the same model: the same films, so each of them is in every list only if
  // run 2 lists it too.
  for (size_t k = 0; k < 6; ++k) EXPECT_EQ(result->films[0][k].item, result->films[2][k].item);
  ASSERT_EQ(result->pairs.size(), 3u);
  EXPECT_DOUBLE_EQ(result->pairs[1].overlap.jaccard, 1.0);  // (0, 2)
  for (const MovieScore& m : result->films[0]) {
    const bool inB = std::any_of(result->films[1].begin(), result->films[1].end(), [&](const MovieScore& o) { return o.item == m.item; });
    EXPECT_EQ(result->filmInEveryList(m.item), inB);
  }
  // The cluster's members' mean in run 1's space is the centroid its top films were ranked for:
  // the top film scores highest among all films for that centroid.
  std::vector<float> centroid(static_cast<size_t>(a->userEmbeddingDim()), 0.0f);
  int32_t members = 0;
  const std::vector<float> users = a->userEmbeddings();
  for (size_t u = 0; u < assignment.size(); ++u) {
    if (assignment[u] != 2) continue;
    ++members;
    for (size_t j = 0; j < centroid.size(); ++j) centroid[j] += users[u * centroid.size() + j];
  }
  for (float& v : centroid) v /= static_cast<float>(members);
  float best = -1e9f;
  int32_t bestItem = -1;
  std::vector<float> predictions(static_cast<size_t>(data->ratings.itemCount));
  const std::optional<UserAffineForm> form = userAffineForm(*a);
  ASSERT_TRUE(form.has_value());
  form->predictAll(centroid, predictions);
  for (size_t i = 0; i < predictions.size(); ++i) {
    if (predictions[i] > best) {
      best = predictions[i];
      bestItem = static_cast<int32_t>(i);
    }
  }
  EXPECT_EQ(result->films[0][0].item, bestItem);
}

TEST(GuiRunComparison, NoRunsOrNoClusterIsSaidNotRun) {
  RunModels models;
  RunComparison comparison;
  comparison.picked = {5};
  std::vector<int32_t> assignment(static_cast<size_t>(world()->ratings.userCount), 0);
  comparison.compareCluster(models, world().get(), assignment, 1, 0, {});
  EXPECT_FALSE(comparison.clusterRunning());
  EXPECT_FALSE(comparison.clusterStatus().empty());
  EXPECT_EQ(comparison.neighbours(models, world().get(), 3, 0, counts(*world())).lists.size(), 0u);
}

}  // namespace
}  // namespace ll::gui
