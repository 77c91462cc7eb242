// Why the exact path needs no iterative solver: our embeddings have d ≤ 256 columns, so the d × d
// covariance costs one pass over the rows (n·d² multiply-adds: 60k × 64² is ~0.25 GFLOP) and its
// eigen-decomposition O(d³) is negligible. Only for very wide inputs (d > exactDimensionLimit) does
// a seeded subspace iteration on the centred data replace it.
#include "core/analysis/pca.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/util/random.h"

namespace ll {
namespace {

using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstRowMapF = Eigen::Map<const RowMatrixF>;
constexpr Eigen::Index kBlock = 4096;  // rows per pass block: bounded scratch memory

// Centred block of rows [begin, begin + count).
RowMatrixF centredBlock(const ConstRowMapF& x, const Eigen::RowVectorXf& mean, Eigen::Index begin, Eigen::Index count) {
  return x.middleRows(begin, count).rowwise() - mean;
}

// Each component's largest-|loading| entry positive (the first of equal ones), so the same data
// always gives the same signs.
void fixSigns(Eigen::MatrixXd& axes) {  // d × k, one component per column
  for (Eigen::Index c = 0; c < axes.cols(); ++c) {
    Eigen::Index best = 0;
    for (Eigen::Index j = 1; j < axes.rows(); ++j) {
      if (std::abs(axes(j, c)) > std::abs(axes(best, c))) best = j;
    }
    if (axes(best, c) < 0) axes.col(c) *= -1.0;
  }
}

// The top-k eigenpairs of a symmetric matrix, largest first.
void topEigen(const Eigen::MatrixXd& symmetric, int32_t k, Eigen::MatrixXd& vectors, Eigen::VectorXd& values) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(symmetric);
  const Eigen::Index d = symmetric.rows();
  vectors.resize(d, k);
  values.resize(k);
  for (int32_t c = 0; c < k; ++c) {  // the solver sorts ascending
    values(c) = std::max(0.0, solver.eigenvalues()(d - 1 - c));
    vectors.col(c) = solver.eigenvectors().col(d - 1 - c);
  }
}

// Subspace iteration: Q ← orth(Xcᵀ Xc Q), then Rayleigh–Ritz on the span of Q.
bool subspaceIteration(const ConstRowMapF& x, const Eigen::RowVectorXf& mean, int32_t k, const PcaParams& params,
                       const AnalysisProgress& progress, Eigen::MatrixXd& vectors, Eigen::VectorXd& values) {
  const Eigen::Index n = x.rows(), d = x.cols();
  const Eigen::Index width = std::min<Eigen::Index>(d, k + 8);  // oversampling speeds convergence
  Random random(params.seed);
  Eigen::MatrixXd q(d, width);
  for (Eigen::Index c = 0; c < width; ++c) {
    for (Eigen::Index j = 0; j < d; ++j) q(j, c) = random.normal();
  }
  auto applyCovariance = [&](const Eigen::MatrixXd& basis) {
    const Eigen::MatrixXf basisF = basis.cast<float>();
    Eigen::MatrixXd out = Eigen::MatrixXd::Zero(d, basis.cols());
    for (Eigen::Index begin = 0; begin < n; begin += kBlock) {
      const RowMatrixF block = centredBlock(x, mean, begin, std::min(kBlock, n - begin));
      const Eigen::MatrixXf projected = block * basisF;
      out.noalias() += (block.transpose() * projected).cast<double>();
    }
    return out;
  };
  for (int32_t it = 0; it < params.iterations; ++it) {
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(applyCovariance(q));
    q = qr.householderQ() * Eigen::MatrixXd::Identity(d, width);
    if (!reportProgress(progress, static_cast<double>(it + 1) / (params.iterations + 1))) return false;
  }
  const Eigen::MatrixXd small = q.transpose() * applyCovariance(q) / static_cast<double>(std::max<Eigen::Index>(1, n - 1));
  Eigen::MatrixXd smallVectors;
  topEigen(0.5 * (small + small.transpose()), k, smallVectors, values);
  vectors = q * smallVectors;
  return true;
}

}  // namespace

