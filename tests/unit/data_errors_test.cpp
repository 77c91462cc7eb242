// Every malformed fixture under tests/fixtures/malformed fails with an InputError that names the
// file, the 1-based line (0 for the file as a whole), what was expected and what was found.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/data/formats.h"
#include "core/data/input_error.h"

namespace ll {
namespace {

const std::string kMalformed = std::string(LATENTLENS_FIXTURES_DIR) + "/malformed/";

struct Expected {
  std::string file;  // path relative to malformed/
  int64_t line;
  std::string expected;
  std::string found;
};

void expectError(const std::string& source, const Expected& want) {
  try {
    const Dataset d = parseDataset(FileSource::open(kMalformed + source), FeatureOptions{});
    ADD_FAILURE() << source << ": parsed " << d.ratings.size() << " ratings instead of failing";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), kMalformed + want.file) << source;
    EXPECT_EQ(e.line(), want.line) << source;
    EXPECT_EQ(e.expected(), want.expected) << source;
    EXPECT_EQ(e.found(), want.found) << source;
    // The message a user reads carries all four parts.
    const std::string where = kMalformed + want.file + (want.line > 0 ? ":" + std::to_string(want.line) : "");
    EXPECT_EQ(std::string(e.what()), where + ": expected " + want.expected + ", found " + want.found) << source;
  }
}

TEST(DataErrors, Ml100kRatings) {
  expectError("100k-data-fields", {"100k-data-fields/u.data", 3, "4 tab-separated fields (user item rating timestamp)",
                                   "3 fields in \"2\\t1\\t4\""});
  expectError("100k-data-rating", {"100k-data-rating/u.data", 2, "a number for the rating", "\"x\""});
  expectError("100k-data-range", {"100k-data-range/u.data", 2, "a rating between 1 and 5", "\"6\""});
  expectError("100k-data-timestamp", {"100k-data-timestamp/u.data", 4, "an integer for the timestamp", "\"12:30\""});
  expectError("empty-ratings", {"empty-ratings/u.data", 0, "at least one rating", "none"});
}

TEST(DataErrors, Ml100kCatalogueGenresUsers) {
  expectError("100k-item-fields",
              {"100k-item-fields/u.item", 2, "24 |-separated fields (id|title|release date|video date|URL|19 genre flags)",
               "23 fields in \"2|GoldenEye (1995)|01-Jan-1995||http://x|0|1|1|0|0|0|0|0|0|0...\""});
  expectError("100k-item-flag", {"100k-item-flag/u.item", 1, "a genre flag 0 or 1 in field 11", "\"2\""});
  expectError("100k-item-duplicate",
              {"100k-item-duplicate/u.item", 3, "each movie id listed once", "movie \"1\" again (first on line 1)"});
  expectError("100k-genre-index", {"100k-genre-index/u.genre", 3, "genre index 2", "\"3\""});
  expectError("100k-user-age", {"100k-user-age/u.user", 2, "an integer for the age", "\"old\""});
}

TEST(DataErrors, Ml100kFoldPairNotInUData) {
  expectError("100k-fold-pair",
              {"100k-fold-pair/u1.test", 2, "a (user, item) pair rated in u.data", "user \"2\", item \"2\""});
}

TEST(DataErrors, Ml1m) {
  expectError("1m-ratings-fields", {"1m-ratings-fields/ratings.dat", 2,
                                    "4 ::-separated fields (UserID::MovieID::Rating::Timestamp)",
                                    "1 field in \"1:661:3:978302109\""});
  expectError("1m-movies-fields", {"1m-movies-fields/movies.dat", 2, "3 ::-separated fields (MovieID::Title::Genres)",
                                   "2 fields in \"661::James and the Giant Peach (1996)\""});
}

TEST(DataErrors, MlLatestRatingsAndMovies) {
  expectError("latest-ratings-range",
              {"latest-ratings-range/ratings.csv", 3, "a rating between 0.5 and 5", "\"5.5\""});
  expectError("latest-ratings-fields", {"latest-ratings-fields/ratings.csv", 2,
                                        "4 comma-separated fields (userId,movieId,rating,timestamp)",
                                        "3 fields in \"1,1,4.0\""});
  expectError("latest-movies-quote", {"latest-movies-quote/movies.csv", 3,
                                      "a closing quote for the field opened on this line", "the end of the file"});
  expectError("latest-movies-after-quote", {"latest-movies-after-quote/movies.csv", 3,
                                            "a comma or the end of the line after a closing quote",
                                            "\" (1995),Adventure\\n\""});
}

