// bfm, the Bayesian factorization machine: its feature groups, what it learns from (never a test
// rating), what it recovers of the world, and what its checkpoints keep. (The sampler's exactness
// and determinism are in train_gibbs_fm_test.cpp.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unistd.h>

#include "core/data/setting_error.h"
#include "core/data/split.h"
#include "core/model/bayesian_fm.h"
#include "core/model/user_side_features.h"
#include "core/synth/synthetic_world.h"
#include "core/train/checkpoint.h"
#include "core/train/evaluation.h"
#include "core/train/recommended_training.h"
#include "core/train/trainer.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

std::shared_ptr<const Dataset> smallWorld() {
  static const auto world =
      std::make_shared<const Dataset>(generateSyntheticWorld(parseSyntheticSpec("synthetic:users=120,movies=200,ratings=4000")).dataset);
  return world;
}

TrainParams bfmParams(int32_t samples, int32_t burnIn) {
  TrainParams p;
  p.epochs = samples;
  p.burnIn = burnIn;
  p.threads = 2;
  p.pdcEachEpoch = false;
  return p;
}

// Each group adds its columns, each column 1 + k parameters (w_j and v_j): users and movies for the
// ids and the implicit groups, one per calendar day of the training ratings, one per movie feature
// and per user-info column.
TEST(ModelBfm, EachFeatureGroupAddsItsColumnsToTheParameterCount) {
  const auto data = smallWorld();
  const Ratings& r = data->ratings;
  const Split split = makeSplit(*data, parseSplitSpec("random:0.2"));
  std::vector<uint32_t> train = split.train;
  train.insert(train.end(), split.validation.begin(), split.validation.end());
  std::sort(train.begin(), train.end());
  ASSERT_TRUE(r.hasTimestamps());
  int64_t firstDay = INT64_MAX, lastDay = INT64_MIN;
  for (uint32_t k : train) {
    firstDay = std::min(firstDay, r.timestamp[k] / 86400);
    lastDay = std::max(lastDay, r.timestamp[k] / 86400);
  }
  const int32_t userInfo = buildUserSideFeatures(*data).count;
  ASSERT_GT(userInfo, 0);
  ASSERT_GT(data->features.count, 0);
  const std::array<int64_t, kBfmGroupCount> columns = {r.userCount, r.itemCount, r.itemCount, r.userCount,
                                                       lastDay - firstDay + 1, data->features.count, userInfo};
  constexpr int32_t k = 5;
  const auto count = [&](uint32_t groups) {
    return makeModel(ModelConfig{.kind = ModelKind::BFM, .dim = k, .bfmGroups = groups}, data, 3.5f, train)->parameterCount();
  };
  int64_t all = 1;
  for (int32_t g = 0; g < kBfmGroupCount; ++g) {
    const uint32_t bit = 1u << g;
    EXPECT_EQ(count(bit), 1 + columns[static_cast<size_t>(g)] * (k + 1)) << bfmGroupName(static_cast<BfmGroup>(g));
    EXPECT_EQ(count(kAllBfmGroups & ~bit), count(kAllBfmGroups) - columns[static_cast<size_t>(g)] * (k + 1))
        << "all but " << bfmGroupName(static_cast<BfmGroup>(g));
    all += columns[static_cast<size_t>(g)] * (k + 1);
  }
  EXPECT_EQ(count(kAllBfmGroups), all);
  EXPECT_EQ(parseBfmGroups("user,movie,day"), bfmGroupBit(BfmGroup::User) | bfmGroupBit(BfmGroup::Movie) | bfmGroupBit(BfmGroup::Day));
  EXPECT_EQ(parseBfmGroups(bfmGroupsText(kAllBfmGroups)), kAllBfmGroups);
  EXPECT_THROW(parseBfmGroups("user,ratings"), InputError);
}

