#include "core/data/ratings.h"

#include <gtest/gtest.h>

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
