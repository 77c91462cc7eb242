#pragma once
// What a set of films has in common, for the Explore view's Selection panel (a box, lasso or
// search picked them): how many, how they are rated, which genres or tags they carry more (or
// less) often than the catalogue does, and the best known of them. Feature shares are the mean
// of each feature column (Dataset::features) over the films: for the one-hot genres that is the
// share of films with the genre; for genome or tag columns the mean relevance.

#include <cstdint>
#include <span>
#include <vector>

#include "core/data/dataset.h"

namespace ll {

struct FilmSelectionParams {
  int32_t topFilms = 10;         ///< most-rated films listed (default: 10)
  int32_t features = 6;          ///< features listed on each side, over- and under-represented (default: 6)
  double minimumShare = 0.05;    ///< an over-represented feature needs at least this share in the selection (default: 0.05)
};

struct FeatureShare {
  int32_t feature = -1;   ///< column of Dataset::features
  double selection = 0.0;  ///< mean of the column over the selected films
  double catalogue = 0.0;  ///< mean of the column over every film
  double lift = 0.0;       ///< selection / catalogue (0 when the catalogue's is 0)
};

struct FilmSelectionSummary {
  int32_t films = 0;                 ///< distinct valid films of the selection
  int64_t ratings = 0;               ///< ratings those films received
  double meanRating = 0.0;           ///< mean of those ratings (0 without any)
  double medianRatingCount = 0.0;    ///< the median film's rating count
  double catalogueMeanRating = 0.0;  ///< the same over every rating, for comparison
  double catalogueMedianRatingCount = 0.0;
  std::vector<FeatureShare> over;    ///< highest lift first, share ≥ minimumShare, lift > 1
  std::vector<FeatureShare> under;   ///< lowest lift first, among features the catalogue has, lift < 1
  std::vector<int32_t> mostRated;    ///< films by rating count, most first (ties by index)
};

/// items are dense item indices; repeats and indices outside the catalogue are ignored.
FilmSelectionSummary summariseFilms(const Dataset& data, std::span<const int32_t> items, const FilmSelectionParams& params = {});

}  // namespace ll
