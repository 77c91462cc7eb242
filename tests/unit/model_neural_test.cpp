// The models of Rendle et al. 2020, Latent Spaces 2021 and the NRP paper beyond their gradients:
// neumf's embedding split, gmf starting as biased mf with fixed-length weights, deepmf's training noise
// (deterministic per batch, absent from predict), and nrp reading only the training ratings (no
// leak of test ratings into its inputs) and applying its activation.
#include <gtest/gtest.h>

#include <stdexcept>

#include "core/model/model.h"
#include "core/model/user_side_features.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

std::shared_ptr<const Dataset> grid() { return std::make_shared<const Dataset>(testing::makeGridDataset(8, 10, 5)); }

std::vector<uint32_t> allRatings(const Dataset& d) {
  std::vector<uint32_t> all(d.ratings.size());
  for (uint32_t k = 0; k < all.size(); ++k) all[k] = k;
  return all;
}

TEST(ModelNeural, NeumfGivesTwoThirdsOfTheEmbeddingToItsMlp) {
  const auto data = grid();
  for (const auto& [dim, mlp, gmf] : {std::tuple{16, 11, 5}, std::tuple{3, 2, 1}, std::tuple{1, 1, 1}}) {
    auto model = makeModel(ModelConfig{.kind = ModelKind::NeuMF, .dim = dim}, data, 0.0f);
    const Parameters& p = model->parameters();
    EXPECT_EQ(p[p.find("mlp.user_factors")].cols, mlp) << dim;
    EXPECT_EQ(p[p.find("gmf.user_factors")].cols, gmf) << dim;
    EXPECT_EQ(model->userEmbeddingDim(), mlp + gmf);
    // Every block but the output bias is under L2 (the gmf weights too: Rendle et al. 2020's
    // pitfall).
    for (int32_t b = 0; b < p.count(); ++b) EXPECT_EQ(p[b].regularised, p[b].name != "output.bias") << p[b].name;
  }
}

// gmf is biased mf with learned weights per dimension: with the same parameters it predicts what mf
// does, and its weights w = √z·a/‖a‖ keep their length whatever a is (so only a's direction is
// learned, and a is under no penalty).
TEST(ModelNeural, GmfStartsAsMfAndItsWeightsHaveAFixedLength) {
  const auto data = grid();
  const int32_t z = 4;
  auto gmf = makeModel(ModelConfig{.kind = ModelKind::GMF, .dim = z}, data, 0.5f);
  auto mf = makeModel(ModelConfig{.kind = ModelKind::MF, .dim = z}, data, 0.5f);
  gmf->initialise();
  mf->initialise();
  Parameters& p = gmf->parameters();
  Parameters& m = mf->parameters();
  for (const char* name : {"global_bias", "user_bias", "item_bias", "user_factors", "item_factors"}) {
    ASSERT_GE(p.find(name), 0) << name;
    p[p.find(name)].value = m[m.find(name)].value;
  }
  // Biases start at 0 in both: give them values so the check covers them.
  for (float& v : p[p.find("user_bias")].value) v = 0.25f;
  for (float& v : m[m.find("user_bias")].value) v = 0.25f;
  const std::vector<int32_t> users = {0, 3, 7}, items = {1, 2, 9};
  std::vector<float> fromGmf(3), fromMf(3);
  gmf->predict(users, items, fromGmf);
  mf->predict(users, items, fromMf);
  for (size_t s = 0; s < 3; ++s) EXPECT_NEAR(fromGmf[s], fromMf[s], 1e-6f) << s;

  ParameterBlock& direction = p[p.find("gmf_direction")];
  EXPECT_FALSE(direction.regularised);
  EXPECT_EQ(direction.value, AlignedFloats(z, 1.0f));
  // Scaling a changes nothing; turning it does.
  for (float& v : direction.value) v *= 7.0f;
  std::vector<float> scaled(3);
  gmf->predict(users, items, scaled);
  for (size_t s = 0; s < 3; ++s) EXPECT_NEAR(scaled[s], fromGmf[s], 1e-5f) << s;
  direction.value = {3.0f, 0.0f, 0.0f, 4.0f};
  // w = √4·(3, 0, 0, 4)/5 = (1.2, 0, 0, 1.6): ‖w‖ = 2 = √z.
  std::vector<float> turned(1);
  gmf->predict(std::span<const int32_t>(users.data(), 1), std::span<const int32_t>(items.data(), 1), turned);
  const float* pu = p[p.find("user_factors")].row(users[0]);
  const float* qi = p[p.find("item_factors")].row(items[0]);
  const float expected = 0.5f + 0.25f + 1.2f * pu[0] * qi[0] + 1.6f * pu[3] * qi[3];
  EXPECT_NEAR(turned[0], expected, 1e-5f);
}

