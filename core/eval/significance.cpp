#include "core/eval/significance.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/eval/test_distributions.h"
#include "core/util/random.h"

namespace ll {

std::optional<CorrectedTTest> correctedPairedTTest(std::span<const double> differences, double testTrainRatio) {
  if (differences.size() < 2 || !std::isfinite(testTrainRatio) || testTrainRatio < 0.0) return std::nullopt;
  CorrectedTTest test;
  test.folds = static_cast<int32_t>(differences.size());
  test.testTrainRatio = testTrainRatio;
  test.degreesOfFreedom = test.folds - 1;
  const double k = test.folds;
  double sum = 0.0;
  for (double d : differences) sum += d;
  test.meanDifference = sum / k;
  double squares = 0.0;
  for (double d : differences) squares += (d - test.meanDifference) * (d - test.meanDifference);
  const double variance = squares / (k - 1.0);
  test.sdDifference = std::sqrt(variance);
  if (variance == 0.0) {
    // Every fold differs by the same amount: no doubt about the sign unless that amount is 0.
    test.t = test.meanDifference == 0.0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), test.meanDifference);
    test.pValue = test.meanDifference == 0.0 ? 1.0 : 0.0;
    return test;
  }
  test.t = test.meanDifference / std::sqrt((1.0 / k + testTrainRatio) * variance);
  test.pValue = studentTTwoSidedP(test.t, test.degreesOfFreedom);
  return test;
}

namespace {

/// P(W ≤ w) and P(W ≥ w) for W the sum of a random subset of the given whole numbers (each in or
/// out with probability ½): the null distribution of doubled W+. Counts as doubles: exact up to
/// 2^53 subsets, far past the 2^25 of n ≤ 25 (and still a fine approximation beyond).
std::pair<double, double> subsetSumTails(const std::vector<int64_t>& values, int64_t w) {
  int64_t total = 0;
  for (int64_t v : values) total += v;
  std::vector<double> counts(static_cast<size_t>(total) + 1, 0.0);
  counts[0] = 1.0;
  int64_t reach = 0;
  for (int64_t v : values) {
    for (int64_t s = reach; s >= 0; --s) counts[static_cast<size_t>(s + v)] += counts[static_cast<size_t>(s)];
    reach += v;
  }
  double below = 0.0, above = 0.0, all = 0.0;
  for (int64_t s = 0; s <= total; ++s) {
    const double c = counts[static_cast<size_t>(s)];
    all += c;
    if (s <= w) below += c;
    if (s >= w) above += c;
  }
  return {below / all, above / all};
}

}  // namespace

SignedRankTest wilcoxonSignedRank(std::span<const double> differences, const WilcoxonParams& params) {
  SignedRankTest test;
  test.pairs = static_cast<int64_t>(differences.size());
  std::vector<double> nonzero;
  nonzero.reserve(differences.size());
  for (double d : differences) {
    if (d == 0.0) {
      ++test.zeros;
    } else if (!std::isnan(d)) {
      nonzero.push_back(d);
    }
  }
  const auto n = static_cast<int64_t>(nonzero.size());
  test.ranked = n;
  if (n == 0) return test;
  std::sort(nonzero.begin(), nonzero.end(), [](double a, double b) { return std::fabs(a) < std::fabs(b); });
  // Midranks, doubled so they are whole: a tie group over 1-based ranks i..j shares (i + j) / 2.
  std::vector<int64_t> doubledRanks(static_cast<size_t>(n));
  int64_t doubledPositive = 0;
  double tieSum = 0.0;  // Σ (t³ − t) over tie groups
  for (int64_t i = 0; i < n;) {
    int64_t j = i;
    while (j + 1 < n && std::fabs(nonzero[static_cast<size_t>(j + 1)]) == std::fabs(nonzero[static_cast<size_t>(i)])) ++j;
    const int64_t doubled = (i + 1) + (j + 1);
    const double t = static_cast<double>(j - i + 1);
    tieSum += t * t * t - t;
    for (int64_t k = i; k <= j; ++k) {
      doubledRanks[static_cast<size_t>(k)] = doubled;
      if (nonzero[static_cast<size_t>(k)] > 0.0) doubledPositive += doubled;
    }
    i = j + 1;
  }
  test.statistic = 0.5 * static_cast<double>(doubledPositive);
  const double nn = static_cast<double>(n);
  const double mean = nn * (nn + 1.0) / 4.0;
  const double variance = nn * (nn + 1.0) * (2.0 * nn + 1.0) / 24.0 - tieSum / 48.0;
  const double excess = std::max(0.0, std::fabs(test.statistic - mean) - 0.5);
  test.z = std::copysign(excess / std::sqrt(variance), test.statistic - mean);
  if (n <= params.exactUpTo) {
    const auto [below, above] = subsetSumTails(doubledRanks, doubledPositive);
    test.exact = true;
    test.pValue = std::min(1.0, 2.0 * std::min(below, above));
  } else {
    test.pValue = normalTwoSidedP(test.z);
  }
  return test;
}

std::optional<BootstrapInterval> bootstrapRatioInterval(std::span<const double> numerators, std::span<const double> denominators,
                                                        const BootstrapParams& params) {
  std::vector<double> top, bottom;
  for (size_t u = 0; u < std::min(numerators.size(), denominators.size()); ++u) {
    if (!(denominators[u] > 0.0)) continue;
    top.push_back(numerators[u]);
    bottom.push_back(denominators[u]);
  }
  if (top.empty() || params.resamples < 1) return std::nullopt;
  BootstrapInterval interval;
  double sumTop = 0.0, sumBottom = 0.0;
  for (size_t u = 0; u < top.size(); ++u) {
    sumTop += top[u];
    sumBottom += bottom[u];
  }
  interval.estimate = sumTop / sumBottom;
  Random random = Random::derived(params.seed, 0x424F4F54u);  // "BOOT"
  std::vector<double> ratios(static_cast<size_t>(params.resamples));
  const uint64_t units = top.size();
  for (double& ratio : ratios) {
    double drawnTop = 0.0, drawnBottom = 0.0;
    for (uint64_t k = 0; k < units; ++k) {
      const uint64_t u = random.below(units);
      drawnTop += top[u];
      drawnBottom += bottom[u];
    }
    ratio = drawnTop / drawnBottom;
  }
  std::sort(ratios.begin(), ratios.end());
  // The ⌈B·(1 − level)/2⌉-th value from each end (the small slack keeps 1000·0.025 at 25, not 26).
  const double tail = static_cast<double>(params.resamples) * (1.0 - std::clamp(params.level, 0.0, 1.0)) / 2.0;
  const auto rank = std::clamp<int64_t>(static_cast<int64_t>(std::ceil(tail - 1e-9)), 1, params.resamples);
  interval.low = ratios[static_cast<size_t>(rank - 1)];
  interval.high = ratios[static_cast<size_t>(params.resamples - rank)];
  return interval;
}

}  // namespace ll
