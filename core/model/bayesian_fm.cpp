#include "core/model/bayesian_fm.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/model/model_kinds.h"

namespace ll {
namespace {

constexpr int32_t kMostDraws = 64;
constexpr double kDrawBudgetBytes = 256.0 * 1024 * 1024;

}  // namespace

BayesianFm::BayesianFm(const ModelConfig& config, std::shared_ptr<const Dataset> data, float globalMean,
                       std::span<const uint32_t> trainingRatings)
    : Model(config, std::move(data)), design_(buildBfmDesign(*data_, trainingRatings, config.bfmGroups)) {
  const int32_t k = config.dim;
  const double entities = static_cast<double>(userCount()) + itemCount() + design_.days;
  const double drawBytes = entities * (k + 1) * sizeof(float);
  maxDraws_ = static_cast<int32_t>(std::clamp(std::floor(kDrawBudgetBytes / drawBytes), 1.0, static_cast<double>(kMostDraws)));
  global_ = parameters_.add("global_bias", 1, 1, false, 0.0f, globalMean);
  weights_ = parameters_.add("weights", design_.columns, 1, false, 0.0f);
  factors_ = parameters_.add("factors", design_.columns, k, false, 0.0f);
  userSd_ = parameters_.add("user_embedding_sd", userCount(), k, false, 0.0f);
  movieSd_ = parameters_.add("movie_embedding_sd", itemCount(), k, false, 0.0f);
  drawCount_ = parameters_.add("draw_count", 1, 1, false, 0.0f);
  drawGlobal_ = parameters_.add("draw_global", 1, maxDraws_, false, 0.0f);
  drawTerms_[0] = parameters_.add("draw_user_terms", userCount(), maxDraws_ * (k + 1), false, 0.0f);
  drawTerms_[1] = parameters_.add("draw_movie_terms", itemCount(), maxDraws_ * (k + 1), false, 0.0f);
  drawTerms_[2] = parameters_.add("draw_day_terms", design_.days, maxDraws_ * (k + 1), false, 0.0f);
  for (int32_t b = 0; b < parameters_.count(); ++b) {
    parameters_[b].regularised = false;
    parameters_[b].trained = false;  // set by the sampler, never by an optimizer
  }
}

int32_t BayesianFm::drawCount() const {
  return static_cast<int32_t>(std::clamp(parameters_[drawCount_].value[0], 0.0f, static_cast<float>(maxDraws_)));
}

int64_t BayesianFm::parameterCount() const { return 1 + static_cast<int64_t>(design_.columns) * (config_.dim + 1); }

float BayesianFm::predictOne(int32_t user, int32_t item, int32_t day, float* sd) const {
  const int32_t draws = drawCount();
  if (draws == 0) {
    if (sd) *sd = 0.0f;
    return parameters_[global_].value[0];
  }
  const int32_t k = config_.dim;
  const size_t width = static_cast<size_t>(k) + 1;
  const float* u = parameters_[drawTerms_[0]].row(user);
  const float* i = parameters_[drawTerms_[1]].row(item);
  const float* d = parameters_[drawTerms_[2]].row(day);
  const float* global = parameters_[drawGlobal_].value.data();
  double sum = 0.0, sumSquares = 0.0;
  for (int32_t t = 0; t < draws; ++t) {
    const size_t at = static_cast<size_t>(t) * width;
    const float* ut = u + at;
    const float* it = i + at;
    const float* dt = d + at;
    float y = global[t] + ut[0] + it[0] + dt[0];
    for (int32_t f = 1; f <= k; ++f) y += ut[f] * (it[f] + dt[f]) + it[f] * dt[f];
    const double p = clip(y);
    sum += p;
    sumSquares += p * p;
  }
  const double mean = sum / draws;
  if (sd) *sd = static_cast<float>(std::sqrt(std::max(0.0, sumSquares / draws - mean * mean)));
  return static_cast<float>(mean);
}

void BayesianFm::predict(std::span<const int32_t> users, std::span<const int32_t> items, std::span<float> out) const {
  for (size_t s = 0; s < users.size(); ++s) out[s] = predictOne(users[s], items[s], design_.currentDay, nullptr);
}

void BayesianFm::predictStored(std::span<const uint32_t> ratings, std::span<float> out) const {
  const Ratings& r = data_->ratings;
  for (size_t s = 0; s < ratings.size(); ++s) {
    out[s] = predictOne(r.user[ratings[s]], r.item[ratings[s]], design_.dayOf(r, ratings[s]), nullptr);
  }
}

void BayesianFm::predictDistribution(std::span<const uint32_t> ratings, std::span<float> mean, std::span<float> sd) const {
  const Ratings& r = data_->ratings;
  for (size_t s = 0; s < ratings.size(); ++s) {
    mean[s] = predictOne(r.user[ratings[s]], r.item[ratings[s]], design_.dayOf(r, ratings[s]), &sd[s]);
  }
}

void BayesianFm::predictPairDistribution(std::span<const int32_t> users, std::span<const int32_t> items,
                                         std::span<float> mean, std::span<float> sd) const {
  for (size_t s = 0; s < users.size(); ++s) mean[s] = predictOne(users[s], items[s], design_.currentDay, &sd[s]);
}

void BayesianFm::forwardBackward(std::span<const int32_t>, std::span<const int32_t>, const LossGradient&, Gradients&) const {
  throw std::logic_error("bfm is learned by Gibbs sampling (GibbsFmSampler), not by gradients");
}

void BayesianFm::blockSum(BfmSide side, int32_t entity, std::span<float> out) const {
  const BfmTable& t = design_.table(side);
  const ParameterBlock& v = parameters_[factors_];
  std::fill(out.begin(), out.end(), 0.0f);
  for (int64_t e = t.entityOffsets[entity]; e < t.entityOffsets[entity + 1]; ++e) {
    const float* vj = v.row(t.firstColumn + t.entityColumns[e]);
    const float x = t.entityValues[e];
    for (int32_t f = 0; f < v.cols; ++f) out[static_cast<size_t>(f)] += x * vj[f];
  }
}

void BayesianFm::userEmbedding(int32_t user, std::span<float> out) const { blockSum(BfmSide::User, user, out); }

void BayesianFm::itemEmbeddings(std::span<const int32_t> items, std::span<float> out) const {
  const size_t k = static_cast<size_t>(config_.dim);
  for (size_t s = 0; s < items.size(); ++s) blockSum(BfmSide::Movie, items[s], out.subspan(s * k, k));
}

std::vector<float> BayesianFm::userEmbeddingSds() const {
  return {parameters_[userSd_].value.begin(), parameters_[userSd_].value.end()};
}

std::vector<float> BayesianFm::itemEmbeddingSds() const {
  return {parameters_[movieSd_].value.begin(), parameters_[movieSd_].value.end()};
}

void BayesianFm::storeDraw(int32_t slot, double w0, std::span<const float> userTerms, std::span<const float> movieTerms,
                           std::span<const float> dayTerms) {
  const size_t width = static_cast<size_t>(config_.dim) + 1;
  parameters_[drawGlobal_].value[static_cast<size_t>(slot)] = static_cast<float>(w0);
  const std::array<std::span<const float>, kBfmSides> terms = {userTerms, movieTerms, dayTerms};
  for (int32_t side = 0; side < kBfmSides; ++side) {
    ParameterBlock& block = parameters_[drawTerms_[static_cast<size_t>(side)]];
    for (int32_t e = 0; e < block.rows; ++e) {
      std::copy_n(terms[static_cast<size_t>(side)].data() + static_cast<size_t>(e) * width, width,
                  block.row(e) + static_cast<size_t>(slot) * width);
    }
  }
}

void BayesianFm::moveDraw(int32_t from, int32_t to) {
  if (from == to) return;
  const size_t width = static_cast<size_t>(config_.dim) + 1;
  auto& global = parameters_[drawGlobal_].value;
  global[static_cast<size_t>(to)] = global[static_cast<size_t>(from)];
  for (int32_t side = 0; side < kBfmSides; ++side) {
    ParameterBlock& block = parameters_[drawTerms_[static_cast<size_t>(side)]];
    for (int32_t e = 0; e < block.rows; ++e) {
      float* row = block.row(e);
      std::copy_n(row + static_cast<size_t>(from) * width, width, row + static_cast<size_t>(to) * width);
    }
  }
}

void BayesianFm::setDrawCount(int32_t count) { parameters_[drawCount_].value[0] = static_cast<float>(count); }

void BayesianFm::setPosterior(double w0, std::span<const double> weights, std::span<const double> factors,
                              std::span<const float> userSd, std::span<const float> movieSd) {
  parameters_[global_].value[0] = static_cast<float>(w0);
  std::transform(weights.begin(), weights.end(), parameters_[weights_].value.begin(), [](double x) { return static_cast<float>(x); });
  std::transform(factors.begin(), factors.end(), parameters_[factors_].value.begin(), [](double x) { return static_cast<float>(x); });
  std::copy(userSd.begin(), userSd.end(), parameters_[userSd_].value.begin());
  std::copy(movieSd.begin(), movieSd.end(), parameters_[movieSd_].value.begin());
}

std::unique_ptr<Model> makeBayesianFm(const ModelConfig& config, DatasetPtr data, float globalMean,
                                      std::span<const uint32_t> trainingRatings) {
  if (trainingRatings.empty()) {
    throw std::invalid_argument("bfm needs the training ratings for its implicit groups and days (makeModel's trainingRatings)");
  }
  return std::make_unique<BayesianFm>(config, std::move(data), globalMean, trainingRatings);
}

}  // namespace ll
