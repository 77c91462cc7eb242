// accm, accm-mlp: ACCM (Shi et al. 2018, "Attention-based Adaptive Model to Unify Warm and Cold Starts
// Recommendation"), the one direct structure among the NRP paper's hybrid baselines (its §3.2 and
// §4: IDs through an embedding layer, side information through NRP-direct's encoder structure, a
// weighted sum of the two, a dot product). Each side has a collaborative representation (its ID
// embedding) and a content one (its bag of words), mixed by weights an attention network gives:
//   collaborative: e_u = P[u]                                  (z wide)
//   content:       t_u = σ(Σ_w s_uw S[w] + d)                  (s_u: the user's bag of words at unit length)
//   attention:     a_x = h · tanh(W x + b) for x ∈ {e_u, t_u},  (α_e, α_t) = softmax(a_e, a_t)
//   user:          p_u = α_e e_u + α_t t_u
// and the same for the movie (Q, its own S', d', W', b', h'), then
//   accm:     ŷ = μ + b_u + b_i + p_u · q_i
//   accm-mlp: ŷ = h([p_u; q_i]), h NRP-direct's prediction network (2z → z → z/2 → 1, ReLU between
//             layers; the NRP paper's ACCMMLP), without the biases
// σ is ModelConfig::activation (the NRP paper's Table 6 takes tanh for ACCM on ml100k). The content
// encoder is NRP-direct's side-word part (nrp_direct.cpp: one table over the whole bag, read as an
// embedding bag) z wide rather than z/2, as the sum needs both sources alike. A side without words
// has no content part and no attention: its representation is its ID embedding.
// ACCM's "cold sampling" (zeroing a share of the ID embeddings in training, for cold-start users)
// is left out: every user and movie of a split here has training ratings.
//
// Blocks: user_factors U×z, movie_factors I×z; accm: user_bias U, movie_bias I, global 1; accm-mlp:
// predictor.<k>.weights/bias; per side with words (V of them): <side>_content.words V×z,
// <side>_content.bias z, <side>_attention.weights z×z, <side>_attention.bias z,
// <side>_attention.context z. Parameter count (zh = max(1, z/2)):
//   accm      (U + I)(z + 1) + 1 + Σ over sides with words (V z + z² + 3z)
//   accm-mlp  (U + I) z + 2z² + z + zh z + 2zh + 1 + Σ over sides with words (V z + z² + 3z)
#include <algorithm>
#include <vector>

#include "core/data/side_information.h"
#include "core/model/layers/activation.h"
#include "core/model/layers/dense_layer.h"
#include "core/model/layers/embedding_lookup.h"
#include "core/model/layers/mlp_tower.h"
#include "core/model/layers/profile_encoder.h"
#include "core/model/model_kinds.h"

namespace ll {
namespace {

// One side's representation: its ID embedding and, when the side has words, the attention-weighted
// sum of that and its content encoding.
class AttentiveRepresentation {
 public:
  /// What forward() keeps for backward(). sources stacks the rows' e (top) over their t (bottom).
  struct Cache {
    RowMatrix collaborative, contentPre, content, sources, keysPre, keys, out;
    Eigen::VectorXf collaborativeWeight;  ///< α_e per row
  };

  AttentiveRepresentation() = default;
  /// words: the side's bags at unit length over vocabulary columns; vocabulary 0: no content part.
  AttentiveRepresentation(Parameters& parameters, const std::string& name, int32_t entities, int32_t dim, float initSd,
                          const SparseProfiles& words, int32_t vocabulary, Activation activation)
      : words_(&words), dim_(dim), activation_(activation) {
    ids_.block = parameters.add(name + "_factors", entities, dim, true, initSd);
    if (vocabulary == 0) return;
    // The word table starts at the ID embeddings' scale, so both sources start alike and the dot
    // product starts near zero, as mf's does.
    content_.table = parameters.add(name + "_content.words", vocabulary, dim, true, initSd);
    contentBias_ = parameters.add(name + "_content.bias", 1, dim, false, 0.0f);
    attention_ = DenseLayer(parameters, name + "_attention", dim, dim, denseInitSd(dim));
    context_ = parameters.add(name + "_attention.context", 1, dim, false, denseInitSd(dim));
  }

  bool hasContent() const { return content_.table >= 0; }

