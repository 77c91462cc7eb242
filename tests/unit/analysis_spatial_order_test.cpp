// spatialOrder: a permutation of the rows that puts the rows of a compact group next to each
// other, so that the exact neighbour search's first tiles hold each row's nearest.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "core/analysis/spatial_order.h"
#include "core/util/random.h"

namespace ll {
namespace {

// Rows of four tight groups of 64 in 8-d, their centres 10 apart along a diagonal, interleaved
// row by row.
SpatialRowMatrix interleavedGroups() {
  Random random(3);
  SpatialRowMatrix points(256, 8);
  for (Eigen::Index r = 0; r < points.rows(); ++r) {
    for (Eigen::Index j = 0; j < points.cols(); ++j) {
      points(r, j) = static_cast<float>(0.1 * random.normal() + 10.0 * static_cast<double>(r % 4) / std::sqrt(8.0));
    }
  }
  return points;
}

TEST(AnalysisSpatialOrder, IsAPermutation) {
  const SpatialRowMatrix points = interleavedGroups();
  std::vector<int32_t> order = spatialOrder(points);
  ASSERT_EQ(order.size(), 256u);
  std::sort(order.begin(), order.end());
  std::vector<int32_t> all(256);
  std::iota(all.begin(), all.end(), 0);
  EXPECT_EQ(order, all);
  EXPECT_TRUE(spatialOrder(SpatialRowMatrix(0, 3)).empty());
}

TEST(AnalysisSpatialOrder, PutsEachGroupInOneRun) {
  const SpatialRowMatrix points = interleavedGroups();
  const std::vector<int32_t> order = spatialOrder(points);
  EXPECT_EQ(order, spatialOrder(points));  // deterministic
  for (size_t run = 0; run < 4; ++run) {
    std::set<int32_t> groups;
    for (size_t at = 64 * run; at < 64 * (run + 1); ++at) groups.insert(order[at] % 4);
    EXPECT_EQ(groups.size(), 1u) << "positions " << 64 * run << "–" << 64 * (run + 1) - 1 << " mix groups";
  }
}

}  // namespace
}  // namespace ll
