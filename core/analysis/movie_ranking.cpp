#include "core/analysis/movie_ranking.h"

#include <algorithm>

namespace ll {

MovieRanking::MovieRanking(const Ratings& ratings, const RareMovieRule& rule, std::span<const uint32_t> known)
    : rule_(rule), counts_(static_cast<size_t>(ratings.itemCount), 0) {
  std::vector<double> sums(counts_.size(), 0.0);
  const auto add = [&](uint32_t k) {
    const auto i = static_cast<size_t>(ratings.item[k]);
    ++counts_[i];
    sums[i] += ratings.value[k];
  };
  if (known.empty()) {
    for (uint32_t k = 0; k < ratings.size(); ++k) add(k);
  } else {
    for (uint32_t k : known) add(k);
  }
  double total = 0.0;
  int64_t n = 0;
  for (size_t i = 0; i < counts_.size(); ++i) {
    total += sums[i];
    n += counts_[i];
  }
  mean_ = n > 0 ? static_cast<float>(total / static_cast<double>(n)) : 0.0f;
}

float MovieRanking::key(int32_t item, float prediction) const {
  if (rule_.shrinkage <= 0.0) return prediction;
  const double n = static_cast<double>(counts_[static_cast<size_t>(item)]);
  return static_cast<float>(mean_ + (prediction - mean_) * n / (n + rule_.shrinkage));
}

std::vector<int32_t> MovieRanking::rank(std::span<const float> predictions, size_t count, std::span<const uint8_t> excluded,
                                        bool lowest) const {
  std::vector<std::pair<float, int32_t>> keyed;
  for (size_t i = 0; i < predictions.size(); ++i) {
    const auto item = static_cast<int32_t>(i);
    if ((!excluded.empty() && excluded[i]) || !listed(item)) continue;
    const float k = key(item, predictions[i]);
    keyed.emplace_back(lowest ? -k : k, item);
  }
  const size_t keep = std::min(count, keyed.size());
  std::partial_sort(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(keep), keyed.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
  std::vector<int32_t> items(keep);
  for (size_t r = 0; r < keep; ++r) items[r] = keyed[r].second;
  return items;
}

}  // namespace ll
