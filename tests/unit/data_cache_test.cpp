#include "core/data/dataset_cache.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>
#include <utility>

#include "core/load/load.h"
#include "core/io/atomic_file.h"
#include "tests/support/tiny_dataset.h"
#include "tests/support/test_dir.h"

namespace ll {
namespace {

namespace fs = std::filesystem;
using testing::makeTinyDataset;

class DataCache : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::freshTestDir("ll-cache-test");
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
// They must carry the current format version (bytes 8–11), or the decoder would never see them.
TEST_F(DataCache, EveryEntryTheFuzzerFoundReadsAsAbsent) {
  const DatasetCache cache(dir_ / "cache");
  ASSERT_TRUE(cache.store("state", sample()));
  const std::string currentVersion = readWholeFile(cache.entryPath("state")).substr(8, 4);
  const fs::path found = fs::path(LATENTLENS_FIXTURES_DIR) / "fuzz-regressions" / "fuzz_dataset_cache";
  int entries = 0;
  for (const auto& file : fs::directory_iterator(found)) {
    const std::string bytes = readWholeFile(file.path());
    EXPECT_EQ(bytes.substr(8, 4), currentVersion) << file.path() << ": reseal it at the current version (fixtures README)";
    EXPECT_FALSE(decodeCacheEntry(bytes, "fuzz-cache-entry\n").has_value()) << file.path();
    ++entries;
  }
  EXPECT_GE(entries, 3);
}

// Through loadDataset: a truncated, bit-flipped or older-version entry is never trusted; the
// source is parsed again, silently, and the entry rewritten.
TEST_F(DataCache, ADamagedEntryIsRebuiltSilentlyFromTheSource) {
  LoadOptions options;
  options.cacheDir = (dir_ / "cache").string();
  const std::string source = std::string(LATENTLENS_FIXTURES_DIR) + "/ml-100k";
  const uint64_t parsed = loadDataset(source, options).dataset->checksum();
  std::vector<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(dir_ / "cache")) entries.push_back(entry.path());
  ASSERT_EQ(entries.size(), 1u);
  const fs::path entry = entries.front();
  const std::string good = readWholeFile(entry);

  std::vector<std::string> damaged;
  for (const size_t length : {size_t{0}, size_t{5}, size_t{28}, good.size() / 2, good.size() - 1}) damaged.push_back(good.substr(0, length));
  for (const size_t position : {size_t{0}, size_t{9}, size_t{13}, size_t{21}, size_t{40}, good.size() / 2, good.size() - 1}) {
    std::string flipped = good;
    flipped[position] = static_cast<char>(flipped[position] ^ 0x04);
    damaged.push_back(flipped);
  }
  std::string older = good;  // as the previous format version wrote it (u32 version at byte 8)
  older[8] = static_cast<char>(older[8] - 1);
  damaged.push_back(older);
  for (size_t k = 0; k < damaged.size(); ++k) {
    std::ofstream(entry, std::ios::binary | std::ios::trunc) << damaged[k];
    EXPECT_EQ(loadDataset(source, options).dataset->checksum(), parsed) << "damage " << k;
    EXPECT_EQ(readWholeFile(entry), good) << "damage " << k << ": the entry was not rewritten";
  }
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
