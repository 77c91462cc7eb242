#include "core/data/dataset_cache.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>
#include <utility>

#include "core/load/load.h"
#include "core/io/atomic_file.h"
#include "core/io/binary_stream.h"
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

// A reload reads the rating columns and the index in place from the mapped entry, and they equal
// those of a parse.
TEST_F(DataCache, AReloadReadsItsColumnsInPlaceAndEqualsAParse) {
  LoadOptions options;
  options.cacheDir = (dir_ / "cache").string();
  const std::string source = std::string(LATENTLENS_FIXTURES_DIR) + "/ml-100k";
  const auto parsed = loadDataset(source, options).dataset;
  const auto reloaded = loadDataset(source, options).dataset;
  const Ratings& p = parsed->ratings;
  const Ratings& r = reloaded->ratings;
  EXPECT_FALSE(p.user.viewing());
  for (const bool viewing : {r.user.viewing(), r.item.viewing(), r.value.viewing(), r.timestamp.viewing(),
                             r.userOffsets().viewing(), r.byUser().viewing(), r.itemOffsets().viewing(), r.byItem().viewing()}) {
    EXPECT_TRUE(viewing);
  }
  EXPECT_EQ(r.user, p.user);
  EXPECT_EQ(r.item, p.item);
  EXPECT_EQ(r.value, p.value);
  EXPECT_EQ(r.timestamp, p.timestamp);
  EXPECT_EQ(r.userOffsets(), p.userOffsets());
  EXPECT_EQ(r.byUser(), p.byUser());
  EXPECT_EQ(r.itemOffsets(), p.itemOffsets());
  EXPECT_EQ(r.byItem(), p.byItem());
  EXPECT_EQ(reloaded->checksum(), parsed->checksum());
  EXPECT_EQ(reloaded->officialTestSets, parsed->officialTestSets);
  EXPECT_EQ(reloaded->features.values, parsed->features.values);
}

// Every byte of the rating columns is covered by the checksum: flipping one in the value column,
// where the reload would read it in place, makes the entry read as absent.
TEST_F(DataCache, AFlippedByteInARatingColumnIsDetected) {
  const DatasetCache cache(dir_ / "cache");
  const Dataset d = sample();
  ASSERT_TRUE(cache.store("state-1", d));
  const fs::path entry = cache.entryPath("state-1");
  std::string bytes = readWholeFile(entry);
  const std::string values(reinterpret_cast<const char*>(d.ratings.value.data()), d.ratings.value.size() * sizeof(float));
  const size_t at = bytes.find(values);
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(at % kAlignedVectorBytes, 0u);  // where a mapping of the file has it aligned
  bytes[at + 5] ^= 0x10;
  writeFileAtomically(entry, bytes);
  EXPECT_FALSE(cache.find("state-1").has_value());
}

// The data set holds the mapping: replacing or deleting the entry on disk leaves what it reads
// intact (the replaced file's pages stay mapped, not the new file's).
TEST_F(DataCache, ADataSetKeepsItsEntryMappedAfterTheFileIsReplacedOrDeleted) {
  const DatasetCache cache(dir_ / "cache");
  const Dataset d = sample();
  ASSERT_TRUE(cache.store("state-1", d));
  std::optional<Dataset> found = cache.find("state-1");
  ASSERT_TRUE(found.has_value());
  ASSERT_TRUE(found->ratings.value.viewing());
  Dataset other = sample();
  other.ratings.value = std::vector<float>{1.5f, 2.5f, 4.5f};
  ASSERT_TRUE(cache.store("state-1", other));  // renamed over the entry found
  EXPECT_EQ(found->ratings.value, d.ratings.value);
  fs::remove(cache.entryPath("state-1"));
  const Dataset copy = *found;
  found.reset();
  EXPECT_EQ(copy.ratings.user, d.ratings.user);
  EXPECT_EQ(copy.ratings.value, d.ratings.value);
  EXPECT_EQ(copy.ratings.timestamp, d.ratings.timestamp);
  EXPECT_EQ(copy.ratings.byItem(), d.ratings.byItem());
  EXPECT_EQ(copy.checksum(), d.checksum());
}

// Bytes decoded from a buffer that nothing keeps (or that does not sit aligned) are copied out.
TEST_F(DataCache, AnEntryDecodedFromATransientBufferOwnsItsColumns) {
  const DatasetCache cache(dir_ / "cache");
  ASSERT_TRUE(cache.store("state-1", sample()));
  std::string bytes = readWholeFile(cache.entryPath("state-1"));
  std::optional<Dataset> decoded = decodeCacheEntry(bytes, "state-1");
  ASSERT_TRUE(decoded.has_value());
  bytes.assign(bytes.size(), '\0');
  EXPECT_FALSE(decoded->ratings.value.viewing());
  EXPECT_EQ(decoded->ratings.value, sample().ratings.value);
  EXPECT_EQ(decoded->checksum(), sample().checksum());
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
