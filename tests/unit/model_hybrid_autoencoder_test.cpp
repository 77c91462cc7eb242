// dha, asdae, nrp-dha and nrp-asdae beyond their gradients (model_gradient_test.cpp): the parameter
// counts of hybrid_autoencoder.h, the alternation's phases, a batch's shared codes read from the
// training ratings only, the published embeddings reproducing dha's predictions, and learning the synthetic world.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/data/side_information.h"
#include "core/data/split.h"
#include "core/model/model.h"
#include "core/synth/synthetic_world.h"
#include "core/train/evaluation.h"
#include "core/train/trainer.h"
#include "tests/support/global_mean_rmse.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

constexpr ModelKind kHybridKinds[] = {ModelKind::DHA, ModelKind::ASDAE, ModelKind::NrpDHA, ModelKind::NrpASDAE};

bool isDhaStructure(ModelKind kind) { return kind == ModelKind::DHA || kind == ModelKind::NrpDHA; }
bool hasFactors(ModelKind kind) { return kind == ModelKind::DHA || kind == ModelKind::ASDAE; }

std::vector<uint32_t> everyRating(const Dataset& d) {
  std::vector<uint32_t> all(d.ratings.size());
  std::iota(all.begin(), all.end(), 0u);
  return all;
}

// hybrid_autoencoder.h's count of one side's autoencoder: P the other side's count, V its words.
int64_t autoencoderCount(bool dha, int64_t p, int64_t v, int64_t z) {
  const int64_t zs = std::max<int64_t>(1, z / 2);
  const int64_t common = 2 * p * z + p + 2 * z * z + 3 * z;
  if (v == 0) return common;
  return dha ? common + v * zs + zs + zs * z + v * z + v : common + 4 * v * z + v;
}

TEST(ModelHybridAutoencoder, ParameterCountsFollowTheHeadersFormula) {
  Dataset d = testing::makeGridDataset(6, 8, 4);
  d.users = {{24, 'M', "technician", "85711"}, {53, 'F', "other", "94043"}, {23, 'M', "writer", "T8H1N"},
             {0, '?', "", ""},                {33, 'F', "writer", "32067"}, {61, 'M', "retired", "02138"}};
  const auto data = std::make_shared<const Dataset>(std::move(d));
  const SideInformation side = buildSideInformation(*data);
  ASSERT_GT(side.users.cols(), 0);
  ASSERT_GT(side.movies.cols(), 0);
  const int64_t users = 6, movies = 8;
  for (int32_t z : {1, 4, 7}) {
    for (ModelKind kind : kHybridKinds) {
      const bool dha = isDhaStructure(kind);
      int64_t expected = autoencoderCount(dha, movies, side.users.cols(), z) + autoencoderCount(dha, users, side.movies.cols(), z) + 1;
      if (hasFactors(kind)) expected += (users + movies) * z;
      const auto model = makeModel(ModelConfig{.kind = kind, .dim = z}, data, 3.0f, everyRating(*data));
      EXPECT_EQ(model->parameterCount(), expected) << modelKindName(kind) << " z " << z;
      EXPECT_EQ(model->userEmbeddingDim(), z);
      EXPECT_EQ(model->itemEmbeddingDim(), z);
    }
  }
  // Without words on either side the word blocks are left out.
  const auto bare = std::make_shared<const Dataset>(testing::makeGridDataset(6, 8, 4));
  const int64_t z = 4;
  const auto nrp = makeModel(ModelConfig{.kind = ModelKind::NrpASDAE, .dim = 4}, bare, 3.0f, everyRating(*bare));
  const int64_t movieWords = buildSideInformation(*bare).movies.cols();
  EXPECT_EQ(nrp->parameterCount(), autoencoderCount(false, movies, 0, z) + autoencoderCount(false, users, movieWords, z) + 1);
}

