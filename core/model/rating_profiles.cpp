#include "core/model/rating_profiles.h"

#include <algorithm>
#include <cmath>

#include "core/data/bag_of_words.h"

namespace ll {
namespace {

// Counting sort of the ratings by `key` (user or item), so every profile lists its entries in the
// order of trainingRatings (ascending rating index): deterministic however the split was made.
// Each entry weighs its rating / maxRating (RatingWeight::Value) or 1 (RatingWeight::Presence), over
// √n; or its rating as it is (RatingWeight::Raw).
enum class RatingWeight { Value, Presence, Raw };

SparseProfiles group(const Ratings& r, std::span<const uint32_t> trainingRatings, int32_t entities,
                     std::span<const int32_t> key, std::span<const int32_t> other, RatingWeight weight,
                     float maxRating) {
  SparseProfiles p;
  p.offsets.assign(static_cast<size_t>(entities) + 1, 0);
  for (uint32_t k : trainingRatings) ++p.offsets[static_cast<size_t>(key[k]) + 1];
  for (int32_t e = 0; e < entities; ++e) p.offsets[e + 1] += p.offsets[e];
  p.ids.resize(trainingRatings.size());
  p.weights.resize(trainingRatings.size());
  std::vector<int64_t> next(p.offsets.begin(), p.offsets.end() - 1);
  for (uint32_t k : trainingRatings) {
    const int64_t at = next[key[k]]++;
    p.ids[at] = other[k];
    switch (weight) {
      case RatingWeight::Value: p.weights[at] = r.value[k] / std::max(maxRating, 1e-6f); break;
      case RatingWeight::Presence: p.weights[at] = 1.0f; break;
      case RatingWeight::Raw: p.weights[at] = r.value[k]; break;
    }
  }
  if (weight == RatingWeight::Raw) return p;
  for (int32_t e = 0; e < entities; ++e) {
    const int64_t n = p.offsets[e + 1] - p.offsets[e];
    if (n == 0) continue;
    const float scale = 1.0f / std::sqrt(static_cast<float>(n));
    for (int64_t j = p.offsets[e]; j < p.offsets[e + 1]; ++j) p.weights[j] *= scale;
  }
  return p;
}

}  // namespace

RatingProfiles buildRatingProfiles(const Dataset& dataset, std::span<const uint32_t> trainingRatings) {
  const Ratings& r = dataset.ratings;
  RatingProfiles profiles;
  profiles.userRows = group(r, trainingRatings, r.userCount, r.user, r.item, RatingWeight::Value, dataset.maxRating);
  profiles.itemColumns = group(r, trainingRatings, r.itemCount, r.item, r.user, RatingWeight::Value, dataset.maxRating);
  return profiles;
}

RatingProfiles buildRawRatingProfiles(const Dataset& dataset, std::span<const uint32_t> trainingRatings) {
  const Ratings& r = dataset.ratings;
  RatingProfiles profiles;
  profiles.userRows = group(r, trainingRatings, r.userCount, r.user, r.item, RatingWeight::Raw, dataset.maxRating);
  profiles.itemColumns = group(r, trainingRatings, r.itemCount, r.item, r.user, RatingWeight::Raw, dataset.maxRating);
  return profiles;
}

SparseProfiles buildRatedMovies(const Dataset& dataset, std::span<const uint32_t> trainingRatings) {
  const Ratings& r = dataset.ratings;
  return group(r, trainingRatings, r.userCount, r.user, r.item, RatingWeight::Presence, dataset.maxRating);
}

SparseProfiles buildMovieRaters(const Dataset& dataset, std::span<const uint32_t> trainingRatings) {
  const Ratings& r = dataset.ratings;
  return group(r, trainingRatings, r.itemCount, r.item, r.user, RatingWeight::Presence, dataset.maxRating);
}

SparseProfiles unitWordRows(const BagOfWords& bag, bool perSource) {
  SparseProfiles rows;
  rows.offsets.assign(bag.offsets().begin(), bag.offsets().end());
  const auto sourceOf = [&](int32_t column) {
    if (!perSource) return size_t{0};
    const auto& sources = bag.sources();
    for (size_t s = 0; s < sources.size(); ++s) {
      if (column < sources[s].end) return s;
    }
    return sources.size();
  };
  for (int32_t r = 0; r < bag.rows(); ++r) {
    const auto row = bag.row(r);
    size_t k = 0;
    while (k < row.size()) {  // one run of columns of the same source at a time (columns ascend)
      const size_t source = sourceOf(row[k].column);
      size_t end = k;
      double squares = 0.0;
      while (end < row.size() && sourceOf(row[end].column) == source) {
        squares += static_cast<double>(row[end].count) * row[end].count;
        ++end;
      }
      const float scale = squares > 0.0 ? static_cast<float>(1.0 / std::sqrt(squares)) : 0.0f;
      for (; k < end; ++k) {
        rows.ids.push_back(row[k].column);
        rows.weights.push_back(row[k].count * scale);
      }
    }
  }
  return rows;
}

}  // namespace ll
