#include "core/eval/popularity_ranking.h"

#include <vector>

#include "core/eval/ranking_evaluation.h"

namespace ll {

RankingMetrics popularityRanking(const Ratings& ratings, std::span<const uint32_t> train, std::span<const uint32_t> heldOut,
                                 const RankingParams& params, ThreadPool* pool) {
  std::vector<float> count(static_cast<size_t>(ratings.itemCount), 0.0f);
  for (uint32_t k : train) count[static_cast<size_t>(ratings.item[k])] += 1.0f;
  const PairScorer scorer = [&count](std::span<const int32_t>, std::span<const int32_t> items, std::span<float> out) {
    for (size_t s = 0; s < items.size(); ++s) out[s] = count[static_cast<size_t>(items[s])];
  };
  return evaluateRanking(scorer, ratings, heldOut, params, pool);
}

}  // namespace ll
