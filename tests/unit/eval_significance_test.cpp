// The significance tests against values computed by hand (the arithmetic is in the comments) and
// against printed tables: Student's t through the incomplete beta, the Nadeau–Bengio corrected
// t-test on five folds, Wilcoxon's signed-rank test on Hollander & Wolfe's textbook example and on
// a case with ties and zeros, and the bootstrap's determinism and coverage.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "core/eval/significance.h"
#include "core/eval/test_distributions.h"
#include "core/util/random.h"

namespace ll {
namespace {

// ν = 4 has a closed form: p = 1 − (3/4)·s·(1 − t²/(12(1 + t²/4))), s = t/√(1 + t²/4).
double closedFormP4(double t) {
  const double q = 1.0 + t * t / 4.0;
  return 1.0 - 0.75 * (t / std::sqrt(q)) * (1.0 - t * t / (12.0 * q));
}

TEST(EvalSignificance, IncompleteBetaMatchesItsClosedForms) {
  for (double x : {0.0, 0.01, 0.3, 0.5, 0.77, 0.999, 1.0}) {
    EXPECT_NEAR(regularizedIncompleteBeta(2.5, 1.0, x), std::pow(x, 2.5), 1e-13) << x;             // I_x(a, 1) = x^a
    EXPECT_NEAR(regularizedIncompleteBeta(1.0, 3.5, x), 1.0 - std::pow(1.0 - x, 3.5), 1e-13) << x;  // I_x(1, b)
    EXPECT_NEAR(regularizedIncompleteBeta(0.5, 0.5, x), 2.0 / std::numbers::pi * std::asin(std::sqrt(x)), 1e-13) << x;
    EXPECT_NEAR(regularizedIncompleteBeta(3.0, 7.0, x), 1.0 - regularizedIncompleteBeta(7.0, 3.0, 1.0 - x), 1e-13) << x;
  }
  EXPECT_NEAR(regularizedIncompleteBeta(500.0, 500.0, 0.5), 0.5, 1e-12);  // symmetric, and many terms
  EXPECT_TRUE(std::isnan(regularizedIncompleteBeta(0.0, 1.0, 0.5)));
  EXPECT_TRUE(std::isnan(regularizedIncompleteBeta(1.0, 1.0, 1.5)));
}

TEST(EvalSignificance, StudentTMatchesTablesAndClosedForms) {
  // Two-sided critical values from a printed t table (3–4 digits, hence the tolerance).
  EXPECT_NEAR(studentTTwoSidedP(2.776, 4), 0.05, 1e-4);
  EXPECT_NEAR(studentTTwoSidedP(-2.776, 4), 0.05, 1e-4);
  EXPECT_NEAR(studentTTwoSidedP(12.706, 1), 0.05, 1e-5);
  EXPECT_NEAR(studentTTwoSidedP(4.303, 2), 0.05, 1e-4);
  EXPECT_NEAR(studentTTwoSidedP(2.228, 10), 0.05, 1e-4);
  EXPECT_NEAR(studentTTwoSidedP(3.707, 6), 0.01, 1e-4);
  EXPECT_NEAR(studentTTwoSidedP(4.604, 4), 0.01, 1e-5);
  EXPECT_NEAR(studentTTwoSidedP(2.042, 30), 0.05, 1e-4);
  EXPECT_NEAR(studentTTwoSidedP(1.959964, 1e7), 0.05, 1e-6);  // → the normal
  // Closed forms: ν = 1 (Cauchy) p = 1 − (2/π)·atan|t|; ν = 2: p = 1 − |t|/√(2 + t²); ν = 4 above.
  for (double t : {0.1, 0.5, 1.0, 2.776, 7.0, 40.0}) {
    EXPECT_NEAR(studentTTwoSidedP(t, 1), 1.0 - 2.0 / std::numbers::pi * std::atan(t), 1e-13) << t;
    EXPECT_NEAR(studentTTwoSidedP(t, 2), 1.0 - t / std::sqrt(2.0 + t * t), 1e-13) << t;
    EXPECT_NEAR(studentTTwoSidedP(t, 4), closedFormP4(t), 1e-13) << t;
  }
  EXPECT_EQ(studentTTwoSidedP(0.0, 3), 1.0);
  EXPECT_EQ(studentTTwoSidedP(INFINITY, 3), 0.0);
  EXPECT_GT(studentTTwoSidedP(1e200, 3), -1e-300);  // t² overflows: still a probability
  EXPECT_LT(studentTTwoSidedP(1e200, 3), 1e-300);
  EXPECT_NEAR(normalTwoSidedP(1.959963985), 0.05, 1e-9);
  EXPECT_NEAR(normalTwoSidedP(-2.575829304), 0.01, 1e-9);
}

TEST(EvalSignificance, CorrectedTTestOnFiveFoldsByHand) {
  // d = 0.010, 0.020, 0.015, 0.005, 0.020: mean 0.014; deviations −4, 6, 1, −9, 6 (×1e-3), squares
  // 16 + 36 + 1 + 81 + 36 = 170e-6, s² = 170e-6 / 4 = 42.5e-6. With n_test/n_train = 0.25 (ml-100k's
  // 20k/80k folds): var = (1/5 + 0.25)·42.5e-6 = 19.125e-6, t = 0.014 / 0.0043732 = 3.20131, and with
  // 4 degrees of freedom p = 1 − (3/4)·s·(1 − t²/(12q)) = 0.03286. (The plain paired t-test, s²/k,
  // would say t = 4.80, p = 0.0086: the folds' overlapping training sets make it overconfident.)
  const std::vector<double> d = {0.010, 0.020, 0.015, 0.005, 0.020};
  const auto test = correctedPairedTTest(d, 0.25);
  ASSERT_TRUE(test.has_value());
  EXPECT_EQ(test->folds, 5);
  EXPECT_EQ(test->degreesOfFreedom, 4);
  EXPECT_NEAR(test->meanDifference, 0.014, 1e-15);
  EXPECT_NEAR(test->sdDifference, std::sqrt(42.5e-6), 1e-15);
  EXPECT_NEAR(test->t, 3.2013069226601645, 1e-12);
  EXPECT_NEAR(test->pValue, 0.03285984990336799, 1e-12);
  // The sign of t follows the differences; p does not.
  std::vector<double> negated = d;
  for (double& v : negated) v = -v;
  EXPECT_NEAR(correctedPairedTTest(negated, 0.25)->t, -test->t, 1e-12);
  EXPECT_NEAR(correctedPairedTTest(negated, 0.25)->pValue, test->pValue, 1e-12);
}

TEST(EvalSignificance, CorrectedTTestEdgeCases) {
  const std::vector<double> one = {0.01};
  EXPECT_FALSE(correctedPairedTTest(one, 0.25).has_value());  // a single split: n/a
  const std::vector<double> two = {0.01, 0.02};
  EXPECT_FALSE(correctedPairedTTest(two, -1.0).has_value());
  const std::vector<double> same = {0.01, 0.01, 0.01};
  EXPECT_TRUE(std::isinf(correctedPairedTTest(same, 0.5)->t));
  EXPECT_EQ(correctedPairedTTest(same, 0.5)->pValue, 0.0);
  const std::vector<double> zeros = {0.0, 0.0, 0.0};
  EXPECT_EQ(correctedPairedTTest(zeros, 0.5)->t, 0.0);
  EXPECT_EQ(correctedPairedTTest(zeros, 0.5)->pValue, 1.0);
}

// Hollander & Wolfe (1973, Table 3.1), the example of R's wilcox.test: Hamilton depression scale
// before (x) and after (y) a tranquilizer for nine patients.
std::vector<double> hollanderWolfeDifferences() {
  const std::vector<double> x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
  const std::vector<double> y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
  std::vector<double> d;
  for (size_t k = 0; k < x.size(); ++k) d.push_back(x[k] - y[k]);
  return d;
}

TEST(EvalSignificance, WilcoxonExactOnTheTextbookExample) {
  // |d| ranked: 0.01 (1, +), 0.08 (2, −), 0.147 (3, −), then ranks 4…9 all positive, so
  // W+ = 45 − 2 − 3 = 40. Of the 2^9 = 512 sign patterns, 10 reach W+ ≥ 40 (sums 45, 44, 43: one
  // each; 42, 41: two each; 40: three): one-sided p = 10/512 = 0.01953 (R: V = 40,
  // p-value = 0.01953), two-sided 0.0390625.
  const std::vector<double> d = hollanderWolfeDifferences();
  const SignedRankTest test = wilcoxonSignedRank(d);
  EXPECT_EQ(test.pairs, 9);
  EXPECT_EQ(test.zeros, 0);
  EXPECT_EQ(test.ranked, 9);
  EXPECT_EQ(test.statistic, 40.0);
  EXPECT_TRUE(test.exact);
  EXPECT_NEAR(test.pValue, 20.0 / 512.0, 1e-15);
  // Normal approximation: mean 9·10/4 = 22.5, σ² = 9·10·19/24 = 71.25,
  // z = (40 − 22.5 − 0.5)/√71.25 = 2.01399, p = erfc(z/√2) = 0.04401.
  const SignedRankTest normal = wilcoxonSignedRank(d, WilcoxonParams{.exactUpTo = 0});
  EXPECT_FALSE(normal.exact);
  EXPECT_NEAR(normal.z, 2.0139861843809137, 1e-12);
  EXPECT_NEAR(normal.pValue, 0.04401098401295146, 1e-12);
  EXPECT_NEAR(test.z, normal.z, 1e-15);  // z is reported with the exact p as well
}

TEST(EvalSignificance, WilcoxonDropsZerosAndSharesMidranksAmongTies) {
  // Two zeros dropped; |d| = 1 1 2 2 2 3 3 3 4 5 get midranks 1.5 1.5 4 4 4 7 7 7 9 10.
  // W+ = 1.5 (the +1) + 4 + 4 (+2, +2) + 7·3 (+3 ×3) + 9 (+4) = 39.5, of 55.
  // Exact, by counting the 1024 sign patterns of those midranks: 124 reach ≥ 39.5, p = 248/1024.
  // Normal: mean 27.5; ties 2, 3, 3 give Σ(t³ − t) = 6 + 24 + 24 = 54, σ² = 96.25 − 54/48 = 95.125,
  // z = (39.5 − 27.5 − 0.5)/√95.125 = 1.17910, p = 0.23836.
  const std::vector<double> d = {0, 0, 1, -1, 2, 2, -2, 3, 3, 3, 4, -5};
  const SignedRankTest test = wilcoxonSignedRank(d);
  EXPECT_EQ(test.pairs, 12);
  EXPECT_EQ(test.zeros, 2);
  EXPECT_EQ(test.ranked, 10);
  EXPECT_EQ(test.statistic, 39.5);
  EXPECT_TRUE(test.exact);
  EXPECT_NEAR(test.pValue, 248.0 / 1024.0, 1e-15);
  const SignedRankTest normal = wilcoxonSignedRank(d, WilcoxonParams{.exactUpTo = 0});
  EXPECT_NEAR(normal.z, 1.179099636457337, 1e-12);
  EXPECT_NEAR(normal.pValue, 0.23835850336167463, 1e-12);
  // All zeros: nothing to rank.
  const std::vector<double> none = {0.0, 0.0};
  EXPECT_EQ(wilcoxonSignedRank(none).pValue, 1.0);
  EXPECT_EQ(wilcoxonSignedRank(none).ranked, 0);
}

TEST(EvalSignificance, WilcoxonBeyondTheExactLimitUsesTheNormal) {
  // d = ±1…±30 with 1…20 positive: W+ = 210, mean 30·31/4 = 232.5, σ² = 30·31·61/24 = 2363.75,
  // z = (210 − 232.5 + 0.5)/48.618 = −0.45250, p = 0.65091.
  std::vector<double> d;
  for (int k = 1; k <= 30; ++k) d.push_back(k <= 20 ? k : -k);
  const SignedRankTest test = wilcoxonSignedRank(d);
  EXPECT_FALSE(test.exact);
  EXPECT_EQ(test.statistic, 210.0);
  EXPECT_NEAR(test.z, -0.4525034658076703, 1e-12);
  EXPECT_NEAR(test.pValue, 0.6509063250270036, 1e-12);
  // At n = 25 the exact and normal p-values of the same data agree to a few thousandths.
  d.resize(25);
  const double exact = wilcoxonSignedRank(d).pValue;
  const double normal = wilcoxonSignedRank(d, WilcoxonParams{.exactUpTo = 0}).pValue;
  EXPECT_NEAR(exact, normal, 0.005);
}

TEST(EvalSignificance, BootstrapIsDeterministicAndPooled) {
  // Per-user sums of squared errors and rating counts: the estimate is the pooled MSE.
  const std::vector<double> squared = {1.0, 4.0, 0.5, 2.0, 9.0, 0.0, 3.0};
  const std::vector<double> counts = {1.0, 4.0, 2.0, 2.0, 3.0, 0.0, 5.0};  // user 6 rated nothing: left out
  const auto a = bootstrapRatioInterval(squared, counts);
  const auto b = bootstrapRatioInterval(squared, counts);
  ASSERT_TRUE(a.has_value());
  EXPECT_DOUBLE_EQ(a->estimate, 19.5 / 17.0);
  EXPECT_EQ(a->low, b->low);
  EXPECT_EQ(a->high, b->high);
  EXPECT_LE(a->low, a->estimate);
  EXPECT_GE(a->high, a->estimate);
  EXPECT_LT(a->low, a->high);
  const auto other = bootstrapRatioInterval(squared, counts, BootstrapParams{.seed = 2});
  EXPECT_TRUE(other->low != a->low || other->high != a->high);
  // A wider level gives a wider interval from the same draws.
  const auto wide = bootstrapRatioInterval(squared, counts, BootstrapParams{.level = 0.99});
  EXPECT_LE(wide->low, a->low);
  EXPECT_GE(wide->high, a->high);
  // Every user alike: no spread at all.
  const std::vector<double> flat = {2.0, 2.0, 2.0};
  const std::vector<double> ones = {1.0, 1.0, 1.0};
  const auto constant = bootstrapRatioInterval(flat, ones);
  EXPECT_EQ(constant->low, 2.0);
  EXPECT_EQ(constant->high, 2.0);
  const std::vector<double> empty;
  EXPECT_FALSE(bootstrapRatioInterval(empty, empty).has_value());
}

TEST(EvalSignificance, BootstrapIntervalsCoverTheTrueMeanAboutAsOftenAsTheyClaim) {
  // 300 samples of 60 users with values N(1, 1): the 95 % percentile interval of the mean should
  // hold 1 in about 95 % of them (the percentile bootstrap runs a little short at this n).
  Random random(7);
  int covered = 0;
  constexpr int kSamples = 300;
  for (int s = 0; s < kSamples; ++s) {
    std::vector<double> values(60), ones(60, 1.0);
    for (double& v : values) v = random.normal(1.0, 1.0);
    const auto interval = bootstrapRatioInterval(values, ones, BootstrapParams{.resamples = 400, .seed = static_cast<uint64_t>(s)});
    if (interval->low <= 1.0 && 1.0 <= interval->high) ++covered;
  }
  const double coverage = static_cast<double>(covered) / kSamples;
  EXPECT_GT(coverage, 0.90);
  EXPECT_LT(coverage, 0.99);
}

}  // namespace
}  // namespace ll
