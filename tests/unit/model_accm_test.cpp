// accm beyond its gradients (model_gradient_test.cpp): the parameter count of accm.cpp's formula,
// the published embeddings reproducing its dot product, and learning the synthetic world.
#include <gtest/gtest.h>

#include "core/data/side_information.h"
#include "core/data/split.h"
#include "core/model/model.h"
#include "core/synth/synthetic_world.h"
#include "core/train/evaluation.h"
#include "core/train/recommended_training.h"
#include "core/train/trainer.h"
#include "tests/support/global_mean_rmse.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

std::shared_ptr<const Dataset> worldWithUserWords() {
  Dataset d = testing::makeGridDataset(6, 8, 4);
  d.users = {{24, 'M', "technician", "85711"}, {53, 'F', "other", "94043"}, {23, 'M', "writer", "T8H1N"},
             {0, '?', "", ""},                {33, 'F', "writer", "32067"}, {61, 'M', "retired", "02138"}};
  return std::make_shared<const Dataset>(std::move(d));
}

// (U + I)(z + 1) + 1 + Σ over sides with words (V z + z² + 3z)
int64_t accmCount(int64_t users, int64_t movies, int64_t userWords, int64_t movieWords, int64_t z) {
  const auto side = [z](int64_t words) { return words == 0 ? 0 : words * z + z * z + 3 * z; };
  return (users + movies) * (z + 1) + 1 + side(userWords) + side(movieWords);
}

TEST(ModelAccm, ParameterCountFollowsTheFormula) {
  const auto data = worldWithUserWords();
  const SideInformation side = buildSideInformation(*data);
  ASSERT_GT(side.users.cols(), 0);
  ASSERT_GT(side.movies.cols(), 0);
  for (int32_t z : {1, 4, 7}) {
    const auto model = makeModel(ModelConfig{.kind = ModelKind::ACCM, .dim = z}, data, 3.0f);
    EXPECT_EQ(model->parameterCount(), accmCount(6, 8, side.users.cols(), side.movies.cols(), z)) << "z " << z;
    EXPECT_EQ(model->userEmbeddingDim(), z);
    EXPECT_EQ(model->itemEmbeddingDim(), z);
  }
  // Without user words the user side is its ID embedding alone: no content part, no attention.
  const auto bare = std::make_shared<const Dataset>(testing::makeGridDataset(6, 8, 4));
  const auto model = makeModel(ModelConfig{.kind = ModelKind::ACCM, .dim = 4}, bare, 3.0f);
  EXPECT_EQ(model->parameterCount(), accmCount(6, 8, 0, buildSideInformation(*bare).movies.cols(), 4));
  EXPECT_LT(model->parameters().find("user_attention.context"), 0);
  EXPECT_GE(model->parameters().find("movie_attention.context"), 0);
}

// ŷ = μ + b_u + b_i + p_u · q_i with the published embeddings p_u, q_i (the attention-weighted sums).
TEST(ModelAccm, EmbeddingsReproduceThePredictions) {
  const auto data = worldWithUserWords();
  auto model = makeModel(ModelConfig{.kind = ModelKind::ACCM, .dim = 5}, data, 3.0f);
  model->initialise();
  Parameters& p = model->parameters();
  for (float& b : p[p.find("user_bias")].value) b = 0.25f;
  const float mu = p[p.find("global")].value[0];
  EXPECT_EQ(mu, 3.0f);
  const std::vector<float> u = model->userEmbeddings(), v = model->itemEmbeddings();
  for (int32_t user = 0; user < 6; ++user) {
    for (int32_t item = 0; item < 8; ++item) {
      double expected = mu + 0.25;
      for (size_t f = 0; f < 5; ++f) expected += static_cast<double>(u[static_cast<size_t>(user) * 5 + f]) * v[static_cast<size_t>(item) * 5 + f];
      float y = 0.0f;
      model->predict(std::span<const int32_t>(&user, 1), std::span<const int32_t>(&item, 1), std::span<float>(&y, 1));
      EXPECT_NEAR(y, expected, 1e-5);
    }
  }
}

// On a small world, trained as recommended (the NRP paper's Table 6 for ACCM: RMSprop, lr 0.001,
// λ 0), it learns more than the mean rating tells.
TEST(ModelAccm, LearnsTheWorldBeyondTheGlobalMean) {
  const auto data = std::make_shared<const Dataset>(generateSyntheticWorld(parseSyntheticSpec("synthetic:ratings=15000")).dataset);
  const Split split = makeSplit(*data, parseSplitSpec("random:0.2"));
  const double globalMean = testing::globalMeanTestRmse(*data, split);
  TrainParams params;
  applyRecommendation(recommendedTraining(ModelKind::ACCM), TrainFieldSet::all(), params);
  params.epochs = 12;
  params.pdcEachEpoch = false;
  Trainer trainer(data, split, ModelConfig{.kind = ModelKind::ACCM, .dim = 8}, params);
  while (trainer.runEpoch()) {
  }
  const double rmse = evaluateRatings(trainer.model(), split.test).rmse;
  EXPECT_LT(rmse, globalMean - 0.03) << "global mean " << globalMean << ", accm " << rmse;
}

}  // namespace
}  // namespace ll
