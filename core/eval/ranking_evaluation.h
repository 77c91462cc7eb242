#pragma once
// Ranking a model's held-out items (ranking_metrics.h): for each user with held-out ratings, the
// sampled-negative ranking (HR@K, NDCG@K) and the full-catalogue one (Recall@K, NDCG@K).
//   sampled negatives: params.sampledNegatives items the user rated nowhere in the data set,
//     drawn from a stream seeded by (params.seed, user) — the same for every epoch and model.
//   full catalogue: every item except the user's ratings outside heldOut (their training and
//     validation items); over a seeded sample of params.fullCatalogueUsers users when there are
//     more (scoring users × items pairs every epoch would not scale to ml-25m).
// Scores are raw model outputs (logits in implicit mode, unclipped ratings otherwise).

#include <functional>
#include <span>
#include <vector>

#include "core/eval/ranking_metrics.h"
#include "core/model/model.h"
#include "core/util/thread_pool.h"

namespace ll {

/// One user's share of the sampled-negative ranking (HR@K = Σ hits / Σ pairs over users), for
/// statistics over users (core/eval/significance.h).
struct UserRanking {
  int32_t user = 0;
  double hits = 0.0;  ///< Σ expected HR@K over the user's held-out items
  double dcg = 0.0;   ///< Σ expected NDCG@K over them
  int32_t pairs = 0;  ///< the user's held-out items ranked
};

/// Scores the pairs (users[s], items[s]) into out[s]; called from several threads at once.
using PairScorer = std::function<void(std::span<const int32_t> users, std::span<const int32_t> items, std::span<float> out)>;

/// heldOut: indices into ratings (e.g. the test split). perUser, when given, receives one entry
/// per user with held-out ratings, in ascending user order.
RankingMetrics evaluateRanking(const PairScorer& scorer, const Ratings& ratings, std::span<const uint32_t> heldOut,
                               const RankingParams& params = {}, ThreadPool* pool = nullptr,
                               std::vector<UserRanking>* perUser = nullptr);
RankingMetrics evaluateRanking(const Model& model, std::span<const uint32_t> heldOut, const RankingParams& params = {},
                               ThreadPool* pool = nullptr, std::vector<UserRanking>* perUser = nullptr);

}  // namespace ll
