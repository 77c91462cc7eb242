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
// The float tiles are symmetric_top_k.h's walk over the similarity matrix.

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <optional>

#include "core/analysis/cosine_candidates.h"
#include "core/analysis/cosine_neighbours.h"
#include "core/analysis/symmetric_top_k.h"
#include "core/util/thread_pool.h"

namespace ll {
namespace {

using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ColMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;

// Eigen's product kernel sums each similarity in dimension order (as unitDot) only in whole panels
// of 3 vectors of rows — 24 with AVX2, 48 with AVX-512; its remainder kernels sum in two halves.
// Candidate rows are padded with zeros to whole panels, and tiles are whole panels.
constexpr Eigen::Index kPanelRows = 48;
// With more than one row in 32 unresolved by the integer pass, the float tiles cost less than
// scanning those rows one by one.
constexpr int32_t kUnresolvedShare = 32;

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

// The exact float pass over every tile.
TopKTable floatTiles(const TableRows& in, size_t k, ThreadPool& pool) {
  // The candidates come from a column-major copy of the rows, the operand layout Eigen's product
  // packs fastest, padded to whole panels.
  const Eigen::Map<const RowMatrixF> unit(in.unit, in.rows, in.dimension);
  const Eigen::Index padded = (in.rows + kPanelRows - 1) / kPanelRows * kPanelRows;
  ColMatrixF unitByColumn = ColMatrixF::Zero(padded, in.dimension);
  unitByColumn.topRows(in.rows) = unit;
  const auto fill = [&](ScoreTile& tile, Eigen::Index c0, Eigen::Index, Eigen::Index q0, Eigen::Index queries) {
    const Eigen::Index panels = std::min(kScoreTileRows, padded - c0);  // the candidates and their padding
    tile.topLeftCorner(panels, queries).noalias() = unitByColumn.middleRows(c0, panels) * unit.middleRows(q0, queries).transpose();
  };
  const auto lists = [&](int32_t row) { return !in.zero[static_cast<size_t>(row)]; };
  const auto offerable = [&](int32_t row, int32_t candidate) { return in.offerable(row, candidate); };
  return *symmetricTopK(in.rows, k, pool, fill, lists, offerable, [](double) { return true; });
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
      for (const ScoredRow& n : top->list(r)) table[static_cast<size_t>(r)].push_back(Neighbour{n.row, n.score});
    }
  });
  if (stats) *stats = made;
  return table;
}

}  // namespace ll
