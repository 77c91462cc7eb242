// autorec-i and autorec-u beyond their gradients (model_gradient_test.cpp): inputs from the
// training ratings only, the published embeddings reproducing the predictions, a batch's shared
// encoding, the parameter count of the NRP paper's ml100k network, and learning the synthetic world.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <stdexcept>

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

constexpr ModelKind kAutoRecKinds[] = {ModelKind::AutoRecI, ModelKind::AutoRecU};

std::vector<uint32_t> ratingsNotOfUser(const Dataset& d, int32_t user) {
  std::vector<uint32_t> kept;
  for (uint32_t k = 0; k < d.ratings.size(); ++k) {
    if (d.ratings.user[k] != user) kept.push_back(k);
  }
  return kept;
}

std::vector<float> predictions(const Model& model, std::span<const int32_t> users, std::span<const int32_t> items) {
  std::vector<float> out(users.size());
  model.predict(users, items, out);
  return out;
}

TEST(ModelAutoRec, ReadsTheTrainingRatingsOnly) {
  const Dataset d = testing::makeGridDataset(6, 8, 4);
  const auto data = std::make_shared<const Dataset>(d);
  // User 0's ratings are the test ratings; a data set differing only in their values must give the
  // same predictions, for user 0 too (autorec-i reads the columns of the movies user 0 rated).
  const std::vector<uint32_t> training = ratingsNotOfUser(d, 0);
  Dataset changed = d;
  for (uint32_t k = 0; k < changed.ratings.size(); ++k) {
    if (changed.ratings.user[k] == 0) changed.ratings.value[k] = 6.0f - changed.ratings.value[k];
  }
  const auto changedData = std::make_shared<const Dataset>(changed);
  const std::vector<int32_t> users = {0, 0, 1, 5}, items = {0, 1, 2, 3};
  for (ModelKind kind : kAutoRecKinds) {
    const ModelConfig config{.kind = kind, .dim = 4};
    EXPECT_THROW(makeModel(config, data, 3.0f), std::invalid_argument);
    auto a = makeModel(config, data, 3.0f, training);
    auto b = makeModel(config, changedData, 3.0f, training);
    a->initialise();
    b->initialise();
    EXPECT_EQ(predictions(*a, users, items), predictions(*b, users, items)) << modelKindName(kind);
    // Whereas reading every rating would have seen the change (autorec-u: in user 0's row;
    // autorec-i: in the columns of movies 0 and 1).
    std::vector<uint32_t> all(changed.ratings.size());
    std::iota(all.begin(), all.end(), 0u);
    auto leaky = makeModel(config, changedData, 3.0f, all);
    leaky->initialise();
    EXPECT_NE(predictions(*a, users, items), predictions(*leaky, users, items)) << modelKindName(kind);
  }
}

// The encoded side publishes its code h (dim z), the decoded side [W_v; b_v] (dim z + 1), and
// ŷ = [W_v; b_v] · [h; 1] for every pair.
TEST(ModelAutoRec, EmbeddingsReproduceThePredictions) {
  const auto data = std::make_shared<const Dataset>(testing::makeGridDataset(6, 8, 4));
  const std::vector<uint32_t> training = ratingsNotOfUser(*data, 0);
  const int32_t z = 5;
  for (ModelKind kind : kAutoRecKinds) {
    auto model = makeModel(ModelConfig{.kind = kind, .dim = z}, data, 3.0f, training);
    model->initialise();
    const bool itemBased = kind == ModelKind::AutoRecI;
    ASSERT_EQ(model->userEmbeddingDim(), itemBased ? z + 1 : z);
    ASSERT_EQ(model->itemEmbeddingDim(), itemBased ? z : z + 1);
    const std::vector<float> userEmbeddings = model->userEmbeddings(), itemEmbeddings = model->itemEmbeddings();
    for (int32_t u = 0; u < model->userCount(); ++u) {
      for (int32_t i = 0; i < model->itemCount(); ++i) {
        const float* decoded = itemBased ? &userEmbeddings[static_cast<size_t>(u * (z + 1))] : &itemEmbeddings[static_cast<size_t>(i * (z + 1))];
        const float* code = itemBased ? &itemEmbeddings[static_cast<size_t>(i * z)] : &userEmbeddings[static_cast<size_t>(u * z)];
        double expected = decoded[z];
        for (int32_t f = 0; f < z; ++f) expected += static_cast<double>(decoded[f]) * code[f];
        const std::vector<int32_t> one = {u}, other = {i};
        EXPECT_NEAR(predictions(*model, one, other)[0], expected, 1e-5) << modelKindName(kind) << " " << u << "," << i;
      }
    }
    // Only the weights are under L2, and the output biases start at the mean rating.
    const Parameters& p = model->parameters();
    for (int32_t b = 0; b < p.count(); ++b) EXPECT_EQ(p[b].regularised, p[b].name.ends_with(".weights")) << p[b].name;
    for (float b : p[p.find("decoder.bias")].value) EXPECT_EQ(b, 3.0f);
  }
}

