#include "core/data/kcore.h"

#include <vector>

namespace ll {
namespace {

// old index → new index, or -1 when dropped; returns the number kept.
int32_t renumber(const std::vector<char>& keep, std::vector<int32_t>& mapping) {
  mapping.assign(keep.size(), -1);
  int32_t next = 0;
  for (size_t k = 0; k < keep.size(); ++k) {
    if (keep[k]) mapping[k] = next++;
  }
  return next;
}

}  // namespace

Dataset filterKCore(const Dataset& dataset, int32_t minUserRatings, int32_t minItemRatings) {
  const Ratings& r = dataset.ratings;
  std::vector<char> keepUser(r.userCount, 1), keepItem(r.itemCount, 1), keepRating(r.size(), 1);
  std::vector<int64_t> userCount(r.userCount), itemCount(r.itemCount);
  for (bool changed = true; changed;) {
    changed = false;
    std::fill(userCount.begin(), userCount.end(), 0);
    std::fill(itemCount.begin(), itemCount.end(), 0);
    for (size_t k = 0; k < r.size(); ++k) {
      if (keepRating[k]) {
        ++userCount[r.user[k]];
        ++itemCount[r.item[k]];
      }
    }
    for (int32_t u = 0; u < r.userCount; ++u) {
      if (keepUser[u] && userCount[u] < minUserRatings) keepUser[u] = 0, changed = true;
    }
    for (int32_t i = 0; i < r.itemCount; ++i) {
      if (keepItem[i] && itemCount[i] < std::max(minItemRatings, 1)) keepItem[i] = 0, changed = true;
    }
    for (size_t k = 0; k < r.size(); ++k) {
      if (keepRating[k] && (!keepUser[r.user[k]] || !keepItem[r.item[k]])) keepRating[k] = 0;
    }
  }
  for (int32_t u = 0; u < r.userCount; ++u) keepUser[u] = keepUser[u] && userCount[u] > 0;

  std::vector<int32_t> userMap, itemMap;
  Dataset out;
  out.format = dataset.format;
  out.source = dataset.source;
  out.minRating = dataset.minRating;
  out.maxRating = dataset.maxRating;
  out.genreNames = dataset.genreNames;
  out.listedUnrated = dataset.listedUnrated;
  out.ratings.userCount = renumber(keepUser, userMap);
  out.ratings.itemCount = renumber(keepItem, itemMap);

  std::vector<int64_t> ratingMap(r.size(), -1);
  for (size_t k = 0; k < r.size(); ++k) {
    if (!keepRating[k]) continue;
    ratingMap[k] = static_cast<int64_t>(out.ratings.value.size());
    out.ratings.user.push_back(userMap[r.user[k]]);
    out.ratings.item.push_back(itemMap[r.item[k]]);
    out.ratings.value.push_back(r.value[k]);
    if (r.hasTimestamps()) out.ratings.timestamp.push_back(r.timestamp[k]);
  }

  for (int32_t u = 0; u < r.userCount; ++u) {
    if (userMap[u] < 0) continue;
    out.userIds.push_back(dataset.userIds[u]);
    if (!dataset.users.empty()) out.users.push_back(dataset.users[u]);
  }
  const ItemFeatures& f = dataset.features;
  out.features.count = f.count;
  out.features.names = f.names;
  out.features.genreCount = f.genreCount;
  out.features.source = f.source;
  out.features.uncoveredItems = 0;
  for (int32_t i = 0; i < r.itemCount; ++i) {
    if (itemMap[i] < 0) continue;
    out.itemIds.push_back(dataset.itemIds[i]);
    out.movies.push_back(dataset.movies[i]);
    if (f.items == r.itemCount && f.count > 0) {
      const float* row = f.row(i);
      out.features.values.insert(out.features.values.end(), row, row + f.count);
      // Uncovered rows are the all-zero ones past the genres (that is how parsers fill them).
      bool uncovered = f.count > f.genreCount;
      for (int32_t c = f.genreCount; c < f.count && uncovered; ++c) uncovered = row[c] == 0.0f;
      out.features.uncoveredItems += uncovered ? 1 : 0;
    }
  }
  out.features.items = f.count > 0 ? out.ratings.itemCount : 0;

  for (const auto& [name, indices] : dataset.officialTestSets) {
    std::vector<uint32_t>& mapped = out.officialTestSets[name];
    for (uint32_t k : indices) {
      if (ratingMap[k] >= 0) mapped.push_back(static_cast<uint32_t>(ratingMap[k]));
    }
  }
  return out;
}

}  // namespace ll
