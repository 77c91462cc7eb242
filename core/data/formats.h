#pragma once
// The format parsers. Each reads its files from a FileSource and returns a complete Dataset:
// ratings indexed, catalogue per dense item, features built (genres one-hot, plus genome or tags),
// official test sets where the format has them. Bad input throws InputError (file, line,
// expected, found); a parser never returns a half-loaded set.

#include <cstdint>
#include <string>

#include "core/data/dataset.h"
#include "core/data/file_source.h"

namespace ll {

struct FeatureOptions {
  /// Without a tag genome, the most frequent user tags (by distinct movies) become features
  /// (default: 300).
  int32_t maxUserTags = 300;
};

/// "ml-100k", "ml-1m", "ml-latest" or "triplets", from the files present; throws InputError when
/// none fits (naming the files it looked for).
std::string detectFormat(const FileSource& files);

Dataset parseMl100k(const FileSource& files, const FeatureOptions& options);
Dataset parseMl1m(const FileSource& files, const FeatureOptions& options);
Dataset parseMlLatest(const FileSource& files, const FeatureOptions& options);
/// `user item rating [timestamp]`, comma, tab or space separated, optional header, any string ids.
/// Reads the single file of a single-file source, or the one data file of a folder.
Dataset parseTriplets(const FileSource& files);

/// Dispatches on detectFormat().
Dataset parseDataset(const FileSource& files, const FeatureOptions& options);

}  // namespace ll
