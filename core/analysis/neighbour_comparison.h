#pragma once
// A film's neighbours under several models of one data set, side by side (seed 004 Tables 4–5:
// the same film's nearest films at 3, 10 and 300 dimensions): one list per model, which films
// every list holds, and the overlap of each pair of lists (list_overlap.h).

#include <cstdint>
#include <span>
#include <vector>

#include "core/analysis/cosine_neighbours.h"
#include "core/analysis/list_overlap.h"

namespace ll {

struct ListPairOverlap {
  int32_t a = 0;  ///< indices into the compared lists, a < b
  int32_t b = 0;
  ListOverlap overlap;
};

struct NeighbourComparison {
  int32_t item = -1;                          ///< the film whose neighbours these are
  std::vector<std::vector<Neighbour>> lists;  ///< one per model, best first
  std::vector<ListPairOverlap> pairs;         ///< every pair of lists, (0,1), (0,2), …, (1,2), …

  /// The film is in every list (an empty comparison holds none).
  bool inEveryList(int32_t film) const;
};

/// The overlaps of every pair of ranked lists (film ids, best first).
std::vector<ListPairOverlap> compareEveryPair(std::span<const std::vector<int32_t>> lists);

/// The neighbours of `item` under each index (rows are the data set's items in order, as
/// Model::itemEmbeddings() gives them), with the same count and minimum rating count for all.
NeighbourComparison compareNeighbours(std::span<const CosineIndex> indexes, int32_t item, const NeighbourParams& params,
                                      std::span<const int64_t> ratingCounts);

}  // namespace ll
