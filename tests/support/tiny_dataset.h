#pragma once
// Small hand-built data sets for unit tests that need one without going through a parser.

#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/ratings_builder.h"

namespace ll::testing {

struct TinyRating {
  std::string user;
  std::string item;
  float value;
  int64_t timestamp;
};

/// A Dataset of the given ratings with one-genre movies titled "movie <id>" and no official folds.
inline Dataset makeTinyDataset(const std::vector<TinyRating>& rows) {
  RatingsBuilder builder;
  for (const auto& r : rows) builder.add(r.user, r.item, r.value, r.timestamp);
  Dataset d;
  d.format = "triplets";
  d.source = "tiny";
  builder.finish(d.ratings, d.userIds, d.itemIds);
  d.genreNames = {"Drama"};
  for (const auto& id : d.itemIds) d.movies.push_back(Movie{"movie " + id, 2000, 1u});
  d.features.items = d.ratings.itemCount;
  d.features.count = 1;
  d.features.genreCount = 1;
  d.features.names = {"Drama"};
  d.features.values.assign(static_cast<size_t>(d.ratings.itemCount), 1.0f);
  return d;
}

/// n users × m items, user u rates items (u + k) mod m for k < perUser, timestamps increasing.
inline Dataset makeGridDataset(int users, int items, int perUser) {
  std::vector<TinyRating> rows;
  for (int u = 0; u < users; ++u) {
    for (int k = 0; k < perUser; ++k) {
      const int i = (u + k) % items;
      rows.push_back({std::to_string(u + 1), std::to_string(i + 1), static_cast<float>(1 + (u * 7 + i * 3) % 5),
                      1000 + 10 * k + u});
    }
  }
  return makeTinyDataset(rows);
}

}  // namespace ll::testing
