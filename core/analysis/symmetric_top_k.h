#pragma once
// The k best of every row of a symmetric score matrix S (higher is better), such as cosine
// similarities or negated squared distances, without ever holding S: only the tiles on and above
// its diagonal are computed, and a tile of candidate rows C against query rows Q offers each score
// s(c, q) to q's list (down its contiguous column) and, off the diagonal, to c's list (along its
// row) — half the products for the same answer.
//
// A per-row heap over every score would cost more than the products, so each row keeps a short
// sorted list and its worst score as a threshold, and a run of scores is looked at one by one only
// when its maximum (a vectorised reduction) reaches the threshold — after the first few thousand
// candidates, rarely. Every thread keeps lists for all rows; they are merged at the end. Ties go to
// the lower row whatever the order candidates arrive in, and every score is computed once, at one
// place of one tile, so the lists do not depend on the number of threads or on which thread took
// which tile.

#include <Eigen/Core>
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "core/util/thread_pool.h"

namespace ll {

struct ScoredRow {
  int32_t row = -1;
  float score = 0.0f;
};

/// The best k of every row so far, best first, in one flat array (rows × k slots).
class TopKTable {
 public:
  TopKTable(int32_t rows, size_t k) : k_(k), slots_(static_cast<size_t>(rows) * k), sizes_(static_cast<size_t>(rows), 0) {}

  /// Whether score a of row aRow ranks before b: higher, or as high and a lower row.
  static bool better(float a, int32_t aRow, const ScoredRow& b) { return a > b.score || (a == b.score && aRow < b.row); }

  /// Below this, nothing can enter the row's list (at it, only a lower row of an equal score).
  float threshold(int32_t row) const {
    const auto r = static_cast<size_t>(row);
    return sizes_[r] < k_ ? -std::numeric_limits<float>::infinity() : slots_[r * k_ + k_ - 1].score;
  }
  void offer(int32_t row, int32_t candidate, float score) {
    const auto r = static_cast<size_t>(row);
    ScoredRow* list = slots_.data() + r * k_;
    size_t size = sizes_[r];
    if (size == k_ && !better(score, candidate, list[k_ - 1])) return;
    if (size < k_) ++size;
    size_t at = size - 1;
    for (; at > 0 && better(score, candidate, list[at - 1]); --at) list[at] = list[at - 1];
    list[at] = ScoredRow{candidate, score};
    sizes_[r] = static_cast<uint32_t>(size);
  }
  std::span<const ScoredRow> list(int32_t row) const {
    const auto r = static_cast<size_t>(row);
    return {slots_.data() + r * k_, sizes_[r]};
  }

