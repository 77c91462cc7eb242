#include "core/analysis/recommend.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/analysis/user_affine_form.h"

namespace ll {
namespace {

constexpr size_t kChunk = 2048;  // pairs per predict() call: bounds the feature rows a batch gathers

void checkUser(const Model& model, int32_t user) {
  if (user < 0 || user >= model.userCount()) {
    throw std::out_of_range("user index " + std::to_string(user) + " outside [0, " + std::to_string(model.userCount()) + ")");
  }
}

}  // namespace

std::vector<Recommendation> recommendForUser(const Model& model, int32_t user, const RecommendParams& params) {
  checkUser(model, user);
  const Ratings& ratings = model.data().ratings;
  const MovieRanking ranking(ratings, params.rare);
  std::vector<uint8_t> excluded(static_cast<size_t>(model.itemCount()), 0);
  for (uint32_t k : ratings.ofUser(user)) excluded[static_cast<size_t>(ratings.item[k])] = 1;
  std::vector<int32_t> candidates;
  for (int32_t i = 0; i < model.itemCount(); ++i) {
    if (!excluded[static_cast<size_t>(i)] && ranking.listed(i)) candidates.push_back(i);
  }
  std::vector<float> scores(static_cast<size_t>(model.itemCount()), 0.0f), candidateScores(candidates.size());
  const std::vector<int32_t> users(kChunk, user);
  for (size_t begin = 0; begin < candidates.size(); begin += kChunk) {
    const size_t n = std::min(kChunk, candidates.size() - begin);
    model.predict(std::span(users).first(n), std::span(candidates).subspan(begin, n),
                  std::span(candidateScores).subspan(begin, n));
  }
  for (size_t s = 0; s < candidates.size(); ++s) scores[static_cast<size_t>(candidates[s])] = candidateScores[s];
  std::vector<uint8_t> skipped(excluded.size(), 1);
  for (int32_t i : candidates) skipped[static_cast<size_t>(i)] = 0;
  std::vector<Recommendation> out;
  for (int32_t i : ranking.rank(scores, static_cast<size_t>(std::max(0, params.count)), skipped)) {
    out.push_back({i, scores[static_cast<size_t>(i)], model.clip(scores[static_cast<size_t>(i)])});
  }
  return out;
}

NewUserRecommendations recommendForNewUser(const Model& model, std::span<const int32_t> items, std::span<const float> ratings,
                                           const FoldInParams& foldIn, const RecommendParams& params) {
  const std::optional<UserAffineForm> form = userAffineForm(model);
  if (!form) {
    throw std::invalid_argument(std::string(modelKindName(model.config().kind)) +
                                " is not affine in the user vector: a new user cannot be folded in");
  }
  for (const int32_t item : items) {
    if (item < 0 || item >= model.itemCount()) {
      throw std::out_of_range("item index " + std::to_string(item) + " outside [0, " + std::to_string(model.itemCount()) + ")");
    }
  }
  NewUserRecommendations out;
  out.user = foldInUser(*form, items, ratings, foldIn);
  std::vector<float> scores(static_cast<size_t>(form->items));
  form->predictAll(out.user, scores);
  std::vector<uint8_t> rated(scores.size(), 0);
  for (const int32_t item : items) rated[static_cast<size_t>(item)] = 1;
  const MovieRanking ranking(model.data().ratings, params.rare);
  for (const int32_t i : ranking.rank(scores, static_cast<size_t>(std::max(0, params.count)), rated)) {
    out.items.push_back({i, scores[static_cast<size_t>(i)], model.clip(scores[static_cast<size_t>(i)])});
  }
  return out;
}

std::vector<float> scorePairs(const Model& model, std::span<const int32_t> users, std::span<const int32_t> items) {
  if (users.size() != items.size()) throw std::out_of_range("scorePairs: users and items differ in length");
  for (size_t s = 0; s < users.size(); ++s) {
    checkUser(model, users[s]);
    if (items[s] < 0 || items[s] >= model.itemCount()) {
      throw std::out_of_range("item index " + std::to_string(items[s]) + " outside [0, " + std::to_string(model.itemCount()) + ")");
    }
  }
  std::vector<float> out(users.size());
  for (size_t begin = 0; begin < users.size(); begin += kChunk) {
    const size_t n = std::min(kChunk, users.size() - begin);
    model.predict(users.subspan(begin, n), items.subspan(begin, n), std::span(out).subspan(begin, n));
  }
  for (float& y : out) y = model.clip(y);
  return out;
}

}  // namespace ll
