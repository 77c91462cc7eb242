#include "core/data/dataset_assembly.h"

#include <algorithm>

#include "core/data/input_error.h"

namespace ll {

void finishRatings(RatingsBuilder& builder, Dataset& dataset, const std::string& ratingsFile) {
  if (builder.size() == 0) throw InputError(ratingsFile, 0, "at least one rating", "none");
  builder.finish(dataset.ratings, dataset.userIds, dataset.itemIds);
  const auto [low, high] = std::minmax_element(dataset.ratings.value.begin(), dataset.ratings.value.end());
  dataset.minRating = *low;
  dataset.maxRating = *high;
}

size_t countLines(std::string_view text) {
  size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  if (!text.empty() && text.back() != '\n') ++lines;
  return lines;
}

}  // namespace ll
