// Finite-difference checks of every layer and every model in every item-input mode.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "core/data/side_information.h"
#include "core/model/layers/activation.h"
#include "core/model/layers/item_encoder.h"
#include "core/model/model.h"
#include "core/util/random.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

// 6 users, 5 movies with 4 random features each, 14 ratings.
std::shared_ptr<const Dataset> gradientCheckData() {
  std::vector<testing::TinyRating> rows;
  Random random(3);
  for (int u = 1; u <= 6; ++u) {
    for (int i = 1; i <= 5; ++i) {
      if ((u + i) % 2 == 0 || i == u) rows.push_back({std::to_string(u), std::to_string(i), static_cast<float>(1 + random.below(5)), u * 10 + i});
    }
  }
  Dataset d = testing::makeTinyDataset(rows);
  d.features.count = 4;
  d.features.names = {"a", "b", "c", "d"};
  d.features.values.resize(static_cast<size_t>(d.ratings.itemCount) * 4);
  for (auto& v : d.features.values) v = static_cast<float>(random.uniform());
  return std::make_shared<const Dataset>(std::move(d));
}

void randomise(Parameters& parameters, uint64_t seed) {
  Random random(seed);
  for (int32_t b = 0; b < parameters.count(); ++b) {
    for (float& v : parameters[b].value) v = static_cast<float>(random.normal(0.0, 0.5));
  }
}

// L(θ) = Σ_s ½ (ŷ_s − y_s)² + the model's other objective terms (Model::auxiliaryObjective), in
// double from the model's float predictions.
double squaredLoss(const Model& model, std::span<const int32_t> users, std::span<const int32_t> items,
                   std::span<const float> targets) {
  std::vector<float> predictions(users.size());
  model.predict(users, items, predictions);
  double loss = model.auxiliaryObjective(users, items, 1.0f, nullptr);
  for (size_t s = 0; s < users.size(); ++s) loss += 0.5 * std::pow(static_cast<double>(predictions[s]) - targets[s], 2);
  return loss;
}

// aliveBiases: blocks set to 1 after the random draw, keeping the ReLU units after them alive so
// the check reaches the layers before them.
void checkModelGradients(ModelConfig config, const std::shared_ptr<const Dataset>& data = gradientCheckData(),
                         const std::vector<std::string>& aliveBiases = {}) {
  const Ratings& r = data->ratings;
  std::vector<uint32_t> all(r.size());
  for (uint32_t k = 0; k < all.size(); ++k) all[k] = k;
  config.noiseSd = 0.0f;  // deepmf's training noise would make forwardBackward differ from predict
  auto model = makeModel(config, data, 3.0f, all);
  randomise(model->parameters(), 17);
  for (const std::string& name : aliveBiases) {
    for (float& v : model->parameters()[model->parameters().find(name)].value) v = 1.0f;
  }
  std::vector<int32_t> users(r.user.begin(), r.user.end()), items(r.item.begin(), r.item.end());
  std::vector<float> targets(r.value.begin(), r.value.end());

  Gradients gradients(model->parameters());
  model->forwardBackward(users, items,
                         [&](std::span<const float> predictions, std::span<float> dLoss) {
                           for (size_t s = 0; s < predictions.size(); ++s) dLoss[s] = predictions[s] - targets[s];
                         },
                         gradients);
  model->auxiliaryObjective(users, items, 1.0f, &gradients);

  Parameters& parameters = model->parameters();
  int checked = 0;
  for (int32_t b = 0; b < parameters.count(); ++b) {
    auto& values = parameters[b].value;
    const auto analytic = gradients.values(b);
    for (size_t k = 0; k < values.size(); ++k) {
      const float original = values[k];
      const auto centralDifference = [&](float eps) {
        values[k] = original + eps;
        const double plus = squaredLoss(*model, users, items, targets);
        values[k] = original - eps;
        const double minus = squaredLoss(*model, users, items, targets);
        values[k] = original;
        return (plus - minus) / (2.0 * eps);
      };
      const auto toleranceFor = [&](double numeric) {
        return 2e-3 + 1e-2 * std::max(std::fabs(numeric), std::fabs(static_cast<double>(analytic[k])));
      };
      double numeric = centralDifference(1e-2f);
      // A ReLU kink inside the ±eps window (the mlp towers) breaks the central difference there;
      // a narrower window then tells a kink from a wrong gradient.
      if (std::fabs(numeric - analytic[k]) > toleranceFor(numeric)) numeric = centralDifference(1e-3f);
      // Where one parameter moves many units at once (a bias or a word every movie has, feeding
      // every pair's code in nrp-dha), a kink can sit even in that window, but then on one side of
      // it: the one-sided difference on the other side is clean.
      if (std::fabs(numeric - analytic[k]) > toleranceFor(numeric)) {
        constexpr float eps = 1e-3f;
        const double base = squaredLoss(*model, users, items, targets);
        values[k] = original + eps;
        const double forward = (squaredLoss(*model, users, items, targets) - base) / eps;
        values[k] = original - eps;
        const double backward = (base - squaredLoss(*model, users, items, targets)) / eps;
        values[k] = original;
        numeric = std::fabs(forward - analytic[k]) < std::fabs(backward - analytic[k]) ? forward : backward;
      }
      const double tolerance = toleranceFor(numeric);
      EXPECT_NEAR(analytic[k], numeric, tolerance)
          << modelKindName(config.kind) << " / " << itemInputName(config.itemInput) << " / "
          << activationName(config.activation) << ": block " << parameters[b].name << " element " << k;
      ++checked;
    }
  }
  EXPECT_EQ(checked, model->parameterCount());
}

