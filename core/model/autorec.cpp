// autorec-i, autorec-u: AutoRec (Sedhain et al. 2015), one hidden layer of z units.
//   autorec-i: a movie's code h_i = g(V r_i + μ), r_i its rating column over the users (0 where
//              unrated); ŷ_ui = W_u · h_i + b_u, the decoder's output for user u.
//   autorec-u: the mirror: h_u = g(V r_u + μ) from the user's rating row, ŷ_ui = W_i · h_u + b_i.
// g is ModelConfig::activation (the paper's sigmoid; the NRP paper's Table 6 tunes tanh on ml100k,
// ModelConfig's default); the output is linear. The loss is on observed ratings only: the trainer
// feeds exactly the training (user, movie) pairs, each the decoder output of one observed entry.
//
// The inputs are read from the training ratings only (rating_profiles.h, raw rating values), so a
// test rating never enters an encoder. A training rating is part of its own input, as in the
// paper's reconstruction objective — why AutoRec "overfits to the training data fast" (NRP paper's
// supplement) and needs its L2 penalty and early stopping.
//
// Blocks (d = the decoded side's count: users for autorec-i, movies for autorec-u):
//   encoder.weights  d × z, row-sparse: V transposed, row v multiplies the input entry of v
//   encoder.bias     1 × z, μ, not regularised
//   decoder.weights  d × z, row-sparse: row v is W_v
//   decoder.bias     d × 1, row-sparse: b_v, starts at the mean rating, not regularised
// parameterCount = 2dz + z + d; for ml100k (943 users, 1682 movies) at z = 500: autorec-i
// 944,443 (Keras' [m, 500, m] I-AutoRec has the same), autorec-u 1,684,182.
//
// Embeddings: the encoded side's embedding is its code h (dim z); the decoded side's is [W_v; b_v]
// (dim z + 1), so that ŷ = [W_v; b_v] · [h; 1]. For autorec-i that makes the user embedding
// [W_u; b_u] and the movie embedding h_i.
//
// Cost: a batch encodes each of its distinct encoded entities once, O(Σ nnz(r) · z) over them; a
// whole column per (user, movie) pair would repeat that for every pair of a popular movie.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/model/layers/activation.h"
#include "core/model/layers/embedding_lookup.h"
#include "core/model/layers/profile_encoder.h"
#include "core/model/model_kinds.h"
#include "core/model/rating_profiles.h"

namespace ll {
namespace {

class AutoRec final : public Model {
 public:
  AutoRec(const ModelConfig& config, DatasetPtr data, float globalMean, std::span<const uint32_t> trainingRatings)
      : Model(config, std::move(data)), itemBased_(config.kind == ModelKind::AutoRecI) {
    RatingProfiles profiles = buildRawRatingProfiles(*data_, trainingRatings);
    inputs_ = itemBased_ ? std::move(profiles.itemColumns) : std::move(profiles.userRows);
    const int32_t z = config.dim;
    const int32_t decoded = itemBased_ ? userCount() : itemCount();
    // Glorot's variance 2 / (fan-in + fan-out), the Keras default the NRP paper's AutoRec starts from.
    const float sd = std::sqrt(2.0f / static_cast<float>(decoded + z));
    encoder_.table = parameters_.add("encoder.weights", decoded, z, true, sd);
    encoderBias_ = parameters_.add("encoder.bias", 1, z, false, 0.0f);
    decoder_.block = parameters_.add("decoder.weights", decoded, z, true, sd);
    decoderBias_.block = parameters_.add("decoder.bias", decoded, 1, true, 0.0f, globalMean);
    parameters_[encoderBias_].regularised = false;
    parameters_[decoderBias_.block].regularised = false;
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
    const std::span<const int32_t> decoded = itemBased_ ? users : items;
    RowMatrix dW(a.w.rows(), a.w.cols());
    RowMatrix dH = RowMatrix::Zero(a.h.rows(), a.h.cols());
    for (Eigen::Index s = 0; s < g.rows(); ++s) {
      dW.row(s) = g(s, 0) * a.h.row(a.slot[static_cast<size_t>(s)]);
      dH.row(a.slot[static_cast<size_t>(s)]) += g(s, 0) * a.w.row(s);
    }
    decoder_.backward(decoded, dW, gradients);
    decoderBias_.backward(decoded, g, gradients);
    RowMatrix dPre;
    activationBackward(config_.activation, a.pre, a.h, dH, dPre);
    gradientMatrix(gradients, encoderBias_, 1).noalias() += dPre.colwise().sum();
    encoder_.backward(inputs_, a.codes, dPre, gradients);
  }

