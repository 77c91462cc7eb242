// gmf: generalised matrix factorisation (Rendle et al. 2020 eq. 7, without its σ — the logistic
// loss applies it in implicit mode): ŷ = aᵀ(p_u ⊙ q_i) + b.
//
// Rendle et al. 2020 §3.3.3's pitfall: with only P and Q under L2, the rescaling (P/α, Q/α, α²a)
// leaves every prediction unchanged and shrinks the penalty, so regularisation means nothing and a
// drifts off to infinity. Here a is a regularised block like P and Q (the optimizer's L2 covers
// every block not marked otherwise), and it starts at 1 so that gmf begins as the plain dot
// product.
#include "core/model/layers/embedding_lookup.h"
#include "core/model/model_kinds.h"

namespace ll {
namespace {

class GeneralizedMF final : public Model {
 public:
  GeneralizedMF(const ModelConfig& config, DatasetPtr data, float globalMean) : Model(config, std::move(data)) {
    const int32_t z = config.dim;
    users_.block = parameters_.add("user_factors", userCount(), z, true, config.initSd);
    items_.block = parameters_.add("item_factors", itemCount(), z, true, config.initSd);
    weights_ = parameters_.add("gmf_weights", 1, z, false, 0.0f, 1.0f);
    bias_ = parameters_.add("output_bias", 1, 1, false, 0.0f, globalMean);
    parameters_[bias_].regularised = false;
  }

  void predict(std::span<const int32_t> users, std::span<const int32_t> items, std::span<float> out) const override {
    RowMatrix p, q, h;
    forward(users, items, p, q, h, out);
  }

  void forwardBackward(std::span<const int32_t> users, std::span<const int32_t> items, const LossGradient& lossGradient,
                       Gradients& gradients) const override {
    RowMatrix p, q, h;
    std::vector<float> predictions(users.size());
    forward(users, items, p, q, h, predictions);
    Eigen::VectorXf g(static_cast<Eigen::Index>(users.size()));
    lossGradient(predictions, std::span<float>(g.data(), users.size()));
    gradients.dense(bias_)[0] += g.sum();
    gradientMatrix(gradients, weights_, 1).noalias() += g.transpose() * h;
    const RowMatrix dH = g * Eigen::Map<const Eigen::RowVectorXf>(parameters_[weights_].value.data(), config_.dim);
    users_.backward(users, RowMatrix(dH.array() * q.array()), gradients);
    items_.backward(items, RowMatrix(dH.array() * p.array()), gradients);
  }

  int32_t userEmbeddingDim() const override { return config_.dim; }
  void userEmbedding(int32_t user, std::span<float> out) const override {
    const float* p = parameters_[users_.block].row(user);
    std::copy(p, p + config_.dim, out.begin());
  }
  int32_t itemEmbeddingDim() const override { return config_.dim; }
  void itemEmbeddings(std::span<const int32_t> items, std::span<float> out) const override {
    const ParameterBlock& q = parameters_[items_.block];
    for (size_t s = 0; s < items.size(); ++s) std::copy(q.row(items[s]), q.row(items[s]) + q.cols, out.begin() + s * q.cols);
  }

 private:
  void forward(std::span<const int32_t> users, std::span<const int32_t> items, RowMatrix& p, RowMatrix& q, RowMatrix& h,
               std::span<float> out) const {
    users_.forward(parameters_, users, p);
    items_.forward(parameters_, items, q);
    h = p.cwiseProduct(q);
    const Eigen::VectorXf y = h * ConstVectorMap(parameters_[weights_].value.data(), config_.dim);
    const float b = parameters_[bias_].value[0];
    for (size_t s = 0; s < users.size(); ++s) out[s] = y(static_cast<Eigen::Index>(s)) + b;
  }

  EmbeddingLookup users_, items_;
  int32_t weights_ = -1;
  int32_t bias_ = -1;
};

}  // namespace

std::unique_ptr<Model> makeGeneralizedMF(const ModelConfig& config, DatasetPtr data, float globalMean) {
  return std::make_unique<GeneralizedMF>(config, std::move(data), globalMean);
}

}  // namespace ll
