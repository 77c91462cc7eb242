#include "core/util/fast_power.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ll {
namespace {

double relativeError(float fast, double exact) { return std::abs(static_cast<double>(fast) - exact) / exact; }

TEST(FastPower, Log2IsExactAtPowersOfTwoAndCloseBetween) {
  for (int e = -30; e <= 30; ++e) EXPECT_EQ(fastLog2(std::ldexp(1.0f, e)), static_cast<float>(e)) << e;
  double worst = 0.0;
  for (float x = 0.01f; x < 100.0f; x *= 1.0009f) {
    const double exact = std::log2(static_cast<double>(x));
    worst = std::max(worst, std::abs(fastLog2(x) - exact) / std::max(1.0, std::abs(exact)));
  }
  EXPECT_LT(worst, 2e-7);
}

TEST(FastPower, Exp2MatchesAcrossTheRangeAndSaturatesOutsideIt) {
  double worst = 0.0;
  for (float y = -120.0f; y <= 120.0f; y += 0.0371f) worst = std::max(worst, relativeError(fastExp2(y), std::exp2(static_cast<double>(y))));
  EXPECT_LT(worst, 3e-7);
  EXPECT_EQ(fastExp2(0.0f), 1.0f);
  EXPECT_EQ(fastExp2(-1000.0f), std::ldexp(1.0f, -126));
  EXPECT_EQ(fastExp2(1000.0f), std::ldexp(1.0f, 127));
}

// The bound the file's comment states, 3·10⁻⁷ + 8·10⁻⁸ |y| with y = b log2 x, over exponents from
// UMAP's curve fits and beyond, wherever the result is a normal float.
TEST(FastPower, PowerIsWithinItsStatedBoundOfStdPow) {
  const float exponents[] = {0.3f, 0.5f, 0.79f, 0.8951f, 1.0f, 1.25f, 1.929f, 2.0f};
  double worstAgainstBound = 0.0, worstInUmapsRange = 0.0;
  for (float b : exponents) {
    for (float x = 1e-30f; x < 1e30f; x *= 1.013f) {
      const double exact = std::pow(static_cast<double>(x), static_cast<double>(b));
      if (exact < 1e-37 || exact > 1e38) continue;
      const double y = std::abs(b * std::log2(static_cast<double>(x)));
      worstAgainstBound = std::max(worstAgainstBound, relativeError(fastPower(x, b), exact) / (3e-7 + 8e-8 * y));
      if (x >= 1e-4f && x <= 1e4f && y <= 12.0) worstInUmapsRange = std::max(worstInUmapsRange, relativeError(fastPower(x, b), exact));
    }
  }
  EXPECT_LT(worstAgainstBound, 1.0);
  EXPECT_LT(worstInUmapsRange, 1e-6);
  EXPECT_EQ(fastPower(1.0f, 0.8951f), 1.0f);
  EXPECT_FLOAT_EQ(fastPower(4.0f, 0.5f), 2.0f);
}

}  // namespace
}  // namespace ll
