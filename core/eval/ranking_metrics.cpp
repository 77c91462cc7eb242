#include "core/eval/ranking_metrics.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ll {

RankPosition rankAmong(float score, std::span<const float> others) {
  RankPosition p;
  for (float s : others) {
    p.greater += s > score ? 1 : 0;
    p.ties += s == score ? 1 : 0;
  }
  return p;
}

double expectedHit(RankPosition p, int32_t k) {
  const int64_t inTop = std::clamp<int64_t>(k - p.greater, 0, p.ties + 1);
  return static_cast<double>(inTop) / static_cast<double>(p.ties + 1);
}

double expectedDcg(RankPosition p, int32_t k) {
  double sum = 0.0;
  const int64_t last = std::min<int64_t>(p.greater + p.ties, static_cast<int64_t>(k) - 1);
  for (int64_t rank = p.greater; rank <= last; ++rank) sum += 1.0 / std::log2(static_cast<double>(rank) + 2.0);
  return sum / static_cast<double>(p.ties + 1);
}

TopKScores topKScores(std::span<const float> scores, std::span<const uint8_t> relevant, int32_t k) {
  if (scores.size() != relevant.size()) throw std::invalid_argument("topKScores: sizes differ");
  TopKScores result;
  int64_t relevantCount = 0;
  double hits = 0.0, dcg = 0.0;
  // Recall and DCG are sums over the relevant items of functions of each one's own rank, so their
  // expectations need only each item's rank distribution: uniform over its block of ties.
  for (size_t c = 0; c < scores.size(); ++c) {
    if (!relevant[c]) continue;
    ++relevantCount;
    RankPosition p = rankAmong(scores[c], scores);
    --p.ties;  // itself
    hits += expectedHit(p, k);
    dcg += expectedDcg(p, k);
  }
  if (relevantCount == 0 || k <= 0) return result;
  double ideal = 0.0;
  for (int64_t r = 0; r < std::min<int64_t>(relevantCount, k); ++r) ideal += 1.0 / std::log2(static_cast<double>(r) + 2.0);
  result.recall = hits / static_cast<double>(relevantCount);
  result.ndcg = dcg / ideal;
  return result;
}

}  // namespace ll
