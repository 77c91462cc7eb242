#include "core/analysis/population_scores.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "core/analysis/user_affine_form.h"

namespace ll {

std::vector<PopulationScore> populationAdjustedScores(const Model& model, std::span<const uint32_t> ratingIndices,
                                                      const PopulationScoreParams& params) {
  const std::optional<UserAffineForm> form = userAffineForm(model);
  if (!form) throw std::invalid_argument("population scores need a model whose prediction is affine in the user embedding");
  const auto dim = static_cast<size_t>(form->dim);

  // The population's mean user vector.
  std::vector<double> mean(dim, 0.0);
  const std::vector<float> users = model.userEmbeddings();
  for (size_t u = 0; u < static_cast<size_t>(model.userCount()); ++u) {
    for (size_t f = 0; f < dim; ++f) mean[f] += users[u * dim + f];
  }
  for (double& m : mean) m /= static_cast<double>(std::max(1, model.userCount()));
  if (form->biasCoordinate >= 0 && !params.includeUserBias) mean[static_cast<size_t>(form->biasCoordinate)] = 0.0;

  const Ratings& ratings = model.data().ratings;
  std::vector<double> sum(static_cast<size_t>(form->items), 0.0);
  std::vector<int64_t> count(static_cast<size_t>(form->items), 0);
  const auto add = [&](size_t k) {
    sum[static_cast<size_t>(ratings.item[k])] += ratings.value[k];
    ++count[static_cast<size_t>(ratings.item[k])];
  };
  if (ratingIndices.empty()) {
    for (size_t k = 0; k < ratings.size(); ++k) add(k);
  } else {
    for (uint32_t k : ratingIndices) add(k);
  }

  std::vector<PopulationScore> scores(static_cast<size_t>(form->items));
  for (int32_t i = 0; i < form->items; ++i) {
    PopulationScore& s = scores[static_cast<size_t>(i)];
    s.item = i;
    const float* direction = form->directionOf(i);
    double y = form->offset[static_cast<size_t>(i)];
    for (size_t f = 0; f < dim; ++f) y += mean[f] * direction[f];
    s.adjusted = y;
    s.ratingCount = count[static_cast<size_t>(i)];
    s.meanRating = s.ratingCount > 0 ? sum[static_cast<size_t>(i)] / static_cast<double>(s.ratingCount)
                                     : std::numeric_limits<double>::quiet_NaN();
  }
  return scores;
}

}  // namespace ll
