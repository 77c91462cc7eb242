// CosineIndex::allNeighbours: the top-k table of every row. At 60k rows × 32 dimensions that is
// 3.6G similarities (230 GFlop as matrix products); a per-row heap over all of them would cost
// more than the products, so each row keeps a short sorted list and its worst similarity as a
// threshold, and a block of 64 similarities is looked at element by element only when its maximum
// (a vectorised reduction) beats the threshold — after the first few thousand candidates, rarely.

#include <Eigen/Core>
#include <algorithm>
#include <atomic>
#include <limits>

#include "core/analysis/cosine_neighbours.h"

namespace ll {
namespace {

using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ColMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;

constexpr Eigen::Index kQueryTile = 256;       // query rows per tile, claimed by one thread
constexpr Eigen::Index kCandidateTile = 1024;  // candidate rows per product: 256 × 1024 floats = 1 MiB
constexpr Eigen::Index kScanBlock = 64;

// A row's best k so far, best first. Candidates arrive in increasing row order, so one with the
// same similarity as the worst kept is never better (ties go to the lower row): strict > suffices.
class TopK {
 public:
  explicit TopK(size_t k) : k_(k) { best_.reserve(k + 1); }
  float threshold() const { return best_.size() < k_ ? -std::numeric_limits<float>::infinity() : best_.back().similarity; }
  void offer(int32_t row, float similarity) {
    if (similarity <= threshold()) return;
    const auto at = std::find_if(best_.begin(), best_.end(), [&](const Neighbour& n) { return similarity > n.similarity; });
    best_.insert(at, Neighbour{row, similarity});
    if (best_.size() > k_) best_.pop_back();
  }
  std::vector<Neighbour> take() { return std::move(best_); }

 private:
  size_t k_;
  std::vector<Neighbour> best_;
};

}  // namespace

std::vector<std::vector<Neighbour>> CosineIndex::allNeighbours(const NeighbourParams& params,
                                                               std::span<const int64_t> ratingCounts,
                                                               int32_t threads) const {
  std::vector<std::vector<Neighbour>> table(static_cast<size_t>(rows_));
  const auto k = static_cast<size_t>(std::max(0, params.count));
  if (k == 0 || rows_ == 0) return table;
  const bool filter = params.minRatings > 0 && !ratingCounts.empty();
  // Candidates a row may list: non-zero, enough ratings (the row itself is skipped on insertion).
  std::vector<uint8_t> eligible(static_cast<size_t>(rows_));
  for (int32_t r = 0; r < rows_; ++r) {
    eligible[static_cast<size_t>(r)] =
        !zero_[static_cast<size_t>(r)] && (!filter || ratingCounts[static_cast<size_t>(r)] >= params.minRatings);
  }
  // Products are candidates × queries, column-major, so each query's similarities are contiguous;
  // the candidates come from a column-major copy of the rows, which is the operand layout Eigen's
  // product packs fastest.
  const Eigen::Map<const RowMatrixF> unit(unit_.data(), rows_, dimension_);
  const ColMatrixF unitByColumn = unit;
  const Eigen::Index tiles = (rows_ + kQueryTile - 1) / kQueryTile;
  std::atomic<Eigen::Index> nextTile{0};
  ThreadPool pool(std::max(1, threads));
  pool.parallelFor(static_cast<size_t>(pool.threads()), [&](int32_t, size_t, size_t) {
    ColMatrixF similarities(kCandidateTile, kQueryTile);
    std::vector<TopK> best;
    for (Eigen::Index tile = nextTile++; tile < tiles; tile = nextTile++) {
      const Eigen::Index q0 = tile * kQueryTile, queries = std::min(kQueryTile, rows_ - q0);
      best.assign(static_cast<size_t>(queries), TopK(k));
      for (Eigen::Index c0 = 0; c0 < rows_; c0 += kCandidateTile) {
        const Eigen::Index candidates = std::min(kCandidateTile, rows_ - c0);
        similarities.topLeftCorner(candidates, queries).noalias() =
            unitByColumn.middleRows(c0, candidates) * unit.middleRows(q0, queries).transpose();
        for (Eigen::Index q = 0; q < queries; ++q) {
          if (zero_[static_cast<size_t>(q0 + q)]) continue;
          TopK& top = best[static_cast<size_t>(q)];
          const float* column = similarities.col(q).data();
          for (Eigen::Index b = 0; b < candidates; b += kScanBlock) {
            const Eigen::Index end = std::min(candidates, b + kScanBlock);
            if (Eigen::Map<const Eigen::ArrayXf>(column + b, end - b).maxCoeff() <= top.threshold()) continue;
            for (Eigen::Index c = b; c < end; ++c) {
              const auto candidate = static_cast<int32_t>(c0 + c);
              if (candidate != q0 + q && eligible[static_cast<size_t>(candidate)]) top.offer(candidate, column[c]);
            }
          }
        }
      }
      for (Eigen::Index q = 0; q < queries; ++q) {
        if (!zero_[static_cast<size_t>(q0 + q)]) table[static_cast<size_t>(q0 + q)] = best[static_cast<size_t>(q)].take();
      }
    }
  });
  return table;
}

}  // namespace ll
