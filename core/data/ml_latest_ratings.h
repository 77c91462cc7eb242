#pragma once
// ml-latest's ratings.csv: "userId,movieId,rating,timestamp" lines (half stars 0.5–5), an
// optional header row, 25M+ lines in the large sets. One line grammar, two readers:
//   - the parallel reader splits the text into chunks at line ends and parses them on all cores
//     straight into the rating vectors; ids must be canonical decimals in [0, 2^31) (all MovieLens
//     ids are), which lets one lookup table, not a hash map per rating, make them dense;
//   - the sequential reader takes any id strings (through RatingsBuilder) and is used when the
//     parallel one meets an id it cannot take.
// Both fill a Dataset identically and report the first bad line by file and 1-based line number.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/data/dataset.h"
#include "core/data/ratings_builder.h"

namespace ll {

/// One data line's fields: ids trimmed (views into the line), rating checked to be in [0.5, 5].
struct MlLatestRatingLine {
  std::string_view user;
  std::string_view item;
  float rating = 0.0f;
  int64_t timestamp = 0;
};

/// The first non-blank line is a header when its third field is not a number.
bool isMlLatestRatingsHeader(std::string_view line);
/// Parses a non-blank data line; throws InputError(file, line, expected, found) when it is bad.
MlLatestRatingLine parseMlLatestRatingLine(std::string_view line, const std::string& file, int64_t lineNumber);

/// The sequential reader: every rating of text into builder.
void readMlLatestRatings(std::string_view text, const std::string& file, RatingsBuilder& builder);

/// The parallel reader: fills dataset.ratings (indexed), userIds and itemIds as RatingsBuilder
/// would (dense indices in numeric id order). Returns false, leaving the dataset as it was, when an
/// id is not a canonical decimal in [0, 2^31) or the ids are too large for a lookup table; throws
/// InputError for the first bad line, as the sequential reader does.
bool readMlLatestRatingsInParallel(std::string_view text, const std::string& file, Dataset& dataset, int32_t threads);

}  // namespace ll
