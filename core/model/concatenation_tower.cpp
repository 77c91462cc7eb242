// mlp and deepmf: an MLP over the concatenated user and movie embeddings.
//   mlp (Rendle et al. 2020 eq. 4, NCF's tower):  [p_u; q_i] (2z) → z → z/2 → ŷ, ReLU between
//     layers.
//   deepmf (Latent Spaces 2021 §4.9, Figure 10):  [p_u; q_i] + ε → 2z → z → z/2 → ŷ, three ReLU
//     hidden layers, with ε ~ N(0, noiseSd²) a Gaussian-noise layer in place of weight regularisation.
// The noise is added in forwardBackward only (training); predict() is the noise-free model. It is
// drawn from a stream seeded by config().seed and the batch's (user, item) pairs, so a batch gets
// the same noise however often it is replayed (exact resumes, reproducible runs) and a gradient
// check turns it off with noiseSd = 0.
#include "core/model/layers/embedding_lookup.h"
#include "core/model/layers/mlp_tower.h"
#include "core/model/model_kinds.h"
#include "core/util/random.h"

namespace ll {
namespace {

uint64_t mixBits(uint64_t x) {
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDULL;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ULL;
  return x ^ (x >> 33);
}

class ConcatenationTower final : public Model {
 public:
  ConcatenationTower(const ModelConfig& config, DatasetPtr data, float globalMean, std::vector<int32_t> hidden,
                     float noiseSd)
      : Model(config, std::move(data)), noiseSd_(noiseSd) {
    const int32_t z = config.dim;
    users_.block = parameters_.add("user_factors", userCount(), z, true, config.initSd);
    items_.block = parameters_.add("item_factors", itemCount(), z, true, config.initSd);
    std::vector<int32_t> sizes = {2 * z};
    sizes.insert(sizes.end(), hidden.begin(), hidden.end());
    sizes.push_back(1);
    tower_ = MlpTower(parameters_, "tower", sizes, false, globalMean);
    // The output bias carries the rating scale; shrinking it would only bias predictions.
    parameters_[tower_.layers().back().biasBlock()].regularised = false;
  }

  void predict(std::span<const int32_t> users, std::span<const int32_t> items, std::span<float> out) const override {
    RowMatrix x, y;
    MlpTower::Cache cache;
    concatenate(users, items, x);
    tower_.forward(parameters_, x, cache, y);
    std::copy(y.data(), y.data() + y.size(), out.begin());
  }

  void forwardBackward(std::span<const int32_t> users, std::span<const int32_t> items, const LossGradient& lossGradient,
                       Gradients& gradients) const override {
    RowMatrix x, y;
    MlpTower::Cache cache;
    concatenate(users, items, x);
    if (noiseSd_ > 0.0f) addNoise(users, items, x);
    tower_.forward(parameters_, x, cache, y);
    RowMatrix g(y.rows(), 1);
    lossGradient(std::span<const float>(y.data(), users.size()), std::span<float>(g.data(), users.size()));
    RowMatrix dX;
    tower_.backward(parameters_, cache, y, g, gradients, &dX);  // the noise is additive: dX is unchanged by it
    const int32_t z = config_.dim;
    users_.backward(users, dX.leftCols(z), gradients);
    items_.backward(items, dX.rightCols(z), gradients);
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
  void concatenate(std::span<const int32_t> users, std::span<const int32_t> items, RowMatrix& x) const {
    const int32_t z = config_.dim;
    RowMatrix p, q;
    users_.forward(parameters_, users, p);
    items_.forward(parameters_, items, q);
    x.resize(p.rows(), 2 * z);
    x.leftCols(z) = p;
    x.rightCols(z) = q;
  }

  void addNoise(std::span<const int32_t> users, std::span<const int32_t> items, RowMatrix& x) const {
    uint64_t key = mixBits(config_.seed + 0x6E6F697365ULL);
    for (size_t s = 0; s < users.size(); ++s) {
      key = mixBits(key ^ (static_cast<uint64_t>(static_cast<uint32_t>(users[s])) << 32 | static_cast<uint32_t>(items[s])));
    }
    Random random(key);
    for (Eigen::Index k = 0; k < x.size(); ++k) x.data()[k] += static_cast<float>(random.normal(0.0, noiseSd_));
  }

  float noiseSd_;
  EmbeddingLookup users_, items_;
  MlpTower tower_;
};

}  // namespace

std::unique_ptr<Model> makeMlpSimilarity(const ModelConfig& config, DatasetPtr data, float globalMean) {
  const int32_t z = config.dim;
  return std::make_unique<ConcatenationTower>(config, std::move(data), globalMean,
                                              std::vector<int32_t>{z, std::max(1, z / 2)}, 0.0f);
}

std::unique_ptr<Model> makeDeepMF(const ModelConfig& config, DatasetPtr data, float globalMean) {
  const int32_t z = config.dim;
  return std::make_unique<ConcatenationTower>(config, std::move(data), globalMean,
                                              std::vector<int32_t>{2 * z, z, std::max(1, z / 2)}, config.noiseSd);
}

}  // namespace ll
