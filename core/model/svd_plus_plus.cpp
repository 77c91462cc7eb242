// svdpp: SVD++ (Koren 2008, "Factorization meets the neighborhood", eq. 15): biased matrix
// factorisation whose user vector also sums what the user chose to rate —
//   ŷ = μ + b_u + b_i + q_i · (p_u + |N(u)|^-½ Σ_{j ∈ N(u)} y_j)
// N(u), the implicit feedback, is the set of movies u rated in the training ratings; Koren counts
// every rating a user made, test ones included ("who rated what" is known), but a model that read
// the test split's movies would be scored on pairs it has seen, so ours never does.
//
// The user embedding every analysis reads is the effective user vector [p_u + |N(u)|^-½ Σ y_j; b_u],
// and the blocks are named as mf's: predictions are affine in it exactly as mf's are
// (user_affine_form.h), so fold-in, clusters and the comet treat the two alike.
#include <cmath>
#include <stdexcept>

#include "core/model/layers/embedding_lookup.h"
#include "core/model/model_kinds.h"
#include "core/model/rating_profiles.h"

namespace ll {
namespace {

class SvdPlusPlus final : public Model {
 public:
  SvdPlusPlus(const ModelConfig& config, DatasetPtr data, float globalMean, std::span<const uint32_t> trainingRatings)
      : Model(config, std::move(data)), rated_(buildRatedMovies(*data_, trainingRatings)) {
    const int32_t z = config.dim;
    global_ = parameters_.add("global_bias", 1, 1, false, 0.0f, globalMean);
    // μ stays at the training mean, as on mf's fast path: under per-sample SGD a trained μ takes
    // a step of lr × error on every rating, a random walk whose noise lands on every prediction
    // and jolts the validation curve early stopping watches; b_u and b_i absorb what it would learn.
    parameters_[global_].trained = false;
    userBias_ = parameters_.add("user_bias", userCount(), 1, true, 0.0f);
    itemBias_ = parameters_.add("item_bias", itemCount(), 1, true, 0.0f);
    userFactors_ = parameters_.add("user_factors", userCount(), z, true, config.initSd);
    itemFactors_ = parameters_.add("item_factors", itemCount(), z, true, config.initSd);
    // y starts smaller than p: a sum of up to hundreds of them must not swamp p_u at the start.
    implicitFactors_ = parameters_.add("implicit_factors", itemCount(), z, true, config.initSd * 0.1f);
  }

  void predict(std::span<const int32_t> users, std::span<const int32_t> items, std::span<float> out) const override {
    std::vector<float> userVector(static_cast<size_t>(config_.dim));
    for (size_t s = 0; s < users.size(); ++s) out[s] = predictOne(users[s], items[s], userVector);
  }

  void forwardBackward(std::span<const int32_t> users, std::span<const int32_t> items, const LossGradient& lossGradient,
                       Gradients& gradients) const override {
    const int32_t z = config_.dim;
    std::vector<float> userVectors(users.size() * static_cast<size_t>(z)), predictions(users.size()), g(users.size());
    for (size_t s = 0; s < users.size(); ++s) {
      predictions[s] = predictOne(users[s], items[s], std::span(userVectors).subspan(s * z, static_cast<size_t>(z)));
    }
    lossGradient(predictions, g);
    const ParameterBlock& q = parameters_[itemFactors_];
    float& dGlobal = gradients.dense(global_)[0];
    for (size_t s = 0; s < users.size(); ++s) {
      const int32_t u = users[s], i = items[s];
      dGlobal += g[s];
      gradients.row(userBias_, u)[0] += g[s];
      gradients.row(itemBias_, i)[0] += g[s];
      const float* qi = q.row(i);
      const float* vu = userVectors.data() + s * z;
      float* dp = gradients.row(userFactors_, u);
      float* dq = gradients.row(itemFactors_, i);
      for (int32_t f = 0; f < z; ++f) {
        dp[f] += g[s] * qi[f];
        dq[f] += g[s] * vu[f];
      }
      const auto movies = rated_.idsOf(u);
      const auto weights = rated_.weightsOf(u);
      for (size_t k = 0; k < movies.size(); ++k) {
        float* dy = gradients.row(implicitFactors_, movies[k]);
        const float scale = g[s] * weights[k];
        for (int32_t f = 0; f < z; ++f) dy[f] += scale * qi[f];
      }
    }
  }

  int32_t userEmbeddingDim() const override { return config_.dim + 1; }
  void userEmbedding(int32_t user, std::span<float> out) const override {
    effectiveUserVector(user, out.first(static_cast<size_t>(config_.dim)));
    out[static_cast<size_t>(config_.dim)] = parameters_[userBias_].value[static_cast<size_t>(user)];
  }
  int32_t itemEmbeddingDim() const override { return config_.dim; }
  void itemEmbeddings(std::span<const int32_t> items, std::span<float> out) const override {
    const ParameterBlock& q = parameters_[itemFactors_];
    for (size_t s = 0; s < items.size(); ++s) std::copy(q.row(items[s]), q.row(items[s]) + q.cols, out.begin() + s * q.cols);
  }

 private:
  // p_u + |N(u)|^-½ Σ_{j ∈ N(u)} y_j
  void effectiveUserVector(int32_t user, std::span<float> out) const {
    const ParameterBlock& p = parameters_[userFactors_];
    const ParameterBlock& y = parameters_[implicitFactors_];
    const float* pu = p.row(user);
    std::copy(pu, pu + p.cols, out.begin());
    const auto movies = rated_.idsOf(user);
    const auto weights = rated_.weightsOf(user);
    for (size_t k = 0; k < movies.size(); ++k) {
      const float* yj = y.row(movies[k]);
      for (int32_t f = 0; f < y.cols; ++f) out[static_cast<size_t>(f)] += weights[k] * yj[f];
    }
  }

  float predictOne(int32_t user, int32_t item, std::span<float> userVector) const {
    effectiveUserVector(user, userVector);
    const float* qi = parameters_[itemFactors_].row(item);
    float dot = 0.0f;
    for (int32_t f = 0; f < config_.dim; ++f) dot += userVector[static_cast<size_t>(f)] * qi[f];
    return parameters_[global_].value[0] + parameters_[userBias_].value[static_cast<size_t>(user)] +
           parameters_[itemBias_].value[static_cast<size_t>(item)] + dot;
  }

  SparseProfiles rated_;  ///< N(u) per user, each movie weighted |N(u)|^-½
  int32_t global_ = -1, userBias_ = -1, itemBias_ = -1, userFactors_ = -1, itemFactors_ = -1, implicitFactors_ = -1;
};

}  // namespace

std::unique_ptr<Model> makeSvdPlusPlus(const ModelConfig& config, DatasetPtr data, float globalMean,
                                       std::span<const uint32_t> trainingRatings) {
  if (trainingRatings.empty()) {
    throw std::invalid_argument("svdpp needs the training ratings to know which movies each user rated (makeModel's trainingRatings)");
  }
  return std::make_unique<SvdPlusPlus>(config, std::move(data), globalMean, trainingRatings);
}

}  // namespace ll
