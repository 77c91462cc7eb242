// Rendle et al. 2020's implicit-feedback protocol: negatives are never the user's training items
// and are redrawn each epoch from (seed, epoch, batch); runs resume exactly; early stopping watches
// the validation loss; and training recovers planted preferences — HR@10 far above a popularity
// ranking and random (10/101).
//
// Note on the worlds: the recovery test plants taste in the choices in its plainest form (users
// and movies in clusters, users picking mostly from their own); the built-in synthetic world
// mixes taste with a strong popularity skew, so there a model beats the popularity ranking by
// less, but it must beat it.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/data/ratings_builder.h"
#include "core/eval/popularity_ranking.h"
#include "core/synth/synthetic_world.h"
#include "core/train/checkpoint.h"
#include "core/train/trainer.h"
#include "core/util/random.h"

namespace ll {
namespace {

// users × movies in `clusters` clusters (user u and movie i in cluster u mod c, i mod c); each user
// picks `perUser` distinct movies, from their own cluster with probability inCluster, timestamps
// random (so leave-last-out holds out a random pick).
std::shared_ptr<const Dataset> plantedWorld(int users, int movies, int clusters, int perUser, double inCluster) {
  Random random(7);
  RatingsBuilder builder;
  for (int u = 0; u < users; ++u) {
    std::vector<char> taken(static_cast<size_t>(movies), 0);
    for (int k = 0; k < perUser; ++k) {
      int i = 0;
      do {
        i = random.uniform() < inCluster ? static_cast<int>(random.below(static_cast<uint64_t>(movies / clusters))) * clusters + u % clusters
                                         : static_cast<int>(random.below(static_cast<uint64_t>(movies)));
      } while (taken[i]);
      taken[i] = 1;
      builder.add(std::to_string(u), std::to_string(i), 1.0f + static_cast<float>(random.below(5)),
                  static_cast<int64_t>(random.below(1000000)));
    }
  }
  Dataset d;
  d.format = "triplets";
  d.source = "planted";
  builder.finish(d.ratings, d.userIds, d.itemIds);
  return std::make_shared<const Dataset>(std::move(d));
}

TrainParams implicitParams(int32_t epochs) {
  TrainParams p;
  p.implicit = true;
  p.epochs = epochs;
  p.pdcEachEpoch = false;
  p.threads = 1;
  return p;
}

// Popularity in training, a model-free baseline.
RankingMetrics popularityRanking(const Dataset& d, const Split& split) {
  return ll::popularityRanking(d.ratings, split.train, split.test);
}

TEST(TrainImplicit, NegativesAreUnratedInTrainingAndRedrawnEachEpoch) {
  const auto data = plantedWorld(30, 40, 4, 12, 0.8);
  const Split split = makeSplit(*data, parseSplitSpec("last"));
  const ImplicitFeedback feedback(data->ratings, split, 4, 3);
  const UserItemSets training(data->ratings, split.train);
  const std::span<const uint32_t> batch = std::span<const uint32_t>(split.train).subspan(0, 50);
  Examples a, b, c;
  feedback.expandBatch(batch, 1, 0, a);
  feedback.expandBatch(batch, 1, 0, b);
  feedback.expandBatch(batch, 2, 0, c);
  ASSERT_EQ(a.size(), 50u * 5u);
  EXPECT_EQ(a.items, b.items);  // the same (seed, epoch, batch) draws the same negatives
  EXPECT_NE(a.items, c.items);  // another epoch draws others
  for (size_t s = 0; s < a.size(); ++s) {
    if (s % 5 == 0) {
      EXPECT_EQ(a.targets[s], 1.0f);
    } else {
      EXPECT_EQ(a.targets[s], 0.0f);
      EXPECT_FALSE(training.contains(a.users[s], a.items[s])) << "a negative the user rated in training";
    }
  }
  // Validation negatives avoid the validation positives as well, and stay fixed.
  const UserItemSets validation(data->ratings, split.validation);
  for (size_t s = 0; s < feedback.validation().size(); ++s) {
    if (feedback.validation().targets[s] == 0.0f) {
      EXPECT_FALSE(training.contains(feedback.validation().users[s], feedback.validation().items[s]));
      EXPECT_FALSE(validation.contains(feedback.validation().users[s], feedback.validation().items[s]));
    }
  }
}

TEST(TrainImplicit, EarlyStoppingWatchesTheValidationLossAndEpochsRecordRanking) {
  const auto data = plantedWorld(60, 80, 4, 15, 0.8);
  Trainer trainer(data, makeSplit(*data, parseSplitSpec("last")), ModelConfig{.kind = ModelKind::GMF, .dim = 4}, implicitParams(6));
  while (trainer.runEpoch()) {
  }
  const auto& epochs = trainer.history().epochs;
  ASSERT_FALSE(epochs.empty());
  size_t best = 0;
  for (size_t e = 0; e < epochs.size(); ++e) {
    EXPECT_TRUE(epochs[e].ranking.has_value());
    EXPECT_EQ(epochs[e].test.count, 0);  // no RMSE of logits against stars
    EXPECT_GT(epochs[e].validationLoss, 0.0);
    if (epochs[e].validationLoss < epochs[best].validationLoss) best = e;
  }
  EXPECT_EQ(trainer.history().bestEpoch, static_cast<int32_t>(best) + 1);
  EXPECT_EQ(trainer.params().loss, LossKind::Logistic);
}

TEST(TrainImplicit, AResumedRunContinuesExactly) {
  const auto data = plantedWorld(40, 60, 4, 12, 0.8);
  const SplitSpec spec = parseSplitSpec("last");
  const TrainParams p = implicitParams(4);
  Trainer uninterrupted(data, makeSplit(*data, spec), ModelConfig{.kind = ModelKind::NeuMF, .dim = 6}, p);
  while (uninterrupted.runEpoch()) {
  }
  Trainer first(data, makeSplit(*data, spec), ModelConfig{.kind = ModelKind::NeuMF, .dim = 6}, p);
  first.runEpoch();
  first.runEpoch();
  const auto path = std::filesystem::temp_directory_path() / ("ll-implicit-" + std::to_string(::getpid()) + ".llckpt");
  saveCheckpoint(path, first, spec, {});
  const auto resumed = resumeTrainer(path, data);
  std::filesystem::remove(path);
  EXPECT_TRUE(resumed->params().implicit);
  while (resumed->runEpoch()) {
  }
  ASSERT_EQ(resumed->history().epochs.size(), uninterrupted.history().epochs.size());
  for (size_t e = 0; e < uninterrupted.history().epochs.size(); ++e) {
    const EpochRecord &r = resumed->history().epochs[e], &u = uninterrupted.history().epochs[e];
    EXPECT_EQ(r.validationLoss, u.validationLoss) << e;
    ASSERT_TRUE(r.ranking && u.ranking);
    EXPECT_EQ(r.ranking->hitRate, u.ranking->hitRate) << e;
    EXPECT_EQ(r.ranking->ndcgFull, u.ranking->ndcgFull) << e;
  }
  for (int32_t b = 0; b < resumed->model().parameters().count(); ++b) {
    EXPECT_EQ(resumed->model().parameters()[b].value, uninterrupted.model().parameters()[b].value);
  }
}

TEST(TrainImplicit, RecoversPlantedPreferencesFarAbovePopularityAndRandom) {
  const auto data = plantedWorld(200, 300, 10, 30, 0.8);
  const Split split = makeSplit(*data, parseSplitSpec("last"));
  const RankingMetrics popularity = popularityRanking(*data, split);
  const double random = 10.0 / 101.0;
  for (ModelKind kind : {ModelKind::MF, ModelKind::GMF, ModelKind::NeuMF}) {
    Trainer trainer(data, split, ModelConfig{.kind = kind, .dim = 16}, implicitParams(20));
    while (trainer.runEpoch()) {
    }
    const RankingMetrics m = trainer.testRanking();
    std::printf("planted world: %s(16) HR@10 %.3f NDCG@10 %.3f full R@10 %.3f; popularity HR@10 %.3f; random %.3f\n",
                std::string(modelKindName(kind)).c_str(), m.hitRate, m.ndcg, m.recall, popularity.hitRate, random);
    EXPECT_GT(m.hitRate, popularity.hitRate + 0.3) << modelKindName(kind);
    EXPECT_GT(m.hitRate, 4 * random) << modelKindName(kind);
    EXPECT_GT(m.recall, 0.3) << modelKindName(kind);
  }
}

TEST(TrainImplicit, OnTheBuiltInWorldMfBeatsPopularity) {
  // Users of the built-in world rate more films of the themes they like: binarised, that taste is
  // signal beyond popularity, and a dot product learns it.
  const auto data = std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:users=200,movies=300,ratings=8000")).dataset);
  const Split split = makeSplit(*data, parseSplitSpec("last"));
  const RankingMetrics popularity = popularityRanking(*data, split);
  TrainParams params = implicitParams(20);
  params.learningRate = 0.02f;
  Trainer trainer(data, split, ModelConfig{.kind = ModelKind::MF, .dim = 8}, params);
  while (trainer.runEpoch()) {
  }
  const RankingMetrics m = trainer.testRanking();
  std::printf("built-in world: mf(8) HR@10 %.3f; popularity %.3f\n", m.hitRate, popularity.hitRate);
  EXPECT_GT(m.hitRate, popularity.hitRate + 0.03);
  EXPECT_GT(m.hitRate, 4 * 10.0 / 101.0);
}

TEST(TrainImplicit, ExplicitTrainingOnLeaveLastOutAlsoRanks) {
  const auto data = plantedWorld(30, 40, 4, 12, 0.8);
  TrainParams p = implicitParams(1);
  p.implicit = false;
  Trainer trainer(data, makeSplit(*data, parseSplitSpec("last")), ModelConfig{.kind = ModelKind::MF, .dim = 4}, p);
  trainer.runEpoch();
  EXPECT_TRUE(trainer.ranksItems());
  EXPECT_TRUE(trainer.history().epochs.front().ranking.has_value());
  EXPECT_GT(trainer.history().epochs.front().test.count, 0);
  Trainer random(data, makeSplit(*data, parseSplitSpec("random:0.2")), ModelConfig{.kind = ModelKind::MF, .dim = 4}, p);
  random.runEpoch();
  EXPECT_FALSE(random.history().epochs.front().ranking.has_value());
}

}  // namespace
}  // namespace ll
