#pragma once
// Colour for the point cloud, header-only and free of ImGui and GL (the unit tests include it):
// viridis for continuous values (perceptually uniform, readable in grey and by the common
// colour-vision deficiencies), Okabe–Ito followed by a few Tableau-10-like hues for categories,
// and the value ranges legends show (a log scale for rating counts).

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace ll::gui {

/// RGBA, 8 bits each, packed little-endian as GL_UNSIGNED_BYTE × 4 reads it (R in the low byte).
using PackedColour = uint32_t;

constexpr PackedColour packColour(uint8_t r, uint8_t g, uint8_t b, uint8_t a = 255) {
  return static_cast<PackedColour>(r) | static_cast<PackedColour>(g) << 8 | static_cast<PackedColour>(b) << 16 |
         static_cast<PackedColour>(a) << 24;
}
constexpr uint8_t channel(PackedColour c, int index) { return static_cast<uint8_t>(c >> (8 * index)); }

/// Viridis at t ∈ [0, 1] (clamped), interpolated between 9 samples of the published map.
inline PackedColour viridis(float t) {
  static constexpr std::array<std::array<uint8_t, 3>, 9> kStops{{{68, 1, 84},
                                                                  {71, 44, 122},
                                                                  {59, 81, 139},
                                                                  {44, 113, 142},
                                                                  {33, 144, 141},
                                                                  {39, 173, 129},
                                                                  {92, 200, 99},
                                                                  {170, 220, 50},
                                                                  {253, 231, 37}}};
  if (!(t >= 0.0f)) t = 0.0f;  // also catches NaN
  t = std::min(t, 1.0f) * static_cast<float>(kStops.size() - 1);
  const size_t i = std::min(static_cast<size_t>(t), kStops.size() - 2);
  const float f = t - static_cast<float>(i);
  auto mix = [&](int k) {
    return static_cast<uint8_t>(std::lround(kStops[i][k] + (kStops[i + 1][k] - kStops[i][k]) * f));
  };
  return packColour(mix(0), mix(1), mix(2));
}

/// Categories: Okabe–Ito's eight (black replaced by a light grey that reads on the dark
/// background), then Tableau-10-like hues. Past the table, colours repeat; callers fold rare
/// categories into "other" first (see topCategories).
constexpr int kCategoryColours = 12;
inline PackedColour categoryColour(int index) {
  static constexpr std::array<PackedColour, kCategoryColours> kTable{
      packColour(230, 159, 0),   packColour(86, 180, 233),  packColour(0, 158, 115),  packColour(240, 228, 66),
      packColour(0, 114, 178),   packColour(213, 94, 0),    packColour(204, 121, 167), packColour(200, 200, 200),
      packColour(156, 117, 95),  packColour(237, 201, 72),  packColour(176, 122, 161), packColour(118, 183, 178)};
  return kTable[static_cast<size_t>(index) % kTable.size()];
}
/// For points outside every named category, and for "unknown".
constexpr PackedColour kOtherColour = packColour(105, 110, 120);

/// The range a legend shows for a continuous colouring.
struct LegendRange {
  double low = 0.0;
  double high = 1.0;
  bool logScale = false;  ///< values were mapped through log10(1 + v)
  /// Position in [0, 1] of value within the range.
  float position(double value) const {
    const double v = logScale ? std::log10(1.0 + std::max(value, 0.0)) : value;
    const double lo = logScale ? std::log10(1.0 + std::max(low, 0.0)) : low;
    const double hi = logScale ? std::log10(1.0 + std::max(high, 0.0)) : high;
    if (!(hi > lo)) return 0.5f;
    return static_cast<float>(std::clamp((v - lo) / (hi - lo), 0.0, 1.0));
  }
  /// The value at position t ∈ [0, 1] (the inverse of position), for legend ticks.
  double valueAt(float t) const {
    if (!logScale) return low + (high - low) * t;
    const double lo = std::log10(1.0 + std::max(low, 0.0)), hi = std::log10(1.0 + std::max(high, 0.0));
    return std::pow(10.0, lo + (hi - lo) * t) - 1.0;
  }
};

/// The range of finite values (low = high = 0 when there are none).
template <class T>
LegendRange rangeOf(std::span<const T> values, bool logScale) {
  LegendRange range{0.0, 0.0, logScale};
  bool any = false;
  for (const T& value : values) {
    const double v = static_cast<double>(value);
    if (!std::isfinite(v)) continue;
    range.low = any ? std::min(range.low, v) : v;
    range.high = any ? std::max(range.high, v) : v;
    any = true;
  }
  return range;
}

/// The `limit` most frequent categories (ties by lower index), most frequent first; the rest are
/// shown as "other". category[i] < 0 means "none". Result: the category ids in legend order.
inline std::vector<int> topCategories(std::span<const int> category, int categories, int limit) {
  std::vector<int64_t> counts(static_cast<size_t>(std::max(categories, 0)), 0);
  for (int c : category) {
    if (c >= 0 && c < categories) ++counts[static_cast<size_t>(c)];
  }
  std::vector<int> order;
  for (int c = 0; c < categories; ++c) {
    if (counts[static_cast<size_t>(c)] > 0) order.push_back(c);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return counts[static_cast<size_t>(a)] > counts[static_cast<size_t>(b)]; });
  if (static_cast<int>(order.size()) > limit) order.resize(static_cast<size_t>(std::max(limit, 0)));
  return order;
}

/// The index of the lowest set bit (a movie's primary genre), or −1 when none is set.
inline int lowestSetBit(uint32_t bits) {
  if (bits == 0) return -1;
  int index = 0;
  while ((bits & 1u) == 0) {
    bits >>= 1;
    ++index;
  }
  return index;
}

}  // namespace ll::gui