// dha and asdae alternate: U, V and μ, then every other block; the nrp versions train end to end.
TEST(ModelHybridAutoencoder, OnlyTheFactorModelsAlternate) {
  const auto data = std::make_shared<const Dataset>(testing::makeGridDataset(6, 8, 4));
  for (ModelKind kind : kHybridKinds) {
    const auto model = makeModel(ModelConfig{.kind = kind, .dim = 3}, data, 3.0f, everyRating(*data));
    const auto phases = model->trainingPhases();
    if (!hasFactors(kind)) {
      EXPECT_TRUE(phases.empty()) << modelKindName(kind);
      continue;
    }
    ASSERT_EQ(phases.size(), 2u);
    const Parameters& p = model->parameters();
    std::vector<int32_t> first = phases[0];
    std::sort(first.begin(), first.end());
    EXPECT_EQ(first, (std::vector<int32_t>{p.find("global"), p.find("user_factors"), p.find("movie_factors")}));
    std::vector<int32_t> all = phases[0];
    all.insert(all.end(), phases[1].begin(), phases[1].end());
    std::sort(all.begin(), all.end());
    std::vector<int32_t> expected(static_cast<size_t>(p.count()));
    std::iota(expected.begin(), expected.end(), 0);
    EXPECT_EQ(all, expected) << modelKindName(kind);
  }
}

// A batch encodes each distinct user and movie once and shares the codes among its pairs: the same
// predictions as pair by pair. The encoders read the training ratings only.
TEST(ModelHybridAutoencoder, ABatchPredictsAsPairByPairFromTheTrainingRatingsOnly) {
  const Dataset d = testing::makeGridDataset(6, 8, 4);
  std::vector<uint32_t> training;
  for (uint32_t k = 0; k < d.ratings.size(); ++k) {
    if (d.ratings.user[k] != 0) training.push_back(k);
  }
  Dataset changed = d;  // user 0's (test) ratings changed
  for (uint32_t k = 0; k < changed.ratings.size(); ++k) {
    if (changed.ratings.user[k] == 0) changed.ratings.value[k] = 6.0f - changed.ratings.value[k];
  }
  const auto a = std::make_shared<const Dataset>(d), b = std::make_shared<const Dataset>(changed);
  const std::vector<int32_t> users = {3, 0, 3, 5, 0, 3}, items = {7, 2, 2, 7, 2, 1};
  for (ModelKind kind : {ModelKind::NrpDHA, ModelKind::NrpASDAE}) {
    auto model = makeModel(ModelConfig{.kind = kind, .dim = 4}, a, 3.0f, training);
    auto other = makeModel(ModelConfig{.kind = kind, .dim = 4}, b, 3.0f, training);
    model->initialise();
    other->initialise();
    std::vector<float> batch(users.size()), unchanged(users.size());
    model->predict(users, items, batch);
    other->predict(users, items, unchanged);
    EXPECT_EQ(batch, unchanged) << modelKindName(kind);
    for (size_t s = 0; s < users.size(); ++s) {
      float y = 0.0f;
      model->predict(std::span(users).subspan(s, 1), std::span(items).subspan(s, 1), std::span<float>(&y, 1));
      EXPECT_NEAR(batch[s], y, 1e-5) << modelKindName(kind) << " pair " << s;
    }
  }
}

// The trainer runs dha's epoch as two passes (trainer.h): the first moves only U, V and μ, the
// second only the networks, and the model's own choice of trained blocks is back afterwards.
TEST(ModelHybridAutoencoder, TheTrainerAlternatesFactorsThenNetworks) {
  const auto data = std::make_shared<const Dataset>(testing::makeGridDataset(12, 10, 6));
  const Split split = makeSplit(*data, parseSplitSpec("random:0.2"));
  TrainParams params;
  params.epochs = 1;
  params.batchSize = 8;
  params.threads = 1;
  params.pdcEachEpoch = false;
  Trainer trainer(data, split, ModelConfig{.kind = ModelKind::DHA, .dim = 3}, params);
  const int64_t perPass = (static_cast<int64_t>(split.train.size()) + 7) / 8;
  ASSERT_EQ(trainer.batchesPerEpoch(), 2 * perPass);
  const Parameters& p = trainer.model().parameters();
  const std::vector<int32_t> factorBlocks = {p.find("global"), p.find("user_factors"), p.find("movie_factors")};
  const auto isFactor = [&](int32_t b) { return std::find(factorBlocks.begin(), factorBlocks.end(), b) != factorBlocks.end(); };
  std::vector<AlignedFloats> initial;
  for (int32_t b = 0; b < p.count(); ++b) initial.push_back(p[b].value);
  bool checkedFirstPass = false;
  trainer.runEpoch([&](int64_t done, int64_t total) {
    EXPECT_EQ(total, 2 * perPass);
    if (done == perPass) {
      checkedFirstPass = true;
      for (int32_t b = 0; b < p.count(); ++b) {
        EXPECT_EQ(p[b].value != initial[static_cast<size_t>(b)], isFactor(b)) << p[b].name << " after the first pass";
        EXPECT_EQ(p[b].trained, isFactor(b)) << p[b].name;
      }
      for (int32_t b = 0; b < p.count(); ++b) initial[static_cast<size_t>(b)] = p[b].value;
    }
    return true;
  });
  EXPECT_TRUE(checkedFirstPass);
  const Parameters& after = trainer.model().parameters();
  for (int32_t b = 0; b < after.count(); ++b) {
    EXPECT_TRUE(after[b].trained) << after[b].name;
    if (isFactor(b)) {
      EXPECT_EQ(after[b].value, initial[static_cast<size_t>(b)]) << after[b].name << " in the second pass";
    }
  }
}

