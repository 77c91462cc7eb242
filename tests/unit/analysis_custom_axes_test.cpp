// Custom axes: a hand-computed plane (centroids at ∓separation/2, Gram–Schmidt and its cosine),
// the principal component of the rest, groups from genres and ids; projecting out a planted
// popularity direction finds it and leaves a PCA uncorrelated with popularity.
#include <gtest/gtest.h>

#include <Eigen/QR>
#include <cmath>
#include <numeric>

#include "core/analysis/custom_axes.h"
#include "core/data/dataset.h"
#include "core/data/input_error.h"
#include "core/util/random.h"

namespace ll {
namespace {

// Four rows in the plane: A = {(0,0), (2,0)} → centroid (1,0); B = {(1,4)}; a bystander (3,1).
const std::vector<float> kAxesHandRows = {0, 0, 2, 0, 1, 4, 3, 1};

TEST(AnalysisCustomAxes, HandComputedPlaneWithAGramSchmidtSecondAxis) {
  // Second axis from C = {(0,0)} to D = {(1,4)}: direction (1,4)/√17, cosine 4/√17 with the first
  // axis (0,1); made orthogonal it is (1,0), its origin the midpoint (0.5, 2).
  const CustomAxesResult r = customAxes(kAxesHandRows, 4, 2, {{0, 1}, {2}}, AxisGroups{{0}, {2}});
  ASSERT_EQ(r.axes.size(), 4u);
  EXPECT_NEAR(r.axes[0], 0.0, 1e-7);
  EXPECT_NEAR(r.axes[1], 1.0, 1e-7);
  EXPECT_NEAR(r.axes[2], 1.0, 1e-7);
  EXPECT_NEAR(r.axes[3], 0.0, 1e-7);
  EXPECT_TRUE(r.secondFromGroups);
  EXPECT_NEAR(r.cosineBeforeOrthogonalising, 4.0 / std::sqrt(17.0), 1e-12);
  EXPECT_NEAR(r.separation[0], 4.0, 1e-12);
  EXPECT_NEAR(r.separation[1], std::sqrt(17.0), 1e-12);
  EXPECT_NEAR(r.offsets[0], 2.0, 1e-12);
  EXPECT_NEAR(r.offsets[1], 0.5, 1e-12);
  const std::vector<float> expected = {-2, -0.5f, -2, 1.5f, 2, 0.5f, -1, 2.5f};
  ASSERT_EQ(r.coordinates.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(r.coordinates[i], expected[i], 1e-6) << i;
  // A and B at ∓separation/2 on their own axis; C and D no longer symmetric on the turned second axis.
  EXPECT_NEAR(r.firstFrom.first, -2.0, 1e-12);
  EXPECT_NEAR(r.firstFrom.second, 0.5, 1e-12);
  EXPECT_NEAR(r.firstTo.first, 2.0, 1e-12);
  EXPECT_NEAR(r.firstTo.second, 0.5, 1e-12);
  EXPECT_NEAR(r.secondFrom.first, -2.0, 1e-12);
  EXPECT_NEAR(r.secondFrom.second, -0.5, 1e-12);
  EXPECT_NEAR(r.secondTo.first, 2.0, 1e-12);
  EXPECT_NEAR(r.secondTo.second, 0.5, 1e-12);
}

TEST(AnalysisCustomAxes, WithoutSecondGroupsTheSecondAxisIsThePrincipalComponentOfTheRest) {
  // Twenty rows at (0, ∓5, 0) make the first axis e2 exactly; the others vary most along e2, then
  // e3 (sd 2), then e1 (sd 1): once e2 is projected out, the top component is e3.
  const int32_t n = 2000;
  Random random(5);
  std::vector<float> x;
  for (int32_t r = 0; r < n; ++r) {
    if (r < 20) {
      x.insert(x.end(), {0.0f, r < 10 ? -5.0f : 5.0f, 0.0f});
    } else {
      x.insert(x.end(), {float(random.normal()), float(3.0 * random.normal()), float(2.0 * random.normal() + 1.0)});
    }
  }
  std::vector<int32_t> a(10), b(10);
  for (int32_t i = 0; i < 10; ++i) a[i] = i, b[i] = 10 + i;
  const CustomAxesResult r = customAxes(x, n, 3, {a, b}, std::nullopt);
  EXPECT_FALSE(r.secondFromGroups);
  EXPECT_NEAR(r.axes[1], 1.0, 1e-7);
  EXPECT_GT(std::abs(r.axes[5]), 0.99);  // e3
  const double dot = r.axes[0] * r.axes[3] + r.axes[1] * r.axes[4] + r.axes[2] * r.axes[5];
  EXPECT_NEAR(dot, 0.0, 1e-6);
  EXPECT_NEAR(r.cosineBeforeOrthogonalising, 0.0, 1e-5);
  EXPECT_NEAR(r.secondExplainedRatio, 4.0 / 5.0, 0.05);  // e3 against e3 + e1 of the rest
  EXPECT_NEAR(r.firstFrom.first, -5.0, 1e-6);
  EXPECT_NEAR(r.firstTo.first, 5.0, 1e-6);
  EXPECT_EQ(r.secondFrom.first, 0.0);  // no groups on the second axis
  // The component's coordinates are centred on the mean of the rows.
  double sum = 0.0;
  for (int32_t row = 0; row < n; ++row) sum += r.coordinate(row, 1);
  EXPECT_NEAR(sum / n, 0.0, 1e-4);
}

TEST(AnalysisCustomAxes, BadGroupsAreInputErrors) {
  EXPECT_THROW(customAxes(kAxesHandRows, 4, 2, {{}, {2}}, std::nullopt), InputError);
  EXPECT_THROW(customAxes(kAxesHandRows, 4, 2, {{0}, {4}}, std::nullopt), InputError);
  EXPECT_THROW(customAxes(kAxesHandRows, 4, 2, {{0, 2}, {1, 2}}, AxisGroups{{0}, {-1}}), InputError);
  EXPECT_THROW(customAxes(kAxesHandRows, 4, 2, {{0}, {0}}, std::nullopt), InputError);  // same centroid
  // A second axis between the same groups is parallel to the first.
  EXPECT_THROW(customAxes(kAxesHandRows, 4, 2, {{0}, {2}}, AxisGroups{{0}, {2}}), InputError);
  EXPECT_THROW(customAxes(std::vector<float>{1, 2, 3}, 3, 1, {{0}, {1}}, std::nullopt), InputError);
}

Dataset axesGenreDataset() {
  Dataset data;
  data.genreNames = {"Action", "Comedy", "Drama"};
  data.itemIds = {"30", "10", "20", "40"};
  data.movies.resize(4);
  data.movies[0].genres = 0b001;  // Action
  data.movies[1].genres = 0b011;  // Action, Comedy
  data.movies[2].genres = 0b100;  // Drama
  data.movies[3].genres = 0b110;  // Comedy, Drama
  return data;
}

TEST(AnalysisCustomAxes, GroupsFromGenresAndFromItemIds) {
  const Dataset data = axesGenreDataset();
  const std::vector<std::string> comedy = {"comedy"};
  EXPECT_EQ(itemsWithGenres(data, comedy), (std::vector<int32_t>{1, 3}));
  const std::vector<std::string> actionDrama = {"Action", "Drama"};
  EXPECT_EQ(itemsWithGenres(data, actionDrama), (std::vector<int32_t>{0, 1, 2, 3}));
  const std::vector<std::string> comedyDrama = {"Comedy", "Drama"};
  EXPECT_EQ(itemsWithGenres(data, comedyDrama, true), (std::vector<int32_t>{3}));
  EXPECT_TRUE(itemsWithGenres(data, {}).empty());
  const std::vector<std::string> western = {"Western"};
  EXPECT_THROW(itemsWithGenres(data, western), InputError);

  const std::vector<std::string> ids = {"40", "30", "40"};
  EXPECT_EQ(itemsWithIds(data, ids), (std::vector<int32_t>{0, 3}));
  const std::vector<std::string> unknown = {"10", "99"};
  EXPECT_THROW(itemsWithIds(data, unknown), InputError);
}

// Rows whose planted unit direction carries the centred log count plus noise, the other directions
// independent of it (sd 3, 2.5, … down to 0.5, so the planted one is not the top component).
struct PlantedPopularity {
  std::vector<float> x;
  std::vector<double> logCount;
  Eigen::VectorXd planted;
};

PlantedPopularity plantedPopularity(int32_t n, int32_t d, uint64_t seed) {
  Random random(seed);
  Eigen::MatrixXd g(d, d);
  for (Eigen::Index i = 0; i < g.size(); ++i) g.data()[i] = random.normal();
  const Eigen::MatrixXd basis = Eigen::HouseholderQR<Eigen::MatrixXd>(g).householderQ();
  PlantedPopularity p;
  p.planted = basis.col(0);
  for (int32_t r = 0; r < n; ++r) {
    const double count = std::floor(std::exp(random.uniform(0.0, 8.0)));
    p.logCount.push_back(std::log1p(count));
  }
  const double mean = std::accumulate(p.logCount.begin(), p.logCount.end(), 0.0) / n;
  for (int32_t r = 0; r < n; ++r) {
    Eigen::VectorXd row = (p.logCount[static_cast<size_t>(r)] - mean + 0.3 * random.normal()) * basis.col(0);
    for (int32_t j = 1; j < d; ++j) row += std::max(0.5, 3.0 - 0.5 * (j - 1)) * random.normal() * basis.col(j);
    for (int32_t j = 0; j < d; ++j) p.x.push_back(static_cast<float>(row(j) + 0.25 * j));  // an offset, too
  }
  return p;
}

TEST(AnalysisCustomAxes, ProjectingOutAPlantedPopularityDirectionFindsItAndLeavesNoCorrelation) {
  const int32_t n = 5000, d = 12;
  const PlantedPopularity p = plantedPopularity(n, d, 17);
  const CovariateRemovalResult r = projectOutCovariate(p.x, n, d, p.logCount);
  ASSERT_EQ(r.direction.size(), static_cast<size_t>(d));
  double cosine = 0.0;
  for (int32_t j = 0; j < d; ++j) cosine += r.direction[static_cast<size_t>(j)] * p.planted(j);
  EXPECT_GE(std::abs(cosine), 0.95);
  EXPECT_GT(r.correlation, 0.95);  // signal sd ~2.3 against noise 0.3
  // var(planted) ≈ 64/12 + 0.09 against Σ of the others' variances.
  double others = 0.0;
  for (int32_t j = 1; j < d; ++j) others += std::pow(std::max(0.5, 3.0 - 0.5 * (j - 1)), 2);
  EXPECT_NEAR(r.varianceShare, 5.5 / (5.5 + others), 0.03);
  EXPECT_LT(std::abs(r.firstComponentCorrelation), 0.05);
  // The regression direction spares a little correlation in the anisotropic rest.
  EXPECT_LT(r.remainingCorrelation, 0.2);
  ASSERT_EQ(r.pca.components, 3);
  EXPECT_NEAR(r.pca.variance[0], 9.0, 0.6);  // the sd-3 direction leads once popularity is gone
}

TEST(AnalysisCustomAxes, RemovingTheCovarianceDirectionLeavesNoCorrelationAnywhere) {
  const int32_t n = 5000, d = 12;
  const PlantedPopularity p = plantedPopularity(n, d, 17);
  CovariateRemovalParams params;
  params.removed = RemovedDirection::Covariance;
  const CovariateRemovalResult r = projectOutCovariate(p.x, n, d, p.logCount, params);
  double cosine = 0.0;
  for (int32_t j = 0; j < d; ++j) cosine += r.direction[static_cast<size_t>(j)] * p.planted(j);
  EXPECT_GE(std::abs(cosine), 0.95);
  EXPECT_GT(r.correlation, 0.95);
  EXPECT_LT(r.remainingCorrelation, 1e-3);
  for (int32_t c = 0; c < r.pca.components; ++c) {
    Eigen::VectorXd coordinate(n), count(n);
    for (int32_t row = 0; row < n; ++row) coordinate(row) = r.pca.coordinate(row, c), count(row) = p.logCount[static_cast<size_t>(row)];
    const Eigen::ArrayXd a = coordinate.array() - coordinate.mean(), b = count.array() - count.mean();
    EXPECT_LT(std::abs((a * b).sum() / std::sqrt((a * a).sum() * (b * b).sum())), 1e-3) << c;
  }
}

TEST(AnalysisCustomAxes, AConstantCovariateRemovesNothing) {
  const PlantedPopularity p = plantedPopularity(300, 4, 19);
  const std::vector<double> flat(300, 2.0);
  const CovariateRemovalResult r = projectOutCovariate(p.x, 300, 4, flat);
  EXPECT_EQ(r.direction, std::vector<float>(4, 0.0f));
  EXPECT_EQ(r.correlation, 0.0);
  const PcaResult plain = computePca(p.x, 300, 4);
  EXPECT_EQ(r.pca.coordinates, plain.coordinates);
  EXPECT_THROW(projectOutCovariate(p.x, 300, 4, std::vector<double>(299, 1.0)), InputError);
  CovariateRemovalParams negative;
  negative.ridge = -1.0;
  EXPECT_THROW(projectOutCovariate(p.x, 300, 4, flat, negative), InputError);
}

TEST(AnalysisCustomAxes, PopularityIsTheLogOfOnePlusTheRatingCount) {
  Ratings ratings;
  ratings.item = {0, 0, 1, 2, 2, 2};
  ratings.user = {0, 1, 0, 0, 1, 2};
  ratings.value = {1, 2, 3, 4, 5, 1};
  ratings.userCount = 3;
  ratings.itemCount = 4;
  const std::vector<double> logs = logRatingCounts(ratings);
  ASSERT_EQ(logs.size(), 4u);
  EXPECT_DOUBLE_EQ(logs[0], std::log(3.0));
  EXPECT_DOUBLE_EQ(logs[1], std::log(2.0));
  EXPECT_DOUBLE_EQ(logs[2], std::log(4.0));
  EXPECT_DOUBLE_EQ(logs[3], 0.0);
  const std::vector<float> items = {0, 1, 1, 0, 2, 2, 0.5f, 0.5f};
  const CovariateRemovalResult viaRatings = projectOutPopularity(items, 2, ratings);
  const CovariateRemovalResult direct = projectOutCovariate(items, 4, 2, logs);
  EXPECT_EQ(viaRatings.direction, direct.direction);
  EXPECT_EQ(viaRatings.correlation, direct.correlation);
}

}  // namespace
}  // namespace ll