 private:
  size_t k_;
  std::vector<ScoredRow> slots_;
  std::vector<uint32_t> sizes_;
};

/// Scores of one tile, candidates × queries, column-major: each query's scores are contiguous.
using ScoreTile = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;

/// Rows per tile side: a 480 × 480 tile is 0.9 MiB of floats.
constexpr Eigen::Index kScoreTileRows = 480;

/// The top k of every row of the symmetric matrix of `rows` rows that fill computes tile by tile.
///   fill(tile, c0, candidates, q0, queries) writes s(c0 + i, q0 + j) into tile(i, j) for i <
///     candidates, j < queries (tile is kScoreTileRows square; rows below `candidates` are its own).
///   lists(row): whether the row keeps a list at all; offerable(row, candidate): whether the
///     candidate may enter the row's list (a row never lists itself unless offerable says so).
///   between(fraction): called on the calling thread between rounds of tiles with the share done;
///     false stops the search, which then returns nothing.
template <class Fill, class Lists, class Offerable, class Between>
std::optional<TopKTable> symmetricTopK(int32_t rows, size_t k, ThreadPool& pool, const Fill& fill, const Lists& lists,
                                       const Offerable& offerable, const Between& between) {
  constexpr Eigen::Index kScanRun = 64;     // down a column: contiguous, so a run that passes is cheap to scan
  constexpr Eigen::Index kRowScanRun = 16;  // along a row: strided, a cache line per element, so shorter runs
  const Eigen::Index tiles = (rows + kScoreTileRows - 1) / kScoreTileRows;
  // (query tile, candidate tile ≥ it), the diagonal first and then outwards: where the rows come
  // in a spatial order (spatial_order.h), a row meets its nearest first, and its threshold then
  // turns most later runs away at one compare.
  std::vector<std::pair<Eigen::Index, Eigen::Index>> pairs;
  for (Eigen::Index offset = 0; offset < tiles; ++offset) {
    for (Eigen::Index q = 0; q + offset < tiles; ++q) pairs.emplace_back(q, q + offset);
  }
  const auto threads = static_cast<size_t>(pool.threads());
  std::vector<TopKTable> best(threads, TopKTable(rows, k));
  std::vector<ScoreTile> scores(threads), runMaxima(threads);
  // Rounds of tiles, between which progress is reported: a few dozen, each a multiple of the threads.
  const size_t round = std::max(threads, (pairs.size() / 32 + threads - 1) / threads * threads);
  for (size_t roundBegin = 0; roundBegin < pairs.size(); roundBegin += round) {
    const size_t roundEnd = std::min(pairs.size(), roundBegin + round);
    std::atomic<size_t> nextPair{roundBegin};
    pool.parallelFor(threads, [&](int32_t shard, size_t, size_t) {
      TopKTable& top = best[static_cast<size_t>(shard)];
      ScoreTile& s = scores[static_cast<size_t>(shard)];
      ScoreTile& runMax = runMaxima[static_cast<size_t>(shard)];  // row c's maximum over each run of 16 queries
      if (s.size() == 0) {
        s.resize(kScoreTileRows, kScoreTileRows);
        runMax.resize(kScoreTileRows, kScoreTileRows / kRowScanRun);
      }
      // Offers count scores of `row` (values[0], values[stride], …) to the candidates first,
      // first + 1, …; what stays below the row's threshold costs one compare.
      const auto scan = [&](int32_t row, int32_t first, const float* values, Eigen::Index count, Eigen::Index stride) {
        float threshold = top.threshold(row);
        for (Eigen::Index n = 0; n < count; ++n) {
          const float score = values[n * stride];
          if (score < threshold) continue;
          const auto candidate = static_cast<int32_t>(first + n);
          if (!offerable(row, candidate)) continue;
          top.offer(row, candidate, score);
          threshold = top.threshold(row);
        }
      };
      for (size_t p = nextPair++; p < roundEnd; p = nextPair++) {
        const Eigen::Index q0 = pairs[p].first * kScoreTileRows, queries = std::min(kScoreTileRows, rows - q0);
        const Eigen::Index c0 = pairs[p].second * kScoreTileRows, candidates = std::min(kScoreTileRows, rows - c0);
        fill(s, c0, candidates, q0, queries);
        // Down each column: the candidates of query q, in runs of 64 whose maximum is checked first.
        for (Eigen::Index q = 0; q < queries; ++q) {
          const auto query = static_cast<int32_t>(q0 + q);
          if (!lists(query)) continue;
          const float* column = s.col(q).data();
          for (Eigen::Index b = 0; b < candidates; b += kScanRun) {
            const Eigen::Index count = std::min(kScanRun, candidates - b);
            if (Eigen::Map<const Eigen::ArrayXf>(column + b, count).maxCoeff() < top.threshold(query)) continue;
            scan(query, static_cast<int32_t>(c0 + b), column + b, count, 1);
          }
        }
        if (c0 == q0) continue;  // a diagonal tile holds both orders of each pair already
        // Along each row: the queries as candidates of row c, in runs of 16 columns whose maxima
        // are taken a whole column at a time, vectorised.
        const auto tile = s.topLeftCorner(candidates, queries);
        const Eigen::Index runs = (queries + kRowScanRun - 1) / kRowScanRun;
        for (Eigen::Index r = 0; r < runs; ++r) {
          const Eigen::Index first = r * kRowScanRun, end = std::min(queries, first + kRowScanRun);
          auto maxima = runMax.col(r).head(candidates);
          maxima = tile.col(first);
          for (Eigen::Index q = first + 1; q < end; ++q) maxima = maxima.cwiseMax(tile.col(q));
        }
        for (Eigen::Index c = 0; c < candidates; ++c) {
          const auto row = static_cast<int32_t>(c0 + c);
          if (!lists(row)) continue;
          for (Eigen::Index r = 0; r < runs; ++r) {
            if (runMax(c, r) < top.threshold(row)) continue;
            const Eigen::Index first = r * kRowScanRun;
            scan(row, static_cast<int32_t>(q0 + first), &s(c, first), std::min(kRowScanRun, queries - first), kScoreTileRows);
          }
        }
      }
    });
    if (!between(static_cast<double>(roundEnd) / static_cast<double>(pairs.size()))) return std::nullopt;
  }
  pool.parallelFor(static_cast<size_t>(rows), [&](int32_t, size_t begin, size_t end) {
    for (auto r = static_cast<int32_t>(begin); r < static_cast<int32_t>(end); ++r) {
      for (size_t t = 1; t < best.size(); ++t) {
        for (const ScoredRow& n : best[t].list(r)) best[0].offer(r, n.row, n.score);
      }
    }
  });
  return std::move(best[0]);
}

}  // namespace ll