  int32_t userEmbeddingDim() const override { return itemBased_ ? config_.dim + 1 : config_.dim; }
  void userEmbedding(int32_t user, std::span<float> out) const override {
    const std::span<const int32_t> one(&user, 1);
    if (itemBased_) {
      decodedEmbeddings(one, out);
    } else {
      codes(one, out);
    }
  }
  int32_t itemEmbeddingDim() const override { return itemBased_ ? config_.dim : config_.dim + 1; }
  void itemEmbeddings(std::span<const int32_t> items, std::span<float> out) const override {
    if (itemBased_) {
      codes(items, out);
    } else {
      decodedEmbeddings(items, out);
    }
  }

 private:
  struct Activations {
    std::vector<int32_t> codes;  ///< the batch's distinct encoded entities, ascending
    std::vector<size_t> slot;    ///< per pair, its entity's row in codes / pre / h
    RowMatrix pre, h;            ///< codes × z: V r + μ, and g of it
    RowMatrix w, b;              ///< per pair: the decoder row W_v and bias b_v of its decoded entity
  };

  /// pre = V r + μ and h = g(pre) for each id (ids.size() × z).
  void encode(std::span<const int32_t> ids, RowMatrix& pre, RowMatrix& h) const {
    encoder_.forward(parameters_, inputs_, ids, pre);
    pre.rowwise() += Eigen::Map<const Eigen::RowVectorXf>(parameters_[encoderBias_].value.data(), config_.dim);
    activate(config_.activation, pre, h);
  }

  void forward(std::span<const int32_t> users, std::span<const int32_t> items, Activations& a, std::span<float> out) const {
    const std::span<const int32_t> encoded = itemBased_ ? items : users;
    const std::span<const int32_t> decoded = itemBased_ ? users : items;
    a.codes.assign(encoded.begin(), encoded.end());
    std::sort(a.codes.begin(), a.codes.end());
    a.codes.erase(std::unique(a.codes.begin(), a.codes.end()), a.codes.end());
    a.slot.resize(encoded.size());
    for (size_t s = 0; s < encoded.size(); ++s) {
      a.slot[s] = static_cast<size_t>(std::lower_bound(a.codes.begin(), a.codes.end(), encoded[s]) - a.codes.begin());
    }
    encode(a.codes, a.pre, a.h);
    decoder_.forward(parameters_, decoded, a.w);
    decoderBias_.forward(parameters_, decoded, a.b);
    for (size_t s = 0; s < encoded.size(); ++s) {
      const auto row = static_cast<Eigen::Index>(s);
      out[s] = a.w.row(row).dot(a.h.row(static_cast<Eigen::Index>(a.slot[s]))) + a.b(row, 0);
    }
  }

  /// h of each id, ids.size() × z.
  void codes(std::span<const int32_t> ids, std::span<float> out) const {
    RowMatrix pre, h;
    encode(ids, pre, h);
    std::copy(h.data(), h.data() + h.size(), out.begin());
  }

  /// [W_v; b_v] of each id, ids.size() × (z + 1).
  void decodedEmbeddings(std::span<const int32_t> ids, std::span<float> out) const {
    const ParameterBlock& w = parameters_[decoder_.block];
    const ParameterBlock& b = parameters_[decoderBias_.block];
    const auto dim = static_cast<size_t>(config_.dim) + 1;
    for (size_t s = 0; s < ids.size(); ++s) {
      std::copy(w.row(ids[s]), w.row(ids[s]) + w.cols, out.begin() + static_cast<std::ptrdiff_t>(s * dim));
      out[s * dim + dim - 1] = b.value[static_cast<size_t>(ids[s])];
    }
  }

  bool itemBased_;
  SparseProfiles inputs_;  // per encoded entity: its training ratings
  ProfileEncoder encoder_;
  int32_t encoderBias_ = -1;
  EmbeddingLookup decoder_, decoderBias_;
};

}  // namespace

std::unique_ptr<Model> makeAutoRec(const ModelConfig& config, DatasetPtr data, float globalMean,
                                   std::span<const uint32_t> trainingRatings) {
  if (trainingRatings.empty()) {
    throw std::invalid_argument("autorec needs the training ratings to encode from (makeModel's trainingRatings)");
  }
  return std::make_unique<AutoRec>(config, std::move(data), globalMean, trainingRatings);
}

}  // namespace ll
