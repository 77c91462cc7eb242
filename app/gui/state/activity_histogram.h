#pragma once
// How many users (or movies) have how many ratings, in power-of-two bins: rating counts span
// 1 to 100,000 with a long tail, so linear bins would put nearly everyone in the first bar.
// Header-only and free of ImGui for the unit tests; the loader computes it on its worker thread.

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace ll::gui {

struct ActivityHistogram {
  std::vector<int64_t> lower;       ///< first count of each bin: 0 (when present), 1, 2, 4, 8, …
  std::vector<int64_t> upper;       ///< last count of each bin (inclusive)
  std::vector<int64_t> entities;    ///< users or movies in each bin
  std::vector<std::string> labels;  ///< short, under the bars: "1", "2", "4", …, "1k", "2k"
  std::vector<std::string> ranges;  ///< for hover text: "1 rating", "2–3 ratings", "4–7 ratings", …
};

/// "512", "1k", "16k", "1M": lower bounds of power-of-two bins, short enough for narrow bars.
inline std::string binLabel(int64_t value) {
  if (value >= 1'048'576 && value % 1'048'576 == 0) return std::to_string(value / 1'048'576) + "M";
  if (value >= 1024 && value % 1024 == 0) return std::to_string(value / 1024) + "k";
  return std::to_string(value);
}

/// Bins [1, 1], [2, 3], [4, 7], … up to the bin of the largest count, empty bins included so the
/// axis is even; a [0, 0] bin first only when some entity has no rating at all.
inline ActivityHistogram activityHistogram(const std::vector<int64_t>& countPerEntity) {
  ActivityHistogram h;
  if (countPerEntity.empty()) return h;
  const int64_t largest = *std::max_element(countPerEntity.begin(), countPerEntity.end());
  const bool hasZero = std::find(countPerEntity.begin(), countPerEntity.end(), int64_t{0}) != countPerEntity.end();
  if (hasZero) {
    h.lower.push_back(0);
    h.upper.push_back(0);
  }
  for (int64_t low = 1; low <= largest; low *= 2) {
    h.lower.push_back(low);
    h.upper.push_back(low * 2 - 1);
  }
  h.entities.assign(h.lower.size(), 0);
  for (int64_t count : countPerEntity) {
    if (count < 0) continue;
    size_t bin = 0;
    if (count > 0) {
      // floor(log2(count)), plus one for the zero bin when there is one
      int64_t power = 0;
      for (int64_t rest = count; rest > 1; rest /= 2) ++power;
      bin = static_cast<size_t>(power) + (hasZero ? 1 : 0);
    }
    ++h.entities[bin];
  }
  for (size_t b = 0; b < h.lower.size(); ++b) {
    h.labels.push_back(binLabel(h.lower[b]));
    if (h.lower[b] == h.upper[b]) {
      h.ranges.push_back(std::to_string(h.lower[b]) + (h.lower[b] == 1 ? " rating" : " ratings"));
    } else {
      h.ranges.push_back(std::to_string(h.lower[b]) + "–" + std::to_string(h.upper[b]) + " ratings");
    }
  }
  return h;
}

}  // namespace ll::gui
