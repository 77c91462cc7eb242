#include "core/analysis/list_overlap.h"

#include <algorithm>
#include <vector>

namespace ll {

ListOverlap compareRankedLists(std::span<const int32_t> a, std::span<const int32_t> b) {
  ListOverlap out;
  // The shared films in a's order, and the position each holds in b's.
  std::vector<size_t> positionInB;
  for (int32_t film : a) {
    const auto found = std::find(b.begin(), b.end(), film);
    if (found != b.end()) positionInB.push_back(static_cast<size_t>(found - b.begin()));
  }
  out.shared = static_cast<int32_t>(positionInB.size());
  const size_t either = a.size() + b.size() - positionInB.size();
  out.jaccard = either > 0 ? static_cast<double>(out.shared) / static_cast<double>(either) : 0.0;
  const size_t n = positionInB.size();
  if (n < 2) return out;
  // Ranks among the shared films: 0…n−1 in a's order by construction; in b's order by sorting.
  std::vector<size_t> order(n);
  for (size_t k = 0; k < n; ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) { return positionInB[x] < positionInB[y]; });
  std::vector<size_t> rankInB(n);
  for (size_t r = 0; r < n; ++r) rankInB[order[r]] = r;
  double squared = 0.0;
  for (size_t k = 0; k < n; ++k) {
    const double d = static_cast<double>(k) - static_cast<double>(rankInB[k]);
    squared += d * d;
  }
  const double nd = static_cast<double>(n);
  out.spearman = 1.0 - 6.0 * squared / (nd * (nd * nd - 1.0));  // no ties: ranks are distinct
  return out;
}

}  // namespace ll
