#pragma once
// Quasi-random proposals: the Halton sequence (bases 2, 3, 5, 7, …, one prime per coordinate) with
// random digit permutations (Braaten & Weller 1979; Owen 2017, "A randomized Halton algorithm in
// R"): each coordinate and digit position gets its own seeded permutation of the digits, which
// breaks the correlation between coordinates of the plain sequence while keeping its even cover
// of the cube — a few dozen points already fill every corner, which random draws do not.
// Deterministic for a seed, from any compiler (our own Random).

#include <cstdint>
#include <vector>

namespace ll {

class ScrambledHalton {
 public:
  /// coordinates: 1 … 8.
  ScrambledHalton(int32_t coordinates, uint64_t seed);

  /// The index-th point (0-based), each coordinate in [0, 1).
  std::vector<double> point(uint64_t index) const;
  int32_t coordinates() const { return static_cast<int32_t>(bases_.size()); }

 private:
  std::vector<uint32_t> bases_;
  /// permutations_[c][j]: the permutation of coordinate c's j-th fractional digit (the index's j-th digit from the least significant).
  std::vector<std::vector<std::vector<uint32_t>>> permutations_;
};

}  // namespace ll
