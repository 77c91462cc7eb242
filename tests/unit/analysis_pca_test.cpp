// PCA: known spectra are recovered (exactly and by subspace iteration), data are centred, signs
// are deterministic, and alignSigns undoes flips.
#include <gtest/gtest.h>

#include <Eigen/QR>
#include <cmath>

#include "core/analysis/pca.h"
#include "core/util/random.h"

namespace ll {
namespace {

// n points = offset + Σ_j √variance_j z_j b_j over a random orthonormal basis b (columns of basis).
std::vector<float> cloud(int32_t n, const std::vector<double>& variances, const Eigen::MatrixXd& basis, double offset,
                         uint64_t seed) {
  const auto d = static_cast<int32_t>(basis.rows());
  Random random(seed);
  std::vector<float> x(static_cast<size_t>(n) * d);
  for (int32_t r = 0; r < n; ++r) {
    Eigen::VectorXd point = Eigen::VectorXd::Constant(d, offset);
    for (size_t j = 0; j < variances.size(); ++j) point += std::sqrt(variances[j]) * random.normal() * basis.col(static_cast<Eigen::Index>(j));
    for (int32_t c = 0; c < d; ++c) x[static_cast<size_t>(r) * d + c] = static_cast<float>(point(c));
  }
  return x;
}

Eigen::MatrixXd randomBasis(int32_t d, uint64_t seed) {
  Random random(seed);
  Eigen::MatrixXd g(d, d);
  for (Eigen::Index i = 0; i < g.size(); ++i) g.data()[i] = random.normal();
  return Eigen::HouseholderQR<Eigen::MatrixXd>(g).householderQ();
}

double axisDot(const PcaResult& r, int32_t c, const Eigen::VectorXd& v) {
  double dot = 0.0;
  for (int32_t j = 0; j < r.dimension; ++j) dot += r.axes[static_cast<size_t>(c) * r.dimension + j] * v(j);
  return dot;
}

const std::vector<double> kSpectrum = {9.0, 4.0, 1.0, 0.25, 0.1, 0.05, 0.02, 0.01};

TEST(AnalysisPca, RecoversAKnownSpectrumAndItsAxes) {
  const Eigen::MatrixXd basis = randomBasis(8, 3);
  const auto x = cloud(40000, kSpectrum, basis, 0.0, 4);
  const PcaResult r = computePca(x, 40000, 8);
  ASSERT_EQ(r.components, 3);
  EXPECT_TRUE(r.exact);
  double total = 0.0;
  for (double v : kSpectrum) total += v;
  for (int32_t c = 0; c < 3; ++c) {
    EXPECT_NEAR(r.variance[static_cast<size_t>(c)], kSpectrum[static_cast<size_t>(c)], 0.04 * kSpectrum[static_cast<size_t>(c)]);
    EXPECT_NEAR(r.explainedRatio[static_cast<size_t>(c)], kSpectrum[static_cast<size_t>(c)] / total, 0.01);
    EXPECT_GT(std::abs(axisDot(r, c, basis.col(c))), 0.99);
  }
  EXPECT_NEAR(r.totalVariance, total, 0.03 * total);
  // Coordinates are the projections: their variances are the component variances.
  for (int32_t c = 0; c < 3; ++c) {
    double s = 0.0;
    for (int32_t row = 0; row < r.rows; ++row) s += static_cast<double>(r.coordinate(row, c)) * r.coordinate(row, c);
    EXPECT_NEAR(s / (r.rows - 1), r.variance[static_cast<size_t>(c)], 1e-3 * r.variance[static_cast<size_t>(c)]);
  }
}

TEST(AnalysisPca, CentresTheData) {
  const Eigen::MatrixXd basis = randomBasis(6, 5);
  const auto x = cloud(5000, {4.0, 1.0, 0.5}, basis, 100.0, 6);
  const PcaResult r = computePca(x, 5000, 6);
  for (float m : r.mean) EXPECT_NEAR(m, 100.0, 0.2);
  for (int32_t c = 0; c < r.components; ++c) {
    double s = 0.0;
    for (int32_t row = 0; row < r.rows; ++row) s += r.coordinate(row, c);
    EXPECT_NEAR(s / r.rows, 0.0, 1e-3);
  }
  // The offset does not leak into the spectrum.
  EXPECT_NEAR(r.variance[0], 4.0, 0.25);
}

TEST(AnalysisPca, SignsAreDeterministicTheLargestLoadingIsPositive) {
  const Eigen::MatrixXd basis = randomBasis(8, 7);
  auto x = cloud(3000, kSpectrum, basis, 0.0, 8);
  const PcaResult a = computePca(x, 3000, 8);
  for (float& v : x) v = -v;  // the same cloud mirrored: the same axes, mirrored coordinates
  const PcaResult b = computePca(x, 3000, 8);
  for (int32_t c = 0; c < a.components; ++c) {
    float largest = 0.0f;
    for (int32_t j = 0; j < a.dimension; ++j) {
      const float v = a.axes[static_cast<size_t>(c) * a.dimension + j];
      if (std::abs(v) > std::abs(largest)) largest = v;
    }
    EXPECT_GT(largest, 0.0f);
    for (int32_t j = 0; j < a.dimension; ++j) {
      EXPECT_NEAR(a.axes[static_cast<size_t>(c) * a.dimension + j], b.axes[static_cast<size_t>(c) * b.dimension + j], 1e-4);
    }
    EXPECT_NEAR(a.coordinate(17, c), -b.coordinate(17, c), 1e-3);
  }
  const PcaResult again = computePca(x, 3000, 8);
  EXPECT_EQ(again.axes, b.axes);
}

TEST(AnalysisPca, AlignSignsUndoesFlipsAgainstThePreviousProjection) {
  const Eigen::MatrixXd basis = randomBasis(5, 9);
  const auto x = cloud(2000, {3.0, 2.0, 1.0, 0.1, 0.1}, basis, 1.0, 10);
  const PcaResult previous = computePca(x, 2000, 5);
  PcaResult flipped = previous;
  for (int32_t j = 0; j < 5; ++j) flipped.axes[5 + static_cast<size_t>(j)] *= -1.0f;        // component 1
  for (int32_t row = 0; row < 2000; ++row) flipped.coordinates[static_cast<size_t>(row) * 3 + 1] *= -1.0f;
  EXPECT_EQ(alignSigns(flipped, previous), 1);
  EXPECT_EQ(flipped.axes, previous.axes);
  EXPECT_EQ(flipped.coordinates, previous.coordinates);
  EXPECT_EQ(alignSigns(flipped, previous), 0);

  // Different dimensions (e.g. the model changed): compared by coordinates of the same rows.
  PcaResult wider = computePca(x, 2000, 5);
  wider.dimension = 6;
  wider.axes.assign(18, 0.0f);
  for (int32_t row = 0; row < 2000; ++row) wider.coordinates[static_cast<size_t>(row) * 3] *= -1.0f;
  EXPECT_EQ(alignSigns(wider, previous), 1);
  EXPECT_EQ(wider.coordinates, previous.coordinates);
}

TEST(AnalysisPca, SubspaceIterationAgreesWithTheExactSolution) {
  const Eigen::MatrixXd basis = randomBasis(24, 11);
  std::vector<double> spectrum(24, 0.01);
  spectrum[0] = 10.0;
  spectrum[1] = 5.0;
  spectrum[2] = 2.0;
  const auto x = cloud(4000, spectrum, basis, 2.0, 12);
  const PcaResult exact = computePca(x, 4000, 24);
  PcaParams params;
  params.exactDimensionLimit = 8;
  int calls = 0;
  const PcaResult iterative = computePca(x, 4000, 24, params, [&](double) { return ++calls > 0; });
  EXPECT_FALSE(iterative.exact);
  EXPECT_GT(calls, 0);
  for (int32_t c = 0; c < 3; ++c) {
    EXPECT_NEAR(iterative.variance[static_cast<size_t>(c)], exact.variance[static_cast<size_t>(c)], 1e-4 * exact.variance[0]);
    for (int32_t j = 0; j < 24; ++j) {
      EXPECT_NEAR(iterative.axes[static_cast<size_t>(c) * 24 + j], exact.axes[static_cast<size_t>(c) * 24 + j], 1e-3);
    }
  }
  const PcaResult cancelled = computePca(x, 4000, 24, params, [](double) { return false; });
  EXPECT_TRUE(cancelled.cancelled);
}

TEST(AnalysisPca, DegenerateInputs) {
  EXPECT_EQ(computePca({}, 0, 4).components, 0);
  const std::vector<float> one = {1.0f, 2.0f};
  const PcaResult r = computePca(one, 1, 2);
  EXPECT_EQ(r.components, 2);  // k clamped to d
  EXPECT_DOUBLE_EQ(r.totalVariance, 0.0);
  EXPECT_EQ(r.explainedRatio[0], 0.0);
}

// A film's posterior sd projected on the axes, by hand: with axes along the coordinates
// (diagonal data) each component's spread is the sd of its coordinate; along a diagonal
// (1, 1)/√2 it is sqrt((σ1² + σ2²)/2).
TEST(AnalysisPca, ProjectedSpreadByHand) {
  PcaResult pca;
  pca.rows = 2;
  pca.dimension = 2;
  pca.components = 2;
  const float h = static_cast<float>(1.0 / std::sqrt(2.0));
  pca.axes = {h, h, h, -h};
  const std::vector<float> sds = {3.0f, 4.0f, 0.0f, 2.0f};
  const std::vector<float> spread = projectedSpread(pca, sds, 2);
  ASSERT_EQ(spread.size(), 4u);
  EXPECT_NEAR(spread[0], std::sqrt((9.0 + 16.0) / 2.0), 1e-5);
  EXPECT_NEAR(spread[1], std::sqrt((9.0 + 16.0) / 2.0), 1e-5);
  EXPECT_NEAR(spread[2], std::sqrt(2.0), 1e-5);
  EXPECT_THROW(projectedSpread(pca, std::vector<float>(3), 2), std::invalid_argument);
}

}  // namespace
}  // namespace ll
