#include "core/data/item_features.h"

#include <algorithm>

#include "core/data/input_error.h"

namespace ll {
namespace {

constexpr const char* kGenomeScores = "genome-scores.csv";
constexpr const char* kGenomeTags = "genome-tags.csv";
constexpr const char* kUserTags = "tags.csv";

}  // namespace

ItemFeatures buildItemFeatures(const FileSource& files, const Dataset& dataset, const FeatureOptions& options) {
  const auto items = static_cast<int32_t>(dataset.itemIds.size());
  const auto genres = static_cast<int32_t>(dataset.genreNames.size());

  const bool hasScores = files.has(kGenomeScores);
  const bool hasTags = files.has(kGenomeTags);
  if (hasScores != hasTags) {
    const char* missing = hasScores ? kGenomeTags : kGenomeScores;
    const char* present = hasScores ? kGenomeScores : kGenomeTags;
    throw InputError(files.displayName(missing), 0, std::string(missing) + " beside " + present + " (the tag genome)",
                     "no such file");
  }

  FeatureBlock extra;
  std::string source = "genres";
  if (hasScores) {
    const DenseIndex index(dataset.itemIds);
    extra = readTagGenome(files, index, items);
    source = "genres+genome";
  } else if (files.has(kUserTags) && options.maxUserTags > 0) {
    const DenseIndex index(dataset.itemIds);
    extra = readUserTags(files, index, items, options.maxUserTags);
    if (!extra.names.empty()) source = "genres+tags";
  }

  ItemFeatures features;
  features.items = items;
  features.genreCount = genres;
  features.count = genres + static_cast<int32_t>(extra.names.size());
  features.source = source;
  features.uncoveredItems = source == "genres" ? 0 : items - extra.coveredItems;
  features.names = dataset.genreNames;
  features.names.insert(features.names.end(), extra.names.begin(), extra.names.end());
  features.values.assign(static_cast<size_t>(items) * features.count, 0.0f);

  const size_t extraCount = extra.names.size();
  for (int32_t i = 0; i < items; ++i) {
    float* row = features.values.data() + static_cast<size_t>(i) * features.count;
    const uint32_t bits = i < static_cast<int32_t>(dataset.movies.size()) ? dataset.movies[i].genres : 0u;
    for (int32_t g = 0; g < genres; ++g) row[g] = (bits >> g) & 1u ? 1.0f : 0.0f;
    if (extraCount > 0) {
      const float* from = extra.values.data() + static_cast<size_t>(i) * extraCount;
      std::copy(from, from + extraCount, row + genres);
    }
  }
  return features;
}

}  // namespace ll
