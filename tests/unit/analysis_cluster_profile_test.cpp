// Cluster profiles: the affine user form and the centroid predictions reproduce the models' own
// predictions; sensitivities match finite differences of the catalogue-mean prediction; and on the
// synthetic world, tensor-fusion clusters favour the tags of the themes their users like.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/analysis/cluster_profile.h"
#include "core/analysis/user_affine_form.h"
#include "core/data/split.h"
#include "core/synth/synthetic_world.h"
#include "core/train/trainer.h"
#include "core/util/random.h"

namespace ll {
namespace {

std::shared_ptr<const Dataset> clusterWorld() {
  static const auto data = std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:users=60,movies=50,ratings=2000")).dataset);
  return data;
}

// A model of the kind with randomised parameters (so every block matters).
std::unique_ptr<Model> randomModel(ModelKind kind, std::shared_ptr<const Dataset> data, ItemInput input = ItemInput::Features) {
  ModelConfig config;
  config.kind = kind;
  config.dim = 3;
  config.itemInput = input;
  std::vector<uint32_t> training(data->ratings.size());
  for (uint32_t k = 0; k < training.size(); ++k) training[k] = k;
  auto model = makeModel(config, data, 3.5f, training);
  model->initialise();
  Random random(7);
  for (int32_t b = 0; b < model->parameters().count(); ++b) {
    for (float& v : model->parameters()[b].value) v += static_cast<float>(0.2 * random.normal());
  }
  return model;
}

// A k-means result whose centroids are the embeddings of the given users.
KMeansResult centroidsAt(const Model& model, const std::vector<int32_t>& users) {
  KMeansResult r;
  r.rows = model.userCount();
  r.dimension = model.userEmbeddingDim();
  r.clusters = static_cast<int32_t>(users.size());
  const std::vector<float> e = model.userEmbeddings();
  for (int32_t u : users) r.centroids.insert(r.centroids.end(), e.begin() + u * r.dimension, e.begin() + (u + 1) * r.dimension);
  r.assignment.assign(static_cast<size_t>(r.rows), 0);
  for (size_t c = 0; c < users.size(); ++c) r.assignment[static_cast<size_t>(users[c])] = static_cast<int32_t>(c);
  r.sizes.assign(users.size(), 1);
  r.sizes[0] = r.rows - static_cast<int32_t>(users.size()) + 1;
  return r;
}

std::vector<float> predictAll(const Model& model, int32_t user) {
  std::vector<int32_t> users(static_cast<size_t>(model.itemCount()), user), items(users.size());
  for (size_t i = 0; i < items.size(); ++i) items[i] = static_cast<int32_t>(i);
  std::vector<float> out(users.size());
  model.predict(users, items, out);
  return out;
}

TEST(AnalysisClusterProfile, AffineFormsReproduceThePredictions) {
  for (ModelKind kind : {ModelKind::UserBias, ModelKind::Linear, ModelKind::FM, ModelKind::Tensor, ModelKind::MF, ModelKind::SVDpp,
                         ModelKind::AutoRecI}) {
    for (ItemInput input : {ItemInput::Features, ItemInput::Both}) {
      const auto model = randomModel(kind, clusterWorld(), input);
      const auto form = userAffineForm(*model);
      ASSERT_TRUE(form.has_value()) << modelKindName(kind);
      for (int32_t u : {0, 17, 59}) {
        std::vector<float> e(static_cast<size_t>(model->userEmbeddingDim()));
        model->userEmbedding(u, e);
        const auto expected = predictAll(*model, u);
        for (int32_t i = 0; i < model->itemCount(); ++i) {
          EXPECT_NEAR(form->predict(e, i), expected[static_cast<size_t>(i)], 2e-4) << modelKindName(kind) << " user " << u;
        }
      }
    }
  }
  for (ModelKind kind : allModelKinds()) {
    EXPECT_EQ(userAffineForm(*randomModel(kind, clusterWorld())).has_value(), isUserAffine(kind)) << modelKindName(kind);
  }
}

TEST(AnalysisClusterProfile, CentroidMoviesMatchTheModelForEveryKind) {
  ClusterProfileParams params;
  params.movies = 50;  // the whole catalogue, ranked
  params.rare.minRatings = 0;
  // The models whose prediction the profiles evaluate at a centroid exactly (the PDC paper's family
  // and mf); the other sources' neural models fall back to a stand-in member (tested below).
  for (ModelKind kind : {ModelKind::UserBias, ModelKind::Linear, ModelKind::FM, ModelKind::Add, ModelKind::Mul,
                         ModelKind::Tensor, ModelKind::MF, ModelKind::AutoRecI}) {
    const auto model = randomModel(kind, clusterWorld());
    const KMeansResult clusters = centroidsAt(*model, {3, 40});
    const ClusterProfiles profiles = profileClusters(*model, clusters, params);
    EXPECT_FALSE(profiles.sampled);
    for (int32_t c = 0; c < 2; ++c) {
      const auto expected = predictAll(*model, c == 0 ? 3 : 40);
      const ClusterProfile& p = profiles.clusters[static_cast<size_t>(c)];
      ASSERT_EQ(p.top.size(), 50u);
      for (const MovieScore& m : p.top) EXPECT_NEAR(m.score, expected[static_cast<size_t>(m.item)], 2e-4) << modelKindName(kind);
      EXPECT_EQ(p.top.front().item, std::max_element(expected.begin(), expected.end()) - expected.begin());
    }
  }
}

TEST(AnalysisClusterProfile, NeuralModelsAverageTheirMembersPredictions) {
  const auto model = randomModel(ModelKind::GMF, clusterWorld());
  ClusterProfileParams params;
  params.movies = 50;
  params.sampledMembers = 8;
  const ClusterProfiles profiles = profileClusters(*model, centroidsAt(*model, {3, 40}), params);
  EXPECT_TRUE(profiles.sampled);
  ASSERT_EQ(profiles.clusters.size(), 2u);
  EXPECT_EQ(profiles.clusters[0].membersAveraged, 8);  // 59 members, 8 of them spread evenly
  EXPECT_EQ(profiles.clusters[1].membersAveraged, 1);
  const auto expected = predictAll(*model, 40);  // the second cluster is user 40 alone
  for (const MovieScore& m : profiles.clusters[1].top) EXPECT_NEAR(m.score, expected[static_cast<size_t>(m.item)], 1e-5);
  EXPECT_EQ(profiles.sensitivity, SensitivityKind::Estimated);
  EXPECT_EQ(profiles.clusters[1].absolute.sensitivities.size(), static_cast<size_t>(clusterWorld()->features.count));
}

// ∂(mean_i ŷ_i)/∂x_j by central differences: shift feature j of every movie and rebuild the model
// on the shifted data with the same parameters (movie i's prediction reads only its own x_i).
std::vector<double> finiteDifferenceSensitivities(const Model& model, int32_t user) {
  const Dataset& base = model.data();
  std::vector<double> out(static_cast<size_t>(base.features.count));
  const double h = 1e-2;
  for (int32_t j = 0; j < base.features.count; ++j) {
    double mean[2];
    for (int side = 0; side < 2; ++side) {
      auto shifted = std::make_shared<Dataset>(base);
      for (int32_t i = 0; i < shifted->features.items; ++i) {
        shifted->features.values[static_cast<size_t>(i) * shifted->features.count + j] += static_cast<float>(side == 0 ? h : -h);
      }
      auto copy = makeModel(model.config(), shifted, 3.5f);
      for (int32_t b = 0; b < copy->parameters().count(); ++b) copy->parameters()[b].value = model.parameters()[b].value;
      const auto y = predictAll(*copy, user);
      double s = 0.0;
      for (float v : y) s += v;
      mean[side] = s / static_cast<double>(y.size());
    }
    out[static_cast<size_t>(j)] = (mean[0] - mean[1]) / (2 * h);
  }
  return out;
}

TEST(AnalysisClusterProfile, SensitivitiesAreTheCatalogueMeanGradient) {
  const std::map<ModelKind, SensitivityKind> expected = {
      {ModelKind::Tensor, SensitivityKind::Exact},       {ModelKind::Linear, SensitivityKind::Exact},
      {ModelKind::FM, SensitivityKind::Approximate},     {ModelKind::Add, SensitivityKind::Approximate},
      {ModelKind::Mul, SensitivityKind::Approximate},    {ModelKind::MF, SensitivityKind::Estimated},
      {ModelKind::UserBias, SensitivityKind::None}};
  for (const auto& [kind, sensitivity] : expected) {
    const auto model = randomModel(kind, clusterWorld());
    const ClusterProfiles profiles = profileClusters(*model, centroidsAt(*model, {11}));
    EXPECT_EQ(profiles.sensitivity, sensitivity) << modelKindName(kind);
    const auto& s = profiles.clusters[0].absolute.sensitivities;
    if (sensitivity == SensitivityKind::None) {
      EXPECT_TRUE(s.empty());
      continue;
    }
    if (sensitivity == SensitivityKind::Estimated) continue;  // tested below
    const auto fd = finiteDifferenceSensitivities(*model, 11);
    ASSERT_EQ(s.size(), fd.size());
    for (size_t j = 0; j < s.size(); ++j) EXPECT_NEAR(s[j], fd[j], 2e-3 + 2e-3 * std::abs(fd[j])) << modelKindName(kind) << " feature " << j;
    const ClusterTaste& own = profiles.clusters[0].absolute;
    EXPECT_EQ(own.favourite.size(), 5u);
    EXPECT_GE(own.favourite[0].value, own.favourite[4].value);
    EXPECT_LE(own.least[0].value, own.least[4].value);
  }
}

TEST(AnalysisClusterProfile, TensorBiasIsTheUserWeightsDotTheCentroid) {
  const auto model = randomModel(ModelKind::Tensor, clusterWorld());
  const ClusterProfiles profiles = profileClusters(*model, centroidsAt(*model, {5}));
  const auto& a = model->parameters()[model->parameters().find("user_weights")].value;
  std::vector<float> e(3);
  model->userEmbedding(5, e);
  EXPECT_NEAR(profiles.clusters[0].absolute.bias, a[0] * e[0] + a[1] * e[1] + a[2] * e[2], 1e-6);
}

// The distinctive view of tensor fusion is exactly Tᵀ(ē − ē̄) and a·(ē − ē̄), ē̄ the mean user.
TEST(AnalysisClusterProfile, TensorDistinctiveSensitivitiesAreTTimesTheCentroidsOffset) {
  const auto model = randomModel(ModelKind::Tensor, clusterWorld());
  const ClusterProfiles profiles = profileClusters(*model, centroidsAt(*model, {5}));
  const std::vector<float> users = model->userEmbeddings();
  const int32_t z = model->userEmbeddingDim();
  std::vector<double> offset(static_cast<size_t>(z));
  for (int32_t f = 0; f < z; ++f) {
    double population = 0.0;
    for (int32_t u = 0; u < model->userCount(); ++u) population += users[static_cast<size_t>(u * z + f)] / model->userCount();
    offset[static_cast<size_t>(f)] = users[static_cast<size_t>(5 * z + f)] - population;
  }
  const ParameterBlock& t = model->parameters()[model->parameters().find("tensor.features")];
  const ParameterBlock& a = model->parameters()[model->parameters().find("user_weights")];
  const ClusterTaste& distinctive = profiles.clusters[0].distinctive;
  ASSERT_EQ(distinctive.sensitivities.size(), static_cast<size_t>(t.cols));
  for (int32_t j = 0; j < t.cols; ++j) {
    double expected = 0.0;
    for (int32_t f = 0; f < z; ++f) expected += t.value[static_cast<size_t>(f * t.cols + j)] * offset[static_cast<size_t>(f)];
    EXPECT_NEAR(distinctive.sensitivities[static_cast<size_t>(j)], expected, 1e-4) << j;
  }
  double bias = 0.0;
  for (int32_t f = 0; f < z; ++f) bias += a.value[static_cast<size_t>(f)] * offset[static_cast<size_t>(f)];
  EXPECT_NEAR(distinctive.bias, bias, 1e-4);
}

// Predictions that are exactly linear in the features: the regression finds the coefficients and
// R² = 1. An mf model whose movie factors are the movies' first z features does that: the
// centroid's prediction is const + p̄·x_i[0..z), so ∂ŷ/∂x = (p̄, 0, …).
TEST(AnalysisClusterProfile, EstimatedSensitivitiesRecoverALinearTaste) {
  const auto data = std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:users=60,movies=400,ratings=6000")).dataset);
  ASSERT_LT(data->features.count, 400);  // more movies than features: the fit is determined
  auto model = randomModel(ModelKind::MF, data);
  const int32_t z = model->config().dim;
  ParameterBlock& factors = model->parameters()[model->parameters().find("item_factors")];
  ParameterBlock& itemBias = model->parameters()[model->parameters().find("item_bias")];
  for (int32_t i = 0; i < model->itemCount(); ++i) {
    itemBias.value[static_cast<size_t>(i)] = 0.0f;
    for (int32_t f = 0; f < z; ++f) factors.value[static_cast<size_t>(i * z + f)] = data->features.row(i)[f];
  }
  ClusterProfileParams params;
  params.ridge = 1e-9;
  const ClusterProfiles profiles = profileClusters(*model, centroidsAt(*model, {7}), params);
  ASSERT_EQ(profiles.sensitivity, SensitivityKind::Estimated);
  const ClusterTaste& own = profiles.clusters[0].absolute;
  std::vector<float> e(static_cast<size_t>(model->userEmbeddingDim()));
  model->userEmbedding(7, e);
  EXPECT_NEAR(own.r2, 1.0, 1e-4);
  for (int32_t j = 0; j < data->features.count; ++j) {
    EXPECT_NEAR(own.sensitivities[static_cast<size_t>(j)], j < z ? e[static_cast<size_t>(j)] : 0.0f, 2e-3) << j;
  }
  // The distinctive view regresses the offset from the mean user: p_7 − p̄ on the same columns.
  EXPECT_NEAR(profiles.clusters[0].distinctive.r2, 1.0, 1e-4);
}

struct ThemeAgreement {
  double rate = 0.0;    ///< share of clusters whose top-5 features hold their favourite theme's vocabulary
  double chance = 0.0;  ///< the same for a theme drawn at random
};

// A cluster's favourite theme is the one its members like most beyond the population's mean taste
// (distinctive view) or most of all (absolute view); does its top-5 list name that theme's genre
// or tags?
ThemeAgreement themeAgreement(const SyntheticWorld& world, const KMeansResult& clusters, const ClusterProfiles& profiles,
                              bool absolute) {
  const Dataset& data = world.dataset;
  std::map<std::string, int32_t> column;
  for (size_t j = 0; j < data.features.names.size(); ++j) column.emplace(data.features.names[j], static_cast<int32_t>(j));
  const size_t themes = world.themes.size();
  std::vector<std::set<int32_t>> vocabulary(themes);
  for (size_t t = 0; t < themes; ++t) {
    vocabulary[t].insert(world.themes[t].genre);  // genre columns come first
    for (int32_t tag : world.themes[t].tags) vocabulary[t].insert(column.at(world.tagNames[static_cast<size_t>(tag)]));
  }
  const int32_t users = data.ratings.userCount;
  std::vector<double> populationTaste(themes, 0.0);
  for (int32_t u = 0; u < users; ++u) {
    for (size_t t = 0; t < themes; ++t) populationTaste[t] += world.taste[static_cast<size_t>(u) * themes + t] / users;
  }
  int32_t agree = 0, counted = 0;
  double chance = 0.0;
  for (const ClusterProfile& p : profiles.clusters) {
    if (p.size == 0) continue;
    std::vector<double> gain(themes, 0.0);
    for (int32_t u = 0; u < users; ++u) {
      if (clusters.assignment[static_cast<size_t>(u)] != p.cluster) continue;
      for (size_t t = 0; t < themes; ++t) gain[t] += world.taste[static_cast<size_t>(u) * themes + t] / p.size;
    }
    if (!absolute) {
      for (size_t t = 0; t < themes; ++t) gain[t] -= populationTaste[t];
    }
    const size_t best = static_cast<size_t>(std::max_element(gain.begin(), gain.end()) - gain.begin());
    const auto& favourite = p.taste(absolute).favourite;
    const auto overlaps = [&](size_t t) {
      return std::any_of(favourite.begin(), favourite.end(), [&](const FeatureValue& f) { return vocabulary[t].count(f.feature) > 0; });
    };
    agree += overlaps(best) ? 1 : 0;
    for (size_t t = 0; t < themes; ++t) chance += overlaps(t) ? 1.0 / static_cast<double>(themes) : 0.0;
    ++counted;
  }
  return {static_cast<double>(agree) / counted, chance / counted};
}

struct TrainedClusters {
  std::unique_ptr<Model> model;
  KMeansResult clusters;
};

TrainedClusters trainAndCluster(const SyntheticWorld& world, const ModelConfig& config, const TrainParams& train) {
  const auto data = std::make_shared<const Dataset>(world.dataset);
  Trainer trainer(data, makeSplit(*data, parseSplitSpec("random:0.2")), config, train);
  while (trainer.runEpoch()) {
  }
  TrainedClusters out;
  out.model = trainer.releaseModel();
  KMeansParams kmeans;
  kmeans.clusters = 20;
  out.clusters = kMeans(out.model->userEmbeddings(), out.model->userCount(), out.model->userEmbeddingDim(), kmeans);
  return out;
}

// Seed 000 Table II: clusters that tell apart. Ranked by their own sensitivities, tensor clusters
// list nearly the same favourites (the user-independent w dominates); the distinctive view names
// the themes their users were generated to like beyond the rest, and the lists overlap little.
TEST(AnalysisClusterProfile, TensorClustersFavourTheTagsOfTheThemesTheirUsersLike) {
  const SyntheticWorld world = generateSyntheticWorld(SyntheticParams{});
  TrainParams train;
  train.epochs = 20;
  train.optimizer.l2 = 0.001f;
  train.threads = 2;  // a fixed thread count: the same run on every machine
  ModelConfig config;
  config.kind = ModelKind::Tensor;
  config.dim = 8;
  config.itemInput = ItemInput::Features;
  const TrainedClusters trained = trainAndCluster(world, config, train);
  const ClusterProfiles profiles = profileClusters(*trained.model, trained.clusters);
  EXPECT_EQ(profiles.sensitivity, SensitivityKind::Exact);
  const ThemeAgreement distinctive = themeAgreement(world, trained.clusters, profiles, false);
  const ThemeAgreement absolute = themeAgreement(world, trained.clusters, profiles, true);
  const double overlapDistinctive = favouriteOverlap(profiles, false, 5), overlapAbsolute = favouriteOverlap(profiles, true, 5);
  std::printf("[ info ] tensor z=8, k=20: favourite theme in the top 5 in %.2f of clusters distinctive (chance %.2f), "
              "%.2f absolute (chance %.2f); mean pairwise Jaccard of the top-5 lists %.2f distinctive, %.2f absolute\n",
              distinctive.rate, distinctive.chance, absolute.rate, absolute.chance, overlapDistinctive, overlapAbsolute);
  EXPECT_GE(distinctive.rate, 2.0 * distinctive.chance);
  EXPECT_LE(overlapDistinctive, 0.3);
  EXPECT_LT(overlapDistinctive, overlapAbsolute);
}

// mf reads no movie features: its clusters' sensitivities are estimated from its predictions, and
// still name the themes the clusters' users were generated to like, well above chance.
TEST(AnalysisClusterProfile, MfClustersEstimatedFavouritesMatchTheirThemes) {
  const SyntheticWorld world = generateSyntheticWorld(SyntheticParams{});
  TrainParams train;
  train.epochs = 25;
  train.optimizer.kind = OptimizerKind::Sgd;
  train.batchSize = 1;
  train.learningRate = 0.01f;
  train.optimizer.l2 = 0.1f;
  train.pdcEachEpoch = false;
  ModelConfig config;
  config.kind = ModelKind::MF;
  config.dim = 16;
  const TrainedClusters trained = trainAndCluster(world, config, train);
  const ClusterProfiles profiles = profileClusters(*trained.model, trained.clusters);
  ASSERT_EQ(profiles.sensitivity, SensitivityKind::Estimated);
  const ThemeAgreement distinctive = themeAgreement(world, trained.clusters, profiles, false);
  double r2 = 0.0;
  for (const ClusterProfile& p : profiles.clusters) r2 += p.distinctive.r2 / static_cast<double>(profiles.clusters.size());
  const double overlap = favouriteOverlap(profiles, false, 5);
  std::printf("[ info ] mf k=16, k=20, estimated: favourite theme in the top 5 in %.2f of clusters (chance %.2f); "
              "mean R² %.2f; mean pairwise Jaccard of the top-5 lists %.2f (absolute %.2f)\n",
              distinctive.rate, distinctive.chance, r2, overlap, favouriteOverlap(profiles, true, 5));
  EXPECT_GE(distinctive.rate, 3.0 * distinctive.chance);
  EXPECT_GT(r2, 0.02);  // mf's clusters differ mostly along its free movie factors: the features explain a little
  EXPECT_LE(overlap, 0.3);
}

}  // namespace
}  // namespace ll