TEST(ModelNeural, DeepMfNoiseIsTrainingOnlyAndDeterministicPerBatch) {
  const auto data = grid();
  ModelConfig config = ModelConfig{.kind = ModelKind::DeepMF, .dim = 4};
  config.noiseSd = 0.5f;
  auto model = makeModel(config, data, 3.0f);
  model->initialise();
  const std::vector<int32_t> users = {0, 1, 2, 3}, items = {1, 2, 3, 4};
  std::vector<float> clean(4);
  model->predict(users, items, clean);
  const auto trainingOutputs = [&](std::span<const int32_t> us) {
    std::vector<float> seen;
    Gradients g(model->parameters());
    model->forwardBackward(us, items, [&](std::span<const float> y, std::span<float> d) {
      seen.assign(y.begin(), y.end());
      std::fill(d.begin(), d.end(), 0.0f);
    }, g);
    return seen;
  };
  const auto first = trainingOutputs(users);
  EXPECT_EQ(first, trainingOutputs(users));  // same batch, same noise
  EXPECT_NE(first, clean);                   // but noise there is
  const std::vector<int32_t> otherUsers = {1, 0, 2, 3};
  EXPECT_NE(trainingOutputs(otherUsers), first);
  std::vector<float> again(4);
  model->predict(users, items, again);
  EXPECT_EQ(again, clean);  // predict never adds noise
}

TEST(ModelNeural, NrpNeedsTheTrainingRatingsAndNeverReadsOthers) {
  Dataset d = testing::makeGridDataset(6, 8, 4);
  const auto data = std::make_shared<const Dataset>(d);
  EXPECT_THROW(makeModel(ModelConfig{.kind = ModelKind::NRP, .dim = 4}, data, 3.0f), std::invalid_argument);

  // Hold out the ratings of user 0; a data set that differs only in those values must give the
  // same model, parameters and predictions.
  std::vector<uint32_t> training;
  for (uint32_t k = 0; k < d.ratings.size(); ++k) {
    if (d.ratings.user[k] != 0) training.push_back(k);
  }
  Dataset changed = d;
  for (uint32_t k = 0; k < changed.ratings.size(); ++k) {
    if (changed.ratings.user[k] == 0) changed.ratings.value[k] = 6.0f - changed.ratings.value[k];
  }
  const auto changedData = std::make_shared<const Dataset>(changed);
  auto a = makeModel(ModelConfig{.kind = ModelKind::NRP, .dim = 4}, data, 3.0f, training);
  auto b = makeModel(ModelConfig{.kind = ModelKind::NRP, .dim = 4}, changedData, 3.0f, training);
  a->initialise();
  b->initialise();
  const std::vector<int32_t> users = {0, 0, 1, 5}, items = {0, 1, 2, 3};
  std::vector<float> pa(4), pb(4);
  a->predict(users, items, pa);
  b->predict(users, items, pb);
  EXPECT_EQ(pa, pb);
  // Whereas reading all ratings would have seen the change.
  auto leaky = makeModel(ModelConfig{.kind = ModelKind::NRP, .dim = 4}, changedData, 3.0f, allRatings(changed));
  leaky->initialise();
  leaky->predict(users, items, pb);
  EXPECT_NE(pa, pb);
}

// nrp's encoders and predictor apply ModelConfig::activation (the NRP paper tunes it; its Table 6
// takes selu): the same parameters under relu, tanh and selu give three different predictions.
TEST(ModelNeural, NrpAppliesItsActivation) {
  const auto data = std::make_shared<const Dataset>(testing::makeGridDataset(6, 8, 4));
  const std::vector<uint32_t> training = allRatings(*data);
  auto relu = makeModel(ModelConfig{.kind = ModelKind::NRP, .dim = 4, .activation = Activation::Relu}, data, 3.0f, training);
  relu->initialise();
  const std::vector<int32_t> users = {0, 1, 2, 5}, items = {0, 1, 2, 3};
  std::vector<std::vector<float>> predictions;
  for (Activation activation : {Activation::Relu, Activation::Tanh, Activation::Selu}) {
    auto model = makeModel(ModelConfig{.kind = ModelKind::NRP, .dim = 4, .activation = activation}, data, 3.0f, training);
    for (int32_t b = 0; b < model->parameters().count(); ++b) model->parameters()[b].value = relu->parameters()[b].value;
    predictions.emplace_back(4);
    model->predict(users, items, predictions.back());
  }
  EXPECT_NE(predictions[0], predictions[1]);
  EXPECT_NE(predictions[0], predictions[2]);
  EXPECT_NE(predictions[1], predictions[2]);
}

TEST(ModelNeural, UserSideFeaturesAreOneHots) {
  Dataset d = testing::makeGridDataset(3, 5, 2);
  d.users = {{23, 'F', "writer", "00000"}, {60, 'M', "artist", "11111"}, {0, '?', "", ""}};
  const UserSideFeatures f = buildUserSideFeatures(d);
  ASSERT_EQ(f.count, 7 + 2 + 2);
  EXPECT_EQ(f.names[1], "age 18-24");
  EXPECT_EQ(f.names[9], "occupation artist");
  const std::vector<float> first(f.row(0), f.row(0) + f.count), second(f.row(1), f.row(1) + f.count),
      third(f.row(2), f.row(2) + f.count);
  EXPECT_EQ(first, (std::vector<float>{0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1}));
  EXPECT_EQ(second, (std::vector<float>{0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0}));
  EXPECT_EQ(third, std::vector<float>(11, 0.0f));
  EXPECT_EQ(buildUserSideFeatures(testing::makeGridDataset(3, 5, 2)).count, 0);
}

}  // namespace
}  // namespace ll
