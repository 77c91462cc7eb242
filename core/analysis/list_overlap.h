#pragma once
// How alike two ranked lists of films are (seed 004 Tables 4–5: a film's neighbours under models
// of different dimensionality): the Jaccard index of the two sets, and Spearman's rank correlation
// of the films both lists hold, their ranks taken among the shared films of each list.

#include <cstdint>
#include <optional>
#include <span>

namespace ll {

struct ListOverlap {
  int32_t shared = 0;                  ///< films in both lists
  double jaccard = 0.0;                ///< shared / films in either list; 0 for two empty lists
  std::optional<double> spearman;      ///< over the shared films; absent with fewer than 2
};

/// a and b: film ids, best first, each without repeats.
ListOverlap compareRankedLists(std::span<const int32_t> a, std::span<const int32_t> b);

}  // namespace ll
