// neumf: neural matrix factorisation (Rendle et al. 2020 eqs. 5–7): a gmf part and an mlp part
// with their own embedding tables, fused by one output layer:
//   ŷ = a_gᵀ (p_u ⊙ q_i) + a_mᵀ tower([p'_u; q'_i]) + b,   tower: 2z_m → z_m → z_m/2, ReLU throughout.
// Embedding split as Rendle et al. 2020 (A.3) describes NCF's: 2/3 of z to the mlp part
// (z_m = round(2z/3)), the rest to gmf (z_g = z − z_m, at least 1).
//
// Rendle et al. 2020's regularisation pitfall, and what we do about it, per part:
// - gmf part: a_g is under L2 like the embeddings (a separate block, not marked unregularised), so
//   the output-preserving rescaling (P/α, Q/α, α²a_g) cannot escape the penalty; a_g starts at 1,
//   so the part starts as the plain dot product, exactly as gmf alone does.
// - mlp part: its own tables (not shared with gmf, whose scale the product structure sets), He-
//   initialised tower, a_m ~ N(0, 1/(z_m/2)) as the mlp model's linear output layer starts.
// So at initialisation neumf is the sum of a gmf and an mlp as each would start alone, and either
// part's solution is reachable (the other part's output weights → 0) under the same penalty: the
// combination is not regularised into something worse than its parts. Only b is unregularised.
#include "core/model/layers/embedding_lookup.h"
#include "core/model/layers/mlp_tower.h"
#include "core/model/model_kinds.h"

namespace ll {
namespace {

class NeuralMF final : public Model {
 public:
  NeuralMF(const ModelConfig& config, DatasetPtr data, float globalMean)
      : Model(config, std::move(data)),
        mlpDim_(std::max(1, (2 * config.dim + 1) / 3)),
        gmfDim_(std::max(1, config.dim - mlpDim_)) {
    gmfUsers_.block = parameters_.add("gmf.user_factors", userCount(), gmfDim_, true, config.initSd);
    gmfItems_.block = parameters_.add("gmf.item_factors", itemCount(), gmfDim_, true, config.initSd);
    mlpUsers_.block = parameters_.add("mlp.user_factors", userCount(), mlpDim_, true, config.initSd);
    mlpItems_.block = parameters_.add("mlp.item_factors", itemCount(), mlpDim_, true, config.initSd);
    tower_ = MlpTower(parameters_, "mlp.tower", halvingSizes(2 * mlpDim_, 2), true);
    gmfWeights_ = parameters_.add("output.gmf_weights", 1, gmfDim_, false, 0.0f, 1.0f);
    mlpWeights_ = parameters_.add("output.mlp_weights", 1, tower_.outputs(), false, denseInitSd(tower_.outputs()));
    bias_ = parameters_.add("output.bias", 1, 1, false, 0.0f, globalMean);
    parameters_[bias_].regularised = false;
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
    Eigen::VectorXf g(static_cast<Eigen::Index>(users.size()));
    lossGradient(predictions, std::span<float>(g.data(), users.size()));
    gradients.dense(bias_)[0] += g.sum();
    // gmf part
    gradientMatrix(gradients, gmfWeights_, 1).noalias() += g.transpose() * a.product;
    const RowMatrix dProduct = g * Eigen::Map<const Eigen::RowVectorXf>(parameters_[gmfWeights_].value.data(), gmfDim_);
    gmfUsers_.backward(users, RowMatrix(dProduct.array() * a.q.array()), gradients);
    gmfItems_.backward(items, RowMatrix(dProduct.array() * a.p.array()), gradients);
    // mlp part
    gradientMatrix(gradients, mlpWeights_, 1).noalias() += g.transpose() * a.h;
    const RowMatrix dH = g * Eigen::Map<const Eigen::RowVectorXf>(parameters_[mlpWeights_].value.data(), tower_.outputs());
    RowMatrix dX;
    tower_.backward(parameters_, a.cache, a.h, dH, gradients, &dX);
    mlpUsers_.backward(users, dX.leftCols(mlpDim_), gradients);
    mlpItems_.backward(items, dX.rightCols(mlpDim_), gradients);
  }

  /// [p_u (gmf); p'_u (mlp)]
  int32_t userEmbeddingDim() const override { return gmfDim_ + mlpDim_; }
  void userEmbedding(int32_t user, std::span<float> out) const override {
    const float* p = parameters_[gmfUsers_.block].row(user);
    const float* pm = parameters_[mlpUsers_.block].row(user);
    std::copy(p, p + gmfDim_, out.begin());
    std::copy(pm, pm + mlpDim_, out.begin() + gmfDim_);
  }
  /// [q_i (gmf); q'_i (mlp)]
  int32_t itemEmbeddingDim() const override { return gmfDim_ + mlpDim_; }
  void itemEmbeddings(std::span<const int32_t> items, std::span<float> out) const override {
    const ParameterBlock& q = parameters_[gmfItems_.block];
    const ParameterBlock& qm = parameters_[mlpItems_.block];
    const size_t dim = static_cast<size_t>(gmfDim_ + mlpDim_);
    for (size_t s = 0; s < items.size(); ++s) {
      std::copy(q.row(items[s]), q.row(items[s]) + gmfDim_, out.begin() + s * dim);
      std::copy(qm.row(items[s]), qm.row(items[s]) + mlpDim_, out.begin() + s * dim + gmfDim_);
    }
  }

 private:
  struct Activations {
    RowMatrix p, q, product, x, h;
    MlpTower::Cache cache;
  };

  void forward(std::span<const int32_t> users, std::span<const int32_t> items, Activations& a, std::span<float> out) const {
    gmfUsers_.forward(parameters_, users, a.p);
    gmfItems_.forward(parameters_, items, a.q);
    a.product = a.p.cwiseProduct(a.q);
    RowMatrix pm, qm;
    mlpUsers_.forward(parameters_, users, pm);
    mlpItems_.forward(parameters_, items, qm);
    a.x.resize(pm.rows(), 2 * mlpDim_);
    a.x.leftCols(mlpDim_) = pm;
    a.x.rightCols(mlpDim_) = qm;
    tower_.forward(parameters_, a.x, a.cache, a.h);
    const Eigen::VectorXf y = a.product * ConstVectorMap(parameters_[gmfWeights_].value.data(), gmfDim_) +
                              a.h * ConstVectorMap(parameters_[mlpWeights_].value.data(), tower_.outputs());
    const float b = parameters_[bias_].value[0];
    for (size_t s = 0; s < users.size(); ++s) out[s] = y(static_cast<Eigen::Index>(s)) + b;
  }

  int32_t mlpDim_;
  int32_t gmfDim_;
  EmbeddingLookup gmfUsers_, gmfItems_, mlpUsers_, mlpItems_;
  MlpTower tower_;
  int32_t gmfWeights_ = -1;
  int32_t mlpWeights_ = -1;
  int32_t bias_ = -1;
};

}  // namespace

std::unique_ptr<Model> makeNeuralMF(const ModelConfig& config, DatasetPtr data, float globalMean) {
  return std::make_unique<NeuralMF>(config, std::move(data), globalMean);
}

}  // namespace ll
