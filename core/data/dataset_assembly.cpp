#include "core/data/dataset_assembly.h"

#include <algorithm>
#include <cstdint>

#include "core/data/input_error.h"

namespace ll {

void finishRatings(RatingsBuilder& builder, Dataset& dataset, const std::string& ratingsFile) {
  if (builder.size() == 0) throw InputError(ratingsFile, 0, "at least one rating", "none");
  builder.finish(dataset.ratings, dataset.userIds, dataset.itemIds);
  observeRatingScale(dataset, ratingsFile);
}

void observeRatingScale(Dataset& dataset, const std::string& ratingsFile) {
  if (dataset.ratings.size() == 0) throw InputError(ratingsFile, 0, "at least one rating", "none");
  const auto [low, high] = std::minmax_element(dataset.ratings.value.begin(), dataset.ratings.value.end());
  dataset.minRating = *low;
  dataset.maxRating = *high;
}

namespace {

// Newlines in [text, text + n): 64 byte-wide counters the compiler turns into vector compares,
// emptied every 255 rounds before they overflow. Several times faster than std::count here.
size_t countNewlines(const char* text, size_t n) {
  constexpr size_t kLanes = 64, kRounds = 255;
  size_t total = 0, i = 0;
  while (n - i >= kLanes) {
    uint8_t lanes[kLanes] = {};
    const size_t rounds = std::min(kRounds, (n - i) / kLanes);
    for (size_t r = 0; r < rounds; ++r, i += kLanes) {
      for (size_t l = 0; l < kLanes; ++l) lanes[l] = static_cast<uint8_t>(lanes[l] + (text[i + l] == '\n'));
    }
    for (size_t l = 0; l < kLanes; ++l) total += lanes[l];
  }
  for (; i < n; ++i) total += text[i] == '\n';
  return total;
}

}  // namespace

size_t countLines(std::string_view text) {
  size_t lines = countNewlines(text.data(), text.size());
  if (!text.empty() && text.back() != '\n') ++lines;
  return lines;
}

}  // namespace ll
