#include "core/model/layers/dense_layer.h"

namespace ll {

DenseLayer::DenseLayer(Parameters& parameters, const std::string& name, int32_t inputs, int32_t outputs,
                       float weightInitSd, float biasInit)
    : inputs_(inputs), outputs_(outputs) {
  weights_ = parameters.add(name + ".weights", outputs, inputs, false, weightInitSd);
  bias_ = parameters.add(name + ".bias", 1, outputs, false, 0.0f, biasInit);
}

void DenseLayer::forward(const Parameters& parameters, const RowMatrix& x, RowMatrix& y) const {
  y.noalias() = x * matrixOf(parameters[weights_]).transpose();
  y.rowwise() += Eigen::Map<const Eigen::RowVectorXf>(parameters[bias_].value.data(), outputs_);
}

void DenseLayer::backward(const Parameters& parameters, const RowMatrix& x, const RowMatrix& dY, Gradients& gradients,
                          RowMatrix* dX) const {
  gradientMatrix(gradients, weights_, outputs_).noalias() += dY.transpose() * x;
  gradientMatrix(gradients, bias_, 1).noalias() += dY.colwise().sum();
  if (dX) dX->noalias() = dY * matrixOf(parameters[weights_]);
}

}  // namespace ll
