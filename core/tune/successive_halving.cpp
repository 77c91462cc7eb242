#include "core/tune/successive_halving.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "core/data/input_error.h"

namespace ll {
namespace {

int32_t rungCount(const HalvingParams& params) {
  int32_t rungs = 1;
  int64_t size = params.reduction;
  while (size <= params.bracketSize) {
    ++rungs;
    size *= params.reduction;
  }
  return rungs;
}

void require(bool ok, const char* field, const char* expected, int64_t found) {
  if (!ok) throw InputError(field, 0, expected, std::to_string(found));
}

}  // namespace

void checkHalvingParams(const HalvingParams& params) {
  require(params.maxEpochs >= 1, "maximum epochs", "at least 1", params.maxEpochs);
  require(params.reduction >= 2, "reduction factor", "at least 2", params.reduction);
  require(params.bracketSize >= 1, "bracket size", "at least 1", params.bracketSize);
  require(params.minEpochs >= 0 && params.minEpochs <= params.maxEpochs, "minimum epochs",
          "0 (automatic) up to the maximum epochs", params.minEpochs);
}

std::vector<int32_t> rungEpochs(const HalvingParams& params) {
  checkHalvingParams(params);
  const int32_t rungs = rungCount(params);
  int32_t first = params.minEpochs;
  if (first == 0) {
    first = std::max(1, static_cast<int32_t>(std::lround(params.maxEpochs / std::pow(params.reduction, rungs - 1))));
  }
  std::vector<int32_t> epochs;
  double e = first;
  for (int32_t k = 0; k + 1 < rungs; ++k, e *= params.reduction) {
    const auto rounded = static_cast<int32_t>(std::lround(e));
    if (rounded >= params.maxEpochs) break;
    if (epochs.empty() || rounded > epochs.back()) epochs.push_back(rounded);
  }
  epochs.push_back(params.maxEpochs);
  return epochs;
}

std::vector<int32_t> rungSizes(int32_t configurations, int32_t reduction, int32_t rungs) {
  std::vector<int32_t> sizes;
  int32_t n = configurations;
  for (int32_t k = 0; k < rungs; ++k) {
    sizes.push_back(n);
    n = std::max(1, n / reduction);
  }
  return sizes;
}

std::vector<size_t> promoted(std::span<const std::optional<double>> scores, int32_t reduction) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (scores[a].has_value() != scores[b].has_value()) return scores[a].has_value();
    return scores[a].has_value() && *scores[a] < *scores[b];
  });
  const size_t keep = std::max<size_t>(1, scores.size() / static_cast<size_t>(reduction));
  order.resize(std::min(keep, order.size()));
  return order;
}

}  // namespace ll
