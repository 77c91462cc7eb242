#pragma once
// A stack of dense layers with ReLU between them (Rendle et al. 2020 eq. 4: f_L(… f_1(x) …)), used
// by mlp, neumf, deepmf and nrp. Every layer but the last is followed by the hidden activation
// (ReLU but in nrp, which reads ModelConfig::activation as the NRP paper's Table 6 tunes it); the
// last one is linear unless reluOnLast (neumf feeds the tower's last hidden layer into its own
// output layer).
//
// Shapes: sizes = {in, h_1, …, h_L}; X is batch × in, Y is batch × h_L.

#include <string>
#include <vector>

#include "core/model/layers/dense_layer.h"
#include "core/model/model_config.h"

namespace ll {

class MlpTower {
 public:
  /// What forward() keeps for backward(): each layer's input and pre-activation.
  struct Cache {
    std::vector<RowMatrix> inputs;
    std::vector<RowMatrix> preActivations;
  };

  MlpTower() = default;
  /// Adds "<name>.<k>.weights/bias" for each layer k (He-initialised before a ReLU, 1/√fan-in before
  /// other activations, so signals keep their size through the stack). outputBias is the last
  /// layer's initial bias; hidden the activation after every layer but the last (default: ReLU).
  MlpTower(Parameters& parameters, const std::string& name, std::vector<int32_t> sizes, bool reluOnLast,
           float outputBias = 0.0f, Activation hidden = Activation::Relu);

  int32_t inputs() const { return sizes_.empty() ? 0 : sizes_.front(); }
  int32_t outputs() const { return sizes_.empty() ? 0 : sizes_.back(); }
  const std::vector<DenseLayer>& layers() const { return layers_; }

  void forward(const Parameters& parameters, const RowMatrix& x, Cache& cache, RowMatrix& y) const;
  /// Adds the layers' gradients; writes dX (batch × in) when given.
  void backward(const Parameters& parameters, const Cache& cache, const RowMatrix& y, const RowMatrix& dY,
                Gradients& gradients, RowMatrix* dX) const;

 private:
  bool hasActivation(size_t layer) const { return layer + 1 < layers_.size() || reluOnLast_; }

  std::vector<int32_t> sizes_;
  std::vector<DenseLayer> layers_;
  bool reluOnLast_ = false;
  Activation hidden_ = Activation::Relu;
};

/// Halving tower sizes {in, in/2, in/4, …} with `hidden` hidden layers, each at least 1 wide.
std::vector<int32_t> halvingSizes(int32_t in, int32_t hidden);

}  // namespace ll
