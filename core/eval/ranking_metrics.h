#pragma once
// Ranking metrics of the implicit-feedback protocol (Rendle et al. 2020 §3.1, from NCF): each
// held-out item is ranked against 100 sampled items the user never rated — HR@K (is it in the top
// K?) and NDCG@K (1/log2(rank + 2) when it is) — and, because sampled metrics can mislead, Recall@K
// and NDCG@K over the full catalogue with the user's other rated items left out.
//
// Ties are broken at random, in expectation: an item that ties with e others and trails g items
// has a rank uniform over g … g+e, and each metric is its exact expectation over that. So a model
// that scores everything alike gets what a random ranking gets (HR@10 = 10/101 against 100
// negatives) — not 1 (ties won) nor 0 (ties lost) — and popularity counts, which tie a lot, are
// scored fairly.

#include <cstdint>
#include <span>

namespace ll {

struct RankingParams {
  int32_t cutoff = 10;              ///< K of HR@K, NDCG@K and Recall@K (default: 10)
  int32_t sampledNegatives = 100;   ///< items each held-out item is ranked against (default: 100, Rendle et al. 2020)
  bool fullCatalogue = true;        ///< also rank each user's held-out items among all unrated items (default: true)
  /// The full-catalogue ranking scores every item for every user; past this many users it uses a
  /// seeded sample of them (RankingMetrics::users says how many) (default: 2000)
  int32_t fullCatalogueUsers = 2000;
  uint64_t seed = 1;                ///< draws the sampled negatives, one set per user (default: 1)
};

struct RankingMetrics {
  int32_t cutoff = 10;     ///< K
  double hitRate = 0.0;    ///< HR@K against the sampled negatives, mean over held-out pairs
  double ndcg = 0.0;       ///< NDCG@K against the sampled negatives, mean over held-out pairs
  int64_t pairs = 0;       ///< held-out (user, item) pairs ranked
  double recall = 0.0;     ///< Recall@K over the full catalogue, mean over users
  double ndcgFull = 0.0;   ///< NDCG@K over the full catalogue, mean over users
  int64_t users = 0;       ///< users ranked over the full catalogue (0 when not computed)
};

/// Where a score lands among others: its 0-based rank is uniform over greater … greater + ties.
struct RankPosition {
  int64_t greater = 0;  ///< others scoring strictly higher
  int64_t ties = 0;     ///< others scoring the same
};
RankPosition rankAmong(float score, std::span<const float> others);
/// P(rank < k): HR@k of one held-out item.
double expectedHit(RankPosition position, int32_t k);
/// E[1/log2(rank + 2) · (rank < k)]: NDCG@k of one held-out item (its ideal DCG is 1).
double expectedDcg(RankPosition position, int32_t k);

struct TopKScores {
  double recall = 0.0;  ///< expected relevant items in the top k / relevant items
  double ndcg = 0.0;    ///< expected DCG of the top k / DCG of the ideal top k
};
/// One user's full-catalogue ranking: candidates with their scores, relevant[c] != 0 for the
/// held-out ones. No relevant candidate gives zeros.
TopKScores topKScores(std::span<const float> scores, std::span<const uint8_t> relevant, int32_t k);

}  // namespace ll