TEST(ModelGradient, EveryModelInEveryItemInputMode) {
  for (ModelKind kind : allModelKinds()) {
    if (kind == ModelKind::BFM) continue;  // sampled, not trained by gradients (train_gibbs_fm_test.cpp)
    for (ItemInput input : {ItemInput::Features, ItemInput::Id, ItemInput::Both}) {
      if (!usesItemInput(kind) && input != ItemInput::Features) continue;
      ModelConfig config;
      config.kind = kind;
      config.dim = 3;
      config.itemInput = input;
      config.activation = Activation::Tanh;
      checkModelGradients(config);
    }
  }
}

// nrp's side inputs are bags of words on both sides (side_information.h): here users with age,
// gender, occupation and zip words (one user without any), movies with title words (one repeated
// three times, so a row is not all ones before its scaling to unit length), years and genres.
TEST(ModelGradient, NrpReadsBothSidesBagsOfWords) {
  Dataset d = *gradientCheckData();
  d.users = {{24, 'M', "technician", "85711"}, {53, 'F', "other", "94043"}, {23, 'M', "writer", "T8H1N"},
             {0, '?', "", ""},                {33, 'F', "writer", "32067"}, {61, 'M', "retired", "02138"}};
  d.movies[0].title = "Tora! Tora! Tora!";
  d.movies[1].title = "Misérables, Les";
  d.genreNames = {"Drama", "Comedy"};
  d.movies[2].genres = 3u;
  const auto data = std::make_shared<const Dataset>(std::move(d));
  const SideInformation side = buildSideInformation(*data);
  ASSERT_EQ(side.users.cols(), 20);  // 4 age groups, 2 genders, 4 occupations, 5 zip regions, 5 areas
  ASSERT_EQ(side.movies.cols(), 10);  // tora, misérables, les, movie, 3, 4, 5; 2000; Drama, Comedy

  ModelConfig config;
  config.kind = ModelKind::NRP;
  config.dim = 4;
  const std::vector<std::string> sideBiases = {"user_encoder.side_bias", "item_encoder.side_bias"};
  for (Activation activation : {Activation::Tanh, Activation::Relu, Activation::Selu}) {
    config.activation = activation;
    checkModelGradients(config, data, sideBiases);
  }

  std::vector<uint32_t> all(data->ratings.size());
  for (uint32_t k = 0; k < all.size(); ++k) all[k] = k;
  const auto model = makeModel(config, data, 3.0f, all);
  const Parameters& p = model->parameters();
  const int32_t userWords = p.find("user_encoder.side_words"), movieWords = p.find("item_encoder.side_words");
  ASSERT_GE(userWords, 0);
  ASSERT_GE(movieWords, 0);
  EXPECT_EQ(p[userWords].rows, side.users.cols());
  EXPECT_EQ(p[movieWords].rows, side.movies.cols());
  EXPECT_EQ(p[movieWords].cols, 2);  // max(1, z/2)
  EXPECT_EQ(model->userEmbeddingDim(), 4 + 2);
  // The check above compared something: with its parameters, the word tables do get gradients.
  randomise(model->parameters(), 17);
  for (const std::string& name : sideBiases) {
    for (float& v : model->parameters()[p.find(name)].value) v = 1.0f;
  }
  const Ratings& r = data->ratings;
  const std::vector<int32_t> users(r.user.begin(), r.user.end()), items(r.item.begin(), r.item.end());
  Gradients gradients(model->parameters());
  model->forwardBackward(users, items, [](std::span<const float>, std::span<float> d) { std::fill(d.begin(), d.end(), 1.0f); },
                         gradients);
  for (const int32_t block : {userWords, movieWords}) {
    const auto g = gradients.values(block);
    EXPECT_TRUE(std::any_of(g.begin(), g.end(), [](float v) { return v != 0.0f; })) << p[block].name;
  }
}

