#include "core/data/ratings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <utility>

#include "core/data/ratings_builder.h"

namespace ll {
namespace {

TEST(DataRatings, DenseIndicesFollowRawIdOrderNotLineOrder) {
  RatingsBuilder builder;
  builder.add("10", "b", 4.0f, 3);
  builder.add("2", "a", 3.0f, 2);
  builder.add("alice", "10", 5.0f, 1);
  builder.add("2", "10", 1.0f, 4);
  Ratings r;
  std::vector<std::string> users, items;
  builder.finish(r, users, items);
  // Numeric ids numerically first, then the others as strings.
  EXPECT_EQ(users, (std::vector<std::string>{"2", "10", "alice"}));
  EXPECT_EQ(items, (std::vector<std::string>{"10", "a", "b"}));
  EXPECT_EQ(r.userCount, 3);
  EXPECT_EQ(r.itemCount, 3);
  EXPECT_EQ(r.user, (std::vector<int32_t>{1, 0, 2, 0}));
  EXPECT_EQ(r.item, (std::vector<int32_t>{2, 1, 0, 0}));
  EXPECT_TRUE(r.hasTimestamps());
}

TEST(DataRatings, NonCanonicalNumbersAreDistinctIds) {
  RatingsBuilder builder;
  builder.add("7", "1", 1.0f);
  builder.add("007", "1", 2.0f);
  builder.add("+7", "1", 3.0f);
  Ratings r;
  std::vector<std::string> users, items;
  builder.finish(r, users, items);
  EXPECT_EQ(r.userCount, 3);
  EXPECT_FALSE(r.hasTimestamps());
}

TEST(DataRatings, CsrViewsListEachUsersAndItemsRatingsInOrder) {
  Ratings r;
  r.userCount = 3;
  r.itemCount = 4;
  r.user = {2, 0, 1, 0, 2, 0};
  r.item = {1, 3, 0, 1, 0, 2};
  r.value = {1, 2, 3, 4, 5, 6};
  r.buildIndex();
  ASSERT_TRUE(r.indexed());
  auto user0 = r.ofUser(0);
  EXPECT_EQ(std::vector<uint32_t>(user0.begin(), user0.end()), (std::vector<uint32_t>{3, 5, 1}));  // items 1, 2, 3
  auto item0 = r.ofItem(0);
  EXPECT_EQ(std::vector<uint32_t>(item0.begin(), item0.end()), (std::vector<uint32_t>{2, 4}));  // users 1, 2
  EXPECT_EQ(r.userRatingCount(1), 1);
  EXPECT_EQ(r.itemRatingCount(3), 1);
  EXPECT_EQ(r.ofItem(3).size(), 1u);
}

TEST(DataRatings, AStoredIndexIsAdoptedOnlyWhenItDescribesTheRatings) {
  Ratings r;
  r.userCount = 2;
  r.itemCount = 2;
  r.user = {1, 0, 1};
  r.item = {0, 1, 1};
  r.value = {1, 2, 3};
  r.buildIndex();
  Ratings copy = r;
  Ratings::Index good{r.userOffsets(), r.itemOffsets(), r.byUser(), r.byItem()};
  EXPECT_TRUE(copy.adoptIndex(good));
  EXPECT_EQ(copy.byUser(), r.byUser());

  Ratings::Index swapped = good;
  std::swap(swapped.byUser[0], swapped.byUser[1]);  // rating 0 filed under the wrong user
  EXPECT_FALSE(copy.adoptIndex(swapped));
  Ratings::Index outOfRange = good;
  outOfRange.byItem[2] = 7;
  EXPECT_FALSE(copy.adoptIndex(outOfRange));
  Ratings::Index shortOffsets = good;
  shortOffsets.userOffsets.pop_back();
  EXPECT_FALSE(copy.adoptIndex(shortOffsets));
  // Found by fuzz_dataset_cache: an offset past the end, corrected only by the next one, made the
  // check itself read past the order it was checking.
  Ratings::Index overshooting = good;
  overshooting.userOffsets = {0, 5, 3};
  EXPECT_FALSE(copy.adoptIndex(overshooting));
  Ratings::Index listedTwice = good;
  listedTwice.byUser = {1, 0, 0};  // user 1's group names rating 0 twice and rating 2 never
  EXPECT_FALSE(copy.adoptIndex(listedTwice));
}

// Large enough for the parallel build (≥ 2^16 ratings), in scrambled order with repeated pairs:
// each user's list must be ordered by item, each item's by user, ties in load order.
TEST(DataRatings, TheParallelIndexMatchesAPlainSortAndIsAdoptedBack) {
  Ratings r;
  r.userCount = 701;
  r.itemCount = 389;
  for (uint32_t k = 0; k < 200000; ++k) {
    r.user.push_back(static_cast<int32_t>((k * 7919u) % 701u));
    r.item.push_back(static_cast<int32_t>((k * 104729u / 3u) % 389u));
    r.value.push_back(static_cast<float>(k % 5));
  }
  r.buildIndex();
  std::vector<uint32_t> byUser(r.size()), byItem(r.size());
  std::iota(byUser.begin(), byUser.end(), 0u);
  std::iota(byItem.begin(), byItem.end(), 0u);
  std::stable_sort(byUser.begin(), byUser.end(), [&](uint32_t a, uint32_t b) {
    return std::pair(r.user[a], r.item[a]) < std::pair(r.user[b], r.item[b]);
  });
  std::stable_sort(byItem.begin(), byItem.end(), [&](uint32_t a, uint32_t b) {
    return std::pair(r.item[a], r.user[a]) < std::pair(r.item[b], r.user[b]);
  });
  EXPECT_EQ(r.byUser(), byUser);
  EXPECT_EQ(r.byItem(), byItem);

  Ratings copy = r;
  Ratings::Index index{r.userOffsets(), r.itemOffsets(), r.byUser(), r.byItem()};
  EXPECT_TRUE(copy.adoptIndex(index));
  Ratings::Index moved = index;
  std::swap(moved.byItem[10], moved.byItem[100000]);  // two ratings under each other's item
  EXPECT_FALSE(copy.adoptIndex(moved));
  Ratings::Index repeated = index;
  repeated.byUser[5] = repeated.byUser[6];  // one rating twice, one missing
  EXPECT_FALSE(copy.adoptIndex(repeated));
}

TEST(DataRatings, MismatchedVectorsAreRefused) {
  Ratings r;
  r.userCount = 1;
  r.itemCount = 1;
  r.user = {0, 0};
  r.item = {0};
  r.value = {1, 2};
  EXPECT_THROW(r.buildIndex(), std::logic_error);
}

}  // namespace
}  // namespace ll
