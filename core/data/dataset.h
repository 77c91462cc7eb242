#pragma once
// A loaded data set: ratings, the catalogue of rated movies, item features, provenance.
// Immutable once built; shared as std::shared_ptr<const Dataset>.
//
// Dense item indices cover the movies with at least one rating; movies a catalogue lists but
// nobody rated are counted in listedUnrated and otherwise dropped.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/data/ratings.h"

namespace ll {

struct Movie {
  std::string title;    ///< UTF-8, without the "(year)" suffix when the source had one
  int32_t year = 0;     ///< 0 when unknown
  uint32_t genres = 0;  ///< bit g set when the movie has genre genreNames[g]
};

/// Side information about a user (ml-100k u.user, ml-1m users.dat); absent elsewhere.
struct UserInfo {
  int32_t age = 0;
  char gender = '?';  ///< 'M', 'F' or '?'
  std::string occupation;
  std::string zip;
};

/// Item features x_i: row-major items × features, with a name per column.
/// The first genreCount columns are the genre one-hots; the rest come from featureSource.
struct ItemFeatures {
  int32_t items = 0;
  int32_t count = 0;                ///< number of features (columns)
  std::vector<float> values;        ///< items × count, row-major
  std::vector<std::string> names;   ///< one per column
  int32_t genreCount = 0;
  std::string source = "genres";    ///< "genres", "genres+genome", "genres+tags"
  int32_t uncoveredItems = 0;       ///< items the genome/tags did not cover (zero rows there)

  const float* row(int32_t item) const { return values.data() + static_cast<size_t>(item) * count; }
};

struct Dataset {
  std::string format;  ///< "ml-100k", "ml-1m", "ml-latest", "triplets", "synthetic"
  std::string source;  ///< path or "synthetic:..." spec it was loaded from

  Ratings ratings;
  float minRating = 1.0f;  ///< rating scale observed in the data
  float maxRating = 5.0f;

  std::vector<std::string> userIds;  ///< raw id per dense user
  std::vector<std::string> itemIds;  ///< raw id per dense item

  std::vector<Movie> movies;            ///< per dense item; empty titles when no catalogue
  std::vector<std::string> genreNames;  ///< at most 32
  std::vector<UserInfo> users;          ///< per dense user, or empty
  ItemFeatures features;
  int32_t listedUnrated = 0;  ///< catalogue movies without ratings (not in the index space)

  /// Official test sets by name ("u1".."u5", "ua", "ub"): indices into ratings, ascending.
  std::map<std::string, std::vector<uint32_t>> officialTestSets;

  /// XXH3 (checksumOf) over the rating columns in order (users, items, values, timestamps):
  /// identifies the data in manifests and checkpoints.
  uint64_t checksum() const;
};

}  // namespace ll
