#include "core/eval/top_percent_precision.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace ll {
namespace {

/// The probability that each of `values` is among the top k when ties at the k-th value are
/// broken at random: 1 above it, (k − above) / tied at it, 0 below.
void topKShares(const std::vector<float>& values, size_t k, std::vector<double>& shares) {
  std::vector<float> sorted = values;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k - 1), sorted.end(), std::greater<>());
  const float cut = sorted[k - 1];
  size_t above = 0, tied = 0;
  for (float v : values) {
    above += v > cut ? 1 : 0;
    tied += v == cut ? 1 : 0;
  }
  // tied is 0 only when the cut is NaN (a diverged model): nothing is then counted at it.
  const double tiedShare = tied > 0 ? static_cast<double>(k - above) / static_cast<double>(tied) : 0.0;
  shares.resize(values.size());
  for (size_t j = 0; j < values.size(); ++j) shares[j] = values[j] > cut ? 1.0 : values[j] == cut ? tiedShare : 0.0;
}

}  // namespace

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
  std::vector<float> rated, predicted;
  std::vector<double> relevant, retrieved;
  for (size_t begin = 0; begin < order.size();) {
    size_t end = begin;
    while (end < order.size() && users[order[end]] == users[order[begin]]) ++end;
    const auto n = static_cast<int64_t>(end - begin);
    rated.clear();
    predicted.clear();
    for (size_t r = begin; r < end; ++r) {
      rated.push_back(truth[order[r]]);
      predicted.push_back(predictions[order[r]]);
    }
    begin = end;
    if (n < std::max(minItems, 1)) continue;
    // 1e-9: p·n that is an integer in exact arithmetic must not round up past it.
    const auto k = static_cast<size_t>(std::max<int64_t>(1, static_cast<int64_t>(std::ceil(share * static_cast<double>(n) - 1e-9))));
    topKShares(rated, k, relevant);
    topKShares(predicted, k, retrieved);
    double hits = 0.0;
    for (size_t j = 0; j < relevant.size(); ++j) hits += relevant[j] * retrieved[j];
    sum += hits / static_cast<double>(k);
    ++result.users;
  }
  if (result.users > 0) result.precision = sum / static_cast<double>(result.users);
  return result;
}

}  // namespace ll
