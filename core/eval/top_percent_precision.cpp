#include "core/eval/top_percent_precision.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace ll {

TopPercentPrecision topPercentPrecision(std::span<const int32_t> users, std::span<const float> truth,
                                        std::span<const float> predictions, double share, int32_t minItems) {
  if (users.size() != truth.size() || users.size() != predictions.size()) {
    throw std::invalid_argument("topPercentPrecision: sizes differ");
  }
  if (!(share > 0.0 && share <= 1.0)) throw std::invalid_argument("topPercentPrecision: share outside (0, 1]");
  TopPercentPrecision result;
  result.share = share;
  std::vector<size_t> order(users.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return users[a] < users[b]; });

  double sum = 0.0;
  std::vector<size_t> group;
  for (size_t begin = 0; begin < order.size();) {
    size_t end = begin;
    while (end < order.size() && users[order[end]] == users[order[begin]]) ++end;
    group.assign(order.begin() + static_cast<std::ptrdiff_t>(begin), order.begin() + static_cast<std::ptrdiff_t>(end));
    begin = end;
    const auto n = static_cast<int64_t>(group.size());
    if (n < std::max(minItems, 1)) continue;
    // 1e-9: p·n that is an integer in exact arithmetic must not round up past it.
    const auto k = static_cast<size_t>(std::max<int64_t>(1, static_cast<int64_t>(std::ceil(share * static_cast<double>(n) - 1e-9))));
    std::vector<float> ratings;
    for (size_t j : group) ratings.push_back(truth[j]);
    std::nth_element(ratings.begin(), ratings.begin() + static_cast<std::ptrdiff_t>(k - 1), ratings.end(), std::greater<>());
    const float threshold = ratings[k - 1];
    // group is in input order, so the stable sort breaks prediction ties by it.
    std::stable_sort(group.begin(), group.end(), [&](size_t a, size_t b) { return predictions[a] > predictions[b]; });
    size_t hits = 0;
    for (size_t r = 0; r < k; ++r) hits += truth[group[r]] >= threshold ? 1 : 0;
    sum += static_cast<double>(hits) / static_cast<double>(k);
    ++result.users;
  }
  if (result.users > 0) result.precision = sum / static_cast<double>(result.users);
  return result;
}

}  // namespace ll
