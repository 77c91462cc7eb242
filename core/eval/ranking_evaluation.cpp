#include "core/eval/ranking_evaluation.h"

#include <algorithm>

#include "core/eval/user_item_sets.h"

namespace ll {
namespace {

struct UserScore {
  double hits = 0.0, ndcg = 0.0;
  int64_t pairs = 0;
  double recall = 0.0, ndcgFull = 0.0;
  bool ranked = false;
};

// The user's held-out items, and everything else they rated.
struct UserSplit {
  std::vector<int32_t> heldOut, known;
};

UserSplit splitUser(const Ratings& r, int32_t u, const std::vector<uint8_t>& isHeldOut) {
  UserSplit s;
  for (uint32_t k : r.ofUser(u)) (isHeldOut[k] ? s.heldOut : s.known).push_back(r.item[k]);
  return s;
}

UserScore scoreUser(const PairScorer& scorer, const Ratings& r, const UserItemSets& rated, int32_t u,
                    const UserSplit& split, const RankingParams& params, bool fullCatalogue) {
  UserScore score;
  const int32_t k = params.cutoff;
  // Sampled negatives: one draw per user, shared by the user's held-out items.
  Random random = Random::derived(params.seed, 0x52414E4Bu + static_cast<uint64_t>(u));
  const std::vector<int32_t> negatives = rated.drawDistinctUnrated(random, u, params.sampledNegatives);
  std::vector<int32_t> items(negatives);
  items.insert(items.end(), split.heldOut.begin(), split.heldOut.end());
  std::vector<int32_t> users(items.size(), u);
  std::vector<float> scores(items.size());
  scorer(users, items, scores);
  const std::span<const float> negativeScores(scores.data(), negatives.size());
  for (size_t h = 0; h < split.heldOut.size(); ++h) {
    const RankPosition position = rankAmong(scores[negatives.size() + h], negativeScores);
    score.hits += expectedHit(position, k);
    score.ndcg += expectedDcg(position, k);
    ++score.pairs;
  }
  if (!fullCatalogue) return score;
  // Full catalogue: every item but the user's known ones.
  std::vector<int32_t> known = split.known;
  std::sort(known.begin(), known.end());
  items.clear();
  std::vector<uint8_t> relevant;
  std::vector<int32_t> held = split.heldOut;
  std::sort(held.begin(), held.end());
  for (int32_t i = 0; i < r.itemCount; ++i) {
    const bool isHeld = std::binary_search(held.begin(), held.end(), i);
    if (!isHeld && std::binary_search(known.begin(), known.end(), i)) continue;
    items.push_back(i);
    relevant.push_back(isHeld ? 1 : 0);
  }
  users.assign(items.size(), u);
  scores.resize(items.size());
  scorer(users, items, scores);
  const TopKScores top = topKScores(scores, relevant, k);
  score.recall = top.recall;
  score.ndcgFull = top.ndcg;
  score.ranked = true;
  return score;
}

}  // namespace

RankingMetrics evaluateRanking(const PairScorer& scorer, const Ratings& ratings, std::span<const uint32_t> heldOut,
                               const RankingParams& params, ThreadPool* pool, std::vector<UserRanking>* perUser) {
  if (perUser) perUser->clear();
  RankingMetrics metrics;
  metrics.cutoff = params.cutoff;
  std::vector<uint8_t> isHeldOut(ratings.size(), 0);
  for (uint32_t k : heldOut) isHeldOut[k] = 1;
  std::vector<int32_t> users;
  for (uint32_t k : heldOut) users.push_back(ratings.user[k]);
  std::sort(users.begin(), users.end());
  users.erase(std::unique(users.begin(), users.end()), users.end());
  if (users.empty()) return metrics;

  std::vector<uint32_t> all(ratings.size());
  for (uint32_t k = 0; k < all.size(); ++k) all[k] = k;
  const UserItemSets rated(ratings, all);
  // Which users the full-catalogue ranking covers: all, or a seeded sample of them.
  std::vector<uint8_t> full(users.size(), params.fullCatalogue ? 1 : 0);
  if (params.fullCatalogue && users.size() > static_cast<size_t>(std::max(params.fullCatalogueUsers, 0))) {
    std::vector<size_t> order(users.size());
    for (size_t j = 0; j < order.size(); ++j) order[j] = j;
    Random random = Random::derived(params.seed, 0x46554C4Cu);
    random.shuffle(order.begin(), order.end());
    std::fill(full.begin(), full.end(), 0);
    for (size_t j = 0; j < static_cast<size_t>(std::max(params.fullCatalogueUsers, 0)); ++j) full[order[j]] = 1;
  }
  std::vector<UserScore> scores(users.size());
  const auto work = [&](int32_t, size_t begin, size_t end) {
    for (size_t j = begin; j < end; ++j) {
      scores[j] = scoreUser(scorer, ratings, rated, users[j], splitUser(ratings, users[j], isHeldOut), params, full[j] != 0);
    }
  };
  if (pool) {
    pool->parallelFor(users.size(), work);
  } else {
    work(0, 0, users.size());
  }
  // Summed in user order, whatever the thread count.
  if (perUser) perUser->reserve(users.size());
  for (size_t j = 0; j < users.size(); ++j) {
    const UserScore& s = scores[j];
    if (perUser) perUser->push_back({users[j], s.hits, s.ndcg, static_cast<int32_t>(s.pairs)});
    metrics.hitRate += s.hits;
    metrics.ndcg += s.ndcg;
    metrics.pairs += s.pairs;
    if (s.ranked) {
      metrics.recall += s.recall;
      metrics.ndcgFull += s.ndcgFull;
      ++metrics.users;
    }
  }
  if (metrics.pairs > 0) {
    metrics.hitRate /= static_cast<double>(metrics.pairs);
    metrics.ndcg /= static_cast<double>(metrics.pairs);
  }
  if (metrics.users > 0) {
    metrics.recall /= static_cast<double>(metrics.users);
    metrics.ndcgFull /= static_cast<double>(metrics.users);
  }
  return metrics;
}

RankingMetrics evaluateRanking(const Model& model, std::span<const uint32_t> heldOut, const RankingParams& params,
                               ThreadPool* pool, std::vector<UserRanking>* perUser) {
  const PairScorer scorer = [&model](std::span<const int32_t> users, std::span<const int32_t> items, std::span<float> out) {
    constexpr size_t kChunk = 4096;
    for (size_t begin = 0; begin < users.size(); begin += kChunk) {
      const size_t n = std::min(kChunk, users.size() - begin);
      model.predict(users.subspan(begin, n), items.subspan(begin, n), out.subspan(begin, n));
    }
  };
  return evaluateRanking(scorer, model.data().ratings, heldOut, params, pool, perUser);
}

}  // namespace ll