// A batch encodes each distinct movie (user) once and shares the code among its pairs: the same
// predictions as pair by pair.
TEST(ModelAutoRec, ABatchWithRepeatedEntitiesPredictsAsPairByPair) {
  const auto data = std::make_shared<const Dataset>(testing::makeGridDataset(6, 8, 4));
  std::vector<uint32_t> all(data->ratings.size());
  std::iota(all.begin(), all.end(), 0u);
  const std::vector<int32_t> users = {3, 0, 3, 5, 0, 3}, items = {7, 2, 2, 7, 2, 1};
  for (ModelKind kind : kAutoRecKinds) {
    auto model = makeModel(ModelConfig{.kind = kind, .dim = 6}, data, 3.0f, all);
    model->initialise();
    const std::vector<float> batch = predictions(*model, users, items);
    for (size_t s = 0; s < users.size(); ++s) {
      EXPECT_FLOAT_EQ(batch[s], predictions(*model, std::span(users).subspan(s, 1), std::span(items).subspan(s, 1))[0])
          << modelKindName(kind) << " pair " << s;
    }
  }
}

// The NRP paper's ml100k AutoRec, [m, 500, m]: 2·943·500 + 500 + 943 parameters; autorec-u
// encodes users over the 1682 movies.
TEST(ModelAutoRec, ParameterCountOfTheMl100kNetwork) {
  Dataset d;
  d.ratings.userCount = 943;
  d.ratings.itemCount = 1682;
  d.ratings.user = {0};
  d.ratings.item = {0};
  d.ratings.value = {4.0f};
  const auto data = std::make_shared<const Dataset>(std::move(d));
  const std::vector<uint32_t> training = {0};
  EXPECT_EQ(makeModel(ModelConfig{.kind = ModelKind::AutoRecI, .dim = 500}, data, 3.5f, training)->parameterCount(), 944443);
  EXPECT_EQ(makeModel(ModelConfig{.kind = ModelKind::AutoRecU, .dim = 500}, data, 3.5f, training)->parameterCount(), 1684182);
}

// On a small world, autorec-i with its recommended training learns far more than the mean
// rating tells: held-out RMSE well below the global mean's.
TEST(ModelAutoRec, ItemBasedLearnsTheWorldBeyondTheGlobalMean) {
  const testing::HeldOutWorld world = testing::smallHeldOutWorld();
  const double globalMean = testing::globalMeanTestRmse(*world.data, world.split);
  TrainParams params;
  applyRecommendation(recommendedTraining(ModelKind::AutoRecI), TrainFieldSet::all(), params);
  const double autorec = testing::trainedTestRmse(world, ModelConfig{.kind = ModelKind::AutoRecI, .dim = 64}, params);
  EXPECT_LT(autorec, globalMean - 0.1) << "global mean " << globalMean << ", autorec-i " << autorec;
}

}  // namespace
}  // namespace ll
