#pragma once
// Ranking movies by a predicted rating without letting rare films crowd the list. A film rated by
// one or two users has a vector fitted to those few ratings, and its prediction for anyone who
// resembles them overshoots: top-10 lists of real data fill with films nobody has heard of. Two
// remedies, for every list the program ranks (recommendations, a folded-in user's favourites, a
// cluster's top and bottom movies): leave out films with fewer than a minimum number of ratings,
// and optionally rank by the prediction shrunk toward the mean rating by the film's rating count,
//   key = μ + (ŷ − μ) · n_i / (n_i + κ),
// so that a film's own evidence must outweigh κ pseudo-ratings at the mean of all ratings μ. (Not
// toward the film's own mean: with one rating of 5, that mean is the overshoot itself.) The lists
// still show the plain prediction; only the order changes.

#include <cstdint>
#include <span>
#include <vector>

#include "core/data/ratings.h"

namespace ll {

/// The default minimum of every ranked list. On the calibrated world (mf k=32, official fold u1),
/// the true expected rating of users' top 10 rises with the minimum — 3.87 at 0, 3.96 at 5, 4.06 at
/// 10, 4.10 at 20 — and gains under 0.01 beyond 20; ranking by the shrunk key (κ = 20) on top of it
/// reaches 4.14, and without any minimum 4.11
/// (AnalysisMovieRanking.AMinimumKeepsRareFilmsFromCrowdingTheTopTen).
inline constexpr int64_t kDefaultMinMovieRatings = 20;

struct RareMovieRule {
  int64_t minRatings = kDefaultMinMovieRatings;  ///< films with fewer ratings are left out (default: kDefaultMinMovieRatings)
  double shrinkage = 0.0;  ///< κ ≥ 0: rank by the prediction shrunk toward the film's mean; 0 ranks by ŷ (default: 0)
};

class MovieRanking {
 public:
  /// Counts and means over `known` (rating indices; empty: every rating of the data set).
  MovieRanking(const Ratings& ratings, const RareMovieRule& rule, std::span<const uint32_t> known = {});

  /// Whether the film has enough ratings to be listed.
  bool listed(int32_t item) const { return counts_[static_cast<size_t>(item)] >= rule_.minRatings; }
  /// The ranking key of a prediction for the film.
  float key(int32_t item, float prediction) const;
  int64_t ratingCount(int32_t item) const { return counts_[static_cast<size_t>(item)]; }

  /// Up to `count` listed films with the highest keys (lowest with lowest = true), best first,
  /// ties by lower index; predictions holds one per film; excluded (one per film, or empty) skips.
  std::vector<int32_t> rank(std::span<const float> predictions, size_t count, std::span<const uint8_t> excluded = {},
                            bool lowest = false) const;

 private:
  RareMovieRule rule_;
  std::vector<int64_t> counts_;
  float mean_ = 0.0f;  // of every known rating
};

}  // namespace ll
