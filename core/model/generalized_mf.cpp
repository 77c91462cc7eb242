// gmf: generalised matrix factorisation (Rendle et al. 2020 eq. 7, without its σ — the logistic
// loss applies it in implicit mode), with mf's biases:
//   ŷ = μ + b_u + b_i + wᵀ(p_u ⊙ q_i),   w = √z · a / ‖a‖.
//
// Rendle et al. 2020 §3.3.3's pitfall: with only P and Q under L2, the rescaling (P/α, Q/α, α²w)
// leaves every prediction unchanged and shrinks the penalty, so regularisation means nothing and w
// drifts off to infinity. Putting w under L2 as well (what this model did before) stops the drift
// but trades w's length against P's and Q's: on real MovieLens 100K explicit gmf shrank its
// interaction and stopped after ~5 epochs at 1.126 test RMSE, worse than user-bias. Here w has a
// fixed length √z (only a's direction is learned, a is not under L2, and the gradient goes through
// the normalisation), so the penalty on P and Q means what it means in mf; and with mf's biases
// gmf starts (a = 1, so w = 1) exactly as biased mf and can only learn to weight the dimensions.
#include <cmath>

#include "core/model/layers/embedding_lookup.h"
#include "core/model/model_kinds.h"

namespace ll {
namespace {

class GeneralizedMF final : public Model {
 public:
  GeneralizedMF(const ModelConfig& config, DatasetPtr data, float globalMean) : Model(config, std::move(data)) {
    const int32_t z = config.dim;
    global_ = parameters_.add("global_bias", 1, 1, false, 0.0f, globalMean);
    parameters_[global_].regularised = false;
    parameters_[global_].trained = false;  // held at the mean, as in svdpp (svd_plus_plus.cpp says why)
    userBias_.block = parameters_.add("user_bias", userCount(), 1, true, 0.0f);
    itemBias_.block = parameters_.add("item_bias", itemCount(), 1, true, 0.0f);
    users_.block = parameters_.add("user_factors", userCount(), z, true, config.initSd);
    items_.block = parameters_.add("item_factors", itemCount(), z, true, config.initSd);
    direction_ = parameters_.add("gmf_direction", 1, z, false, 0.0f, 1.0f);
    parameters_[direction_].regularised = false;  // only its direction counts: a penalty would only shrink its length
  }

  void predict(std::span<const int32_t> users, std::span<const int32_t> items, std::span<float> out) const override {
    RowMatrix p, q, h;
    float norm = 0.0f;
    forward(users, items, p, q, h, norm, out);
  }

  void forwardBackward(std::span<const int32_t> users, std::span<const int32_t> items, const LossGradient& lossGradient,
                       Gradients& gradients) const override {
    RowMatrix p, q, h;
    float norm = 0.0f;
    std::vector<float> predictions(users.size());
    forward(users, items, p, q, h, norm, predictions);
    Eigen::VectorXf g(static_cast<Eigen::Index>(users.size()));
    lossGradient(predictions, std::span<float>(g.data(), users.size()));
    gradients.dense(global_)[0] += g.sum();
    for (size_t s = 0; s < users.size(); ++s) {
      gradients.row(userBias_.block, users[s])[0] += g(static_cast<Eigen::Index>(s));
      gradients.row(itemBias_.block, items[s])[0] += g(static_cast<Eigen::Index>(s));
    }
    // w = √z·â with â = a/‖a‖: ∂L/∂a = (√z/‖a‖)·(∂L/∂w − â(âᵀ ∂L/∂w)), the part of ∂L/∂w across â.
    const Eigen::Map<const Eigen::RowVectorXf> a(parameters_[direction_].value.data(), config_.dim);
    const Eigen::RowVectorXf unit = a / norm;
    const Eigen::RowVectorXf dW = g.transpose() * h;
    const float scale = std::sqrt(static_cast<float>(config_.dim));
    gradientMatrix(gradients, direction_, 1).noalias() += (scale / norm) * (dW - unit * unit.dot(dW));
    const RowMatrix dH = g * (scale * unit);
    users_.backward(users, RowMatrix(dH.array() * q.array()), gradients);
    items_.backward(items, RowMatrix(dH.array() * p.array()), gradients);
  }

  /// [p_u ⊙ w; b_u]: the user side of the interaction as the prediction sees it, and the bias (as mf's [p_u; b_u]).
  int32_t userEmbeddingDim() const override { return config_.dim + 1; }
  void userEmbedding(int32_t user, std::span<float> out) const override {
    const float* p = parameters_[users_.block].row(user);
    const Eigen::RowVectorXf w = weights();
    for (int32_t f = 0; f < config_.dim; ++f) out[f] = p[f] * w(f);
    out[config_.dim] = parameters_[userBias_.block].value[user];
  }
  int32_t itemEmbeddingDim() const override { return config_.dim; }
  void itemEmbeddings(std::span<const int32_t> items, std::span<float> out) const override {
    const ParameterBlock& q = parameters_[items_.block];
    for (size_t s = 0; s < items.size(); ++s) std::copy(q.row(items[s]), q.row(items[s]) + q.cols, out.begin() + s * q.cols);
  }

 private:
  // ‖a‖, kept away from 0 so a degenerate a cannot divide by zero.
  float directionNorm() const {
    const Eigen::Map<const Eigen::RowVectorXf> a(parameters_[direction_].value.data(), config_.dim);
    return std::max(a.norm(), 1e-12f);
  }
  Eigen::RowVectorXf weights() const {
    const Eigen::Map<const Eigen::RowVectorXf> a(parameters_[direction_].value.data(), config_.dim);
    return a * (std::sqrt(static_cast<float>(config_.dim)) / directionNorm());
  }

  void forward(std::span<const int32_t> users, std::span<const int32_t> items, RowMatrix& p, RowMatrix& q, RowMatrix& h,
               float& norm, std::span<float> out) const {
    users_.forward(parameters_, users, p);
    items_.forward(parameters_, items, q);
    h = p.cwiseProduct(q);
    norm = directionNorm();
    const Eigen::VectorXf y = h * weights().transpose();
    const float mu = parameters_[global_].value[0];
    const ParameterBlock& bu = parameters_[userBias_.block];
    const ParameterBlock& bi = parameters_[itemBias_.block];
    for (size_t s = 0; s < users.size(); ++s) out[s] = mu + bu.value[users[s]] + bi.value[items[s]] + y(static_cast<Eigen::Index>(s));
  }

  int32_t global_ = -1;
  EmbeddingLookup userBias_, itemBias_, users_, items_;
  int32_t direction_ = -1;
};

}  // namespace

std::unique_ptr<Model> makeGeneralizedMF(const ModelConfig& config, DatasetPtr data, float globalMean) {
  return std::make_unique<GeneralizedMF>(config, std::move(data), globalMean);
}

}  // namespace ll
