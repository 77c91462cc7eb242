#include "tests/fuzz/dataset_checks.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "core/data/dataset_summary.h"
#include "core/data/split.h"

namespace ll::fuzz {
namespace {

void require(bool holds, const char* invariant) {
  if (holds) return;
  std::fprintf(stderr, "fuzz: inconsistent data set: %s\n", invariant);
  std::abort();
}

template <class T>
bool allBelow(std::span<const T> values, int64_t bound) {
  return std::all_of(values.begin(), values.end(), [bound](T v) { return v >= 0 && static_cast<int64_t>(v) < bound; });
}

void requireConsistentRatings(const Ratings& r) {
  const size_t n = r.size();
  require(r.user.size() == n && r.item.size() == n, "one user and one item per rating");
  require(r.timestamp.empty() || r.timestamp.size() == n, "no timestamps or one per rating");
  require(allBelow<int32_t>(r.user, r.userCount) && allBelow<int32_t>(r.item, r.itemCount), "user and item indices in range");
  int64_t seen = 0;
  for (int32_t u = 0; u < r.userCount; ++u) {
    for (const uint32_t k : r.ofUser(u)) require(k < n && r.user[k] == u, "the user view lists that user's ratings");
    seen += r.userRatingCount(u);
  }
  for (int32_t i = 0; i < r.itemCount; ++i) {
    for (const uint32_t k : r.ofItem(i)) require(k < n && r.item[k] == i, "the item view lists that item's ratings");
  }
  require(seen == static_cast<int64_t>(n), "the user view lists every rating once");
}

void requireConsistent(const Dataset& d) {
  requireConsistentRatings(d.ratings);
  const auto users = static_cast<size_t>(d.ratings.userCount);
  const auto items = static_cast<size_t>(d.ratings.itemCount);
  require(d.userIds.size() == users && d.itemIds.size() == items, "a raw id per dense user and item");
  require(d.movies.size() == items, "a movie per dense item");
  require(d.users.empty() || d.users.size() == users, "no user information or one per user");
  require(d.genreNames.size() <= 32, "at most 32 genres");
  const uint32_t genreBits = d.genreNames.size() == 32 ? ~0u : (1u << d.genreNames.size()) - 1u;
  require(std::all_of(d.movies.begin(), d.movies.end(), [genreBits](const Movie& m) { return (m.genres & ~genreBits) == 0; }),
          "genre bits only for named genres");
  const ItemFeatures& f = d.features;
  require(f.items == d.ratings.itemCount && f.count >= 0, "a feature row per item");
  require(f.values.size() == items * static_cast<size_t>(f.count) && f.names.size() == static_cast<size_t>(f.count),
          "items × features values and a name per feature");
  require(f.genreCount >= 0 && f.genreCount <= f.count, "genre features among the features");
  require(d.ratings.size() == 0 || d.minRating <= d.maxRating, "a rating scale");
  require(std::all_of(d.ratings.value.begin(), d.ratings.value.end(),
                      [&d](float v) { return v >= d.minRating && v <= d.maxRating; }),
          "every rating on the scale");
  for (const auto& [name, indices] : d.officialTestSets) {
    require(allBelow<uint32_t>(indices, static_cast<int64_t>(d.ratings.size())), "official test sets index ratings");
    require(std::is_sorted(indices.begin(), indices.end()), "official test sets ascending");
  }
}

}  // namespace

void requireUsableDataset(const Dataset& dataset) {
  requireConsistent(dataset);
  summarizeDataset(dataset);
  for (const auto& [name, indices] : dataset.officialTestSets) {
    SplitSpec spec;
    spec.kind = SplitSpec::Kind::Official;
    spec.officialName = name;
    makeSplit(dataset, spec);
  }
}

}  // namespace ll::fuzz
