#include "core/data/dataset_cache.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>
#include <utility>

#include "core/io/atomic_file.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

namespace fs = std::filesystem;
using testing::makeTinyDataset;

class DataCache : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ll-cache-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "source");
  }
  void TearDown() override { fs::remove_all(dir_); }

  static Dataset sample() {
    Dataset d = makeTinyDataset({{"1", "a", 5, 10}, {"2", "b", 3.5f, 20}, {"2", "a", 1, 30}});
    d.officialTestSets["u1"] = {1};
    d.users = {UserInfo{30, 'F', "writer", "12345"}, UserInfo{41, 'M', "other", "54321"}};
    d.listedUnrated = 2;
    return d;
  }

  fs::path dir_;
};

TEST_F(DataCache, StoresAndFindsAnEqualDataSet) {
  const DatasetCache cache(dir_ / "cache");
  const Dataset d = sample();
  ASSERT_TRUE(cache.store("state-1", d));
  const auto found = cache.find("state-1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->ratings.user, d.ratings.user);
  EXPECT_EQ(found->ratings.item, d.ratings.item);
  EXPECT_EQ(found->ratings.value, d.ratings.value);
  EXPECT_EQ(found->ratings.timestamp, d.ratings.timestamp);
  EXPECT_TRUE(found->ratings.indexed());
  EXPECT_EQ(found->userIds, d.userIds);
  EXPECT_EQ(found->movies[1].title, "movie b");
  EXPECT_EQ(found->users[0].occupation, "writer");
  EXPECT_EQ(found->features.values, d.features.values);
  EXPECT_EQ(found->officialTestSets.at("u1"), std::vector<uint32_t>{1});
  EXPECT_EQ(found->listedUnrated, 2);
  EXPECT_EQ(found->checksum(), d.checksum());
}

TEST_F(DataCache, AStaleEntryIsNotTrusted) {
  const DatasetCache cache(dir_ / "cache");
  ASSERT_TRUE(cache.store("state-1", sample()));
  EXPECT_FALSE(cache.find("state-2").has_value());
}

TEST_F(DataCache, ADamagedEntryReadsAsAbsentAndIsReplacedOnStore) {
  const DatasetCache cache(dir_ / "cache");
  ASSERT_TRUE(cache.store("state-1", sample()));
  const fs::path entry = cache.entryPath("state-1");
  std::string bytes = readWholeFile(entry);
  bytes[bytes.size() / 2] ^= 0x5A;
  writeFileAtomically(entry, bytes);
  EXPECT_FALSE(cache.find("state-1").has_value());
  writeFileAtomically(entry, bytes.substr(0, bytes.size() / 3));  // truncated
  EXPECT_FALSE(cache.find("state-1").has_value());
  ASSERT_TRUE(cache.store("state-1", sample()));
  EXPECT_TRUE(cache.find("state-1").has_value());
}

// Found by fuzz_dataset_cache: an entry whose checksum matched but whose parts contradict each
// other was trusted as if just parsed.
TEST_F(DataCache, AnEntryThatContradictsItselfReadsAsAbsent) {
  const DatasetCache cache(dir_ / "cache");
  const auto refused = [&cache](const Dataset& d) {
    return cache.store("state", d) && !cache.find("state").has_value();
  };
  Dataset moreGenresThanFeatures = sample();
  moreGenresThanFeatures.features.genreCount = moreGenresThanFeatures.features.count + 1;
  EXPECT_TRUE(refused(moreGenresThanFeatures));
  Dataset unnamedGenre = sample();
  unnamedGenre.movies[0].genres = 1u << 5;
  EXPECT_TRUE(refused(unnamedGenre));
  Dataset foldBeyondTheRatings = sample();
  foldBeyondTheRatings.officialTestSets["u2"] = {0, 3};
  EXPECT_TRUE(refused(foldBeyondTheRatings));
  Dataset notANumber = sample();
  notANumber.ratings.value[1] = std::nanf("");
  EXPECT_TRUE(refused(notANumber));
  Dataset upsideDownScale = sample();
  std::swap(upsideDownScale.minRating, upsideDownScale.maxRating);
  EXPECT_TRUE(refused(upsideDownScale));
  Dataset offTheScale = sample();
  offTheScale.maxRating = 4.0f;
  EXPECT_TRUE(refused(offTheScale));
  Dataset foldOutOfOrder = sample();
  foldOutOfOrder.officialTestSets["u2"] = {2, 0};
  EXPECT_TRUE(refused(foldOutOfOrder));

}

// The entries fuzz_dataset_cache once crashed on (stored under the fuzz targets' source state).
TEST_F(DataCache, EveryEntryTheFuzzerFoundReadsAsAbsent) {
  const fs::path found = fs::path(LATENTLENS_FIXTURES_DIR) / "fuzz-regressions" / "fuzz_dataset_cache";
  int entries = 0;
  for (const auto& file : fs::directory_iterator(found)) {
    EXPECT_FALSE(decodeCacheEntry(readWholeFile(file.path()), "fuzz-cache-entry\n").has_value()) << file.path();
    ++entries;
  }
  EXPECT_GE(entries, 3);
}

TEST_F(DataCache, SourceStateChangesWhenAFileChanges) {
  const fs::path source = dir_ / "source";
  writeFileAtomically(source / "ratings.csv", "userId,movieId,rating\n1,1,4\n");
  const std::string before = describeSourceState(source, "opts");
  EXPECT_EQ(before, describeSourceState(source, "opts"));
  EXPECT_NE(before, describeSourceState(source, "other-opts"));
  writeFileAtomically(source / "ratings.csv", "userId,movieId,rating\n1,1,4\n2,1,5\n");
  EXPECT_NE(before, describeSourceState(source, "opts"));
}

}  // namespace
}  // namespace ll
