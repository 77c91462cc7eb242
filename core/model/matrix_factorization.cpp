// mf: biased matrix factorisation (Rendle et al. 2020, Latent Spaces 2021):
// ŷ = μ + b_u + b_i + p_u·q_i.
#include "core/model/layers/embedding_lookup.h"
#include "core/model/model_kinds.h"

namespace ll {
namespace {

class MatrixFactorization final : public Model {
 public:
  MatrixFactorization(const ModelConfig& config, DatasetPtr data, float globalMean) : Model(config, std::move(data)) {
    const int32_t z = config.dim;
    global_ = parameters_.add("global_bias", 1, 1, false, 0.0f, globalMean);
    parameters_[global_].regularised = false;
    userBias_.block = parameters_.add("user_bias", userCount(), 1, true, 0.0f);
    itemBias_.block = parameters_.add("item_bias", itemCount(), 1, true, 0.0f);
    userFactors_.block = parameters_.add("user_factors", userCount(), z, true, config.initSd);
    itemFactors_.block = parameters_.add("item_factors", itemCount(), z, true, config.initSd);
  }

  void predict(std::span<const int32_t> users, std::span<const int32_t> items, std::span<float> out) const override {
    const float mu = parameters_[global_].value[0];
    const ParameterBlock& bu = parameters_[userBias_.block];
    const ParameterBlock& bi = parameters_[itemBias_.block];
    const ParameterBlock& p = parameters_[userFactors_.block];
    const ParameterBlock& q = parameters_[itemFactors_.block];
    for (size_t s = 0; s < users.size(); ++s) {
      const float* pu = p.row(users[s]);
      const float* qi = q.row(items[s]);
      float dot = 0.0f;
      for (int32_t f = 0; f < p.cols; ++f) dot += pu[f] * qi[f];
      out[s] = mu + bu.value[users[s]] + bi.value[items[s]] + dot;
    }
  }

  void forwardBackward(std::span<const int32_t> users, std::span<const int32_t> items, const LossGradient& lossGradient,
                       Gradients& gradients) const override {
    std::vector<float> predictions(users.size()), g(users.size());
    predict(users, items, predictions);
    lossGradient(predictions, g);
    const ParameterBlock& p = parameters_[userFactors_.block];
    const ParameterBlock& q = parameters_[itemFactors_.block];
    float& dGlobal = gradients.dense(global_)[0];
    for (size_t s = 0; s < users.size(); ++s) {
      const int32_t u = users[s], i = items[s];
      dGlobal += g[s];
      gradients.row(userBias_.block, u)[0] += g[s];
      gradients.row(itemBias_.block, i)[0] += g[s];
      float* dp = gradients.row(userFactors_.block, u);
      float* dq = gradients.row(itemFactors_.block, i);
      const float* pu = p.row(u);
      const float* qi = q.row(i);
      for (int32_t f = 0; f < p.cols; ++f) {
        dp[f] += g[s] * qi[f];
        dq[f] += g[s] * pu[f];
      }
    }
  }

  int32_t userEmbeddingDim() const override { return config_.dim + 1; }
  void userEmbedding(int32_t user, std::span<float> out) const override {
    const float* pu = parameters_[userFactors_.block].row(user);
    std::copy(pu, pu + config_.dim, out.begin());
    out[config_.dim] = parameters_[userBias_.block].value[user];
  }
  int32_t itemEmbeddingDim() const override { return config_.dim; }
  void itemEmbeddings(std::span<const int32_t> items, std::span<float> out) const override {
    const ParameterBlock& q = parameters_[itemFactors_.block];
    for (size_t s = 0; s < items.size(); ++s) std::copy(q.row(items[s]), q.row(items[s]) + q.cols, out.begin() + s * q.cols);
  }

 private:
  int32_t global_ = -1;
  EmbeddingLookup userBias_, itemBias_, userFactors_, itemFactors_;
};

}  // namespace

std::unique_ptr<Model> makeMatrixFactorization(const ModelConfig& config, DatasetPtr data, float globalMean) {
  return std::make_unique<MatrixFactorization>(config, std::move(data), globalMean);
}

}  // namespace ll
