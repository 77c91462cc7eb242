#include "core/analysis/neighbour_comparison.h"

#include <algorithm>

namespace ll {

bool NeighbourComparison::inEveryList(int32_t film) const {
  if (lists.empty()) return false;
  return std::all_of(lists.begin(), lists.end(), [film](const std::vector<Neighbour>& list) {
    return std::any_of(list.begin(), list.end(), [film](const Neighbour& n) { return n.item == film; });
  });
}

std::vector<ListPairOverlap> compareEveryPair(std::span<const std::vector<int32_t>> lists) {
  std::vector<ListPairOverlap> pairs;
  for (size_t a = 0; a < lists.size(); ++a) {
    for (size_t b = a + 1; b < lists.size(); ++b) {
      pairs.push_back({static_cast<int32_t>(a), static_cast<int32_t>(b), compareRankedLists(lists[a], lists[b])});
    }
  }
  return pairs;
}

NeighbourComparison compareNeighbours(std::span<const CosineIndex> indexes, int32_t item, const NeighbourParams& params,
                                      std::span<const int64_t> ratingCounts) {
  NeighbourComparison out;
  out.item = item;
  std::vector<std::vector<int32_t>> films;
  for (const CosineIndex& index : indexes) {
    out.lists.push_back(index.neighbours(item, params, ratingCounts));
    std::vector<int32_t>& ids = films.emplace_back();
    for (const Neighbour& n : out.lists.back()) ids.push_back(n.item);
  }
  out.pairs = compareEveryPair(films);
  return out;
}

}  // namespace ll
