#pragma once
// The reduced-precision first pass of the all-items cosine table (CosineIndex::allNeighbours): the
// unit rows rounded to 16-bit integers under one power-of-two scale, every pair's dot product taken
// exactly in integer arithmetic (AVX2 vpmaddwd, or AVX-512 VNNI vpdpwssd where the CPU has it), and for each row the candidates that a rigorous
// bound on the rounding error (cosine_candidates.cpp) cannot rule out of its exact top k. The exact
// pass then computes unitDot only for those.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/util/thread_pool.h"

namespace ll {

/// The similarity the all-items table ranks by: a chain of fused multiply-adds in dimension order,
/// the order of Eigen's float product kernel too (cosine_all_neighbours.cpp). Symmetric in a, b.
inline float unitDot(const float* a, const float* b, int32_t dimension) {
  float dot = 0.0f;
  for (int32_t j = 0; j < dimension; ++j) dot = std::fma(a[j], b[j], dot);
  return dot;
}

struct CosineCandidates {
  /// Per row: the rows that may be in its exact top k, in no particular order (empty for zero rows).
  std::vector<std::vector<int32_t>> rows;
  /// Per row: 1 where more candidates passed the bound than the pass keeps (many rows within the
  /// rounding error of the k-th, e.g. duplicates); such a row needs an exact scan of every row.
  std::vector<uint8_t> unresolved;
};

/// The integer kernel of the first pass. Both take the same dot products, exactly, so they give the
/// same candidates; without AVX2 in the build, Avx2 names the portable loop.
enum class DotKernel { Avx2, Avx512Vnni };

/// Avx512Vnni where the running CPU has AVX-512 F, BW and VNNI (and the build targets AVX2), else Avx2.
DotKernel fastestDotKernel();

/// unit: rows × dimension, row-major, each row of norm 1 (up to float rounding) or all zeros
/// (zero[r] = 1). Row r lists row c ≠ r when zero[r] = 0 and eligible[c] = 1. k ≥ 1. The candidate
/// sets (each holding the row's exact top k) and the unresolved rows may vary with the pool's thread count; the
/// top k chosen from them by unitDot do not. kernel must run on this CPU (fastestDotKernel() or Avx2).
CosineCandidates cosineCandidates(std::span<const float> unit, int32_t rows, int32_t dimension,
                                  std::span<const uint8_t> zero, std::span<const uint8_t> eligible, size_t k,
                                  ThreadPool& pool, DotKernel kernel = fastestDotKernel());

}  // namespace ll
