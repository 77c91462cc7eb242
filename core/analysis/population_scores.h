#pragma once
// Population-adjusted movie scores (Latent Spaces 2021 §4.8): the people who rate a film are a
// self-selected, more or less generous group, so its mean rating is a biased estimate of what the
// population would think. The model's estimate for the average user vector is a better one:
//   mf: μ + b_i + q_i · mean_u(p_u)
// shown beside the raw mean rating and the rating count. Other models affine in their user
// embedding (user_affine_form.h) get the same: offset_i + direction_i · mean(e) over the
// non-bias coordinates.

#include <cstdint>
#include <span>
#include <vector>

#include "core/model/model.h"

namespace ll {

struct PopulationScoreParams {
  bool includeUserBias = false;  ///< add the mean user bias too (a shift of every score); off is Latent Spaces 2021's formula (default: false)
};

struct PopulationScore {
  int32_t item = -1;
  double adjusted = 0.0;     ///< the model's score for the average user
  double meanRating = 0.0;   ///< raw mean of the counted ratings (NaN when there are none)
  int64_t ratingCount = 0;
};

/// One score per item, in item order. ratingIndices selects the ratings behind the raw means
/// (e.g. a split's training ratings); empty means every rating of the data set. Throws
/// std::invalid_argument for models that are not affine in their user embedding (add, mul).
std::vector<PopulationScore> populationAdjustedScores(const Model& model, std::span<const uint32_t> ratingIndices = {},
                                                      const PopulationScoreParams& params = {});

}  // namespace ll
