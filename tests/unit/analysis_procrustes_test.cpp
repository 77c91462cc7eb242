// Procrustes: known rotations (2-D, 3-D, 64-D) are recovered from noisy copies; reflections are
// refused or taken per the parameter; empty and rank-deficient layouts give a documented answer.
#include <gtest/gtest.h>

#include <Eigen/LU>
#include <Eigen/QR>
#include <cmath>

#include "core/analysis/procrustes.h"
#include "core/data/input_error.h"
#include "core/util/random.h"

namespace ll {
namespace {

using ProcrustesTestRows = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::vector<float> procrustesRandomLayout(int32_t rows, int32_t dimension, uint64_t seed) {
  Random random(seed);
  std::vector<float> x(static_cast<size_t>(rows) * dimension);
  for (float& v : x) v = static_cast<float>(random.normal());
  return x;
}

// A proper rotation (det +1) drawn at random: the Q of a Gaussian matrix, its sign fixed.
Eigen::MatrixXd procrustesRandomRotation(int32_t dimension, uint64_t seed) {
  Random random(seed);
  Eigen::MatrixXd g(dimension, dimension);
  for (Eigen::Index i = 0; i < g.size(); ++i) g.data()[i] = random.normal();
  Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(g).householderQ();
  if (q.determinant() < 0) q.col(0) *= -1.0;
  return q;
}

// y = x·R + t + noise.
std::vector<float> procrustesMoved(const std::vector<float>& x, int32_t dimension, const Eigen::MatrixXd& rotation,
                                   const Eigen::RowVectorXd& translation, double noise, uint64_t seed) {
  const auto rows = static_cast<Eigen::Index>(x.size() / static_cast<size_t>(dimension));
  const ProcrustesTestRows moved =
      (Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(x.data(), rows, dimension)
           .cast<double>() *
       rotation)
          .rowwise() +
      translation;
  Random random(seed);
  std::vector<float> y(x.size());
  for (size_t i = 0; i < y.size(); ++i) y[i] = static_cast<float>(moved.data()[i] + noise * random.normal());
  return y;
}

double procrustesMaxRotationError(const ProcrustesResult& fit, const Eigen::MatrixXd& rotation) {
  double worst = 0.0;
  for (int32_t i = 0; i < fit.dimension; ++i) {
    for (int32_t j = 0; j < fit.dimension; ++j) worst = std::max(worst, std::abs(fit.rotationAt(i, j) - rotation(i, j)));
  }
  return worst;
}

double procrustesDeterminant(const ProcrustesResult& fit) {
  return Eigen::Map<const ProcrustesTestRows>(fit.rotation.data(), fit.dimension, fit.dimension).determinant();
}

TEST(AnalysisProcrustes, RecoversAKnownRotationAndTranslationIn2DAnd3DWithNoise) {
  for (int32_t c : {2, 3}) {
    SCOPED_TRACE(c);
    const auto x = procrustesRandomLayout(4000, c, 11 + c);
    const Eigen::MatrixXd rotation = procrustesRandomRotation(c, 21 + c);
    const Eigen::RowVectorXd translation = Eigen::RowVectorXd::LinSpaced(c, 3.0, -2.0);
    const auto y = procrustesMoved(x, c, rotation, translation, 1e-3, 31 + c);
    const ProcrustesResult fit = procrustes(x, y, 4000, c);
    EXPECT_LT(procrustesMaxRotationError(fit, rotation), 1e-4);
    for (int32_t j = 0; j < c; ++j) EXPECT_NEAR(fit.translation[static_cast<size_t>(j)], translation(j), 1e-4);
    EXPECT_FALSE(fit.reflected);
    EXPECT_EQ(fit.rank, c);
    EXPECT_NEAR(procrustesDeterminant(fit), 1.0, 1e-9);
    // The residual is the noise left: 4000 · c draws of variance 1e-6.
    EXPECT_NEAR(fit.residual, 4000.0 * c * 1e-6, 0.1 * 4000.0 * c * 1e-6);
    EXPECT_GT(fit.initialResidual, 1000.0);
  }
}

TEST(AnalysisProcrustes, RecoversAFullDimensionalRotationOfEmbeddings) {
  const int32_t d = 64;
  const auto x = procrustesRandomLayout(600, d, 41);
  const Eigen::MatrixXd rotation = procrustesRandomRotation(d, 42);
  const auto y = procrustesMoved(x, d, rotation, Eigen::RowVectorXd::Zero(d), 1e-4, 43);
  const ProcrustesResult fit = procrustes(x, y, 600, d);
  EXPECT_LT(procrustesMaxRotationError(fit, rotation), 1e-4);
  EXPECT_EQ(fit.rank, d);
}

TEST(AnalysisProcrustes, AlignToUndoesARotationInPlace) {
  const auto reference = procrustesRandomLayout(500, 2, 51);
  const double angle = 2.0;  // radians: far from the identity
  Eigen::MatrixXd turn(2, 2);
  turn << std::cos(angle), std::sin(angle), -std::sin(angle), std::cos(angle);
  auto layout = procrustesMoved(reference, 2, turn, Eigen::RowVector2d(0.5, -1.0), 0.0, 52);
  const ProcrustesResult fit = alignTo(layout, reference, 500, 2);
  for (size_t i = 0; i < layout.size(); ++i) ASSERT_NEAR(layout[i], reference[i], 1e-5) << i;
  EXPECT_NEAR(fit.residual, 0.0, 1e-6);
}

TEST(AnalysisProcrustes, AMirrorImageIsRefusedByDefaultAndTakenWhenAllowed) {
  const int32_t c = 3;
  const auto x = procrustesRandomLayout(300, c, 61);
  Eigen::MatrixXd mirror = procrustesRandomRotation(c, 62);
  mirror.col(1) *= -1.0;  // det −1
  const auto y = procrustesMoved(x, c, mirror, Eigen::RowVectorXd::Zero(c), 0.0, 63);

  const ProcrustesResult proper = procrustes(x, y, 300, c);
  EXPECT_FALSE(proper.reflected);
  EXPECT_NEAR(procrustesDeterminant(proper), 1.0, 1e-9);
  EXPECT_GT(proper.residual, 1.0);  // no rotation maps a cloud onto its mirror image

  ProcrustesParams allowMirror;
  allowMirror.allowReflection = true;
  const ProcrustesResult mirrored = procrustes(x, y, 300, c, allowMirror);
  EXPECT_TRUE(mirrored.reflected);
  EXPECT_NEAR(procrustesDeterminant(mirrored), -1.0, 1e-9);
  EXPECT_LT(procrustesMaxRotationError(mirrored, mirror), 1e-5);
  EXPECT_NEAR(mirrored.residual, 0.0, 1e-6);
}

TEST(AnalysisProcrustes, WithoutTranslationTheRotationTurnsAboutTheOrigin) {
  const auto x = procrustesRandomLayout(200, 2, 71);
  const Eigen::MatrixXd rotation = procrustesRandomRotation(2, 72);
  const auto y = procrustesMoved(x, 2, rotation, Eigen::RowVectorXd::Zero(2), 0.0, 73);
  ProcrustesParams aboutOrigin;
  aboutOrigin.translate = false;
  const ProcrustesResult fit = procrustes(x, y, 200, 2, aboutOrigin);
  EXPECT_LT(procrustesMaxRotationError(fit, rotation), 1e-5);
  EXPECT_EQ(fit.translation, std::vector<double>(2, 0.0));
}

TEST(AnalysisProcrustes, EmptyLayoutsGiveTheIdentity) {
  const ProcrustesResult none = procrustes({}, {}, 0, 3);
  EXPECT_EQ(none.rotation, (std::vector<double>{1, 0, 0, 0, 1, 0, 0, 0, 1}));
  EXPECT_EQ(none.translation, std::vector<double>(3, 0.0));
  EXPECT_EQ(none.residual, 0.0);
  EXPECT_EQ(none.rank, 0);
  const ProcrustesResult noColumns = procrustes({}, {}, 5, 0);
  EXPECT_TRUE(noColumns.rotation.empty());
  std::vector<float> empty;
  EXPECT_NO_THROW(alignTo(empty, {}, 0, 2));
}

TEST(AnalysisProcrustes, RankDeficientLayoutsGiveAnOptimalProperRotation) {
  // Identical points: nothing to turn by; the identity, and the translation between them.
  const std::vector<float> same = {1, 2, 1, 2, 1, 2};
  const std::vector<float> moved = {4, 6, 4, 6, 4, 6};
  const ProcrustesResult still = procrustes(same, moved, 3, 2);
  EXPECT_EQ(still.rank, 0);
  EXPECT_NEAR(procrustesDeterminant(still), 1.0, 1e-12);
  EXPECT_NEAR(still.residual, 0.0, 1e-9);
  EXPECT_NEAR(still.rotationAt(0, 0) * 1 + still.rotationAt(1, 0) * 2 + still.translation[0], 4.0, 1e-9);

  // Collinear points in 3-D, turned: rank 1, any turn about the line is optimal; the fit is exact.
  std::vector<float> line;
  for (int32_t r = 0; r < 10; ++r) line.insert(line.end(), {float(r), 2.0f * r, -1.0f * r});
  const Eigen::MatrixXd rotation = procrustesRandomRotation(3, 81);
  const auto turned = procrustesMoved(line, 3, rotation, Eigen::RowVector3d(1, 1, 1), 0.0, 82);
  const ProcrustesResult fit = procrustes(line, turned, 10, 3);
  EXPECT_EQ(fit.rank, 1);
  EXPECT_NEAR(procrustesDeterminant(fit), 1.0, 1e-9);
  EXPECT_NEAR(fit.residual, 0.0, 1e-6);

  // One point in 3-D: fewer rows than columns.
  const ProcrustesResult single = procrustes(std::vector<float>{1, 2, 3}, std::vector<float>{0, 0, 0}, 1, 3);
  EXPECT_NEAR(procrustesDeterminant(single), 1.0, 1e-12);
  EXPECT_NEAR(single.residual, 0.0, 1e-12);
}

TEST(AnalysisProcrustes, ASizeThatIsNotRowsTimesColumnsIsAnInputError) {
  const std::vector<float> five(5, 1.0f), six(6, 1.0f);
  EXPECT_THROW(procrustes(five, six, 3, 2), InputError);
  EXPECT_THROW(procrustes(six, five, 3, 2), InputError);
  EXPECT_THROW(procrustes(six, six, -3, -2), InputError);
}

}  // namespace
}  // namespace ll
