#pragma once
// The points the layout benchmarks (UMAP, t-SNE) and their Python references share: a mixture of
// 24 planted Gaussian clusters of uneven size and spread in 32 dimensions, at MovieLens-like
// movie counts (ml-latest-small's 10k, ml-25m's 60k).

#include <array>
#include <cstdint>
#include <vector>

#include "tests/support/planted_clusters.h"

namespace ll::bench {

inline constexpr int32_t kLayoutBenchDim = 32;
inline constexpr int32_t kLayoutBenchClusters = 24;
inline constexpr std::array<int32_t, 2> kLayoutBenchSizes = {10000, 60000};
/// Trustworthiness T(10) of a layout is scored over a seeded sample of this many points.
inline constexpr int32_t kLayoutBenchTrustPoints = 1000;

inline const std::vector<float>& layoutBenchVectors(int32_t rows) {
  return ll::testing::unevenClusterMixture(rows, kLayoutBenchDim, kLayoutBenchClusters);
}

}  // namespace ll::bench
