#pragma once
// Eigen shapes used by the layers: row-major float matrices, and maps over parameter and
// gradient storage (rows × cols, row-major) so layers never copy weights.

#include <Eigen/Core>

#include "core/model/parameters.h"

namespace ll {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<RowMatrix>;
using ConstMatrixMap = Eigen::Map<const RowMatrix>;
using VectorMap = Eigen::Map<Eigen::VectorXf>;
using ConstVectorMap = Eigen::Map<const Eigen::VectorXf>;

inline ConstMatrixMap matrixOf(const ParameterBlock& block) {
  return ConstMatrixMap(block.value.data(), block.rows, block.cols);
}
inline MatrixMap gradientMatrix(Gradients& gradients, int32_t block, int32_t rows) {
  return MatrixMap(gradients.dense(block).data(), rows, gradients.cols(block));
}

}  // namespace ll