// A data set without timestamps, features or user information leaves those groups out, and says so.
TEST(ModelBfm, GroupsTheDataLacksAreLeftOutWithANote) {
  Dataset d = testing::makeGridDataset(5, 6, 3);
  d.ratings.timestamp.clear();
  d.features = ItemFeatures{};
  const auto data = std::make_shared<const Dataset>(std::move(d));
  std::vector<uint32_t> train(data->ratings.size());
  for (uint32_t k = 0; k < train.size(); ++k) train[k] = k;
  const BayesianFm model(ModelConfig{.kind = ModelKind::BFM, .dim = 2, .bfmGroups = kAllBfmGroups}, data, 3.0f, train);
  EXPECT_EQ(model.design().groups, kAllBfmGroups & ~bfmGroupBit(BfmGroup::Day) & ~bfmGroupBit(BfmGroup::Features) &
                                       ~bfmGroupBit(BfmGroup::UserInfo));
  EXPECT_EQ(model.design().notes.size(), 3u);
}

// The sampler learns from the training and validation shares and from nothing else: changing every
// test rating's value changes no parameter of the run, and a user whose ratings are all outside the
// training ratings has no implicit feedback.
TEST(ModelBfm, NeverReadsATestRatingForLearning) {
  const auto data = smallWorld();
  const Split split = makeSplit(*data, parseSplitSpec("random:0.2"));
  Dataset altered = *data;
  for (uint32_t k : split.test) altered.ratings.value[k] = altered.ratings.value[k] > 3.0f ? 1.0f : 5.0f;
  const auto alteredData = std::make_shared<const Dataset>(std::move(altered));
  const ModelConfig config{.kind = ModelKind::BFM, .dim = 4};
  Trainer original(data, split, config, bfmParams(4, 1));
  Trainer changed(alteredData, split, config, bfmParams(4, 1));
  EXPECT_EQ(original.split().train.size(), split.train.size() + split.validation.size());
  EXPECT_TRUE(original.split().validation.empty());
  while (original.runEpoch()) {
  }
  while (changed.runEpoch()) {
  }
  const Parameters& a = original.model().parameters();
  const Parameters& b = changed.model().parameters();
  for (int32_t k = 0; k < a.count(); ++k) EXPECT_EQ(a[k].value, b[k].value) << a[k].name;
  EXPECT_NE(original.history().last()->test.rmse, changed.history().last()->test.rmse);  // the test figures did read them

  std::vector<uint32_t> withoutUser0;
  for (uint32_t k = 0; k < data->ratings.size(); ++k) {
    if (data->ratings.user[k] != 0) withoutUser0.push_back(k);
  }
  const BayesianFm model(ModelConfig{.kind = ModelKind::BFM, .dim = 2, .bfmGroups = bfmGroupBit(BfmGroup::ImplicitUser)}, data, 3.0f,
                         withoutUser0);
  const BfmTable& users = model.design().table(BfmSide::User);
  EXPECT_EQ(users.entityOffsets[1] - users.entityOffsets[0], 0);
  EXPECT_GT(users.entityOffsets[2] - users.entityOffsets[1], 0);
}

// On the world, bfm with all groups learns the planted tastes: held-out error well below the
// user-bias baseline and below mf's with its recommended training; its user embeddings (posterior
// means) have positive posterior sds, smaller for users with more ratings.
TEST(ModelBfm, RecoversTheWorldsTastes) {
  const auto data = std::make_shared<const Dataset>(generateSyntheticWorld(parseSyntheticSpec("synthetic:ratings=15000")).dataset);
  const Split split = makeSplit(*data, parseSplitSpec("random:0.2"));
  const auto train = [&](ModelKind kind, const TrainParams& params) {
    auto trainer = std::make_unique<Trainer>(data, split, ModelConfig{.kind = kind, .dim = 8}, params);
    while (trainer->runEpoch()) {
    }
    return trainer;
  };
  TrainParams baseline;
  baseline.pdcEachEpoch = false;
  applyRecommendation(recommendedTraining(ModelKind::MF), TrainFieldSet::all(), baseline);
  const double mf = evaluateRatings(train(ModelKind::MF, baseline)->model(), split.test).rmse;
  applyRecommendation(recommendedTraining(ModelKind::UserBias), TrainFieldSet::all(), baseline);
  const double userBias = evaluateRatings(train(ModelKind::UserBias, baseline)->model(), split.test).rmse;
  const auto bfm = train(ModelKind::BFM, bfmParams(40, 10));
  const double rmse = evaluateRatings(bfm->model(), split.test).rmse;
  EXPECT_LT(rmse, userBias - 0.05) << "user-bias " << userBias << ", bfm " << rmse;
  EXPECT_LT(rmse, mf) << "mf " << mf << ", bfm " << rmse;
  // The running mean the epochs report and the kept draws' mean agree closely.
  EXPECT_NEAR(bfm->history().last()->test.rmse, rmse, 0.01);

  const std::vector<float> sd = bfm->model().userEmbeddingSds();
  ASSERT_EQ(sd.size(), static_cast<size_t>(data->ratings.userCount) * 8);
  const auto meanSd = [&](int32_t u) {
    double s = 0.0;
    for (int32_t f = 0; f < 8; ++f) s += sd[static_cast<size_t>(u) * 8 + f];
    return s / 8.0;
  };
  std::vector<std::pair<int64_t, double>> byCount;
  for (int32_t u = 0; u < data->ratings.userCount; ++u) {
    EXPECT_GT(meanSd(u), 0.0);
    byCount.emplace_back(data->ratings.userRatingCount(u), meanSd(u));
  }
  std::sort(byCount.begin(), byCount.end());
  const size_t fifth = byCount.size() / 5;
  double few = 0.0, many = 0.0;
  for (size_t q = 0; q < fifth; ++q) {
    few += byCount[q].second;
    many += byCount[byCount.size() - 1 - q].second;
  }
  EXPECT_LT(many, few) << "users with the most ratings should have the surest vectors";
}

