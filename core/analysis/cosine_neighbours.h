#pragma once
// Cosine nearest neighbours of movies (Latent Spaces 2021 §3.9): the rows are normalised
// once into an index, then a query is one matrix-vector product (a batch of queries, one
// matrix-matrix product) and a top-k selection; the table of every row's neighbours is built in
// tiles (cosine_all_neighbours.cpp). Zero vectors have similarity 0 to everything and are never
// returned as neighbours; a zero query has no neighbours.

#include <cstdint>
#include <span>
#include <vector>

#include "core/data/dataset.h"
#include "core/util/thread_budget.h"

namespace ll {

struct NeighbourParams {
  int32_t count = 10;         ///< k: neighbours returned (default: 10)
  int64_t minRatings = 0;     ///< only movies with at least this many ratings are returned; needs rating counts (default: 0)
};

struct Neighbour {
  int32_t item = -1;
  float similarity = 0.0f;  ///< cosine in [−1, 1]
};

/// How CosineIndex::allNeighbours computes its table; both give the same table, bit for bit.
enum class AllNeighboursMethod {
  IntegerFirstPass,  ///< int16 dot products of every pair, then exact similarities of the few candidates the rounding bound leaves
  FloatTiles,        ///< exact float similarities of every pair
};

/// What allNeighbours did (for benchmarks and tests).
struct AllNeighboursStats {
  int64_t candidates = 0;      ///< pairs whose exact similarity the integer pass left to compute
  int32_t unresolvedRows = 0;  ///< rows with more candidates than the integer pass keeps: scanned exactly
  bool floatTiles = false;     ///< the float tiles made the table (chosen, or too many unresolved rows)
};

class CosineIndex {
 public:
  CosineIndex() = default;
  /// vectors: rows × dimension, row-major (e.g. Model::itemEmbeddings()).
  CosineIndex(std::span<const float> vectors, int32_t rows, int32_t dimension);

  int32_t rows() const { return rows_; }
  int32_t dimension() const { return dimension_; }
  bool isZero(int32_t row) const { return zero_[static_cast<size_t>(row)] != 0; }
  /// The normalised row (all zeros for a zero vector).
  std::span<const float> unitRow(int32_t row) const {
    return {unit_.data() + static_cast<size_t>(row) * dimension_, static_cast<size_t>(dimension_)};
  }
  float similarity(int32_t a, int32_t b) const;

  /// The top-k rows most similar to row `item` (itself excluded), best first; ties by lower index.
  /// ratingCounts (per row) is needed when params.minRatings > 0.
  std::vector<Neighbour> neighbours(int32_t item, const NeighbourParams& params = {},
                                    std::span<const int64_t> ratingCounts = {}) const;
  /// The same for an arbitrary query vector (dimension entries); exclude is a row to skip or −1.
  std::vector<Neighbour> nearest(std::span<const float> query, const NeighbourParams& params = {},
                                 std::span<const int64_t> ratingCounts = {}, int32_t exclude = -1) const;
  /// neighbours() of many rows at once, through one matrix-matrix product per block of queries.
  std::vector<std::vector<Neighbour>> neighboursOf(std::span<const int32_t> items, const NeighbourParams& params = {},
                                                   std::span<const int64_t> ratingCounts = {}) const;
  /// neighbours() of every row (the all-items table; empty lists for zero rows), exact for the
  /// similarity unitDot (cosine_candidates.h), which may differ from neighbours()' in the last
  /// float bits (another summation order). Tiles on and above the diagonal of the (symmetric)
  /// similarity matrix are computed on `threads` cores, in 16-bit integers first by default
  /// (cosine_candidates.cpp), and each row keeps its top k behind a running threshold, so most
  /// similarities cost one vector compare. The table is the same for any number of threads and
  /// either method; stats, when given, says how it was made.
  std::vector<std::vector<Neighbour>> allNeighbours(const NeighbourParams& params = {},
                                                    std::span<const int64_t> ratingCounts = {},
                                                    int32_t threads = threadBudget(),
                                                    AllNeighboursMethod method = AllNeighboursMethod::IntegerFirstPass,
                                                    AllNeighboursStats* stats = nullptr) const;

 private:
  std::vector<Neighbour> select(const float* similarities, const NeighbourParams& params,
                                std::span<const int64_t> ratingCounts, int32_t exclude) const;

  int32_t rows_ = 0;
  int32_t dimension_ = 0;
  std::vector<float> unit_;     // rows × dimension, row-major
  std::vector<uint8_t> zero_;   // per row
};

/// Ratings per dense item of the data set (for NeighbourParams::minRatings).
std::vector<int64_t> itemRatingCounts(const Dataset& dataset);

}  // namespace ll