  /// c.out: ids.size() × z
  void forward(const Parameters& parameters, std::span<const int32_t> ids, Cache& c) const {
    ids_.forward(parameters, ids, c.collaborative);
    if (!hasContent()) {
      c.out = c.collaborative;
      return;
    }
    const auto rows = static_cast<Eigen::Index>(ids.size());
    content_.forward(parameters, *words_, ids, c.contentPre);
    c.contentPre.rowwise() += Eigen::Map<const Eigen::RowVectorXf>(parameters[contentBias_].value.data(), dim_);
    activate(activation_, c.contentPre, c.content);
    c.sources.resize(2 * rows, dim_);
    c.sources.topRows(rows) = c.collaborative;
    c.sources.bottomRows(rows) = c.content;
    attention_.forward(parameters, c.sources, c.keysPre);
    activate(Activation::Tanh, c.keysPre, c.keys);
    const Eigen::VectorXf scores = c.keys * contextOf(parameters).transpose();
    // softmax over two sources: α_e = 1 / (1 + exp(a_t − a_e))
    c.collaborativeWeight = (1.0f + (scores.tail(rows) - scores.head(rows)).array().exp()).inverse().matrix();
    c.out = c.collaborativeWeight.asDiagonal() * c.collaborative;
    c.out.noalias() += (1.0f - c.collaborativeWeight.array()).matrix().asDiagonal() * c.content;
  }

  /// dOut: ids.size() × z, ∂loss/∂ of forward()'s c.out.
  void backward(const Parameters& parameters, std::span<const int32_t> ids, const Cache& c, const RowMatrix& dOut,
                Gradients& gradients) const {
    if (!hasContent()) {
      ids_.backward(ids, dOut, gradients);
      return;
    }
    const auto rows = static_cast<Eigen::Index>(ids.size());
    const Eigen::ArrayXf alpha = c.collaborativeWeight.array();
    // p = α e + (1 − α) t, so ∂p/∂α = e − t; α = sigmoid(a_e − a_t).
    const Eigen::ArrayXf dAlpha = (dOut.cwiseProduct(c.collaborative - c.content)).rowwise().sum().array();
    const Eigen::VectorXf dScoreOfCollaborative = (dAlpha * alpha * (1.0f - alpha)).matrix();
    Eigen::VectorXf dScores(2 * rows);
    dScores.head(rows) = dScoreOfCollaborative;
    dScores.tail(rows) = -dScoreOfCollaborative;
    gradientMatrix(gradients, context_, 1).noalias() += dScores.transpose() * c.keys;
    const RowMatrix dKeys = dScores * contextOf(parameters);
    RowMatrix dKeysPre, dSources;
    activationBackward(Activation::Tanh, c.keysPre, c.keys, dKeys, dKeysPre);
    attention_.backward(parameters, c.sources, dKeysPre, gradients, &dSources);

    RowMatrix dCollaborative = alpha.matrix().asDiagonal() * dOut;
    dCollaborative += dSources.topRows(rows);
    ids_.backward(ids, dCollaborative, gradients);
    RowMatrix dContent = (1.0f - alpha).matrix().asDiagonal() * dOut;
    dContent += dSources.bottomRows(rows);
    RowMatrix dContentPre;
    activationBackward(activation_, c.contentPre, c.content, dContent, dContentPre);
    gradientMatrix(gradients, contentBias_, 1).noalias() += dContentPre.colwise().sum();
    content_.backward(*words_, ids, dContentPre, gradients);
  }

 private:
  Eigen::Map<const Eigen::RowVectorXf> contextOf(const Parameters& parameters) const {
    return {parameters[context_].value.data(), dim_};
  }

  const SparseProfiles* words_ = nullptr;
  int32_t dim_ = 0;
  Activation activation_ = Activation::Tanh;
  EmbeddingLookup ids_;
  ProfileEncoder content_;
  int32_t contentBias_ = -1;
  DenseLayer attention_;
  int32_t context_ = -1;
};

class Accm final : public Model {
 public:
  Accm(const ModelConfig& config, DatasetPtr data, float globalMean) : Model(config, std::move(data)) {
    const SideInformation side = buildSideInformation(*data_);
    userWords_ = unitWordRows(side.users, false);
    movieWords_ = unitWordRows(side.movies, false);
    const int32_t z = config.dim;
    users_ = AttentiveRepresentation(parameters_, "user", userCount(), z, config.initSd, userWords_, side.users.cols(),
                                     config.activation);
    movies_ = AttentiveRepresentation(parameters_, "movie", itemCount(), z, config.initSd, movieWords_, side.movies.cols(),
                                      config.activation);
    if (config.kind == ModelKind::AccmMLP) {
      predictor_ = MlpTower(parameters_, "predictor", {2 * z, z, std::max(1, z / 2), 1}, false, globalMean);
      parameters_[predictor_.layers().back().biasBlock()].regularised = false;
      return;
    }
    userBias_.block = parameters_.add("user_bias", userCount(), 1, true, 0.0f);
    movieBias_.block = parameters_.add("movie_bias", itemCount(), 1, true, 0.0f);
    global_ = parameters_.add("global", 1, 1, false, 0.0f, globalMean);
    parameters_[global_].regularised = false;
  }

