#include "core/analysis/cosine_neighbours.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

namespace ll {
namespace {

using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ColMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;

// Higher similarity first; equal ones by lower index, so results never depend on scan order.
bool closerFirst(const Neighbour& a, const Neighbour& b) {
  return a.similarity > b.similarity || (a.similarity == b.similarity && a.item < b.item);
}

}  // namespace

CosineIndex::CosineIndex(std::span<const float> vectors, int32_t rows, int32_t dimension)
    : rows_(rows), dimension_(dimension), unit_(vectors.begin(), vectors.begin() + static_cast<std::ptrdiff_t>(rows) * dimension),
      zero_(static_cast<size_t>(rows), 0) {
  for (int32_t r = 0; r < rows; ++r) {
    float* v = unit_.data() + static_cast<size_t>(r) * dimension;
    double norm = 0.0;
    for (int32_t j = 0; j < dimension; ++j) norm += static_cast<double>(v[j]) * v[j];
    norm = std::sqrt(norm);
    if (!(norm > 0.0) || !std::isfinite(norm)) {  // zero (or broken) vectors: similarity 0, never a neighbour
      std::fill(v, v + dimension, 0.0f);
      zero_[static_cast<size_t>(r)] = 1;
      continue;
    }
    for (int32_t j = 0; j < dimension; ++j) v[j] = static_cast<float>(v[j] / norm);
  }
}

float CosineIndex::similarity(int32_t a, int32_t b) const {
  const auto x = unitRow(a), y = unitRow(b);
  double dot = 0.0;
  for (int32_t j = 0; j < dimension_; ++j) dot += static_cast<double>(x[static_cast<size_t>(j)]) * y[static_cast<size_t>(j)];
  return static_cast<float>(dot);
}

std::vector<Neighbour> CosineIndex::select(const float* similarities, const NeighbourParams& params,
                                           std::span<const int64_t> ratingCounts, int32_t exclude) const {
  const auto k = static_cast<size_t>(std::max(0, params.count));
  const bool filter = params.minRatings > 0 && !ratingCounts.empty();
  // A bounded min-heap (worst on top): one pass, O(n log k).
  std::vector<Neighbour> heap;
  heap.reserve(k + 1);
  if (k == 0) return heap;
  for (int32_t r = 0; r < rows_; ++r) {
    if (r == exclude || zero_[static_cast<size_t>(r)]) continue;
    if (filter && ratingCounts[static_cast<size_t>(r)] < params.minRatings) continue;
    const Neighbour candidate{r, similarities[r]};
    if (heap.size() < k) {
      heap.push_back(candidate);
      std::push_heap(heap.begin(), heap.end(), closerFirst);
    } else if (closerFirst(candidate, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), closerFirst);
      heap.back() = candidate;
      std::push_heap(heap.begin(), heap.end(), closerFirst);
    }
  }
  std::sort(heap.begin(), heap.end(), closerFirst);
  return heap;
}

std::vector<Neighbour> CosineIndex::nearest(std::span<const float> query, const NeighbourParams& params,
                                            std::span<const int64_t> ratingCounts, int32_t exclude) const {
  Eigen::VectorXf q = Eigen::Map<const Eigen::VectorXf>(query.data(), dimension_);
  const float norm = q.norm();
  if (!(norm > 0.0f) || !std::isfinite(norm)) return {};
  q /= norm;
  const Eigen::VectorXf similarities = Eigen::Map<const RowMatrixF>(unit_.data(), rows_, dimension_) * q;
  return select(similarities.data(), params, ratingCounts, exclude);
}

std::vector<Neighbour> CosineIndex::neighbours(int32_t item, const NeighbourParams& params,
                                               std::span<const int64_t> ratingCounts) const {
  if (item < 0 || item >= rows_ || isZero(item)) return {};
  return nearest(unitRow(item), params, ratingCounts, item);
}

std::vector<std::vector<Neighbour>> CosineIndex::neighboursOf(std::span<const int32_t> items, const NeighbourParams& params,
                                                              std::span<const int64_t> ratingCounts) const {
  std::vector<std::vector<Neighbour>> out(items.size());
  const Eigen::Map<const RowMatrixF> unit(unit_.data(), rows_, dimension_);
  constexpr size_t kQueries = 64;  // similarities of a block: rows × 64 floats
  ColMatrixF queries, similarities;
  for (size_t begin = 0; begin < items.size(); begin += kQueries) {
    const size_t count = std::min(kQueries, items.size() - begin);
    queries.resize(dimension_, static_cast<Eigen::Index>(count));
    for (size_t c = 0; c < count; ++c) {
      const int32_t item = items[begin + c];
      if (item >= 0 && item < rows_) {
        queries.col(static_cast<Eigen::Index>(c)) = Eigen::Map<const Eigen::VectorXf>(unitRow(item).data(), dimension_);
      } else {
        queries.col(static_cast<Eigen::Index>(c)).setZero();
      }
    }
    similarities.noalias() = unit * queries;  // rows × count, column-major: one query per column
    for (size_t c = 0; c < count; ++c) {
      const int32_t item = items[begin + c];
      if (item < 0 || item >= rows_ || isZero(item)) continue;
      out[begin + c] = select(similarities.col(static_cast<Eigen::Index>(c)).data(), params, ratingCounts, item);
    }
  }
  return out;
}

std::vector<int64_t> itemRatingCounts(const Dataset& dataset) {
  std::vector<int64_t> counts(static_cast<size_t>(dataset.ratings.itemCount), 0);
  for (int32_t item : dataset.ratings.item) ++counts[static_cast<size_t>(item)];
  return counts;
}

}  // namespace ll
