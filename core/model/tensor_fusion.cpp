// tensor: linear tensor fusion (PDC paper): ŷ = b + w·x_i + a·e_u + e_uᵀ T x_i, T ∈ R^{z×n}.
// With the id as input, w·x_i and T x_i become a per-movie scalar and a per-movie z-vector.
// Movie embedding: T x_i.
#include "core/model/layers/item_encoder.h"
#include "core/model/model_kinds.h"

namespace ll {
namespace {

class TensorFusion final : public Model {
 public:
  TensorFusion(const ModelConfig& config, DatasetPtr data, float globalMean) : Model(config, std::move(data)) {
    const int32_t z = config.dim;
    const int32_t n = data_->features.count;
    bias_ = parameters_.add("bias", 1, 1, false, 0.0f, globalMean);
    parameters_[bias_].regularised = false;
    users_.block = parameters_.add("user_embedding", userCount(), z, true, config.initSd);
    userWeights_ = parameters_.add("user_weights", 1, z, false, 0.0f);
    linear_ = ItemEncoder(parameters_, "item_weights", 1, data_->features, itemCount(), config.itemInput, 0.0f, 0.0f);
    tensor_ = ItemEncoder(parameters_, "tensor", z, data_->features, itemCount(), config.itemInput,
                          0.1f * denseInitSd(n), config.initSd);
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
    const Eigen::RowVectorXf weights = matrixOf(parameters_[userWeights_]);
    gradients.dense(bias_)[0] += g.sum();
    gradientMatrix(gradients, userWeights_, 1).noalias() += g.transpose() * a.e;
    // ∂ŷ/∂e = a + T x; ∂ŷ/∂(T x) = e.
    const RowMatrix dE = g.asDiagonal() * (a.tx.rowwise() + weights);
    const RowMatrix dTx = g.asDiagonal() * a.e;
    users_.backward(users, dE, gradients);
    linear_.backward(items, a.x, g, gradients);
    tensor_.backward(items, a.x, dTx, gradients);
  }

  int32_t userEmbeddingDim() const override { return config_.dim; }
  void userEmbedding(int32_t user, std::span<float> out) const override {
    const float* e = parameters_[users_.block].row(user);
    std::copy(e, e + config_.dim, out.begin());
  }
  int32_t itemEmbeddingDim() const override { return config_.dim; }
  void itemEmbeddings(std::span<const int32_t> items, std::span<float> out) const override {
    RowMatrix x, tx;
    tensor_.forward(parameters_, items, x, tx);
    std::copy(tx.data(), tx.data() + tx.size(), out.begin());
  }

 private:
  struct Activations {
    RowMatrix x, wx, tx, e;
  };

  void forward(std::span<const int32_t> users, std::span<const int32_t> items, Activations& a, std::span<float> out) const {
    users_.forward(parameters_, users, a.e);
    linear_.forward(parameters_, items, a.x, a.wx);
    RowMatrix unused;
    tensor_.forward(parameters_, items, unused, a.tx);
    const float b = parameters_[bias_].value[0];
    const ConstVectorMap weights(parameters_[userWeights_].value.data(), config_.dim);
    const Eigen::VectorXf userTerm = a.e * weights;
    const Eigen::VectorXf interaction = (a.e.array() * a.tx.array()).rowwise().sum();
    for (size_t s = 0; s < users.size(); ++s) {
      const auto k = static_cast<Eigen::Index>(s);
      out[s] = b + a.wx(k, 0) + userTerm(k) + interaction(k);
    }
  }

  int32_t bias_ = -1;
  int32_t userWeights_ = -1;
  EmbeddingLookup users_;
  ItemEncoder linear_;
  ItemEncoder tensor_;
};

}  // namespace

std::unique_ptr<Model> makeTensorFusionModel(const ModelConfig& config, DatasetPtr data, float globalMean) {
  return std::make_unique<TensorFusion>(config, std::move(data), globalMean);
}

}  // namespace ll
