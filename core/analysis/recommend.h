#pragma once
// Recommendations (the CLI's `recommend` / `predict`, the app's Fold-in): the top-N movies an
// existing user has not rated, or a new user's from a few ratings folded in, and the model's scores
// for a list of (user, movie) pairs.

#include <cstdint>
#include <span>
#include <vector>

#include "core/analysis/fold_in.h"
#include "core/analysis/movie_ranking.h"
#include "core/model/model.h"

namespace ll {

struct RecommendParams {
  int32_t count = 10;       ///< N (default: 10)
  RareMovieRule rare;       ///< minimum ratings and shrinkage of the ranking, over the data set's ratings (default: RareMovieRule{})
};

struct Recommendation {
  int32_t item = -1;
  float score = 0.0f;   ///< the raw prediction (the ranking key, unless params.rare shrinks it)
  float rating = 0.0f;  ///< the prediction as the model reports it (clipped to the scale when its config says so)
};

/// Best first (ties by lower item index); every movie the user rated anywhere in the data set is
/// excluded, and films params.rare leaves out. Throws std::out_of_range for a user outside the model.
std::vector<Recommendation> recommendForUser(const Model& model, int32_t user, const RecommendParams& params = {});

struct NewUserRecommendations {
  std::vector<float> user;                 ///< the folded-in vector (fold_in.h)
  std::vector<Recommendation> items;       ///< best first; the rated films excluded
};

/// A new user's top-N: the vector folded in from ratings[s] of films items[s] (least squares,
/// ridge as params say), then every film scored; films the new user rated are excluded, and those
/// params.rare leaves out. Throws std::invalid_argument when the model is not affine in the user
/// vector (add, mul, the networks), std::out_of_range for a film outside it.
NewUserRecommendations recommendForNewUser(const Model& model, std::span<const int32_t> items, std::span<const float> ratings,
                                           const FoldInParams& foldIn, const RecommendParams& params = {});

/// Predictions for the pairs (users[s], items[s]), clipped when the model's config says so.
/// Throws std::out_of_range when a pair is outside the model or the spans differ in length.
std::vector<float> scorePairs(const Model& model, std::span<const int32_t> users, std::span<const int32_t> items);

}  // namespace ll
