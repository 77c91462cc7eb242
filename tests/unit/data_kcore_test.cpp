#include "core/data/kcore.h"

#include <gtest/gtest.h>

#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

using testing::makeTinyDataset;

TEST(DataKCore, DropsRepeatedlyUntilBothThresholdsHold) {
  // u1 rates a,b,c; u2 rates a,b; u3 rates a,d. With 2-core on users and items: d has one rating
  // → dropped; then u3 has one rating → dropped; then everyone left has ≥ 2.
  Dataset d = makeTinyDataset({{"1", "a", 5, 1}, {"1", "b", 4, 2}, {"1", "c", 3, 3}, {"2", "a", 2, 4}, {"2", "b", 1, 5},
                               {"3", "a", 3, 6}, {"3", "d", 4, 7}, {"2", "c", 2, 8}});
  d.officialTestSets["u1"] = {0, 5, 6, 7};
  const Dataset k = filterKCore(d, 2, 2);
  EXPECT_EQ(k.userIds, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(k.itemIds, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(k.ratings.size(), 6u);
  EXPECT_EQ(k.movies.size(), 3u);
  EXPECT_EQ(k.movies[2].title, "movie c");
  EXPECT_EQ(k.features.items, 3);
  EXPECT_EQ(k.features.values.size(), 3u);
  // Ratings 5 and 6 (user 3) are gone; 0 and 7 are now 0 and 5.
  EXPECT_EQ(k.officialTestSets.at("u1"), (std::vector<uint32_t>{0, 5}));
  for (size_t r = 0; r < k.ratings.size(); ++r) {
    EXPECT_GE(k.ratings.userRatingCount(k.ratings.user[r]), 2);
    EXPECT_GE(k.ratings.itemRatingCount(k.ratings.item[r]), 2);
  }
}

TEST(DataKCore, NoThresholdKeepsEverything) {
  const Dataset d = makeTinyDataset({{"1", "a", 5, 1}, {"2", "b", 4, 2}});
  const Dataset k = filterKCore(d, 0, 0);
  EXPECT_EQ(k.ratings.size(), 2u);
  EXPECT_EQ(k.ratings.value, d.ratings.value);
}

TEST(DataKCore, CanEmptyTheDataSet) {
  const Dataset d = makeTinyDataset({{"1", "a", 5, 1}, {"2", "b", 4, 2}});
  const Dataset k = filterKCore(d, 5, 0);
  EXPECT_EQ(k.ratings.size(), 0u);
  EXPECT_EQ(k.ratings.userCount, 0);
  EXPECT_EQ(k.ratings.itemCount, 0);
}

}  // namespace
}  // namespace ll
