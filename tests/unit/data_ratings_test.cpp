#include "core/data/ratings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <latch>
#include <numeric>
#include <thread>
#include <utility>
#include <vector>

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
  shortOffsets.userOffsets.resize(shortOffsets.userOffsets.size() - 1);
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

// Scrambled ratings large enough for the index to be built on several threads.
Ratings scrambledRatings(uint32_t n) {
  Ratings r;
  r.userCount = 701;
  r.itemCount = 389;
  for (uint32_t k = 0; k < n; ++k) {
    r.user.push_back(static_cast<int32_t>((k * 7919u) % 701u));
    r.item.push_back(static_cast<int32_t>((k * 104729u / 3u) % 389u));
    r.value.push_back(static_cast<float>(k % 5));
  }
  return r;
}

// Large enough for the parallel build (≥ 2^16 ratings), in scrambled order with repeated pairs:
// each user's list must be ordered by item, each item's by user, ties in load order.
TEST(DataRatings, TheParallelIndexMatchesAPlainSortAndIsAdoptedBack) {
  Ratings r = scrambledRatings(200000);
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

TEST(DataRatings, TheIndexIsBuiltWhenFirstReadAndMatchesAnEagerBuild) {
  Ratings lazy = scrambledRatings(5000);
  Ratings eager = lazy;
  eager.buildIndex();
  EXPECT_FALSE(lazy.indexed());  // filling the columns builds nothing
  EXPECT_EQ(lazy.userRatingCount(3), eager.userRatingCount(3));
  EXPECT_TRUE(lazy.indexed());
  EXPECT_EQ(lazy.byUser(), eager.byUser());
  EXPECT_EQ(lazy.byItem(), eager.byItem());
  EXPECT_EQ(lazy.userOffsets(), eager.userOffsets());
  EXPECT_EQ(lazy.itemOffsets(), eager.itemOffsets());
}

// Run under TSan (the tsan preset): every thread asks for the index at once; one builds it, all
// see the same one.
TEST(DataRatings, ConcurrentFirstReadsBuildTheIndexOnce) {
  const Ratings r = scrambledRatings(200000);
  Ratings reference = r;
  reference.buildIndex();
  constexpr int kThreads = 8;
  std::latch start(kThreads);
  std::vector<const uint32_t*> seen(kThreads, nullptr);
  std::vector<int64_t> counted(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      int64_t total = 0;
      if (t % 2 == 0) {
        for (int32_t u = 0; u < r.userCount; ++u) total += static_cast<int64_t>(r.ofUser(u).size());
      } else {
        for (int32_t i = 0; i < r.itemCount; ++i) total += r.itemRatingCount(i);
      }
      counted[static_cast<size_t>(t)] = total;
      seen[static_cast<size_t>(t)] = r.byUser().data();
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(counted[static_cast<size_t>(t)], static_cast<int64_t>(r.size()));
    EXPECT_EQ(seen[static_cast<size_t>(t)], seen[0]);
  }
  EXPECT_EQ(r.byUser(), reference.byUser());
  EXPECT_EQ(r.byItem(), reference.byItem());
}

TEST(DataRatings, CopiesShareABuiltIndexAndAMoveTakesIt) {
  Ratings r = scrambledRatings(1000);
  const Ratings unbuilt = r;
  EXPECT_FALSE(unbuilt.indexed());
  r.ofUser(0);
  const Ratings copy = r;
  ASSERT_TRUE(copy.indexed());
  EXPECT_EQ(copy.byUser().data(), r.byUser().data());
  Ratings moved = std::move(r);
  EXPECT_TRUE(moved.indexed());
  EXPECT_FALSE(r.indexed());  // NOLINT(bugprone-use-after-move): the moved-from columns have no index
  r = Ratings{};
  EXPECT_FALSE(r.indexed());
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
