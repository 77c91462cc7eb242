// fm: a degree-2 factorization machine over [onehot(u); x_i] (PDC paper), where x_i is the movie's
// features, its one-hot id, or both. With s_f = Σ_j v_jf x_j and q_f = Σ_j v_jf² x_j² over all
// active inputs j (the O(nz) identity):
//   ŷ = w0 + Σ_j w_j x_j + ½ Σ_f (s_f² − q_f)
// User embedding: [v_u; w_u]. Movie embedding: the item part of s (Σ_{j∈item} v_j x_j).
#include "core/model/layers/embedding_lookup.h"
#include "core/model/layers/item_encoder.h"
#include "core/model/model_kinds.h"

namespace ll {
namespace {

class FactorizationMachine final : public Model {
 public:
  FactorizationMachine(const ModelConfig& config, DatasetPtr data, float globalMean) : Model(config, std::move(data)) {
    const int32_t z = config.dim;
    global_ = parameters_.add("global_bias", 1, 1, false, 0.0f, globalMean);
    parameters_[global_].regularised = false;
    userWeight_.block = parameters_.add("user_weight", userCount(), 1, true, 0.0f);
    itemWeight_ = ItemEncoder(parameters_, "item_weight", 1, data_->features, itemCount(), config.itemInput, 0.0f, 0.0f);
    userFactors_.block = parameters_.add("user_factors", userCount(), z, true, config.initSd);
    // The item factors as a z × n map, so V x = (x Vᵀ) reuses the encoder; v_k is column k.
    itemFactors_ = ItemEncoder(parameters_, "item_factors", z, data_->features, itemCount(), config.itemInput,
                               config.initSd, config.initSd);
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
    gradients.dense(global_)[0] += g.sum();
    userWeight_.backward(users, g, gradients);
    itemWeight_.backward(items, a.x, g, gradients);
    // ∂ŷ/∂v_jf = x_j s_f − v_jf x_j²: the user's and the id's x_j is 1.
    const RowMatrix gs = g.asDiagonal() * a.s;  // B × z
    userFactors_.backward(users, RowMatrix(gs - g.asDiagonal() * a.vu), gradients);
    if (itemFactors_.usesFeatures()) {
      const int32_t block = itemFactors_.featureBlock();
      const ConstMatrixMap v = matrixOf(parameters_[block]);  // z × n
      const Eigen::RowVectorXf gx2 = g.transpose() * a.x.array().square().matrix();  // 1 × n
      gradientMatrix(gradients, block, config_.dim).noalias() += gs.transpose() * a.x;
      gradientMatrix(gradients, block, config_.dim) -= (v.array().rowwise() * gx2.array()).matrix();
    }
    if (itemFactors_.usesId()) {
      const int32_t block = parameters_.find("item_factors.id");
      for (size_t s = 0; s < items.size(); ++s) {
        const auto k = static_cast<Eigen::Index>(s);
        float* dv = gradients.row(block, items[s]);
        const float* v = parameters_[block].row(items[s]);
        for (int32_t f = 0; f < config_.dim; ++f) dv[f] += gs(k, f) - g(k, 0) * v[f];
      }
    }
  }

  int32_t userEmbeddingDim() const override { return config_.dim + 1; }
  void userEmbedding(int32_t user, std::span<float> out) const override {
    const float* v = parameters_[userFactors_.block].row(user);
    std::copy(v, v + config_.dim, out.begin());
    out[config_.dim] = parameters_[userWeight_.block].value[user];
  }
  int32_t itemEmbeddingDim() const override { return config_.dim; }
  void itemEmbeddings(std::span<const int32_t> items, std::span<float> out) const override {
    RowMatrix x, vx;
    itemFactors_.forward(parameters_, items, x, vx);
    std::copy(vx.data(), vx.data() + vx.size(), out.begin());
  }

 private:
  struct Activations {
    RowMatrix x, wx, vu, s;
  };

  void forward(std::span<const int32_t> users, std::span<const int32_t> items, Activations& a, std::span<float> out) const {
    RowMatrix wu;
    userWeight_.forward(parameters_, users, wu);
    itemWeight_.forward(parameters_, items, a.x, a.wx);
    userFactors_.forward(parameters_, users, a.vu);
    RowMatrix vx;
    RowMatrix unused;
    itemFactors_.forward(parameters_, items, unused, vx);
    a.s = a.vu + vx;
    // Σ_j v_jf² x_j² over the user, the features and the id.
    RowMatrix q = a.vu.array().square().matrix();
    if (itemFactors_.usesFeatures()) {
      const ConstMatrixMap v = matrixOf(parameters_[itemFactors_.featureBlock()]);
      q.noalias() += a.x.array().square().matrix() * v.array().square().matrix().transpose();
    }
    if (itemFactors_.usesId()) {
      const ParameterBlock& idFactors = parameters_[parameters_.find("item_factors.id")];
      for (size_t s = 0; s < items.size(); ++s) {
        q.row(static_cast<Eigen::Index>(s)) += Eigen::Map<const Eigen::RowVectorXf>(idFactors.row(items[s]), config_.dim).array().square().matrix();
      }
    }
    const Eigen::VectorXf pairwise = 0.5f * (a.s.array().square() - q.array()).rowwise().sum();
    const float w0 = parameters_[global_].value[0];
    for (size_t s = 0; s < users.size(); ++s) {
      const auto k = static_cast<Eigen::Index>(s);
      out[s] = w0 + wu(k, 0) + a.wx(k, 0) + pairwise(k);
    }
  }

  int32_t global_ = -1;
  EmbeddingLookup userWeight_;
  ItemEncoder itemWeight_;
  EmbeddingLookup userFactors_;
  ItemEncoder itemFactors_;
};

}  // namespace

std::unique_ptr<Model> makeFactorizationMachine(const ModelConfig& config, DatasetPtr data, float globalMean) {
  return std::make_unique<FactorizationMachine>(config, std::move(data), globalMean);
}

}  // namespace ll
