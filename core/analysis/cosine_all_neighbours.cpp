// CosineIndex::allNeighbours: the top-k table of every row. At 60k rows × 32 dimensions that is
// 3.6G similarities (230 GFlop as matrix products). The similarity matrix is symmetric, so only
// the tiles on and above its diagonal are computed: a tile of candidate rows C against query rows
// Q offers each similarity s(c, q) to q's list (down its contiguous column) and, off the diagonal,
// to c's list (along its row) — half the products for the same answer.
//
// By default the tiles are taken in 16-bit integers (cosine_candidates.cpp), which leaves each row
// a few candidates that provably hold its top k, ranked here by their exact similarities; rows it
// cannot resolve are scanned exactly, and when there are many, the float tiles below make the
// whole table. Both rank by unitDot, the order of Eigen's float product kernel for whole panels
// of rows (why the float tiles pad the candidates), so the table is the same either way.
//
// In the float tiles, a per-row heap over all similarities would cost more than the products, so
// each row keeps a short sorted list and its worst similarity as a threshold, and a run of
// similarities is looked at one by one only when its maximum (a vectorised reduction) reaches the
// threshold — after the first few thousand candidates, rarely. Every thread keeps lists for all
// rows; they are merged at the end. Ties go to the lower row whatever the order candidates arrive
// in, so the table does not depend on the number of threads or on which thread took which tile.

#include <Eigen/Core>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <optional>

#include "core/analysis/cosine_candidates.h"
#include "core/analysis/cosine_neighbours.h"
#include "core/util/thread_pool.h"

namespace ll {
namespace {

using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ColMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;

constexpr Eigen::Index kTile = 480;  // rows per tile side: a 480 × 480 product is 0.9 MiB of floats
// Eigen's product kernel sums each similarity in dimension order (as unitDot) only in whole panels
// of 3 vectors of rows — 24 with AVX2, 48 with AVX-512; its remainder kernels sum in two halves.
// Candidate rows are padded with zeros to whole panels, and tiles are whole panels.
constexpr Eigen::Index kPanelRows = 48;
// With more than one row in 32 unresolved by the integer pass, the float tiles cost less than
// scanning those rows one by one.
constexpr int32_t kUnresolvedShare = 32;
constexpr Eigen::Index kScanRun = 64;     // down a column: contiguous, so a run that passes is cheap to scan
constexpr Eigen::Index kRowScanRun = 16;  // along a row: strided, a cache line per element, so shorter runs

// Whether a is a better neighbour than b: more similar, or as similar and a lower row.
bool better(float aSimilarity, int32_t aRow, const Neighbour& b) {
  return aSimilarity > b.similarity || (aSimilarity == b.similarity && aRow < b.item);
}

// The best k of every row so far, best first, in one flat array (rows × k slots).
class TopKTable {
 public:
  TopKTable(int32_t rows, size_t k) : k_(k), slots_(static_cast<size_t>(rows) * k), sizes_(static_cast<size_t>(rows), 0) {}

  // Below this, nothing can enter the row's list (at it, only a lower row of equal similarity).
  float threshold(int32_t row) const {
    const size_t r = static_cast<size_t>(row);
    return sizes_[r] < k_ ? -std::numeric_limits<float>::infinity() : slots_[r * k_ + k_ - 1].similarity;
  }
  void offer(int32_t row, int32_t candidate, float similarity) {
    const size_t r = static_cast<size_t>(row);
    Neighbour* list = slots_.data() + r * k_;
    size_t size = sizes_[r];
    if (size == k_ && !better(similarity, candidate, list[k_ - 1])) return;
    if (size < k_) ++size;
    size_t at = size - 1;
    while (at > 0 && better(similarity, candidate, list[at - 1])) {
      list[at] = list[at - 1];
      --at;
    }
    list[at] = Neighbour{candidate, similarity};
    sizes_[r] = static_cast<uint32_t>(size);
  }
  std::span<const Neighbour> list(int32_t row) const {
    const size_t r = static_cast<size_t>(row);
    return {slots_.data() + r * k_, sizes_[r]};
  }

