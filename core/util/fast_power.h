#pragma once

// x^b for positive finite floats, branch-free so a loop over it vectorises (UMAP's layout takes
// d^{2b} a few hundred million times; glibc's powf is exact to half an ulp but a call per value).
//
// x = 2^e · m with m in [√½, √2): log2 m = (2 / ln 2) · atanh t, t = (m − 1) / (m + 1), |t| ≤ 0.172,
// summed to t⁹ (the next term is below 2·10⁻⁹). Then 2^y, y = b · log2 x, as 2^n · 2^f with n the
// nearest integer and |f| ≤ ½: e^{f ln 2} by its Taylor series to the 7th power (next term below
// 1.2·10⁻⁹). Rounding y to a float dominates: the relative error is below 3·10⁻⁷ + 8·10⁻⁸ |y|, and
// under 10⁻⁶ for UMAP's d² from 10⁻⁴ to 10⁴ with |y| ≤ 12 (tests/unit/util_fast_power_test.cpp).
// Outside float's normal range results saturate: 2^n is clamped to [2^−126, 2^127], so results
// stay within a factor √2 of those bounds (a denormal one is 0 where denormals are flushed);
// callers only need the magnitude there. The
// arithmetic has no branches: loops over it vectorise (umap_layout.cpp's repulsion lanes).

#include <algorithm>
#include <bit>
#include <cstdint>

namespace ll {

inline float fastLog2(float x) {
  const auto bits = std::bit_cast<uint32_t>(x);
  // Exponent and mantissa with the mantissa moved into [√½, √2): 0x3F3504F3 is √½'s bits.
  const uint32_t shifted = bits - 0x3F3504F3u;
  const auto exponent = static_cast<float>(static_cast<int32_t>(shifted) >> 23);
  const float m = std::bit_cast<float>((shifted & 0x007FFFFFu) + 0x3F3504F3u);
  const float t = (m - 1.0f) / (m + 1.0f);
  const float t2 = t * t;
  // 2 / ln 2 · (t + t³/3 + t⁵/5 + t⁷/7 + t⁹/9)
  const float series = 1.0f + t2 * (1.0f / 3.0f + t2 * (1.0f / 5.0f + t2 * (1.0f / 7.0f + t2 * (1.0f / 9.0f))));
  return exponent + 2.8853900817779268f * t * series;
}

inline float fastExp2(float y) {
  // n = y rounded to the nearest integer (adding 1.5·2²³ leaves no bits for a fraction); valid
  // for |y| < 2²², far beyond any exponent a float has.
  const float n = (y + 12582912.0f) - 12582912.0f;
  const float f = (y - n) * 0.69314718055994531f;
  const float series =
      1.0f + f * (1.0f + f * (0.5f + f * (1.0f / 6.0f + f * (1.0f / 24.0f + f * (1.0f / 120.0f + f * (1.0f / 720.0f + f * (1.0f / 5040.0f)))))));
  // Clamped as an integer: a float comparison here would keep GCC from vectorising the loops
  // that call this (it will not turn it into a select while floating-point exceptions count).
  const int32_t exponent = std::clamp(static_cast<int32_t>(n), -126, 127);
  return series * std::bit_cast<float>(static_cast<uint32_t>(exponent + 127) << 23);
}

/// x^b for x > 0 (finite); see the top of this file for the accuracy.
inline float fastPower(float x, float b) { return fastExp2(b * fastLog2(x)); }

}  // namespace ll
