#pragma once
// Is one model better than another, or did the folds and users just fall that way? Three pure
// procedures over paired measurements of two models (the anchor: Elliot's statistical tests,
// Anelli et al. 2021):
//   - the corrected resampled t-test over folds (Nadeau & Bengio 2003, "Inference for the
//     generalization error"): k-fold training sets overlap, so the fold differences are
//     correlated and the plain paired t-test's variance s²/k is far too small; they use
//     (1/k + n_test/n_train)·s² instead, with k − 1 degrees of freedom;
//   - the Wilcoxon signed-rank test over users (Wilcoxon 1945), paired per-user errors;
//   - percentile bootstrap intervals over users (Efron & Tibshirani 1993, ch. 13) of a pooled
//     ratio such as RMSE² = Σ squared errors / Σ ratings or HR@K = Σ hits / Σ held-out items.
// All p-values are two-sided.

#include <cstdint>
#include <optional>
#include <span>

namespace ll {

struct CorrectedTTest {
  int32_t folds = 0;              ///< k: the paired fold differences
  double meanDifference = 0.0;    ///< mean of d_j = a_j − b_j
  double sdDifference = 0.0;      ///< sample sd of d_j (k − 1 in the denominator)
  double testTrainRatio = 0.0;    ///< n_test / n_train of a fold
  double t = 0.0;                 ///< mean / √((1/k + n_test/n_train)·s²); ±∞ when every d_j is the same nonzero value
  int32_t degreesOfFreedom = 0;   ///< k − 1
  double pValue = 1.0;            ///< two-sided, Student t with k − 1 degrees of freedom
};

/// differences: d_j = a_j − b_j on fold j, one per fold; testTrainRatio: n_test / n_train of the
/// folds (1/(k−1) for plain k-fold). nullopt for fewer than two folds (a single split cannot
/// estimate the variance) or a ratio that is negative or not finite. All d_j zero gives t = 0, p = 1.
std::optional<CorrectedTTest> correctedPairedTTest(std::span<const double> differences, double testTrainRatio);

struct WilcoxonParams {
  /// Up to this many nonzero differences the p-value is exact; beyond, the normal approximation
  /// (default: 25)
  int32_t exactUpTo = 25;
};

/// Zeros are dropped (Wilcoxon's own rule, as R's wilcox.test and scipy's default "wilcox"): a
/// user both models fit equally well says nothing about which is better. Tied |d| share their
/// midrank. The exact p-value is the permutation distribution of the signed midranks given the
/// ties (every sign pattern equally likely), counted over doubled — hence whole — midranks; the
/// approximation is normal with the tie correction of the variance and a continuity correction
/// of ½. Differences compare exactly: no tolerance decides a zero or a tie.
struct SignedRankTest {
  int64_t pairs = 0;        ///< differences given
  int64_t zeros = 0;        ///< of them exactly 0, dropped
  int64_t ranked = 0;       ///< n = pairs − zeros
  double statistic = 0.0;   ///< W+: the sum of the (mid)ranks of |d| over the positive d
  /// (W+ − n(n+1)/4 ∓ ½) / σ, σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over tie groups of size t; 0 when
  /// |W+ − n(n+1)/4| ≤ ½. Reported also when the p-value is exact.
  double z = 0.0;
  bool exact = false;       ///< whether pValue is exact (n ≤ exactUpTo) or from z
  double pValue = 1.0;      ///< two-sided; 1 when nothing is left to rank
};

/// differences: d_u = a_u − b_u, one per pair (user).
SignedRankTest wilcoxonSignedRank(std::span<const double> differences, const WilcoxonParams& params = {});

struct BootstrapParams {
  int32_t resamples = 1000;  ///< bootstrap samples drawn (default: 1000)
  double level = 0.95;       ///< coverage of the interval (default: 0.95)
  uint64_t seed = 1;         ///< draws the resamples; the same seed draws the same units for every caller (default: 1)
};

struct BootstrapInterval {
  double estimate = 0.0;  ///< the ratio on the sample itself
  double low = 0.0;       ///< the (1 − level)/2 percentile of the resampled ratios
  double high = 0.0;      ///< the (1 + level)/2 percentile
};

/// Percentile interval of Σ numerators / Σ denominators over units (users) drawn with replacement.
/// Units with a denominator ≤ 0 take no part (a user with nothing measured). Percentiles are order
/// statistics (the ⌈B(1−level)/2⌉-th from each end), so the interval of a monotone transform is the
/// transform of the interval: an RMSE interval is the square root of the MSE interval. Two calls
/// with the same seed and unit count draw the same units, so intervals of several models over the
/// same users are comparable. nullopt when no unit takes part or resamples < 1.
/// numerators, denominators: one per unit, the same length.
std::optional<BootstrapInterval> bootstrapRatioInterval(std::span<const double> numerators, std::span<const double> denominators,
                                                        const BootstrapParams& params = {});

}  // namespace ll
