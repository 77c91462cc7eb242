#include "core/data/split.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/data/input_error.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

using testing::makeGridDataset;

// Every rating lands in exactly one part, each part is ascending.
void expectPartition(const Split& split, size_t total) {
  std::vector<int> seen(total, 0);
  for (const auto* part : {&split.train, &split.validation, &split.test}) {
    EXPECT_TRUE(std::is_sorted(part->begin(), part->end()));
    for (uint32_t k : *part) {
      ASSERT_LT(k, total);
      ++seen[k];
    }
  }
  EXPECT_TRUE(std::all_of(seen.begin(), seen.end(), [](int c) { return c == 1; }));
}

TEST(DataSplit, ParsesEveryFormAndRejectsNonsense) {
  EXPECT_EQ(parseSplitSpec("official:3").officialName, "u3");
  EXPECT_EQ(parseSplitSpec("ua").officialName, "ua");
  EXPECT_EQ(parseSplitSpec("ub").kind, SplitSpec::Kind::Official);
  const SplitSpec kfold = parseSplitSpec("kfold:10:4");
  EXPECT_EQ(kfold.kind, SplitSpec::Kind::KFold);
  EXPECT_EQ(kfold.folds, 10);
  EXPECT_EQ(kfold.fold, 4);
  EXPECT_DOUBLE_EQ(parseSplitSpec("random:0.25").fraction, 0.25);
  EXPECT_EQ(parseSplitSpec("users:0.1").kind, SplitSpec::Kind::Users);
  EXPECT_EQ(parseSplitSpec("last").kind, SplitSpec::Kind::Last);
  for (const char* bad : {"", "official", "official:0", "official:x", "kfold:5", "kfold:5:6", "kfold:1:1", "random:0",
                          "random:1", "random:-0.1", "users:abc", "last:1", "ua:1", "holdout", "random:0.1:0.1",
                          "random:0.1:0.1:0", "random:0.5:0.5:1", "random:0.1:0:1", "random:0.1:0.1:2:3"}) {
    EXPECT_THROW(parseSplitSpec(bad), InputError) << bad;
  }
  EXPECT_EQ(parseSplitSpec("random:0.2").text(), "random:0.2");
  EXPECT_EQ(parseSplitSpec("official:2").text(), "official:2");
  EXPECT_EQ(parseSplitSpec("kfold:5:2").text(), "kfold:5:2");
  const SplitSpec own = parseSplitSpec("random:0.1:0.15:3");
  EXPECT_DOUBLE_EQ(own.fraction, 0.1);
  EXPECT_DOUBLE_EQ(own.validation, 0.15);
  EXPECT_EQ(own.repetition, 3);
  EXPECT_EQ(own.text(), "random:0.1:0.15:3");
}

// The NRP paper's protocol: random:0.1:0.1:R are 80/10/10 partitions of all ratings, a new draw
// for each R, the same draw for the same seed; the validation tenth is of all ratings, whatever
// SplitParams::validationFraction says.
TEST(DataSplit, RepeatedRandomSplitsAreDistinctEightyTenTenPartitions) {
  const Dataset d = makeGridDataset(61, 40, 17);  // 1037 ratings: the tenths round
  const size_t n = d.ratings.size();
  std::vector<Split> repetitions;
  for (int r = 1; r <= 3; ++r) {
    const SplitSpec spec = parseSplitSpec("random:0.1:0.1:" + std::to_string(r));
    const Split split = makeSplit(d, spec, {.seed = 7, .validationFraction = 0.5});
    expectPartition(split, n);
    EXPECT_EQ(split.test.size(), 104u);  // round(103.7)
    EXPECT_EQ(split.validation.size(), 104u);
    EXPECT_EQ(split.train.size(), n - 208u);
    EXPECT_EQ(split.name, spec.text());
    const Split again = makeSplit(d, spec, {.seed = 7});
    EXPECT_EQ(again.test, split.test);
    EXPECT_EQ(again.validation, split.validation);
    EXPECT_EQ(again.train, split.train);
    EXPECT_NE(makeSplit(d, spec, {.seed = 8}).test, split.test);
    repetitions.push_back(split);
  }
  for (size_t a = 0; a < repetitions.size(); ++a) {
    for (size_t b = a + 1; b < repetitions.size(); ++b) {
      EXPECT_NE(repetitions[a].test, repetitions[b].test) << a << " " << b;
      EXPECT_NE(repetitions[a].validation, repetitions[b].validation) << a << " " << b;
    }
  }
}