 private:
  size_t k_;
  std::vector<Neighbour> slots_;
  std::vector<uint32_t> sizes_;
};

// The rows both methods read, and who may list whom.
struct TableRows {
  const float* unit;  // rows × dimension, row-major, unit or zero rows
  int32_t rows;
  int32_t dimension;
  std::span<const uint8_t> zero;      // per row
  std::span<const uint8_t> eligible;  // per row: non-zero, enough ratings
  // A row never lists itself, and a zero row lists nothing.
  bool offerable(int32_t row, int32_t candidate) const {
    return row != candidate && !zero[static_cast<size_t>(row)] && eligible[static_cast<size_t>(candidate)];
  }
  const float* row(int32_t r) const { return unit + static_cast<size_t>(r) * dimension; }
};

// The exact float pass over every tile; the threads' lists merged into the first.
TopKTable floatTiles(const TableRows& in, size_t k, ThreadPool& pool) {
  // Products are candidates × queries, column-major, so each query's similarities are contiguous;
  // the candidates come from a column-major copy of the rows, which is the operand layout Eigen's
  // product packs fastest.
  const Eigen::Map<const RowMatrixF> unit(in.unit, in.rows, in.dimension);
  const Eigen::Index padded = (in.rows + kPanelRows - 1) / kPanelRows * kPanelRows;
  ColMatrixF unitByColumn = ColMatrixF::Zero(padded, in.dimension);
  unitByColumn.topRows(in.rows) = unit;
  const Eigen::Index tiles = (in.rows + kTile - 1) / kTile;
  std::vector<std::pair<Eigen::Index, Eigen::Index>> pairs;  // (query tile, candidate tile ≥ it)
  for (Eigen::Index q = 0; q < tiles; ++q) {
    for (Eigen::Index c = q; c < tiles; ++c) pairs.emplace_back(q, c);
  }
  std::atomic<size_t> nextPair{0};
  std::vector<TopKTable> best(static_cast<size_t>(pool.threads()), TopKTable(in.rows, k));
  pool.parallelFor(static_cast<size_t>(pool.threads()), [&](int32_t shard, size_t, size_t) {
    TopKTable& top = best[static_cast<size_t>(shard)];
    ColMatrixF similarities(kTile, kTile);
    ColMatrixF runMax(kTile, kTile / kRowScanRun);  // row c's maximum over each run of 16 queries
    // Offers count similarities of `row` (values[0], values[stride], …) to the candidates first,
    // first + 1, …; what stays below the row's threshold costs one compare.
    const auto scan = [&](int32_t row, int32_t first, const float* values, Eigen::Index count, Eigen::Index stride) {
      float threshold = top.threshold(row);
      for (Eigen::Index n = 0; n < count; ++n) {
        const float similarity = values[n * stride];
        if (similarity < threshold) continue;
        const auto candidate = static_cast<int32_t>(first + n);
        if (!in.offerable(row, candidate)) continue;
        top.offer(row, candidate, similarity);
        threshold = top.threshold(row);
      }
    };
    for (size_t p = nextPair++; p < pairs.size(); p = nextPair++) {
      const Eigen::Index q0 = pairs[p].first * kTile, queries = std::min(kTile, in.rows - q0);
      const Eigen::Index c0 = pairs[p].second * kTile, candidates = std::min(kTile, in.rows - c0);
      const Eigen::Index panels = std::min(kTile, padded - c0);  // the candidates and their padding
      similarities.topLeftCorner(panels, queries).noalias() =
          unitByColumn.middleRows(c0, panels) * unit.middleRows(q0, queries).transpose();
      const auto s = similarities.topLeftCorner(candidates, queries);
      // Down each column: the candidates of query q, in runs of 64 whose maximum is checked first.
      for (Eigen::Index q = 0; q < queries; ++q) {
        const auto query = static_cast<int32_t>(q0 + q);
        if (in.zero[static_cast<size_t>(query)]) continue;
        const float* column = similarities.col(q).data();
        for (Eigen::Index b = 0; b < candidates; b += kScanRun) {
          const Eigen::Index count = std::min(kScanRun, candidates - b);
          if (Eigen::Map<const Eigen::ArrayXf>(column + b, count).maxCoeff() < top.threshold(query)) continue;
          scan(query, static_cast<int32_t>(c0 + b), column + b, count, 1);
        }
      }
      if (c0 == q0) continue;  // a diagonal tile holds both orders of each pair already
      // Along each row: the queries as candidates of row c, in runs of 16 columns whose maxima
      // (runMax) are taken a whole column at a time, vectorised.
      const Eigen::Index runs = (queries + kRowScanRun - 1) / kRowScanRun;
      for (Eigen::Index r = 0; r < runs; ++r) {
        const Eigen::Index first = r * kRowScanRun, end = std::min(queries, first + kRowScanRun);
        auto maxima = runMax.col(r).head(candidates);
        maxima = s.col(first);
        for (Eigen::Index q = first + 1; q < end; ++q) maxima = maxima.cwiseMax(s.col(q));
      }
      for (Eigen::Index c = 0; c < candidates; ++c) {
        const auto row = static_cast<int32_t>(c0 + c);
        if (in.zero[static_cast<size_t>(row)]) continue;
        for (Eigen::Index r = 0; r < runs; ++r) {
          if (runMax(c, r) < top.threshold(row)) continue;
          const Eigen::Index first = r * kRowScanRun;
          scan(row, static_cast<int32_t>(q0 + first), &similarities(c, first), std::min(kRowScanRun, queries - first), kTile);
        }
      }
    }
  });
  pool.parallelFor(static_cast<size_t>(in.rows), [&](int32_t, size_t begin, size_t end) {
    for (auto r = static_cast<int32_t>(begin); r < static_cast<int32_t>(end); ++r) {
      for (size_t t = 1; t < best.size(); ++t) {
        for (const Neighbour& n : best[t].list(r)) best[0].offer(r, n.item, n.similarity);
      }
    }
  });
  return std::move(best[0]);
}

// Each row's top k among the candidates the integer pass left it, by exact similarity; an
// unresolved row among all rows, eight at a time: eight independent chains of FMAs, each in
// unitDot's order, so the same similarities at several times the speed of one chain.
TopKTable rankCandidates(const TableRows& in, const CosineCandidates& candidates, size_t k, ThreadPool& pool) {
  constexpr int32_t kChains = 8;
  TopKTable top(in.rows, k);
  pool.parallelFor(static_cast<size_t>(in.rows), [&](int32_t, size_t begin, size_t end) {
    const auto offer = [&](int32_t row, int32_t candidate) {
      if (in.offerable(row, candidate)) top.offer(row, candidate, unitDot(in.row(row), in.row(candidate), in.dimension));
    };
    for (auto r = static_cast<int32_t>(begin); r < static_cast<int32_t>(end); ++r) {
      if (!candidates.unresolved[static_cast<size_t>(r)]) {
        for (const int32_t c : candidates.rows[static_cast<size_t>(r)]) offer(r, c);
        continue;
      }
      const float* x = in.row(r);
      int32_t c = 0;
      for (; c + kChains <= in.rows; c += kChains) {
        float dots[kChains] = {};
        for (int32_t j = 0; j < in.dimension; ++j) {
          for (int32_t t = 0; t < kChains; ++t) dots[t] = std::fma(x[j], in.row(c + t)[j], dots[t]);
        }
        for (int32_t t = 0; t < kChains; ++t) {
          if (in.offerable(r, c + t)) top.offer(r, c + t, dots[t]);
        }
      }
      for (; c < in.rows; ++c) offer(r, c);
    }
  });
  return top;
}

}  // namespace

std::vector<std::vector<Neighbour>> CosineIndex::allNeighbours(const NeighbourParams& params,
                                                               std::span<const int64_t> ratingCounts, int32_t threads,
                                                               AllNeighboursMethod method,
                                                               AllNeighboursStats* stats) const {
  std::vector<std::vector<Neighbour>> table(static_cast<size_t>(rows_));
  AllNeighboursStats made;
  const auto k = static_cast<size_t>(std::max(0, params.count));
  if (k == 0 || rows_ == 0) {
    if (stats) *stats = made;
    return table;
  }
  const bool filter = params.minRatings > 0 && !ratingCounts.empty();
  std::vector<uint8_t> eligible(static_cast<size_t>(rows_));
  for (int32_t r = 0; r < rows_; ++r) {
    eligible[static_cast<size_t>(r)] =
        !zero_[static_cast<size_t>(r)] && (!filter || ratingCounts[static_cast<size_t>(r)] >= params.minRatings);
  }
  const TableRows in{unit_.data(), rows_, dimension_, zero_, eligible};
  ThreadPool pool(std::max(1, threads));
  std::optional<TopKTable> top;
  if (method == AllNeighboursMethod::IntegerFirstPass) {
    const CosineCandidates candidates = cosineCandidates(unit_, rows_, dimension_, zero_, eligible, k, pool);
    made.unresolvedRows = static_cast<int32_t>(std::count(candidates.unresolved.begin(), candidates.unresolved.end(), 1));
    for (const auto& c : candidates.rows) made.candidates += static_cast<int64_t>(c.size());
    if (static_cast<int64_t>(made.unresolvedRows) * kUnresolvedShare <= rows_) top.emplace(rankCandidates(in, candidates, k, pool));
  }
  if (!top) {
    made.floatTiles = true;
    top.emplace(floatTiles(in, k, pool));
  }
  pool.parallelFor(static_cast<size_t>(rows_), [&](int32_t, size_t begin, size_t end) {
    for (auto r = static_cast<int32_t>(begin); r < static_cast<int32_t>(end); ++r) {
      const auto list = top->list(r);
      table[static_cast<size_t>(r)].assign(list.begin(), list.end());
    }
  });
  if (stats) *stats = made;
  return table;
}

}  // namespace ll
