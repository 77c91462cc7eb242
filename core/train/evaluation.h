#pragma once
// Predicting a set of ratings and scoring the predictions.

#include <span>
#include <vector>

#include "core/eval/rating_metrics.h"
#include "core/model/model.h"
#include "core/util/thread_pool.h"

namespace ll {

/// Clipped predictions of the model for the given rating indices (in their order).
std::vector<float> predictRatings(const Model& model, std::span<const uint32_t> ratingIndices, ThreadPool* pool = nullptr);

/// MAE and RMSE of the clipped predictions on the given ratings.
RatingErrors evaluateRatings(const Model& model, std::span<const uint32_t> ratingIndices, ThreadPool* pool = nullptr);

}  // namespace ll