// The gradient-check data with user demographics and a titled, two-genre film: bags of words on both sides.
std::shared_ptr<const Dataset> wordsOnBothSides() {
  Dataset d = *gradientCheckData();
  d.users = {{24, 'M', "technician", "85711"}, {53, 'F', "other", "94043"}, {23, 'M', "writer", "T8H1N"},
             {0, '?', "", ""},                {33, 'F', "writer", "32067"}, {61, 'M', "retired", "02138"}};
  d.movies[0].title = "Tora! Tora! Tora!";
  d.genreNames = {"Drama", "Comedy"};
  d.movies[2].genres = 3u;
  return std::make_shared<const Dataset>(std::move(d));
}

void checkUnderTanhAndSelu(std::initializer_list<ModelKind> kinds, const std::shared_ptr<const Dataset>& data) {
  for (ModelKind kind : kinds) {
    for (Activation activation : {Activation::Tanh, Activation::Selu}) {
      ModelConfig config;
      config.kind = kind;
      config.dim = 4;
      config.activation = activation;
      checkModelGradients(config, data);
    }
  }
}

// The autoencoder hybrids with words on both sides: aSDAE adds them into every layer, DHA gives them
// a network of their own and reconstructs every source at unit length (hybrid_autoencoder.h).
TEST(ModelGradient, HybridAutoencodersReadBothSidesBagsOfWords) {
  checkUnderTanhAndSelu({ModelKind::DHA, ModelKind::ASDAE, ModelKind::NrpDHA, ModelKind::NrpASDAE}, wordsOnBothSides());
}

// accm and accm-mlp with words on both sides, so both sides have a content encoder and an attention network
// (accm.cpp); the check reaches every block, the attention's context vectors included.
TEST(ModelGradient, AccmAttendsOverBothSidesIdsAndWords) {
  const auto data = wordsOnBothSides();
  checkUnderTanhAndSelu({ModelKind::ACCM, ModelKind::AccmMLP}, data);
  const auto model = makeModel(ModelConfig{.kind = ModelKind::ACCM, .dim = 4}, data, 3.0f);
  for (const char* block : {"user_content.words", "user_attention.weights", "user_attention.context", "movie_content.words",
                            "movie_attention.weights", "movie_attention.context"}) {
    EXPECT_GE(model->parameters().find(block), 0) << block;
  }
}

TEST(ModelGradient, ModelsWithAnActivationWithEveryActivation) {
  for (ModelKind kind : allModelKinds()) {
    if (!usesActivation(kind)) continue;
    for (Activation activation : {Activation::Identity, Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Selu}) {
      ModelConfig config;
      config.kind = kind;
      config.dim = 3;
      config.itemInput = ItemInput::Both;
      config.activation = activation;
      checkModelGradients(config);
    }
  }
}

