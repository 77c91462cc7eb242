// The fit needs one pass over both layouts (means, then XᵀY and the squared norms, in blocks of
// rows so d = 512 embeddings need no n × d double copy) and one SVD of the c × c matrix XᵀY. The
// residual follows from the norms: ‖X·R − Y‖² = ‖X‖² + ‖Y‖² − 2·tr(Rᵀ·XᵀY) for an orthogonal R.
#include "core/analysis/procrustes.h"

#include <Eigen/LU>
#include <Eigen/SVD>
#include <algorithm>
#include <string>

#include "core/data/input_error.h"

namespace ll {
namespace {

using ProcrustesRowsF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ProcrustesRowsD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
constexpr Eigen::Index kProcrustesBlock = 4096;  // rows per pass: bounded double scratch

void checkLayoutSize(const char* what, size_t size, int32_t rows, int32_t dimension) {
  if (rows < 0 || dimension < 0) {
    throw InputError(what, 0, "a non-negative number of rows and columns",
                     std::to_string(rows) + " × " + std::to_string(dimension));
  }
  const size_t expected = static_cast<size_t>(rows) * static_cast<size_t>(dimension);
  if (size != expected) {
    throw InputError(what, 0, std::to_string(expected) + " values (" + std::to_string(rows) + " rows × " +
                     std::to_string(dimension) + ")", std::to_string(size) + " values");
  }
}

void setIdentity(ProcrustesResult& result) {
  const auto c = static_cast<size_t>(result.dimension);
  result.rotation.assign(c * c, 0.0);
  for (size_t j = 0; j < c; ++j) result.rotation[j * c + j] = 1.0;
  result.translation.assign(c, 0.0);
}

}  // namespace

ProcrustesResult procrustes(std::span<const float> layout, std::span<const float> reference, int32_t rows, int32_t dimension,
                            const ProcrustesParams& params) {
  checkLayoutSize("layout", layout.size(), rows, dimension);
  checkLayoutSize("reference layout", reference.size(), rows, dimension);
  ProcrustesResult result;
  result.rows = rows;
  result.dimension = dimension;
  setIdentity(result);
  if (rows == 0 || dimension == 0) return result;

  const Eigen::Map<const ProcrustesRowsF> x(layout.data(), rows, dimension);
  const Eigen::Map<const ProcrustesRowsF> y(reference.data(), rows, dimension);
  Eigen::RowVectorXd meanX = Eigen::RowVectorXd::Zero(dimension);
  Eigen::RowVectorXd meanY = Eigen::RowVectorXd::Zero(dimension);
  if (params.translate) {
    meanX = x.cast<double>().colwise().sum() / static_cast<double>(rows);
    meanY = y.cast<double>().colwise().sum() / static_cast<double>(rows);
  }

  Eigen::MatrixXd cross = Eigen::MatrixXd::Zero(dimension, dimension);  // XᵀY of the centred layouts
  double normX = 0.0, normY = 0.0;
  for (Eigen::Index begin = 0; begin < rows; begin += kProcrustesBlock) {
    const Eigen::Index count = std::min<Eigen::Index>(kProcrustesBlock, rows - begin);
    const ProcrustesRowsD bx = x.middleRows(begin, count).cast<double>();
    const ProcrustesRowsD by = y.middleRows(begin, count).cast<double>();
    result.initialResidual += (bx - by).squaredNorm();
    const ProcrustesRowsD cx = bx.rowwise() - meanX;
    const ProcrustesRowsD cy = by.rowwise() - meanY;
    cross.noalias() += cx.transpose() * cy;
    normX += cx.squaredNorm();
    normY += cy.squaredNorm();
  }

  const Eigen::BDCSVD<Eigen::MatrixXd> svd(cross, Eigen::ComputeFullU | Eigen::ComputeFullV);
  const Eigen::VectorXd& sigma = svd.singularValues();  // descending
  const double largest = sigma.size() > 0 ? sigma(0) : 0.0;
  result.rank = static_cast<int32_t>((sigma.array() > 1e-9 * largest).count());
  if (largest == 0.0) result.rank = 0;

  Eigen::MatrixXd u = svd.matrixU();
  const Eigen::MatrixXd& v = svd.matrixV();
  if ((u * v.transpose()).determinant() < 0.0) {
    if (params.allowReflection) {
      result.reflected = true;
    } else {
      // The least costly way back to det +1: turn the pair with the smallest singular value.
      u.col(dimension - 1) *= -1.0;
    }
  }
  const Eigen::MatrixXd rotation = u * v.transpose();
  const Eigen::RowVectorXd translation = meanY - meanX * rotation;
  Eigen::Map<ProcrustesRowsD>(result.rotation.data(), dimension, dimension) = rotation;
  Eigen::Map<Eigen::RowVectorXd>(result.translation.data(), dimension) = translation;
  result.residual = std::max(0.0, normX + normY - 2.0 * (rotation.array() * cross.array()).sum());
  return result;
}

void applyProcrustes(const ProcrustesResult& result, std::span<float> layout) {
  const int32_t c = result.dimension;
  if (c == 0) return;
  if (layout.size() % static_cast<size_t>(c) != 0) {
    throw InputError("layout", 0, "whole rows of " + std::to_string(c) + " values", std::to_string(layout.size()) + " values");
  }
  const auto rows = static_cast<Eigen::Index>(layout.size() / static_cast<size_t>(c));
  Eigen::Map<ProcrustesRowsF> x(layout.data(), rows, c);
  const Eigen::Map<const ProcrustesRowsD> rotation(result.rotation.data(), c, c);
  const Eigen::Map<const Eigen::RowVectorXd> translation(result.translation.data(), c);
  for (Eigen::Index begin = 0; begin < rows; begin += kProcrustesBlock) {
    const Eigen::Index count = std::min<Eigen::Index>(kProcrustesBlock, rows - begin);
    const ProcrustesRowsD moved = (x.middleRows(begin, count).cast<double>() * rotation).rowwise() + translation;
    x.middleRows(begin, count) = moved.cast<float>();
  }
}

ProcrustesResult alignTo(std::span<float> layout, std::span<const float> previous, int32_t rows, int32_t dimension,
                         const ProcrustesParams& params) {
  ProcrustesResult result = procrustes(layout, previous, rows, dimension, params);
  applyProcrustes(result, layout);
  return result;
}

}  // namespace ll
