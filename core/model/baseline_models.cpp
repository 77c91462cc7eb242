// The baselines of the PDC paper: user-bias (ŷ = μ + b_u) and linear (ŷ = μ + b_u + w·x_i, where
// w·x_i reads the movie's features, its id, or both). Their user embedding is [b_u].
#include "core/model/layers/item_encoder.h"
#include "core/model/model_kinds.h"

namespace ll {
namespace {

class BaselineModel final : public Model {
 public:
  BaselineModel(const ModelConfig& config, DatasetPtr data, float globalMean, bool withItemTerm)
      : Model(config, std::move(data)) {
    global_ = parameters_.add("global_bias", 1, 1, false, 0.0f, globalMean);
    parameters_[global_].regularised = false;
    userBias_.block = parameters_.add("user_bias", userCount(), 1, true, 0.0f);
    if (withItemTerm) {
      itemTerm_ = ItemEncoder(parameters_, "item_weights", 1, data_->features, itemCount(), config.itemInput, 0.0f, 0.0f);
      hasItemTerm_ = true;
    }
  }

  void predict(std::span<const int32_t> users, std::span<const int32_t> items, std::span<float> out) const override {
    RowMatrix x, itemTerm;
    forward(users, items, x, itemTerm, out);
  }

  void forwardBackward(std::span<const int32_t> users, std::span<const int32_t> items, const LossGradient& lossGradient,
                       Gradients& gradients) const override {
    RowMatrix x, itemTerm;
    std::vector<float> predictions(users.size());
    forward(users, items, x, itemTerm, predictions);
    RowMatrix g(static_cast<Eigen::Index>(users.size()), 1);
    lossGradient(predictions, std::span<float>(g.data(), users.size()));
    float& dGlobal = gradients.dense(global_)[0];
    for (size_t s = 0; s < users.size(); ++s) {
      dGlobal += g(static_cast<Eigen::Index>(s), 0);
      gradients.row(userBias_.block, users[s])[0] += g(static_cast<Eigen::Index>(s), 0);
    }
    if (hasItemTerm_) itemTerm_.backward(items, x, g, gradients);
  }

  int32_t userEmbeddingDim() const override { return 1; }
  void userEmbedding(int32_t user, std::span<float> out) const override { out[0] = parameters_[userBias_.block].value[user]; }

 private:
  void forward(std::span<const int32_t> users, std::span<const int32_t> items, RowMatrix& x, RowMatrix& itemTerm,
               std::span<float> out) const {
    const float mu = parameters_[global_].value[0];
    const auto& bu = parameters_[userBias_.block].value;
    if (hasItemTerm_) itemTerm_.forward(parameters_, items, x, itemTerm);
    for (size_t s = 0; s < users.size(); ++s) {
      out[s] = mu + bu[users[s]] + (hasItemTerm_ ? itemTerm(static_cast<Eigen::Index>(s), 0) : 0.0f);
    }
  }

  int32_t global_ = -1;
  EmbeddingLookup userBias_;
  ItemEncoder itemTerm_;
  bool hasItemTerm_ = false;
};

}  // namespace

std::unique_ptr<Model> makeUserBiasModel(const ModelConfig& config, DatasetPtr data, float globalMean) {
  return std::make_unique<BaselineModel>(config, std::move(data), globalMean, false);
}

std::unique_ptr<Model> makeLinearModel(const ModelConfig& config, DatasetPtr data, float globalMean) {
  return std::make_unique<BaselineModel>(config, std::move(data), globalMean, true);
}

}  // namespace ll
