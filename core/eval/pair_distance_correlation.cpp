#include "core/eval/pair_distance_correlation.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/util/random.h"
#include "core/util/thread_pool.h"

namespace ll {
namespace {

// Pairs are accumulated from a sorted list of meetings when there are fewer than one eighth as many
// meetings as pairs (12 bytes a meeting against 8 a pair, and no m²/2 arrays to clear).
constexpr int64_t kSparseMeetings = 8;

// Sums for one Pearson correlation, shifted by the first pair's values so that the co-moments do
// not cancel catastrophically (and stay exactly 0 for a constant list); no division per pair.
struct Correlation {
  int64_t n = 0;
  double shiftX = 0, shiftY = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;

  void add(double x, double y) {
    if (n == 0) {
      shiftX = x;
      shiftY = y;
    }
    ++n;
    x -= shiftX;
    y -= shiftY;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  }
  std::optional<double> value() const {
    const auto count = static_cast<double>(n);
    const double m2x = sxx - sx * sx / count, m2y = syy - sy * sy / count, cxy = sxy - sx * sy / count;
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

// The PDC points over all pairs of `users` (ascending dense indices).
std::vector<PdcPoint> pdcOfUsers(const Ratings& ratings, std::span<const uint32_t> evaluation, std::span<const float> embeddings,
                                 int32_t dim, const std::vector<int32_t>& users, const PdcParams& params) {
  std::vector<int32_t> local(ratings.userCount, -1);
  for (size_t k = 0; k < users.size(); ++k) local[users[k]] = static_cast<int32_t>(k);

  // Evaluation ratings of the kept users, grouped by item: (local user, rating), users ascending.
  std::vector<std::vector<std::pair<int32_t, float>>> byItem(ratings.itemCount);
  for (uint32_t k : evaluation) {
    const int32_t u = local[ratings.user[k]];
    if (u >= 0) byItem[ratings.item[k]].emplace_back(u, ratings.value[k]);
  }

  const auto m = static_cast<int64_t>(users.size());
  const int64_t pairCount = m * (m - 1) / 2;
  const bool squared = params.ratingDistance == PdcParams::RatingDistance::MeanSquared;
  int64_t meetings = 0;  // (item, pair of its raters) in all
  for (auto& raters : byItem) {
    std::sort(raters.begin(), raters.end());
    meetings += static_cast<int64_t>(raters.size()) * (static_cast<int64_t>(raters.size()) - 1) / 2;
  }
  std::vector<Correlation> correlations(params.thresholds.size());
  const int32_t lowest = std::max(1, params.thresholds.empty() ? 1 : *std::min_element(params.thresholds.begin(), params.thresholds.end()));
  // A pair's point: its mean rating difference over `count` co-rated items against its distance.
  const auto addPair = [&](int64_t a, int64_t b, int32_t count, float differenceSum) {
    if (count < lowest) return;
    const double dU = differenceSum / count;
    const double dE = embeddingDistance(embeddings.data() + static_cast<size_t>(users[a]) * dim,
                                        embeddings.data() + static_cast<size_t>(users[b]) * dim, dim, params.embeddingDistance);
    for (size_t t = 0; t < params.thresholds.size(); ++t) {
      if (count >= std::max(params.thresholds[t], 1)) correlations[t].add(dE, dU);
    }
  };
  // Both ways below sum each pair's differences in item order and take the pairs in ascending
  // order, so they give the same sums and the same correlation.
  if (meetings * kSparseMeetings < pairCount) {
    // Few pairs meet at all (4,000 users sampled from ML-32M's 200k share few test items): the
    // meetings are listed and sorted by pair, instead of filling arrays over all m²/2 pairs.
    struct Meeting {
      int32_t a, b;
      float difference;
    };
    std::vector<Meeting> list;
    list.reserve(static_cast<size_t>(meetings));
    for (const auto& raters : byItem) {
      for (size_t x = 0; x < raters.size(); ++x) {
        for (size_t y = x + 1; y < raters.size(); ++y) {
          if (raters[x].first == raters[y].first) continue;  // a repeated rating of the same user
          const float d = raters[x].second - raters[y].second;
          list.push_back({raters[x].first, raters[y].first, squared ? d * d : std::fabs(d)});
        }
      }
    }
    std::stable_sort(list.begin(), list.end(), [](const Meeting& x, const Meeting& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; });
    for (size_t first = 0; first < list.size();) {
      size_t end = first;
      float sum = 0.0f;
      for (; end < list.size() && list[end].a == list[first].a && list[end].b == list[first].b; ++end) sum += list[end].difference;
      addPair(list[first].a, list[first].b, static_cast<int32_t>(end - first), sum);
      first = end;
    }
  } else {
    // For every pair (a < b), the count of co-rated items and the summed difference, in
    // upper-triangular storage: pair (a, b) lives at a*m - a*(a+1)/2 + (b - a - 1).
    std::vector<int32_t> together(static_cast<size_t>(std::max<int64_t>(pairCount, 0)), 0);
    std::vector<float> difference(together.size(), 0.0f);
    const auto pairIndex = [m](int64_t a, int64_t b) { return a * m - a * (a + 1) / 2 + (b - a - 1); };
    for (const auto& raters : byItem) {
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
    for (int64_t a = 0; a < m; ++a) {
      for (int64_t b = a + 1; b < m; ++b) {
        const int64_t p = pairIndex(a, b);
        addPair(a, b, together[p], difference[p]);
      }
    }
  }
  std::vector<PdcPoint> points;
  for (size_t t = 0; t < params.thresholds.size(); ++t) {
    points.push_back({params.thresholds[t], correlations[t].n, correlations[t].value(), std::nullopt});
  }
  return points;
}

// Mean and spread per threshold over the samples' points.
std::vector<PdcPoint> combineSamples(const std::vector<std::vector<PdcPoint>>& samples) {
  std::vector<PdcPoint> combined = samples.front();
  for (size_t t = 0; t < combined.size(); ++t) {
    std::vector<double> values;
    int64_t pairs = 0;
    for (const auto& points : samples) {
      pairs += points[t].pairs;
      if (points[t].pdc) values.push_back(*points[t].pdc);
    }
    PdcPoint& point = combined[t];
    point.pairs = pairs / static_cast<int64_t>(samples.size());
    point.pdc = std::nullopt;
    point.spread = std::nullopt;
    if (values.empty()) continue;
    double mean = 0.0;
    for (double v : values) mean += v;
    mean /= static_cast<double>(values.size());
    point.pdc = mean;
    if (values.size() < 2) continue;
    double squares = 0.0;
    for (double v : values) squares += (v - mean) * (v - mean);
    point.spread = std::sqrt(squares / static_cast<double>(values.size() - 1));
  }
  return combined;
}

}  // namespace

PdcResult pairDistanceCorrelation(const Ratings& ratings, std::span<const uint32_t> evaluation,
                                  std::span<const float> embeddings, int32_t dim, const PdcParams& params,
                                  ThreadPool* pool) {
  if (dim <= 0 || embeddings.size() != static_cast<size_t>(ratings.userCount) * static_cast<size_t>(dim)) {
    throw std::invalid_argument("pairDistanceCorrelation: embeddings must be users × dim");
  }
  PdcResult result;
  std::vector<char> hasRatings(ratings.userCount, 0);
  for (uint32_t k : evaluation) hasRatings[ratings.user[k]] = 1;
  std::vector<int32_t> users;
  for (int32_t u = 0; u < ratings.userCount; ++u) {
    if (hasRatings[u]) users.push_back(u);
  }
  result.usersWithRatings = static_cast<int32_t>(users.size());
  if (params.maxUsers <= 0 || users.size() <= static_cast<size_t>(params.maxUsers)) {
    result.usersEvaluated = result.usersWithRatings;
    result.points = pdcOfUsers(ratings, evaluation, embeddings, dim, users, params);
    return result;
  }
  // Independent seeded samples (the first one is the single sample earlier versions drew), on the
  // pool's threads; each holds its pairs' counts and differences (~64 MB at 4000 users).
  result.sampled = true;
  result.samples = std::max(1, params.samples);
  result.usersEvaluated = params.maxUsers;
  std::vector<std::vector<PdcPoint>> samples(static_cast<size_t>(result.samples));
  const ThreadPool::ShardFunction drawSamples = [&](int32_t, size_t begin, size_t end) {
    for (size_t s = begin; s < end; ++s) {
      Random random = s == 0 ? Random(params.seed) : Random::derived(params.seed, s);
      std::vector<int32_t> sample = users;
      random.shuffle(sample.begin(), sample.end());
      sample.resize(static_cast<size_t>(params.maxUsers));
      std::sort(sample.begin(), sample.end());
      samples[s] = pdcOfUsers(ratings, evaluation, embeddings, dim, sample, params);
    }
  };
  if (pool) {
    pool->parallelFor(samples.size(), drawSamples);
  } else {
    drawSamples(0, 0, samples.size());
  }
  result.points = combineSamples(samples);
  return result;
}

}  // namespace ll