// dha and asdae predict μ + U_u · V_i and publish U and V.
TEST(ModelHybridAutoencoder, FactorEmbeddingsReproduceThePredictions) {
  const auto data = std::make_shared<const Dataset>(testing::makeGridDataset(6, 8, 4));
  for (ModelKind kind : {ModelKind::DHA, ModelKind::ASDAE}) {
    auto model = makeModel(ModelConfig{.kind = kind, .dim = 5}, data, 3.0f, everyRating(*data));
    model->initialise();
    const std::vector<float> u = model->userEmbeddings(), v = model->itemEmbeddings();
    const float mu = model->parameters()[model->parameters().find("global")].value[0];
    EXPECT_EQ(mu, 3.0f);
    for (int32_t user = 0; user < 6; ++user) {
      for (int32_t item = 0; item < 8; ++item) {
        double expected = mu;
        for (size_t f = 0; f < 5; ++f) expected += static_cast<double>(u[static_cast<size_t>(user) * 5 + f]) * v[static_cast<size_t>(item) * 5 + f];
        float y = 0.0f;
        model->predict(std::span<const int32_t>(&user, 1), std::span<const int32_t>(&item, 1), std::span<float>(&y, 1));
        EXPECT_NEAR(y, expected, 1e-5) << modelKindName(kind);
      }
    }
  }
}

// The NRP versions' first predictions, μ + g_u·g_i, stay within about a rating point of μ at the
// paper's z = 100 (hybrid_autoencoder_models.cpp: at the layer's usual scale they spread by ≈ 5
// points, and Adam crushed the codes towards the origin, where the product's gradients vanish).
TEST(ModelHybridAutoencoder, TheNrpVersionsStartNearTheMean) {
  const testing::HeldOutWorld world = testing::smallHeldOutWorld();
  const std::vector<uint32_t> training(world.split.train.begin(), world.split.train.end());
  for (ModelKind kind : {ModelKind::NrpDHA, ModelKind::NrpASDAE}) {
    auto model = makeModel(ModelConfig{.kind = kind, .dim = 100}, world.data, 3.5f, training);
    model->initialise();
    std::vector<int32_t> users, items;
    for (uint32_t k : world.split.test) {
      users.push_back(world.data->ratings.user[k]);
      items.push_back(world.data->ratings.item[k]);
    }
    std::vector<float> predictions(users.size());
    model->predict(users, items, predictions);
    double squared = 0.0;
    for (float y : predictions) squared += (y - 3.5) * (y - 3.5);
    const double spread = std::sqrt(squared / static_cast<double>(predictions.size()));
    EXPECT_GT(spread, 0.05) << modelKindName(kind);
    EXPECT_LT(spread, 2.0) << modelKindName(kind);
  }
}

// On a small world, each of the four learns more than the mean rating tells: a short run (small z,
// few epochs, Adam at the grid's fast end, lr 0.01, λ 0.0001) of their objective and alternation.
TEST(ModelHybridAutoencoder, EachLearnsTheWorldBeyondTheGlobalMean) {
  const testing::HeldOutWorld world = testing::smallHeldOutWorld();
  const double globalMean = testing::globalMeanTestRmse(*world.data, world.split);
  for (ModelKind kind : kHybridKinds) {
    TrainParams params;
    params.optimizer.kind = OptimizerKind::Adam;
    params.learningRate = 0.01f;
    params.optimizer.l2 = 0.0001f;
    params.epochs = 12;
    const double rmse = testing::trainedTestRmse(world, ModelConfig{.kind = kind, .dim = 8}, params);
    EXPECT_LT(rmse, globalMean - 0.03) << modelKindName(kind) << ": global mean " << globalMean << ", model " << rmse;
  }
}

}  // namespace
}  // namespace ll
