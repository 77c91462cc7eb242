#include "core/analysis/recommend.h"

#include <algorithm>
#include <stdexcept>
#include <string>

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
  std::vector<uint8_t> excluded(static_cast<size_t>(model.itemCount()), 0);
  for (uint32_t k : ratings.ofUser(user)) excluded[static_cast<size_t>(ratings.item[k])] = 1;
  std::vector<int32_t> candidates;
  for (int32_t i = 0; i < model.itemCount(); ++i) {
    if (excluded[static_cast<size_t>(i)]) continue;
    if (params.minRatings > 0 && ratings.itemRatingCount(i) < params.minRatings) continue;
    candidates.push_back(i);
  }
  std::vector<float> scores(candidates.size());
  const std::vector<int32_t> users(kChunk, user);
  for (size_t begin = 0; begin < candidates.size(); begin += kChunk) {
    const size_t n = std::min(kChunk, candidates.size() - begin);
    model.predict(std::span(users).first(n), std::span(candidates).subspan(begin, n), std::span(scores).subspan(begin, n));
  }
  std::vector<Recommendation> all(candidates.size());
  for (size_t s = 0; s < candidates.size(); ++s) all[s] = {candidates[s], scores[s], model.clip(scores[s])};
  const auto better = [](const Recommendation& a, const Recommendation& b) {
    return a.score > b.score || (a.score == b.score && a.item < b.item);
  };
  const size_t keep = std::min(all.size(), static_cast<size_t>(std::max(0, params.count)));
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep), all.end(), better);
  all.resize(keep);
  return all;
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