  void predict(std::span<const int32_t> users, std::span<const int32_t> items, std::span<float> out) const override {
    Activations a;
    forward(users, items, a, out);
  }

  void forwardBackward(std::span<const int32_t> users, std::span<const int32_t> items, const LossGradient& lossGradient,
                       Gradients& gradients) const override {
    Activations a;
    std::vector<float> predictions(users.size()), g(users.size());
    forward(users, items, a, predictions);
    lossGradient(predictions, g);
    const Eigen::Map<const Eigen::VectorXf> dY(g.data(), static_cast<Eigen::Index>(g.size()));
    RowMatrix dUser, dMovie;
    if (isMlp()) {
      RowMatrix dJoint;
      const RowMatrix dPrediction = dY;
      predictor_.backward(parameters_, a.predictor, a.y, dPrediction, gradients, &dJoint);
      dUser = dJoint.leftCols(config_.dim);
      dMovie = dJoint.rightCols(config_.dim);
    } else {
      gradients.dense(global_)[0] += dY.sum();
      for (size_t s = 0; s < users.size(); ++s) {
        gradients.row(userBias_.block, users[s])[0] += g[s];
        gradients.row(movieBias_.block, items[s])[0] += g[s];
      }
      dUser = dY.asDiagonal() * a.movie.out;
      dMovie = dY.asDiagonal() * a.user.out;
    }
    users_.backward(parameters_, users, a.user, dUser, gradients);
    movies_.backward(parameters_, items, a.movie, dMovie, gradients);
  }

  /// p_u, the attention-weighted sum of the user's ID embedding and content encoding (z wide).
  int32_t userEmbeddingDim() const override { return config_.dim; }
  void userEmbedding(int32_t user, std::span<float> out) const override {
    AttentiveRepresentation::Cache cache;
    users_.forward(parameters_, std::span<const int32_t>(&user, 1), cache);
    std::copy(cache.out.data(), cache.out.data() + cache.out.size(), out.begin());
  }
  /// q_i, the movie's weighted sum (z wide).
  int32_t itemEmbeddingDim() const override { return config_.dim; }
  void itemEmbeddings(std::span<const int32_t> items, std::span<float> out) const override {
    AttentiveRepresentation::Cache cache;
    movies_.forward(parameters_, items, cache);
    std::copy(cache.out.data(), cache.out.data() + cache.out.size(), out.begin());
  }

 private:
  struct Activations {
    AttentiveRepresentation::Cache user, movie;
    RowMatrix joint, y;  // accm-mlp: [p_u; q_i] and the predictor's output
    MlpTower::Cache predictor;
  };

  bool isMlp() const { return !predictor_.layers().empty(); }

  void forward(std::span<const int32_t> users, std::span<const int32_t> items, Activations& a, std::span<float> out) const {
    users_.forward(parameters_, users, a.user);
    movies_.forward(parameters_, items, a.movie);
    if (isMlp()) {
      a.joint.resize(a.user.out.rows(), 2 * config_.dim);
      a.joint.leftCols(config_.dim) = a.user.out;
      a.joint.rightCols(config_.dim) = a.movie.out;
      predictor_.forward(parameters_, a.joint, a.predictor, a.y);
      std::copy(a.y.data(), a.y.data() + a.y.size(), out.begin());
      return;
    }
    const float mu = parameters_[global_].value[0];
    const ParameterBlock& bu = parameters_[userBias_.block];
    const ParameterBlock& bi = parameters_[movieBias_.block];
    for (size_t s = 0; s < users.size(); ++s) {
      const auto row = static_cast<Eigen::Index>(s);
      out[s] = mu + bu.value[users[s]] + bi.value[items[s]] + a.user.out.row(row).dot(a.movie.out.row(row));
    }
  }

  SparseProfiles userWords_, movieWords_;  // the side information, rows at unit length
  AttentiveRepresentation users_, movies_;
  EmbeddingLookup userBias_, movieBias_;  // accm
  int32_t global_ = -1;
  MlpTower predictor_;  // accm-mlp
};

}  // namespace

std::unique_ptr<Model> makeAccm(const ModelConfig& config, DatasetPtr data, float globalMean) {
  return std::make_unique<Accm>(config, std::move(data), globalMean);
}

}  // namespace ll
