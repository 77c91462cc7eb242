// Overlap of two ranked lists: Jaccard and Spearman's ρ of the shared films, by hand.
#include <gtest/gtest.h>

#include <vector>

#include "core/analysis/list_overlap.h"

namespace ll {
namespace {

TEST(AnalysisListOverlap, JaccardAndSpearmanByHand) {
  // Shared: 1, 2, 3 (a's order 1,2,3; b's order 3,1,2): ranks (0,1,2) against (1,2,0),
  // d² = 1 + 1 + 4 = 6, ρ = 1 − 6·6/(3·8) = −0.5. Jaccard: 3 shared of 4 + 5 − 3 = 6.
  const std::vector<int32_t> a = {1, 9, 2, 3}, b = {3, 7, 1, 8, 2};
  const ListOverlap o = compareRankedLists(a, b);
  EXPECT_EQ(o.shared, 3);
  EXPECT_DOUBLE_EQ(o.jaccard, 0.5);
  ASSERT_TRUE(o.spearman.has_value());
  EXPECT_DOUBLE_EQ(*o.spearman, -0.5);
}

TEST(AnalysisListOverlap, IdenticalDisjointAndDegenerateLists) {
  const std::vector<int32_t> a = {4, 5, 6};
  const ListOverlap same = compareRankedLists(a, a);
  EXPECT_DOUBLE_EQ(same.jaccard, 1.0);
  EXPECT_DOUBLE_EQ(*same.spearman, 1.0);
  const std::vector<int32_t> reversed = {6, 5, 4};
  EXPECT_DOUBLE_EQ(*compareRankedLists(a, reversed).spearman, -1.0);
  const std::vector<int32_t> other = {1, 2};
  const ListOverlap disjoint = compareRankedLists(a, other);
  EXPECT_EQ(disjoint.shared, 0);
  EXPECT_DOUBLE_EQ(disjoint.jaccard, 0.0);
  EXPECT_FALSE(disjoint.spearman.has_value());
  const std::vector<int32_t> one = {5, 9};
  EXPECT_FALSE(compareRankedLists(a, one).spearman.has_value());  // a single shared film has no order
  EXPECT_DOUBLE_EQ(compareRankedLists({}, {}).jaccard, 0.0);
}

}  // namespace
}  // namespace ll
