// Finite-difference checks of the dense building blocks of the neural models of Rendle et al. 2020,
// the NRP paper and Latent Spaces 2021: the dense layer, the ReLU tower (inputs kept away from the
// kinks) and the rating-profile encoder.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <set>

#include "core/model/layers/dense_layer.h"
#include "core/model/layers/mlp_tower.h"
#include "core/model/layers/profile_encoder.h"
#include "core/util/random.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

RowMatrix randomMatrix(Eigen::Index rows, Eigen::Index cols, uint64_t seed) {
  Random random(seed);
  RowMatrix m(rows, cols);
  for (Eigen::Index k = 0; k < m.size(); ++k) m.data()[k] = static_cast<float>(random.normal());
  return m;
}

// Checks every parameter of `parameters` against central differences of loss().
void checkParameters(Parameters& parameters, const Gradients& gradients, const std::function<double()>& loss,
                     const char* what) {
  for (int32_t b = 0; b < parameters.count(); ++b) {
    for (size_t k = 0; k < parameters[b].value.size(); ++k) {
      float& v = parameters[b].value[k];
      const float original = v;
      v = original + 1e-3f;
      const double plus = loss();
      v = original - 1e-3f;
      const double minus = loss();
      v = original;
      EXPECT_NEAR(gradients.values(b)[k], (plus - minus) / 2e-3, 2e-3) << what << " " << parameters[b].name << " " << k;
    }
  }
}

TEST(ModelLayers, DenseLayerGradients) {
  Parameters parameters;
  const DenseLayer layer(parameters, "dense", 4, 3, 0.5f, 0.1f);
  parameters.initialise(3);
  const RowMatrix x = randomMatrix(5, 4, 1), weights = randomMatrix(5, 3, 2);  // L = Σ weights ⊙ Y
  const auto loss = [&](const RowMatrix& input) {
    RowMatrix y;
    layer.forward(parameters, input, y);
    return static_cast<double>((y.array() * weights.array()).sum());
  };
  Gradients gradients(parameters);
  RowMatrix y, dX;
  layer.forward(parameters, x, y);
  EXPECT_EQ(y.rows(), 5);
  EXPECT_EQ(y.cols(), 3);
  layer.backward(parameters, x, weights, gradients, &dX);
  checkParameters(parameters, gradients, [&] { return loss(x); }, "dense");
  for (Eigen::Index k = 0; k < x.size(); ++k) {
    RowMatrix plus = x, minus = x;
    plus.data()[k] += 1e-3f;
    minus.data()[k] -= 1e-3f;
    EXPECT_NEAR(dX.data()[k], (loss(plus) - loss(minus)) / 2e-3, 2e-3) << "dX " << k;
  }
}

TEST(ModelLayers, ReluTowerGradients) {
  for (bool reluOnLast : {false, true}) {
    Parameters parameters;
    const MlpTower tower(parameters, "tower", {6, 4, 2, 2}, reluOnLast, 0.3f);
    const RowMatrix x = randomMatrix(7, 6, 4), weights = randomMatrix(7, 2, 5);
    // No pre-activation may sit within the difference step of a ReLU kink: take the first
    // initialisation seed where none does.
    const auto clearOfKinks = [&] {
      MlpTower::Cache cache;
      RowMatrix y;
      tower.forward(parameters, x, cache, y);
      for (const RowMatrix& pre : cache.preActivations) {
        if (pre.array().abs().minCoeff() <= 1e-2f) return false;
      }
      return true;
    };
    uint64_t seed = 11;
    for (parameters.initialise(seed); !clearOfKinks(); parameters.initialise(++seed)) {
    }
    const auto loss = [&](const RowMatrix& input) {
      RowMatrix y;
      MlpTower::Cache cache;
      tower.forward(parameters, input, cache, y);
      return static_cast<double>((y.array() * weights.array()).sum());
    };
    MlpTower::Cache cache;
    RowMatrix y, dX;
    tower.forward(parameters, x, cache, y);
    Gradients gradients(parameters);
    tower.backward(parameters, cache, y, weights, gradients, &dX);
    checkParameters(parameters, gradients, [&] { return loss(x); }, reluOnLast ? "tower relu" : "tower linear");
    for (Eigen::Index k = 0; k < x.size(); ++k) {
      RowMatrix plus = x, minus = x;
      plus.data()[k] += 1e-3f;
      minus.data()[k] -= 1e-3f;
      EXPECT_NEAR(dX.data()[k], (loss(plus) - loss(minus)) / 2e-3, 2e-3) << "dX " << k;
    }
  }
}

TEST(ModelLayers, HalvingSizesNeverReachZero) {
  EXPECT_EQ(halvingSizes(32, 2), (std::vector<int32_t>{32, 16, 8}));
  EXPECT_EQ(halvingSizes(3, 3), (std::vector<int32_t>{3, 1, 1, 1}));
}

TEST(ModelLayers, ProfileEncoderSumsWeightedRowsAndScattersBack) {
  // Users a (3 ratings) and b (1 rating) over movies 1, 2, 3.
  const Dataset d = testing::makeTinyDataset({{"a", "1", 5, 1}, {"a", "2", 2, 2}, {"a", "3", 4, 3}, {"b", "2", 3, 1}});
  std::vector<uint32_t> training = {0, 1, 3};  // a's rating of movie 3 is not training data
  const RatingProfiles profiles = buildRatingProfiles(d, training);
  ASSERT_EQ(profiles.userRows.idsOf(0).size(), 2u);
  EXPECT_FLOAT_EQ(profiles.userRows.weightsOf(0)[0], 5.0f / 5.0f / std::sqrt(2.0f));
  EXPECT_FLOAT_EQ(profiles.itemColumns.weightsOf(1)[1], 3.0f / 5.0f / std::sqrt(2.0f));
  EXPECT_TRUE(profiles.itemColumns.idsOf(2).empty());

  Parameters parameters;
  ProfileEncoder encoder;
  encoder.table = parameters.add("table", 3, 2, true, 1.0f);
  parameters.initialise(2);
  const std::vector<int32_t> users = {0, 1, 0};
  RowMatrix out;
  encoder.forward(parameters, profiles.userRows, users, out);
  const ParameterBlock& t = parameters[encoder.table];
  const float w = 1.0f / std::sqrt(2.0f);
  EXPECT_FLOAT_EQ(out(0, 1), w * (1.0f * t.row(0)[1] + 0.4f * t.row(1)[1]));
  EXPECT_FLOAT_EQ(out(1, 0), 0.6f * t.row(1)[0]);
  const RowMatrix weights = randomMatrix(3, 2, 8);
  Gradients gradients(parameters);
  encoder.backward(profiles.userRows, users, weights, gradients);
  checkParameters(parameters, gradients, [&] {
    RowMatrix o;
    encoder.forward(parameters, profiles.userRows, users, o);
    return static_cast<double>((o.array() * weights.array()).sum());
  }, "profile");
  // Movie 3 is in no training profile, so its row was never touched.
  const auto& touched = gradients.touchedRows(encoder.table);
  EXPECT_EQ(std::set<int32_t>(touched.begin(), touched.end()), (std::set<int32_t>{0, 1}));
}

}  // namespace
}  // namespace ll
