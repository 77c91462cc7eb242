// accm and accm-mlp beyond their gradients (model_gradient_test.cpp): the parameter counts of
// accm.cpp's formulas, accm's published embeddings reproducing its dot product, and learning the
// synthetic world.
#include <gtest/gtest.h>

#include <algorithm>

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

constexpr ModelKind kAccmKinds[] = {ModelKind::ACCM, ModelKind::AccmMLP};

// accm:     (U + I)(z + 1) + 1 + Σ over sides with words (V z + z² + 3z)
// accm-mlp: (U + I) z + 2z² + z + zh z + 2zh + 1 + the same Σ, zh = max(1, z/2)
int64_t accmCount(ModelKind kind, int64_t users, int64_t movies, int64_t userWords, int64_t movieWords, int64_t z) {
  const auto side = [z](int64_t words) { return words == 0 ? 0 : words * z + z * z + 3 * z; };
  const int64_t zh = std::max<int64_t>(1, z / 2);
  const int64_t own = kind == ModelKind::ACCM ? (users + movies) * (z + 1) + 1
                                              : (users + movies) * z + 2 * z * z + z + zh * z + 2 * zh + 1;
  return own + side(userWords) + side(movieWords);
}

TEST(ModelAccm, ParameterCountFollowsTheFormula) {
  const auto data = worldWithUserWords();
  const SideInformation side = buildSideInformation(*data);
  ASSERT_GT(side.users.cols(), 0);
  ASSERT_GT(side.movies.cols(), 0);
  const auto bare = std::make_shared<const Dataset>(testing::makeGridDataset(6, 8, 4));
  for (ModelKind kind : kAccmKinds) {
    for (int32_t z : {1, 4, 7}) {
      const auto model = makeModel(ModelConfig{.kind = kind, .dim = z}, data, 3.0f);
      EXPECT_EQ(model->parameterCount(), accmCount(kind, 6, 8, side.users.cols(), side.movies.cols(), z))
          << modelKindName(kind) << " z " << z;
      EXPECT_EQ(model->userEmbeddingDim(), z);
      EXPECT_EQ(model->itemEmbeddingDim(), z);
    }
    // Without user words the user side is its ID embedding alone: no content part, no attention.
    const auto model = makeModel(ModelConfig{.kind = kind, .dim = 4}, bare, 3.0f);
    EXPECT_EQ(model->parameterCount(), accmCount(kind, 6, 8, 0, buildSideInformation(*bare).movies.cols(), 4));
    EXPECT_LT(model->parameters().find("user_attention.context"), 0);
    EXPECT_GE(model->parameters().find("movie_attention.context"), 0);
  }
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

// On a small world, trained as recommended (RMSprop, lr 0.001, the NRP paper's Table 6 for ACCM),
// each learns more than the mean rating tells.
TEST(ModelAccm, EachLearnsTheWorldBeyondTheGlobalMean) {
  const testing::HeldOutWorld world = testing::smallHeldOutWorld();
  const double globalMean = testing::globalMeanTestRmse(*world.data, world.split);
  for (ModelKind kind : kAccmKinds) {
    TrainParams params;
    applyRecommendation(recommendedTraining(kind), TrainFieldSet::all(), params);
    params.epochs = 12;
    const double rmse = testing::trainedTestRmse(world, ModelConfig{.kind = kind, .dim = 8}, params);
    EXPECT_LT(rmse, globalMean - 0.03) << modelKindName(kind) << ": global mean " << globalMean << ", model " << rmse;
  }
}

}  // namespace
}  // namespace ll