TEST(DataErrors, MlLatestGenomeAndTags) {
  expectError("latest-genome-missing", {"latest-genome-missing/genome-tags.csv", 0,
                                        "genome-tags.csv beside genome-scores.csv (the tag genome)", "no such file"});
  expectError("latest-genome-relevance",
              {"latest-genome-relevance/genome-scores.csv", 3, "a relevance between 0 and 1", "\"1.5\""});
  expectError("latest-genome-tagid",
              {"latest-genome-tagid/genome-scores.csv", 4, "a tagId listed in genome-tags.csv", "\"9\""});
  expectError("latest-tags-fields", {"latest-tags-fields/tags.csv", 3,
                                     "4 comma-separated fields (userId,movieId,tag,timestamp)",
                                     "5 fields in \"2,1,funny, clever,1139045765\""});
}

TEST(DataErrors, Triplets) {
  expectError("triplets-fields.csv", {"triplets-fields.csv", 4, "3 comma-separated fields like the first data line",
                                      "2 fields in \"c,z\""});
  expectError("triplets-rating.tsv", {"triplets-rating.tsv", 2, "a number for the rating", "\"abc\""});
  expectError("triplets-empty-id.csv", {"triplets-empty-id.csv", 3, "a user id", "an empty field"});
  expectError("triplets-header-only.csv", {"triplets-header-only.csv", 0, "at least one rating", "none"});
}

TEST(DataErrors, FolderThatFitsNoFormat) {
  expectError("triplets-two-files",
              {"triplets-two-files", 0,
               "u.data (ml-100k), ratings.dat (ml-1m), ratings.csv (ml-latest) or exactly one ratings file (triplets)",
               "2 files: a.csv, b.csv"});
  expectError("empty-folder",
              {"empty-folder", 0,
               "u.data (ml-100k), ratings.dat (ml-1m), ratings.csv (ml-latest) or exactly one ratings file (triplets)",
               "no files"});
  // A folder of documentation only, and a folder that holds the data set's folder.
  const auto scratch = std::filesystem::temp_directory_path() / ("ll-no-format-" + std::to_string(::getpid()));
  std::filesystem::create_directories(scratch / "docs");
  std::ofstream(scratch / "docs" / "README.md") << "about\n";
  std::filesystem::create_directories(scratch / "parent" / "ml-100k");
  for (const auto& [folder, found] :
       {std::pair{"docs", "1 file: README.md (documentation, not ratings)"},
        std::pair{"parent", "no files, only 1 folder: ml-100k (give the folder that holds the data files)"}}) {
    try {
      parseDataset(FileSource::open(scratch / folder), FeatureOptions{});
      ADD_FAILURE() << folder << ": no exception";
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), (scratch / folder).string());
      EXPECT_EQ(e.expected(), "u.data (ml-100k), ratings.dat (ml-1m), ratings.csv (ml-latest) or exactly one ratings file (triplets)");
      EXPECT_EQ(e.found(), found);
    }
  }
  std::filesystem::remove_all(scratch);
  // Asked for triplets directly, the parser says what it wanted.
  try {
    parseTriplets(FileSource::open(kMalformed + "triplets-two-files"));
    ADD_FAILURE() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.expected(), "exactly one ratings file (user item rating [timestamp])");
    EXPECT_EQ(e.found(), "2 files: a.csv, b.csv");
  }
}

TEST(DataErrors, DamagedArchives) {
  expectError("corrupt.csv.gz", {"corrupt.csv.gz", 0, "gzip-compressed data",
                                 "data that ends before the compressed stream does (truncated?)"});
  try {
    parseDataset(FileSource::open(kMalformed + "not-a-zip.zip"), FeatureOptions{});
    ADD_FAILURE() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), kMalformed + "not-a-zip.zip");
    EXPECT_EQ(e.expected(), "a readable .zip archive");
  }
}

}  // namespace
}  // namespace ll