TEST(ModelGradient, ActivationDerivatives) {
  Random random(5);
  RowMatrix z(3, 4);
  // Kept away from 0, where ReLU has its kink and no derivative.
  for (Eigen::Index k = 0; k < z.size(); ++k) {
    const double v = random.normal(0.0, 1.5);
    z.data()[k] = static_cast<float>(v + (v < 0 ? -0.05 : 0.05));
  }
  RowMatrix ones = RowMatrix::Ones(3, 4);
  for (Activation activation : {Activation::Identity, Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Selu}) {
    RowMatrix h, dz;
    activate(activation, z, h);
    activationBackward(activation, z, h, ones, dz);
    for (Eigen::Index k = 0; k < z.size(); ++k) {
      constexpr float eps = 1e-3f;
      RowMatrix plus = z, minus = z, hp, hm;
      plus.data()[k] += eps;
      minus.data()[k] -= eps;
      activate(activation, plus, hp);
      activate(activation, minus, hm);
      const double numeric = (static_cast<double>(hp.data()[k]) - hm.data()[k]) / (2 * eps);
      EXPECT_NEAR(dz.data()[k], numeric, 2e-3) << activationName(activation) << " at z=" << z.data()[k];
    }
  }
}

TEST(ModelGradient, ItemEncoderInEveryMode) {
  const auto data = gradientCheckData();
  for (ItemInput input : {ItemInput::Features, ItemInput::Id, ItemInput::Both}) {
    Parameters parameters;
    ItemEncoder encoder(parameters, "enc", 3, data->features, data->ratings.itemCount, input, 0.5f, 0.5f);
    parameters.initialise(9);
    const std::vector<int32_t> items = {0, 3, 3, 1};
    RowMatrix weights(4, 3);  // L = Σ weights ⊙ out
    Random random(1);
    for (Eigen::Index k = 0; k < weights.size(); ++k) weights.data()[k] = static_cast<float>(random.normal());
    const auto loss = [&] {
      RowMatrix x, out;
      encoder.forward(parameters, items, x, out);
      return static_cast<double>((out.array() * weights.array()).sum());
    };
    Gradients gradients(parameters);
    RowMatrix x, out;
    encoder.forward(parameters, items, x, out);
    encoder.backward(items, x, weights, gradients);
    for (int32_t b = 0; b < parameters.count(); ++b) {
      for (size_t k = 0; k < parameters[b].value.size(); ++k) {
        float& v = parameters[b].value[k];
        const float original = v;
        v = original + 1e-2f;
        const double plus = loss();
        v = original - 1e-2f;
        const double minus = loss();
        v = original;
        EXPECT_NEAR(gradients.values(b)[k], (plus - minus) / 2e-2, 1e-3) << itemInputName(input) << " " << parameters[b].name;
      }
    }
    if (encoder.usesId()) {
      // Only the rows of movies in the batch were touched.
      const auto& touched = gradients.touchedRows(parameters.find("enc.id"));
      EXPECT_EQ(std::vector<int32_t>(touched.begin(), touched.end()), (std::vector<int32_t>{0, 3, 1}));
    }
  }
}

TEST(ModelParameters, CountsEqualPdcPaperTableOne) {
  // 943 users and n = 1128 features, as in PDC paper Table I.
  Dataset d;
  d.ratings.userCount = 943;
  d.ratings.itemCount = 10;
  d.features.items = 10;
  d.features.count = 1128;
  d.features.values.assign(10 * 1128, 0.0f);
  d.features.names.assign(1128, "f");
  const auto data = std::make_shared<const Dataset>(std::move(d));
  const auto count = [&](ModelKind kind, int32_t dim) {
    ModelConfig config;
    config.kind = kind;
    config.dim = dim;
    return makeModel(config, data, 3.5f)->parameterCount();
  };
  EXPECT_EQ(count(ModelKind::Add, 2), 4147);
  EXPECT_EQ(count(ModelKind::Add, 64), 132673);
  EXPECT_EQ(count(ModelKind::Mul, 4), 8293);
  EXPECT_EQ(count(ModelKind::Tensor, 2), 5273);
  EXPECT_EQ(count(ModelKind::Tensor, 4), 9417);
  EXPECT_EQ(count(ModelKind::Tensor, 64), 133737);
  EXPECT_EQ(count(ModelKind::FM, 2), 6214);
  EXPECT_EQ(count(ModelKind::FM, 64), 134616);
  // Our baselines: μ + b_u, and μ + b_u + w (the paper's own counts differ by its bookkeeping).
  EXPECT_EQ(count(ModelKind::UserBias, 1), 944);
  EXPECT_EQ(count(ModelKind::Linear, 1), 2072);
}

}  // namespace
}  // namespace ll
