#include "core/eval/pair_distance_correlation.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/util/random.h"

namespace ll {
namespace {

// Running co-moments for one Pearson correlation (Welford's update: stable for millions of pairs).
struct Correlation {
  int64_t n = 0;
  double meanX = 0, meanY = 0, m2x = 0, m2y = 0, cxy = 0;

  void add(double x, double y) {
    ++n;
    const double dx = x - meanX;
    meanX += dx / static_cast<double>(n);
    const double dy = y - meanY;
    meanY += dy / static_cast<double>(n);
    m2x += dx * (x - meanX);
    m2y += dy * (y - meanY);
    cxy += dx * (y - meanY);
  }
  std::optional<double> value() const {
    if (n < 3 || m2x <= 0.0 || m2y <= 0.0) return std::nullopt;
    return cxy / std::sqrt(m2x * m2y);
  }
};

double embeddingDistance(const float* a, const float* b, int32_t dim, PdcParams::EmbeddingDistance kind) {
  if (kind == PdcParams::EmbeddingDistance::Euclidean) {
    double sum = 0.0;
    for (int32_t k = 0; k < dim; ++k) {
      const double d = static_cast<double>(a[k]) - b[k];
      sum += d * d;
    }
    return std::sqrt(sum);
  }
  double dot = 0.0, na = 0.0, nb = 0.0;
  for (int32_t k = 0; k < dim; ++k) {
    dot += static_cast<double>(a[k]) * b[k];
    na += static_cast<double>(a[k]) * a[k];
    nb += static_cast<double>(b[k]) * b[k];
  }
  if (na == 0.0 || nb == 0.0) return 1.0;  // a zero vector is as far as an orthogonal one
  return 1.0 - dot / std::sqrt(na * nb);
}

}  // namespace

PdcResult pairDistanceCorrelation(const Ratings& ratings, std::span<const uint32_t> evaluation,
                                  std::span<const float> embeddings, int32_t dim, const PdcParams& params) {
  if (dim <= 0 || embeddings.size() != static_cast<size_t>(ratings.userCount) * static_cast<size_t>(dim)) {
    throw std::invalid_argument("pairDistanceCorrelation: embeddings must be users × dim");
  }
  PdcResult result;

  // Users with evaluation ratings, possibly a seeded sample of them, renumbered 0..m-1.
  std::vector<char> hasRatings(ratings.userCount, 0);
  for (uint32_t k : evaluation) hasRatings[ratings.user[k]] = 1;
  std::vector<int32_t> users;
  for (int32_t u = 0; u < ratings.userCount; ++u) {
    if (hasRatings[u]) users.push_back(u);
  }
  result.usersWithRatings = static_cast<int32_t>(users.size());
  if (params.maxUsers > 0 && users.size() > static_cast<size_t>(params.maxUsers)) {
    Random random(params.seed);
    random.shuffle(users.begin(), users.end());
    users.resize(static_cast<size_t>(params.maxUsers));
    std::sort(users.begin(), users.end());
    result.sampled = true;
  }
  result.usersEvaluated = static_cast<int32_t>(users.size());
  std::vector<int32_t> local(ratings.userCount, -1);
  for (size_t k = 0; k < users.size(); ++k) local[users[k]] = static_cast<int32_t>(k);

  // Evaluation ratings of the kept users, grouped by item: (local user, rating), users ascending.
  std::vector<std::vector<std::pair<int32_t, float>>> byItem(ratings.itemCount);
  for (uint32_t k : evaluation) {
    const int32_t u = local[ratings.user[k]];
    if (u >= 0) byItem[ratings.item[k]].emplace_back(u, ratings.value[k]);
  }

  // Accumulate, for every pair (a < b), the count of co-rated items and the summed difference.
  // Upper-triangular storage: pair (a, b) lives at a*m - a*(a+1)/2 + (b - a - 1).
  const auto m = static_cast<int64_t>(users.size());
  const int64_t pairCount = m * (m - 1) / 2;
  std::vector<int32_t> together(static_cast<size_t>(std::max<int64_t>(pairCount, 0)), 0);
  std::vector<float> difference(together.size(), 0.0f);
  const auto pairIndex = [m](int64_t a, int64_t b) { return a * m - a * (a + 1) / 2 + (b - a - 1); };
  const bool squared = params.ratingDistance == PdcParams::RatingDistance::MeanSquared;
  for (auto& raters : byItem) {
    std::sort(raters.begin(), raters.end());
    for (size_t x = 0; x < raters.size(); ++x) {
      for (size_t y = x + 1; y < raters.size(); ++y) {
        if (raters[x].first == raters[y].first) continue;  // a repeated rating of the same user
        const int64_t p = pairIndex(raters[x].first, raters[y].first);
        const float d = raters[x].second - raters[y].second;
        ++together[p];
        difference[p] += squared ? d * d : std::fabs(d);
      }
    }
  }

  std::vector<Correlation> correlations(params.thresholds.size());
  const int32_t lowest = params.thresholds.empty() ? 1 : *std::min_element(params.thresholds.begin(), params.thresholds.end());
  for (int64_t a = 0; a < m; ++a) {
    const float* ea = embeddings.data() + static_cast<size_t>(users[a]) * dim;
    for (int64_t b = a + 1; b < m; ++b) {
      const int64_t p = pairIndex(a, b);
      const int32_t count = together[p];
      if (count < std::max(lowest, 1)) continue;
      const double dU = difference[p] / count;
      const double dE = embeddingDistance(ea, embeddings.data() + static_cast<size_t>(users[b]) * dim, dim,
                                          params.embeddingDistance);
      for (size_t t = 0; t < params.thresholds.size(); ++t) {
        if (count >= std::max(params.thresholds[t], 1)) correlations[t].add(dE, dU);
      }
    }
  }
  for (size_t t = 0; t < params.thresholds.size(); ++t) {
    result.points.push_back({params.thresholds[t], correlations[t].n, correlations[t].value()});
  }
  return result;
}

}  // namespace ll
