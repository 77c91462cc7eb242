// svdpp: its implicit feedback comes from the training ratings only, and it trains to a better
// score than mf where what a user chose to rate says something about their taste. (Its gradients
// are checked with every other model's in model_gradient_test.cpp, its affine form with the
// others' in analysis_cluster_profile_test.cpp.)
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "core/data/split.h"
#include "core/model/model.h"
#include "core/synth/synthetic_world.h"
#include "core/train/evaluation.h"
#include "core/train/recommended_training.h"
#include "core/train/trainer.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

ModelConfig svdppConfig() { return ModelConfig{.kind = ModelKind::SVDpp, .dim = 4, .initSd = 0.3f}; }

std::vector<uint32_t> ratingsNotOf(const Dataset& d, int32_t user) {
  std::vector<uint32_t> kept;
  for (uint32_t k = 0; k < d.ratings.size(); ++k) {
    if (d.ratings.user[k] != user) kept.push_back(k);
  }
  return kept;
}

TEST(ModelSvdpp, ItsImplicitFeedbackComesFromTheTrainingRatingsOnly) {
  const auto data = std::make_shared<const Dataset>(testing::makeGridDataset(6, 8, 4));
  EXPECT_THROW(makeModel(svdppConfig(), data, 3.0f), std::invalid_argument);

  // User 0's ratings are held out: their effective vector is p_0 alone, whatever they rated.
  auto model = makeModel(svdppConfig(), data, 3.0f, ratingsNotOf(*data, 0));
  model->initialise();
  const Parameters& p = model->parameters();
  const ParameterBlock& factors = p[p.find("user_factors")];
  std::vector<float> e(static_cast<size_t>(model->userEmbeddingDim()));
  model->userEmbedding(0, e);
  for (int32_t f = 0; f < 4; ++f) EXPECT_EQ(e[static_cast<size_t>(f)], factors.row(0)[f]);
  // User 1 rated movies in training: the implicit part moves their vector off p_1.
  model->userEmbedding(1, e);
  double moved = 0.0;
  for (int32_t f = 0; f < 4; ++f) moved += std::fabs(e[static_cast<size_t>(f)] - factors.row(1)[f]);
  EXPECT_GT(moved, 1e-3);
}

// On the world (a smaller one, for time), svdpp with its recommended settings learns the planted
// tastes: held-out error far below the user-bias baseline and as low as mf's.
TEST(ModelSvdpp, RecoversTheWorldsTastesAsWellAsMf) {
  const auto data = std::make_shared<const Dataset>(generateSyntheticWorld(parseSyntheticSpec("synthetic:ratings=15000")).dataset);
  const Split split = makeSplit(*data, parseSplitSpec("random:0.2"));
  const auto testRmse = [&](ModelKind kind) {
    TrainParams params;
    applyRecommendation(recommendedTraining(kind), TrainFieldSet::all(), params);
    params.pdcEachEpoch = false;
    Trainer trainer(data, split, ModelConfig{.kind = kind, .dim = 16}, params);
    while (trainer.runEpoch()) {
    }
    return evaluateRatings(trainer.model(), split.test).rmse;
  };
  const double userBias = testRmse(ModelKind::UserBias);
  const double mf = testRmse(ModelKind::MF);
  const double svdpp = testRmse(ModelKind::SVDpp);
  EXPECT_LT(svdpp, userBias - 0.05) << "user-bias " << userBias << ", svdpp " << svdpp;
  EXPECT_LT(svdpp, mf + 0.005) << "mf " << mf << ", svdpp " << svdpp;
}

// Per-sample SGD would walk μ by lr × error on every rating: svdpp and gmf hold it at the training
// mean, as mf's fast path does.
TEST(ModelSvdpp, TheGlobalOffsetStaysAtTheTrainingMean) {
  const auto data = std::make_shared<const Dataset>(testing::makeGridDataset(6, 8, 4));
  const Split split = makeSplit(*data, parseSplitSpec("random:0.25"), SplitParams{.validationFraction = 0.0});
  for (ModelKind kind : {ModelKind::SVDpp, ModelKind::GMF}) {
    TrainParams params;
    applyRecommendation(recommendedTraining(kind), TrainFieldSet::all(), params);
    params.epochs = 3;
    params.pdcEachEpoch = false;
    Trainer trainer(data, split, ModelConfig{.kind = kind, .dim = 4}, params);
    const Parameters& p = trainer.model().parameters();
    const float mean = p[p.find("global_bias")].value[0];
    while (trainer.runEpoch()) {
    }
    EXPECT_EQ(p[p.find("global_bias")].value[0], mean) << modelKindName(kind);
    EXPECT_NE(p[p.find("item_bias")].value, AlignedFloats(p[p.find("item_bias")].value.size(), 0.0f));
  }
}

}  // namespace
}  // namespace ll