PcaResult computePca(std::span<const float> data, int32_t rows, int32_t dimension, const PcaParams& params,
                     const AnalysisProgress& progress) {
  PcaResult result;
  result.rows = rows;
  result.dimension = dimension;
  result.components = std::clamp(params.components, 0, dimension);
  const int32_t k = result.components;
  if (rows <= 0 || dimension <= 0) {
    result.components = 0;
    return result;
  }
  const ConstRowMapF x(data.data(), rows, dimension);
  const Eigen::RowVectorXd meanD = x.cast<double>().colwise().sum() / static_cast<double>(rows);
  const Eigen::RowVectorXf mean = meanD.cast<float>();
  result.mean.assign(mean.data(), mean.data() + dimension);
  const double denominator = static_cast<double>(std::max(1, rows - 1));

  // Column variances (the trace of the covariance) in one pass.
  Eigen::RowVectorXd squares = Eigen::RowVectorXd::Zero(dimension);
  for (Eigen::Index begin = 0; begin < rows; begin += kBlock) {
    squares += centredBlock(x, mean, begin, std::min<Eigen::Index>(kBlock, rows - begin)).cast<double>().array().square().matrix().colwise().sum();
  }
  result.totalVariance = squares.sum() / denominator;

  Eigen::MatrixXd axes;
  Eigen::VectorXd values;
  if (dimension <= params.exactDimensionLimit) {
    Eigen::MatrixXd covariance = Eigen::MatrixXd::Zero(dimension, dimension);
    for (Eigen::Index begin = 0; begin < rows; begin += kBlock) {
      const RowMatrixF block = centredBlock(x, mean, begin, std::min<Eigen::Index>(kBlock, rows - begin));
      covariance.noalias() += (block.transpose() * block).cast<double>();
    }
    topEigen(covariance / denominator, k, axes, values);
  } else {
    result.exact = false;
    if (!subspaceIteration(x, mean, k, params, progress, axes, values)) {
      result.cancelled = true;
      return result;
    }
  }
  fixSigns(axes);

  result.axes.resize(static_cast<size_t>(k) * dimension);
  Eigen::Map<RowMatrixF>(result.axes.data(), k, dimension) = axes.transpose().cast<float>();
  result.variance.assign(values.data(), values.data() + k);
  for (double v : result.variance) result.explainedRatio.push_back(result.totalVariance > 0 ? v / result.totalVariance : 0.0);

  result.coordinates.resize(static_cast<size_t>(rows) * k);
  Eigen::Map<RowMatrixF> coordinates(result.coordinates.data(), rows, k);
  const Eigen::MatrixXf axesF = axes.cast<float>();
  for (Eigen::Index begin = 0; begin < rows; begin += kBlock) {
    const Eigen::Index count = std::min<Eigen::Index>(kBlock, rows - begin);
    coordinates.middleRows(begin, count).noalias() = centredBlock(x, mean, begin, count) * axesF;
  }
  return result;
}

int32_t alignSigns(PcaResult& result, const PcaResult& previous) {
  const int32_t k = std::min(result.components, previous.components);
  const bool byAxes = result.dimension == previous.dimension && result.dimension > 0;
  const bool byCoordinates = !byAxes && result.rows == previous.rows && result.rows > 0;
  if (!byAxes && !byCoordinates) return 0;
  int32_t flipped = 0;
  for (int32_t c = 0; c < k; ++c) {
    double dot = 0.0;
    if (byAxes) {
      for (int32_t j = 0; j < result.dimension; ++j) {
        dot += static_cast<double>(result.axes[static_cast<size_t>(c) * result.dimension + j]) *
               previous.axes[static_cast<size_t>(c) * previous.dimension + j];
      }
    } else {
      for (int32_t r = 0; r < result.rows; ++r) dot += static_cast<double>(result.coordinate(r, c)) * previous.coordinate(r, c);
    }
    if (dot >= 0) continue;
    ++flipped;
    for (int32_t j = 0; j < result.dimension; ++j) result.axes[static_cast<size_t>(c) * result.dimension + j] *= -1.0f;
    for (int32_t r = 0; r < result.rows; ++r) result.coordinates[static_cast<size_t>(r) * result.components + c] *= -1.0f;
  }
  return flipped;
}

std::vector<float> projectedSpread(const PcaResult& result, std::span<const float> sds, int32_t rows) {
  const auto d = static_cast<size_t>(result.dimension);
  const auto k = static_cast<size_t>(result.components);
  if (rows < 0 || sds.size() != static_cast<size_t>(rows) * d) throw std::invalid_argument("projectedSpread: sds of another shape");
  std::vector<float> spread(static_cast<size_t>(rows) * k);
  for (size_t r = 0; r < static_cast<size_t>(rows); ++r) {
    const float* sd = sds.data() + r * d;
    for (size_t c = 0; c < k; ++c) {
      const float* axis = result.axes.data() + c * d;
      double variance = 0.0;
      for (size_t j = 0; j < d; ++j) variance += static_cast<double>(axis[j] * sd[j]) * (axis[j] * sd[j]);
      spread[r * k + c] = static_cast<float>(std::sqrt(variance));
    }
  }
  return spread;
}

}  // namespace ll
