// Factors trained elsewhere as a model: predictions by hand (dot products, plus LightFM-style
// biases), entities without a row at zero, rows of unknown ids counted, nothing clipped, and the
// tables that cannot be a model refused naming the file.
#include <gtest/gtest.h>

#include <memory>

#include "core/analysis/recommend.h"
#include "core/analysis/user_affine_form.h"
#include "core/data/input_error.h"
#include "core/model/factors_model.h"
#include "core/synth/synthetic_world.h"

namespace ll {
namespace {

std::shared_ptr<const Dataset> world() {
  static const auto data = std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:users=40,movies=30,ratings=1200")).dataset);
  return data;
}

// Users 0 and 1 and movies 0 and 1 of the world by raw id, plus one user id the world lacks.
FactorTables pair(bool withBiases) {
  const Dataset& data = *world();
  FactorTables t;
  t.format = withBiases ? FactorsFormat::LightFmNpz : FactorsFormat::SparkAls;
  t.users = EmbeddingTable{{data.userIds[0], "no-such-user", data.userIds[1]}, {1, 2, 9, 9, -1, 3}, 2};
  t.items = EmbeddingTable{{data.itemIds[1], data.itemIds[0]}, {4, 5, 0.5f, -2}, 2};
  if (withBiases) {
    t.userBiases = {0.25f, 7.0f, -0.5f};
    t.itemBiases = {1.0f, 2.0f};
  }
  t.ids = "in the file";
  return t;
}

float predictOne(const Model& model, int32_t user, int32_t item) {
  const int32_t u[] = {user}, i[] = {item};
  float out[1];
  model.predict(u, i, out);
  return out[0];
}

TEST(ExchangeFactorsModel, DotProductsOnlyWithoutBiasesAndNothingClipped) {
  FactorsModelSummary summary;
  const auto model = modelFromFactors(pair(false), world(), "als", &summary);
  // user 0 = (1, 2); movie 1 = (4, 5), movie 0 = (0.5, −2).
  EXPECT_FLOAT_EQ(predictOne(*model, 0, 1), 14.0f);   // beyond the 1–5 scale: not clipped
  EXPECT_FLOAT_EQ(predictOne(*model, 0, 0), -3.5f);
  EXPECT_FLOAT_EQ(predictOne(*model, 1, 1), 11.0f);   // user 1 = (−1, 3)
  EXPECT_FLOAT_EQ(predictOne(*model, 2, 1), 0.0f);    // a user without a row: zero
  EXPECT_FLOAT_EQ(predictOne(*model, 0, 2), 0.0f);    // a movie without a row
  EXPECT_EQ(scorePairs(*model, std::vector<int32_t>{0}, std::vector<int32_t>{1}).front(), 14.0f);
  EXPECT_EQ(summary.users.rows.size(), 2u);
  EXPECT_EQ(summary.users.unknown, 1);
  EXPECT_EQ(summary.items.rows.size(), 2u);
  EXPECT_FALSE(summary.biases);
  EXPECT_EQ(summary.predictions(), "dot products only");
  // Every analysis of affine models takes it: its movie vectors are the file's.
  const std::vector<float> movies = model->itemEmbeddings();
  EXPECT_FLOAT_EQ(movies[2], 4.0f);
  EXPECT_FLOAT_EQ(movies[0], 0.5f);
  EXPECT_TRUE(userAffineForm(*model).has_value());
}

TEST(ExchangeFactorsModel, BiasesWhereTheFormatHasThem) {
  FactorsModelSummary summary;
  const auto model = modelFromFactors(pair(true), world(), "lightfm.npz", &summary);
  EXPECT_FLOAT_EQ(predictOne(*model, 0, 1), 0.25f + 1.0f + 14.0f);
  EXPECT_FLOAT_EQ(predictOne(*model, 1, 0), -0.5f + 2.0f + (-0.5f - 6.0f));
  EXPECT_TRUE(summary.biases);
  EXPECT_EQ(summary.predictions(), "dot products plus the user and item biases");
}

TEST(ExchangeFactorsModel, TablesThatAreNoModelAreRefusedNamingTheFile) {
  FactorTables single;
  single.format = FactorsFormat::Word2Vec;
  single.single = EmbeddingTable{{"1"}, {1, 2}, 2};
  try {
    (void)modelFromFactors(single, world(), "vectors.txt");
    FAIL() << "a single table was taken for a model";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("vectors.txt"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("user and movie factors together"), std::string::npos) << error.what();
  }
  FactorTables widths = pair(false);
  widths.items->dim = 1;
  EXPECT_THROW((void)modelFromFactors(widths, world(), "als"), InputError);
  FactorTables strangers = pair(false);
  strangers.items->ids = {"x", "y"};
  EXPECT_THROW((void)modelFromFactors(strangers, world(), "als"), InputError);
}

}  // namespace
}  // namespace ll
