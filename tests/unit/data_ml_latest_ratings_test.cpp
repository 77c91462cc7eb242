// The parallel ml-latest ratings reader against the sequential one: identical Ratings, ids and
// CSR views on the fixture, on a generated world and on edge cases; errors from a later chunk
// name the right line; ids outside its fast path send the file to the sequential reader.
#include "core/data/ml_latest_ratings.h"

#include <gtest/gtest.h>

#include <string>

#include "core/data/dataset_assembly.h"
#include "core/data/file_source.h"
#include "core/data/input_error.h"
#include "core/synth/synthetic_world.h"
#include "tests/support/fixtures.h"

namespace ll {
namespace {

const std::string kFile = "ratings.csv";

Dataset sequential(std::string_view text) {
  Dataset d;
  RatingsBuilder builder;
  readMlLatestRatings(text, kFile, builder);
  finishRatings(builder, d, kFile);
  return d;
}

Dataset parallel(std::string_view text, int32_t threads = 2) {
  Dataset d;
  EXPECT_TRUE(readMlLatestRatingsInParallel(text, kFile, d, threads));
  return d;
}

void expectSame(const Dataset& a, const Dataset& b) {
  EXPECT_EQ(a.userIds, b.userIds);
  EXPECT_EQ(a.itemIds, b.itemIds);
  EXPECT_EQ(a.ratings.user, b.ratings.user);
  EXPECT_EQ(a.ratings.item, b.ratings.item);
  EXPECT_EQ(a.ratings.value, b.ratings.value);
  EXPECT_EQ(a.ratings.timestamp, b.ratings.timestamp);
  EXPECT_EQ(a.ratings.userOffsets(), b.ratings.userOffsets());
  EXPECT_EQ(a.ratings.byUser(), b.ratings.byUser());
  EXPECT_EQ(a.ratings.itemOffsets(), b.ratings.itemOffsets());
  EXPECT_EQ(a.ratings.byItem(), b.ratings.byItem());
  EXPECT_EQ(a.minRating, b.minRating);
  EXPECT_EQ(a.maxRating, b.maxRating);
}

// n lines "u,i,r,t" in a scrambled order, ~25 bytes each: 100k lines span several 1 MiB chunks.
std::string manyLines(int n) {
  std::string text = "userId,movieId,rating,timestamp\n";
  for (int k = 0; k < n; ++k) {
    const auto user = (static_cast<uint32_t>(k) * 7919u) % 3001u, item = (static_cast<uint32_t>(k) * 104729u) % 997u;
    text += std::to_string(user) + "," + std::to_string(item) + "," + std::to_string(1 + k % 9 * 0.5).substr(0, 3) + "," +
            std::to_string(1000000000 + k) + "\n";
  }
  return text;
}

TEST(DataMlLatestRatings, ParallelEqualsSequentialOnTheFixture) {
  const FileSource files = FileSource::open(kFixtures + "/ml-latest");
  const std::string text = files.read("ratings.csv");
  expectSame(parallel(text), sequential(text));
  expectSame(parallel(text, 1), sequential(text));
}

TEST(DataMlLatestRatings, ParallelEqualsSequentialOnAGeneratedWorld) {
  SyntheticParams params = parseSyntheticSpec("synthetic:users=2000,movies=1500,ratings=200000");
  params.halfStars = true;
  const auto dir = std::filesystem::temp_directory_path() / ("ll-mlr-" + std::to_string(::getpid()));
  writeMlLatestFolder(generateSyntheticWorld(params), dir);
  const std::string text = FileSource::open(dir).read("ratings.csv");
  std::filesystem::remove_all(dir);
  ASSERT_GT(text.size(), size_t{3} << 20);  // several chunks
  expectSame(parallel(text), sequential(text));
}

TEST(DataMlLatestRatings, BlankLinesCrlfAByteOrderMarkAndOddButValidFieldsAgree) {
  std::string text = "\xEF\xBB\xBF\n  \r\nuserId,movieId,rating,timestamp\r\n" + manyLines(60000).substr(32);
  text.insert(text.find('\n', text.size() / 2) + 1, "\n \n");  // blank lines in a later chunk
  text += " 12 , 5 ,+4.5, 1234\r\n0,0,0.5,-7\n3,4,5,00012";  // blanks, '+', a negative time, no final newline
  expectSame(parallel(text), sequential(text));
}

TEST(DataMlLatestRatings, AnErrorInALaterChunkNamesItsLine) {
  std::string text = manyLines(100000);
  const size_t at = text.find('\n', text.size() * 3 / 4);  // the end of some line in the last quarter
  const auto lineNumber = static_cast<int64_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 2;
  text.insert(at + 1, "5,6,7.5,100\n");  // rating out of range, as line lineNumber
  for (const int32_t threads : {1, 2, 3}) {
    Dataset d;
    try {
      readMlLatestRatingsInParallel(text, kFile, d, threads);
      FAIL() << "no error";
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), kFile);
      EXPECT_EQ(e.line(), lineNumber);
      EXPECT_EQ(e.found(), "\"7.5\"");
    }
  }
  try {
    sequential(text);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), lineNumber);
  }
}

TEST(DataMlLatestRatings, TheFirstOfTwoBadLinesIsReported) {
  std::string text = manyLines(100000);
  text.insert(text.find('\n', text.size() - 100) + 1, "1,2,3\n");   // near the end
  text.insert(text.find('\n', 1000) + 1, "1,2,3.0,x\n");              // in the first chunk
  Dataset d;
  EXPECT_THROW(
      {
        try {
          readMlLatestRatingsInParallel(text, kFile, d, 2);
        } catch (const InputError& e) {
          EXPECT_EQ(e.expected(), "an integer for the timestamp");
          throw;
        }
      },
      InputError);
}

TEST(DataMlLatestRatings, IdsOutsideTheFastPathGoToTheSequentialReader) {
  for (const std::string odd : {"007", "u7", "-3", "99999999999"}) {
    const std::string text = "userId,movieId,rating,timestamp\n1,2,3.0,4\n" + odd + ",2,3.0,5\n";
    Dataset d;
    EXPECT_FALSE(readMlLatestRatingsInParallel(text, kFile, d, 2)) << odd;
    EXPECT_EQ(d.ratings.size(), 0u);  // left as it was
    EXPECT_EQ(sequential(text).userIds.size(), 2u);
  }
}

TEST(DataMlLatestRatings, ATimestampTooLongForSixtyFourBitsIsABadLineNotAnOverflow) {
  // Found by fuzz_latest_ratings: 19 digits used to overflow the fast path's accumulator.
  for (const std::string stamp : {"9649812407445715000", "96498124074457150000000000"}) {
    const std::string text = "userId,movieId,rating,timestamp\n1,2,3.0,4\n1,3,3.0," + stamp + "\n";
    for (const int32_t threads : {1, 2}) {
      Dataset d;
      try {
        readMlLatestRatingsInParallel(text, kFile, d, threads);
        FAIL() << "no error for " << stamp;
      } catch (const InputError& e) {
        EXPECT_EQ(e.line(), 3);
      }
    }
    EXPECT_THROW(sequential(text), InputError);
  }
}

TEST(DataMlLatestRatings, AFileWithoutRatingsIsAnError) {
  Dataset d;
  EXPECT_THROW(readMlLatestRatingsInParallel("userId,movieId,rating,timestamp\n\n", kFile, d, 2), InputError);
}

}  // namespace
}  // namespace ll
