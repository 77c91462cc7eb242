#pragma once
// Item features x_i for every format: genres one-hot always, then either the tag genome's
// relevances (genome-scores.csv + genome-tags.csv) or, without a genome, the most frequent user
// tags of tags.csv. Implemented across item_features.cpp (assembly), tag_genome.cpp and
// user_tags.cpp (one reader each).

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/catalogue.h"
#include "core/data/dataset.h"
#include "core/data/file_source.h"
#include "core/data/formats.h"

namespace ll {

/// Feature columns for the dense items. values: itemCount × names.size(), row-major.
struct FeatureBlock {
  std::vector<std::string> names;
  std::vector<float> values;
  int32_t coveredItems = 0;  ///< items with at least one value in the source file
};

/// genome-tags.csv (tagId,tag) names the columns in tagId order; genome-scores.csv
/// (movieId,tagId,relevance) fills them. Movies that are not rated are skipped.
FeatureBlock readTagGenome(const FileSource& files, const DenseIndex& items, int32_t itemCount);

/// tags.csv (userId,movieId,tag,timestamp): the maxTags tags applied to the most distinct rated
/// movies (compared after trimming, ASCII case folded; ties by that folded text). Value of tag t
/// for movie m = times t was applied to m / the largest such count among all of m's tags, in [0, 1].
/// A column is named by the tag's most common spelling.
FeatureBlock readUserTags(const FileSource& files, const DenseIndex& items, int32_t itemCount, int32_t maxTags);

/// The full feature matrix for a dataset whose itemIds, movies and genreNames are final.
/// Throws InputError when only one of the two genome files is present.
ItemFeatures buildItemFeatures(const FileSource& files, const Dataset& dataset, const FeatureOptions& options);

}  // namespace ll
