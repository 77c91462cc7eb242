// Overlap of two ranked lists: Jaccard and Spearman's ρ of the shared films, by hand; a film's
// neighbours under several models compared.
#include <gtest/gtest.h>

#include <vector>

#include "core/analysis/list_overlap.h"
#include "core/analysis/neighbour_comparison.h"

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

TEST(AnalysisNeighbourComparison, ListsPerModelSharedFilmsAndEveryPair) {
  // Four films in 2-D. Model A: film 0 points along x, 1 nearly so, 2 at 45°, 3 along y.
  // Model B: the same but film 3 is nearest to film 0. Model C: film 1 turned away.
  const std::vector<float> a = {1, 0, 1, 0.1f, 1, 1, 0, 1};
  const std::vector<float> b = {1, 0, 1, 1, 0, 1, 1, 0.05f};
  const std::vector<float> c = {1, 0, -1, 0, 1, 1, 0, 1};
  const std::vector<CosineIndex> indexes = {CosineIndex(a, 4, 2), CosineIndex(b, 4, 2), CosineIndex(c, 4, 2)};
  const NeighbourComparison cmp = compareNeighbours(indexes, 0, {.count = 2}, {});
  ASSERT_EQ(cmp.lists.size(), 3u);
  auto ids = [](const std::vector<Neighbour>& list) {
    std::vector<int32_t> out;
    for (const Neighbour& n : list) out.push_back(n.item);
    return out;
  };
  EXPECT_EQ(ids(cmp.lists[0]), (std::vector<int32_t>{1, 2}));
  EXPECT_EQ(ids(cmp.lists[1]), (std::vector<int32_t>{3, 1}));
  EXPECT_EQ(ids(cmp.lists[2]), (std::vector<int32_t>{2, 3}));
  EXPECT_FALSE(cmp.inEveryList(1));  // not in C's
  EXPECT_FALSE(cmp.inEveryList(0));  // the film itself is in none
  ASSERT_EQ(cmp.pairs.size(), 3u);
  EXPECT_EQ(cmp.pairs[0].a, 0);
  EXPECT_EQ(cmp.pairs[0].b, 1);
  EXPECT_EQ(cmp.pairs[0].overlap.shared, 1);             // film 1
  EXPECT_DOUBLE_EQ(cmp.pairs[0].overlap.jaccard, 1.0 / 3.0);
  EXPECT_EQ(cmp.pairs[1].b, 2);
  EXPECT_EQ(cmp.pairs[1].overlap.shared, 1);             // film 2
  EXPECT_EQ(cmp.pairs[2].a, 1);
  EXPECT_EQ(cmp.pairs[2].overlap.shared, 1);             // film 3

  const NeighbourComparison wide = compareNeighbours(indexes, 0, {.count = 3}, {});
  for (int32_t film : {1, 2, 3}) EXPECT_TRUE(wide.inEveryList(film));  // lists of every other film
  EXPECT_EQ(wide.lists[2].back().item, 1);  // C keeps it, last (cosine −1)
  EXPECT_FALSE(NeighbourComparison{}.inEveryList(2));
}

}  // namespace
}  // namespace ll
