// dha, asdae, nrp-dha and nrp-asdae beyond their gradients (model_gradient_test.cpp): the parameter
// counts of hybrid_autoencoder.h, the alternation's phases, a pair's prediction blind to its own
// rating, the published embeddings reproducing dha's predictions, and learning the synthetic world.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/data/side_information.h"
#include "core/data/split.h"
#include "core/model/model.h"
#include "core/synth/synthetic_world.h"
#include "core/train/evaluation.h"
#include "core/train/recommended_training.h"
#include "core/train/trainer.h"
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

// nrp-dha and nrp-asdae leave a pair's own rating out of both rows its prediction reads: changing a
// training rating's value leaves that pair's prediction alone and moves the user's other pairs.
TEST(ModelHybridAutoencoder, APairsPredictionIsBlindToItsOwnRating) {
  const Dataset d = testing::makeGridDataset(6, 8, 4);
  Dataset changed = d;
  const uint32_t k = 5;
  changed.ratings.value[k] = 6.0f - changed.ratings.value[k] + (changed.ratings.value[k] == 3.0f ? 1.0f : 0.0f);
  const auto a = std::make_shared<const Dataset>(d), b = std::make_shared<const Dataset>(changed);
  const int32_t user = d.ratings.user[k], item = d.ratings.item[k];
  int32_t otherItem = -1;
  for (uint32_t j = 0; j < d.ratings.size(); ++j) {
    if (d.ratings.user[j] == user && d.ratings.item[j] != item) otherItem = d.ratings.item[j];
  }
  ASSERT_GE(otherItem, 0);
  for (ModelKind kind : {ModelKind::NrpDHA, ModelKind::NrpASDAE}) {
    auto ma = makeModel(ModelConfig{.kind = kind, .dim = 4}, a, 3.0f, everyRating(d));
    auto mb = makeModel(ModelConfig{.kind = kind, .dim = 4}, b, 3.0f, everyRating(changed));
    ma->initialise();
    mb->initialise();
    const auto predict = [](const Model& m, int32_t u, int32_t i) {
      float y = 0.0f;
      m.predict(std::span<const int32_t>(&u, 1), std::span<const int32_t>(&i, 1), std::span<float>(&y, 1));
      return y;
    };
    // Equal but for the rounding of adding the entry and taking it out again.
    EXPECT_NEAR(predict(*ma, user, item), predict(*mb, user, item), 1e-5) << modelKindName(kind);
    EXPECT_GT(std::fabs(predict(*ma, user, otherItem) - predict(*mb, user, otherItem)), 1e-4) << modelKindName(kind);
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

// On a small world, each of the four with its recommended training learns more than the mean
// rating tells (a short run: small z, few epochs).
TEST(ModelHybridAutoencoder, EachLearnsTheWorldBeyondTheGlobalMean) {
  const auto data = std::make_shared<const Dataset>(generateSyntheticWorld(parseSyntheticSpec("synthetic:ratings=15000")).dataset);
  const Split split = makeSplit(*data, parseSplitSpec("random:0.2"));
  const Ratings& r = data->ratings;
  double mean = 0.0;
  for (uint32_t k : split.train) mean += r.value[k];
  mean /= static_cast<double>(split.train.size());
  double squared = 0.0;
  for (uint32_t k : split.test) squared += std::pow(r.value[k] - mean, 2);
  const double globalMean = std::sqrt(squared / static_cast<double>(split.test.size()));
  for (ModelKind kind : kHybridKinds) {
    TrainParams params;
    applyRecommendation(recommendedTraining(kind), TrainFieldSet::all(), params);
    params.epochs = std::min(params.epochs, 8);
    params.pdcEachEpoch = false;
    Trainer trainer(data, split, ModelConfig{.kind = kind, .dim = 16}, params);
    while (trainer.runEpoch()) {
    }
    const double rmse = evaluateRatings(trainer.model(), split.test).rmse;
    EXPECT_LT(rmse, globalMean - 0.03) << modelKindName(kind) << ": global mean " << globalMean << ", model " << rmse;
  }
}

}  // namespace
}  // namespace ll