TEST(DataSplit, RandomSplitHasTheRequestedSizesAndIsDeterministic) {
  const Dataset d = makeGridDataset(50, 40, 20);  // 1000 ratings
  const Split a = makeSplit(d, parseSplitSpec("random:0.2"), {.seed = 7});
  const Split b = makeSplit(d, parseSplitSpec("random:0.2"), {.seed = 7});
  const Split c = makeSplit(d, parseSplitSpec("random:0.2"), {.seed = 8});
  expectPartition(a, d.ratings.size());
  EXPECT_EQ(a.test.size(), 200u);
  EXPECT_EQ(a.validation.size(), 80u);  // 10% of the 800 training ratings
  EXPECT_EQ(a.train.size(), 720u);
  EXPECT_EQ(a.test, b.test);
  EXPECT_EQ(a.validation, b.validation);
  EXPECT_NE(a.test, c.test);
}

TEST(DataSplit, KFoldTestSetsPartitionTheRatings) {
  const Dataset d = makeGridDataset(30, 25, 21);  // 630 ratings
  std::vector<int> inTest(d.ratings.size(), 0);
  for (int fold = 1; fold <= 4; ++fold) {
    const Split s = makeSplit(d, parseSplitSpec("kfold:4:" + std::to_string(fold)), {.seed = 3});
    expectPartition(s, d.ratings.size());
    EXPECT_NEAR(static_cast<double>(s.test.size()), 630.0 / 4, 1.0);
    for (uint32_t k : s.test) ++inTest[k];
  }
  EXPECT_TRUE(std::all_of(inTest.begin(), inTest.end(), [](int c) { return c == 1; }));
}

TEST(DataSplit, UsersSplitHoldsOutWholeUsers) {
  const Dataset d = makeGridDataset(40, 30, 20);
  const Split s = makeSplit(d, parseSplitSpec("users:0.1"), {.seed = 5});
  expectPartition(s, d.ratings.size());
  ASSERT_EQ(s.heldOutUsers.size(), 4u);
  const std::set<int32_t> held(s.heldOutUsers.begin(), s.heldOutUsers.end());
  for (uint32_t k : s.test) EXPECT_TRUE(held.count(d.ratings.user[k]));
  for (uint32_t k : s.train) EXPECT_FALSE(held.count(d.ratings.user[k]));
  for (uint32_t k : s.validation) EXPECT_FALSE(held.count(d.ratings.user[k]));
  EXPECT_EQ(s.test.size(), 4u * 20u);
}

TEST(DataSplit, LastHoldsOutEachUsersLatestRating) {
  const Dataset d = makeGridDataset(10, 12, 6);
  const Split s = makeSplit(d, parseSplitSpec("last"), {.seed = 1});
  expectPartition(s, d.ratings.size());
  ASSERT_EQ(s.test.size(), 10u);
  for (uint32_t k : s.test) {
    for (uint32_t other : d.ratings.ofUser(d.ratings.user[k])) {
      EXPECT_LE(d.ratings.timestamp[other], d.ratings.timestamp[k]);
    }
  }
}

TEST(DataSplit, OfficialFoldComesFromTheDataSet) {
  Dataset d = makeGridDataset(5, 5, 4);
  d.officialTestSets["u1"] = {0, 3, 7};
  const Split s = makeSplit(d, parseSplitSpec("official:1"));
  EXPECT_EQ(s.test, (std::vector<uint32_t>{0, 3, 7}));
  expectPartition(s, d.ratings.size());
  EXPECT_EQ(defaultSplitSpec(d).officialName, "u1");
  EXPECT_THROW(makeSplit(d, parseSplitSpec("official:2")), InputError);
  d.officialTestSets.clear();
  EXPECT_EQ(defaultSplitSpec(d).kind, SplitSpec::Kind::Random);
}

// Found by fuzz_checkpoint: a checkpoint's validation fraction of 1.5 made the split mark more
// validation ratings than there were training ratings, writing past the end of its flags.
TEST(DataSplit, ValidationFractionMustBeBelowOne) {
  const Dataset d = makeGridDataset(6, 8, 4);
  for (const double bad : {1.0, 1.5, -0.1, std::nan("")}) {
    SplitParams params;
    params.validationFraction = bad;
    EXPECT_THROW(makeSplit(d, parseSplitSpec("random:0.2"), params), InputError) << bad;
  }
  SplitParams none;
  none.validationFraction = 0.0;
  EXPECT_TRUE(makeSplit(d, parseSplitSpec("random:0.2"), none).validation.empty());
}

TEST(DataSplit, LastNeedsTimestamps) {
  Dataset d = makeGridDataset(5, 5, 4);
  d.ratings.timestamp.clear();
  EXPECT_THROW(makeSplit(d, parseSplitSpec("last")), InputError);
}

}  // namespace
}  // namespace ll