// A checkpoint keeps the kept draws (so predictions) and the embeddings' sds; the chain itself is
// not kept, so a restored bfm run refuses to sample on rather than start a new chain silently.
TEST(ModelBfm, CheckpointKeepsDrawsAndSdsButNotTheChain) {
  const auto data = smallWorld();
  const SplitSpec spec = parseSplitSpec("random:0.2");
  Trainer trainer(data, makeSplit(*data, spec), ModelConfig{.kind = ModelKind::BFM, .dim = 4}, bfmParams(8, 3));
  while (trainer.runEpoch()) {
  }
  const auto path = std::filesystem::temp_directory_path() / ("bfm_checkpoint_" + std::to_string(::getpid()) + ".llckpt");
  saveCheckpoint(path, trainer, spec, {});
  const auto model = loadModel(path, data);
  const auto& original = static_cast<const BayesianFm&>(trainer.model());
  const auto& loaded = dynamic_cast<const BayesianFm&>(*model);
  EXPECT_EQ(loaded.drawCount(), 5);
  EXPECT_EQ(loaded.userEmbeddingSds(), original.userEmbeddingSds());
  EXPECT_EQ(loaded.itemEmbeddingSds(), original.itemEmbeddingSds());
  const std::vector<float> movieSd = loaded.itemEmbeddingSds();
  EXPECT_GT(*std::max_element(movieSd.begin(), movieSd.end()), 0.0f);
  const std::vector<uint32_t>& test = trainer.split().test;
  std::vector<float> mean(test.size()), sd(test.size());
  loaded.predictDistribution(test, mean, sd);
  EXPECT_EQ(mean, predictRatings(original, test));
  EXPECT_GT(*std::max_element(sd.begin(), sd.end()), 0.0f);
  // Pairs without a date: the same mean as predict(), with its sd.
  std::vector<int32_t> users, items;
  for (uint32_t k : test) {
    users.push_back(data->ratings.user[k]);
    items.push_back(data->ratings.item[k]);
  }
  std::vector<float> pairMean(test.size()), pairSd(test.size()), direct(test.size());
  loaded.predictPairDistribution(users, items, pairMean, pairSd);
  loaded.predict(users, items, direct);
  EXPECT_EQ(pairMean, direct);
  EXPECT_GT(*std::max_element(pairSd.begin(), pairSd.end()), 0.0f);
  EXPECT_EQ(readCheckpointInfo(path).train.burnIn, 3);

  const auto resumed = resumeTrainer(path, data);
  resumed->extendTo(10);
  EXPECT_FALSE(resumed->runEpoch());
  EXPECT_EQ(resumed->epochsDone(), 8);
  EXPECT_NE(resumed->stopMessage().find("cannot go on"), std::string::npos);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace ll
