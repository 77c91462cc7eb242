// add and mul: neuron-level fusion with an additive or multiplicative mask (PDC paper):
//   m = W x_i + d,   h = σ(m + e_u)  or  h = σ(m ⊙ e_u),   ŷ = a·h + b   (hidden size z)
// Movie embedding: the hidden pre-activation m = W x_i + d.
#include "core/model/layers/activation.h"
#include "core/model/layers/item_encoder.h"
#include "core/model/model_kinds.h"

namespace ll {
namespace {

class MaskFusion final : public Model {
 public:
  MaskFusion(const ModelConfig& config, DatasetPtr data, float globalMean)
      : Model(config, std::move(data)), multiplicative_(config.kind == ModelKind::Mul) {
    const int32_t z = config.dim;
    const int32_t n = data_->features.count;
    encoder_ = ItemEncoder(parameters_, "item_weights", z, data_->features, itemCount(), config.itemInput,
                           denseInitSd(n), config.initSd * 10.0f);
    hiddenBias_ = parameters_.add("hidden_bias", 1, z, false, 0.0f);
    // A multiplicative mask starts near 1 so that σ(m ⊙ e) passes the item signal from the start.
    users_.block = parameters_.add("user_embedding", userCount(), z, true, config.initSd, multiplicative_ ? 1.0f : 0.0f);
    output_ = parameters_.add("output_weights", 1, z, false, denseInitSd(z) * 0.1f);
    outputBias_ = parameters_.add("output_bias", 1, 1, false, 0.0f, globalMean);
    parameters_[outputBias_].regularised = false;
  }

  void predict(std::span<const int32_t> users, std::span<const int32_t> items, std::span<float> out) const override {
    Activations a;
    forward(users, items, a, out);
  }

  void forwardBackward(std::span<const int32_t> users, std::span<const int32_t> items, const LossGradient& lossGradient,
                       Gradients& gradients) const override {
    Activations a;
    std::vector<float> predictions(users.size());
    forward(users, items, a, predictions);
    RowMatrix g(static_cast<Eigen::Index>(users.size()), 1);
    lossGradient(predictions, std::span<float>(g.data(), users.size()));
    const ConstMatrixMap outputWeights = matrixOf(parameters_[output_]);
    gradients.dense(outputBias_)[0] += g.sum();
    gradientMatrix(gradients, output_, 1).noalias() += g.transpose() * a.h;
    const RowMatrix dH = g * outputWeights;  // B × z
    RowMatrix dZ;
    activationBackward(config_.activation, a.z, a.h, dH, dZ);
    RowMatrix dM, dE;
    if (multiplicative_) {
      dM = (dZ.array() * a.e.array()).matrix();
      dE = (dZ.array() * a.m.array()).matrix();
    } else {
      dM = dZ;
      dE = dZ;
    }
    gradientMatrix(gradients, hiddenBias_, 1).noalias() += dM.colwise().sum();
    users_.backward(users, dE, gradients);
    encoder_.backward(items, a.x, dM, gradients);
  }

  int32_t userEmbeddingDim() const override { return config_.dim; }
  void userEmbedding(int32_t user, std::span<float> out) const override {
    const float* e = parameters_[users_.block].row(user);
    std::copy(e, e + config_.dim, out.begin());
  }
  int32_t itemEmbeddingDim() const override { return config_.dim; }
  void itemEmbeddings(std::span<const int32_t> items, std::span<float> out) const override {
    RowMatrix x, m;
    preActivation(items, x, m);
    std::copy(m.data(), m.data() + m.size(), out.begin());
  }

 private:
  struct Activations {
    RowMatrix x, m, e, z, h;
  };

  void preActivation(std::span<const int32_t> items, RowMatrix& x, RowMatrix& m) const {
    encoder_.forward(parameters_, items, x, m);
    m.rowwise() += Eigen::Map<const Eigen::RowVectorXf>(parameters_[hiddenBias_].value.data(), config_.dim);
  }

  void forward(std::span<const int32_t> users, std::span<const int32_t> items, Activations& a, std::span<float> out) const {
    preActivation(items, a.x, a.m);
    users_.forward(parameters_, users, a.e);
    a.z = multiplicative_ ? RowMatrix(a.m.array() * a.e.array()) : RowMatrix(a.m + a.e);
    activate(config_.activation, a.z, a.h);
    const ConstVectorMap outputWeights(parameters_[output_].value.data(), config_.dim);
    const Eigen::VectorXf y = a.h * outputWeights;
    const float b = parameters_[outputBias_].value[0];
    for (size_t s = 0; s < users.size(); ++s) out[s] = y(static_cast<Eigen::Index>(s)) + b;
  }

  bool multiplicative_;
  ItemEncoder encoder_;
  int32_t hiddenBias_ = -1;
  EmbeddingLookup users_;
  int32_t output_ = -1;
  int32_t outputBias_ = -1;
};

}  // namespace

std::unique_ptr<Model> makeFusionModel(const ModelConfig& config, DatasetPtr data, float globalMean) {
  return std::make_unique<MaskFusion>(config, std::move(data), globalMean);
}

}  // namespace ll
