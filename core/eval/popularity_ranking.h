#pragma once
// The model-free baseline of the implicit protocol: every user gets the same ranking, by how many
// training ratings each movie has. A model that learned only popularity scores about this; one
// that learned tastes scores above it.

#include <span>

#include "core/data/ratings.h"
#include "core/eval/ranking_metrics.h"
#include "core/util/thread_pool.h"

namespace ll {

/// train and heldOut: indices into ratings (a split's train and test).
RankingMetrics popularityRanking(const Ratings& ratings, std::span<const uint32_t> train, std::span<const uint32_t> heldOut,
                                 const RankingParams& params = {}, ThreadPool* pool = nullptr);

}  // namespace ll
