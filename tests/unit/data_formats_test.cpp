// The format parsers against the hand-made fixtures in tests/fixtures (see its README.md for
// what each fixture holds and why these numbers are what they are).

#include "core/data/formats.h"

#include <gtest/gtest.h>

#include <numeric>
#include <string>
#include <vector>

#include "tests/support/fixtures.h"

namespace ll {
namespace {


Dataset load(const std::string& relative, const FeatureOptions& options = {}) {
  return parseDataset(FileSource::open(kFixtures + "/" + relative), options);
}

std::vector<float> row(const ItemFeatures& features, int32_t item) {
  return {features.row(item), features.row(item) + features.count};
}

std::vector<float> extraColumns(const ItemFeatures& features, int32_t item) {
  return {features.row(item) + features.genreCount, features.row(item) + features.count};
}

using Strings = std::vector<std::string>;
using Indices = std::vector<uint32_t>;

const Strings kMl100kGenres = {"unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
                               "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
                               "Romance", "Sci-Fi", "Thriller", "War", "Western"};

// ---- detection ---------------------------------------------------------------------------------

TEST(DataFormats, DetectsEachFormatFromItsFiles) {
  const auto detect = [](const std::string& relative) { return detectFormat(FileSource::open(kFixtures + "/" + relative)); };
  EXPECT_EQ(detect("ml-100k"), "ml-100k");
  EXPECT_EQ(detect("ml-100k-genome"), "ml-100k");
  EXPECT_EQ(detect("archives/ml-100k.zip"), "ml-100k");
  EXPECT_EQ(detect("ml-1m"), "ml-1m");
  EXPECT_EQ(detect("archives/ml-1m-gz"), "ml-1m");
  EXPECT_EQ(detect("ml-latest"), "ml-latest");
  EXPECT_EQ(detect("ml-latest-tags"), "ml-latest");
  EXPECT_EQ(detect("triplets/header.csv"), "triplets");
  EXPECT_EQ(detect("triplets/plain.tsv"), "triplets");
  EXPECT_EQ(detect("triplets/libmf.txt"), "triplets");
  EXPECT_EQ(detect("archives/header.csv.gz"), "triplets");
  EXPECT_EQ(detect("triplets-folder"), "triplets");
  EXPECT_EQ(detect("ml-100k/u.data"), "triplets");  // a lone file is a ratings file
}

// ---- ml-100k -----------------------------------------------------------------------------------

void expectMl100k(const Dataset& d) {
  EXPECT_EQ(d.format, "ml-100k");
  ASSERT_EQ(d.ratings.size(), 17u);
  EXPECT_EQ(d.ratings.userCount, 4);
  EXPECT_EQ(d.ratings.itemCount, 8);
  EXPECT_EQ(d.userIds, (Strings{"1", "2", "3", "4"}));
  EXPECT_EQ(d.itemIds, (Strings{"1", "2", "3", "4", "5", "6", "8", "9"}));
  EXPECT_EQ(d.listedUnrated, 1);  // movie 7
  EXPECT_FLOAT_EQ(d.minRating, 1.0f);
  EXPECT_FLOAT_EQ(d.maxRating, 5.0f);
  EXPECT_FLOAT_EQ(std::accumulate(d.ratings.value.begin(), d.ratings.value.end(), 0.0f), 55.0f);
  ASSERT_TRUE(d.ratings.hasTimestamps());
  EXPECT_EQ(d.ratings.timestamp[0], 881250949);
  EXPECT_EQ(d.ratings.timestamp[16], 881250970);
  EXPECT_EQ(d.ratings.userRatingCount(0), 5);  // the duplicate (1, 2) is kept

  EXPECT_EQ(d.genreNames, kMl100kGenres);
  ASSERT_EQ(d.movies.size(), 8u);
  EXPECT_EQ(d.movies[0].title, "Toy Story");
  EXPECT_EQ(d.movies[0].year, 1995);
  EXPECT_EQ(d.movies[0].genres, (1u << 3) | (1u << 4) | (1u << 5));
  EXPECT_EQ(d.movies[2].title, "Mis\xc3\xa9rables, Les");  // ISO-8859-1 in u.item, UTF-8 here
  EXPECT_EQ(d.movies[2].year, 1995);
  EXPECT_EQ(d.movies[2].genres, (1u << 8) | (1u << 12));
  EXPECT_EQ(d.movies[3].title, "Nadja");
  EXPECT_EQ(d.movies[3].year, 1994);  // from the release date
  EXPECT_EQ(d.movies[4].title, "unknown");
  EXPECT_EQ(d.movies[4].year, 0);
  EXPECT_EQ(d.movies[4].genres, 1u);
  EXPECT_EQ(d.movies[5].title, "Caf\xc3\xa9 au lait");
  EXPECT_EQ(d.movies[5].year, 1993);
  EXPECT_EQ(d.movies[6].title, "Crime Story");  // empty release date, year from the title
  EXPECT_EQ(d.movies[6].year, 1994);
  EXPECT_EQ(d.movies[6].genres, (1u << 6) | (1u << 16));
  EXPECT_EQ(d.movies[7].title, "");  // movie 9 is rated but not in u.item
  EXPECT_EQ(d.movies[7].genres, 0u);

  ASSERT_EQ(d.users.size(), 4u);
  EXPECT_EQ(d.users[0].age, 24);
  EXPECT_EQ(d.users[0].gender, 'M');
  EXPECT_EQ(d.users[0].occupation, "technician");
  EXPECT_EQ(d.users[0].zip, "85711");
  EXPECT_EQ(d.users[1].gender, 'F');
  EXPECT_EQ(d.users[3].age, 0);  // user 4 is not in u.user
  EXPECT_EQ(d.users[3].gender, '?');

  ASSERT_EQ(d.officialTestSets.size(), 2u);  // u2.base without u2.test is no fold
  EXPECT_EQ(d.officialTestSets.at("u1"), (Indices{2, 6, 10, 16}));  // (1,2,4) is the duplicate, not index 1
  EXPECT_EQ(d.officialTestSets.at("ua"), (Indices{0, 15}));

  const ItemFeatures& f = d.features;
  EXPECT_EQ(f.source, "genres");
  EXPECT_EQ(f.items, 8);
  EXPECT_EQ(f.count, 19);
  EXPECT_EQ(f.genreCount, 19);
  EXPECT_EQ(f.uncoveredItems, 0);
  EXPECT_EQ(f.names, kMl100kGenres);
  ASSERT_EQ(f.values.size(), 8u * 19u);
  std::vector<float> toyStory(19, 0.0f);
  toyStory[3] = toyStory[4] = toyStory[5] = 1.0f;
  EXPECT_EQ(row(f, 0), toyStory);
  EXPECT_EQ(row(f, 7), std::vector<float>(19, 0.0f));
}

TEST(DataFormats, Ml100kFolder) {
  const Dataset d = load("ml-100k");
  expectMl100k(d);
  EXPECT_EQ(d.source, kFixtures + "/ml-100k");
}

TEST(DataFormats, Ml100kZipWithTopFolderAndGzEntry) {
  const Dataset d = load("archives/ml-100k.zip");
  expectMl100k(d);
  EXPECT_EQ(d.source, kFixtures + "/archives/ml-100k.zip");
}

TEST(DataFormats, Ml100kWithGenomeAndDefaultGenres) {
  const Dataset d = load("ml-100k-genome");
  EXPECT_EQ(d.ratings.size(), 3u);
  EXPECT_EQ(d.itemIds, (Strings{"10", "20"}));
  EXPECT_EQ(d.genreNames, kMl100kGenres);  // no u.genre: the standard 19
  EXPECT_TRUE(d.users.empty());             // no u.user
  EXPECT_TRUE(d.officialTestSets.empty());
  EXPECT_EQ(d.listedUnrated, 0);
  const ItemFeatures& f = d.features;
  EXPECT_EQ(f.source, "genres+genome");
  EXPECT_EQ(f.count, 21);
  EXPECT_EQ(f.genreCount, 19);
  EXPECT_EQ(f.names[19], "funny, sort of");  // tagId 1, listed after tagId 2 in the file
  EXPECT_EQ(f.names[20], "dark");
  EXPECT_EQ(extraColumns(f, 0), (std::vector<float>{0.25f, 0.75f}));
  EXPECT_EQ(extraColumns(f, 1), (std::vector<float>{0.0f, 0.0f}));
  EXPECT_EQ(f.uncoveredItems, 1);
  EXPECT_EQ(f.row(0)[1], 1.0f);  // Action
  EXPECT_EQ(f.row(1)[5], 1.0f);  // Comedy
  EXPECT_EQ(f.row(1)[8], 1.0f);  // Drama
}

// ---- ml-1m -------------------------------------------------------------------------------------

void expectMl1m(const Dataset& d) {
  EXPECT_EQ(d.format, "ml-1m");
  ASSERT_EQ(d.ratings.size(), 8u);
  EXPECT_EQ(d.userIds, (Strings{"1", "2", "3"}));
  EXPECT_EQ(d.itemIds, (Strings{"661", "914", "1150", "1193", "3408"}));
  EXPECT_EQ(d.listedUnrated, 1);  // Jumanji
  EXPECT_FLOAT_EQ(d.minRating, 1.0f);
  EXPECT_FLOAT_EQ(d.maxRating, 5.0f);
  EXPECT_EQ(d.ratings.timestamp[7], 978296000);
  EXPECT_EQ(d.genreNames, (Strings{"Adventure", "Animation", "Children's", "Drama", "Fantasy", "Musical", "Romance"}));
  ASSERT_EQ(d.movies.size(), 5u);
  EXPECT_EQ(d.movies[0].title, "James and the Giant Peach");
  EXPECT_EQ(d.movies[0].year, 1996);
  EXPECT_EQ(d.movies[0].genres, (1u << 1) | (1u << 2) | (1u << 5));
  EXPECT_EQ(d.movies[2].title, "Dernier m\xc3\xa9tro, Le (Last Metro, The)");
  EXPECT_EQ(d.movies[2].year, 1980);
  EXPECT_EQ(d.movies[2].genres, 1u << 3);
  EXPECT_EQ(d.movies[3].title, "One Flew Over the Cuckoo's Nest");
  EXPECT_EQ(d.movies[3].year, 1975);
  ASSERT_EQ(d.users.size(), 3u);
  EXPECT_EQ(d.users[0].gender, 'F');
  EXPECT_EQ(d.users[0].age, 1);
  EXPECT_EQ(d.users[0].occupation, "K-12 student");
  EXPECT_EQ(d.users[0].zip, "48067");
  EXPECT_EQ(d.users[1].occupation, "self-employed");
  EXPECT_EQ(d.users[1].age, 56);
  EXPECT_EQ(d.users[2].occupation, "scientist");
  EXPECT_EQ(d.features.source, "genres");
  EXPECT_EQ(d.features.count, 7);
  EXPECT_EQ(row(d.features, 0), (std::vector<float>{0, 1, 1, 0, 0, 1, 0}));
  EXPECT_TRUE(d.officialTestSets.empty());
}

TEST(DataFormats, Ml1mFolder) { expectMl1m(load("ml-1m")); }

TEST(DataFormats, Ml1mFolderWithGzRatings) { expectMl1m(load("archives/ml-1m-gz")); }

// ---- ml-latest ---------------------------------------------------------------------------------

TEST(DataFormats, MlLatestWithGenome) {
  const Dataset d = load("ml-latest");
  EXPECT_EQ(d.format, "ml-latest");
  ASSERT_EQ(d.ratings.size(), 9u);
  EXPECT_EQ(d.userIds, (Strings{"1", "2", "3"}));
  EXPECT_EQ(d.itemIds, (Strings{"1", "3", "6", "11", "193609"}));
  EXPECT_EQ(d.listedUnrated, 1);  // Jumanji
  EXPECT_FLOAT_EQ(d.minRating, 0.5f);
  EXPECT_FLOAT_EQ(d.maxRating, 5.0f);
  EXPECT_FLOAT_EQ(d.ratings.value[1], 4.5f);
  EXPECT_FLOAT_EQ(d.ratings.value[5], 2.5f);
  EXPECT_EQ(d.ratings.timestamp[8], 1537799250);

  EXPECT_EQ(d.genreNames, (Strings{"Adventure", "Animation", "Children", "Comedy", "Documentary", "Drama", "Fantasy",
                                   "Romance", "IMAX"}));
  ASSERT_EQ(d.movies.size(), 5u);
  EXPECT_EQ(d.movies[0].title, "Toy Story");
  EXPECT_EQ(d.movies[0].genres, 1u | 2u | 4u | 8u | 64u | 256u);
  EXPECT_EQ(d.movies[1].title, "American President, The");
  EXPECT_EQ(d.movies[1].year, 1995);
  EXPECT_EQ(d.movies[1].genres, 8u | 32u | 128u);
  EXPECT_EQ(d.movies[2].title, "Hellboy: The Seeds of Creation \"Making Of\", Part 1");
  EXPECT_EQ(d.movies[2].year, 2004);
  EXPECT_EQ(d.movies[2].genres, 16u);
  EXPECT_EQ(d.movies[3].title, "Am\xc3\xa9lie (Fabuleux destin d'Am\xc3\xa9lie Poulain, Le)");
  EXPECT_EQ(d.movies[3].year, 2001);
  EXPECT_EQ(d.movies[4].title, "Andrew Dice Clay: Dice Rules");
  EXPECT_EQ(d.movies[4].year, 1991);
  EXPECT_EQ(d.movies[4].genres, 0u);  // (no genres listed)
  EXPECT_TRUE(d.users.empty());

  const ItemFeatures& f = d.features;
  EXPECT_EQ(f.source, "genres+genome");  // the genome wins over tags.csv
  EXPECT_EQ(f.count, 12);
  EXPECT_EQ(f.genreCount, 9);
  EXPECT_EQ(Strings(f.names.begin() + 9, f.names.end()), (Strings{"007", "action, lots of", "atmospheric"}));
  EXPECT_EQ(extraColumns(f, 0), (std::vector<float>{0.02875f, 0.5f, 1.0f}));
  EXPECT_EQ(extraColumns(f, 1), (std::vector<float>{0.1f, 0.25f, 0.75f}));
  EXPECT_EQ(extraColumns(f, 2), (std::vector<float>{0.0f, 0.0f, 0.0f}));
  EXPECT_EQ(f.uncoveredItems, 3);  // movies 6, 11, 193609
  EXPECT_EQ(row(f, 0), (std::vector<float>{1, 1, 1, 1, 0, 0, 1, 0, 1, 0.02875f, 0.5f, 1.0f}));
}

TEST(DataFormats, MlLatestUserTagsAsFeatures) {
  const Dataset d = load("ml-latest-tags");
  ASSERT_EQ(d.ratings.size(), 6u);
  EXPECT_EQ(d.itemIds, (Strings{"10", "20", "30", "40"}));
  EXPECT_EQ(d.listedUnrated, 1);
  EXPECT_FLOAT_EQ(d.minRating, 1.5f);
  EXPECT_FLOAT_EQ(d.maxRating, 5.0f);
  EXPECT_EQ(d.genreNames, (Strings{"Action", "Adventure", "Comedy", "Crime", "Drama", "Romance", "Sci-Fi", "Thriller"}));
  EXPECT_EQ(d.movies[3].title, "Babylon 5");
  EXPECT_EQ(d.movies[3].year, 0);
  EXPECT_EQ(d.movies[3].genres, 1u << 6);

  const ItemFeatures& f = d.features;
  EXPECT_EQ(f.source, "genres+tags");
  EXPECT_EQ(f.genreCount, 8);
  EXPECT_EQ(f.count, 14);
  EXPECT_EQ(Strings(f.names.begin() + 8, f.names.end()),
            (Strings{"Bond", "heist", "\"romantic\" comedy", "Al Pacino, Robert De Niro", "Caf\xc3\xa9", "James Bond"}));
  EXPECT_EQ(extraColumns(f, 0), (std::vector<float>{1.0f, 0, 0, 0, 0, 1.0f / 3.0f}));
  EXPECT_EQ(extraColumns(f, 1), (std::vector<float>{0.5f, 1.0f, 0, 0.5f, 0, 0}));
  EXPECT_EQ(extraColumns(f, 2), (std::vector<float>{0, 1.0f, 1.0f, 0, 1.0f, 0}));
  EXPECT_EQ(extraColumns(f, 3), (std::vector<float>(6, 0.0f)));
  EXPECT_EQ(f.uncoveredItems, 1);
}

TEST(DataFormats, MlLatestUserTagsLimitedByMaxUserTags) {
  FeatureOptions options;
  options.maxUserTags = 3;
  const Dataset d = load("ml-latest-tags", options);
  EXPECT_EQ(d.features.count, 11);
  EXPECT_EQ(Strings(d.features.names.begin() + 8, d.features.names.end()),
            (Strings{"Bond", "heist", "\"romantic\" comedy"}));
  // Normalised by each movie's most applied tag, selected or not.
  EXPECT_EQ(extraColumns(d.features, 1), (std::vector<float>{0.5f, 1.0f, 0}));
  EXPECT_EQ(d.features.uncoveredItems, 1);

  options.maxUserTags = 0;
  const Dataset genresOnly = load("ml-latest-tags", options);
  EXPECT_EQ(genresOnly.features.source, "genres");
  EXPECT_EQ(genresOnly.features.count, 8);
  EXPECT_EQ(genresOnly.features.uncoveredItems, 0);
}

// ---- triplets ----------------------------------------------------------------------------------

void expectHeaderCsv(const Dataset& d) {
  EXPECT_EQ(d.format, "triplets");
  ASSERT_EQ(d.ratings.size(), 4u);
  EXPECT_EQ(d.userIds, (Strings{"alice", "bob", "carol"}));
  EXPECT_EQ(d.itemIds, (Strings{"The Matrix, 1999", "m2"}));
  EXPECT_EQ(d.ratings.user, (std::vector<int32_t>{0, 1, 0, 2}));
  EXPECT_EQ(d.ratings.item, (std::vector<int32_t>{0, 1, 1, 0}));
  EXPECT_EQ(d.ratings.value, (std::vector<float>{4.5f, 3.0f, 2.0f, 5.0f}));
  EXPECT_EQ(d.ratings.timestamp, (std::vector<int64_t>{100, 101, 102, 103}));
  EXPECT_FLOAT_EQ(d.minRating, 2.0f);
  EXPECT_FLOAT_EQ(d.maxRating, 5.0f);
  ASSERT_EQ(d.movies.size(), 2u);
  EXPECT_EQ(d.movies[0].title, "");
  EXPECT_TRUE(d.genreNames.empty());
  EXPECT_EQ(d.features.items, 2);
  EXPECT_EQ(d.features.count, 0);
  EXPECT_EQ(d.features.source, "genres");
  EXPECT_EQ(d.listedUnrated, 0);
}

TEST(DataFormats, TripletsCsvWithHeaderAndQuotedStringIds) { expectHeaderCsv(load("triplets/header.csv")); }

TEST(DataFormats, TripletsSingleGzFile) { expectHeaderCsv(load("archives/header.csv.gz")); }

TEST(DataFormats, TripletsTsvWithoutHeaderOrTimestamps) {
  const Dataset d = load("triplets/plain.tsv");
  ASSERT_EQ(d.ratings.size(), 3u);
  EXPECT_EQ(d.userIds, (Strings{"1", "2"}));
  EXPECT_EQ(d.itemIds, (Strings{"10", "20"}));
  EXPECT_FALSE(d.ratings.hasTimestamps());
  EXPECT_FLOAT_EQ(d.minRating, 3.0f);
  EXPECT_FLOAT_EQ(d.maxRating, 5.0f);
}

TEST(DataFormats, TripletsSpaceSeparatedLibmfStyle) {
  const Dataset d = load("triplets/libmf.txt");
  ASSERT_EQ(d.ratings.size(), 4u);
  EXPECT_EQ(d.userIds, (Strings{"0", "1", "2"}));
  EXPECT_EQ(d.itemIds, (Strings{"0", "1", "2"}));
  EXPECT_EQ(d.ratings.value, (std::vector<float>{0.8f, -1.5f, 2.25f, 3.0f}));
  EXPECT_FALSE(d.ratings.hasTimestamps());
  EXPECT_FLOAT_EQ(d.minRating, -1.5f);
  EXPECT_FLOAT_EQ(d.maxRating, 3.0f);
}

TEST(DataFormats, TripletsFolderWithOneDataFileBesideItsReadme) {
  const Dataset d = load("triplets-folder");
  EXPECT_EQ(d.format, "triplets");
  ASSERT_EQ(d.ratings.size(), 3u);
  EXPECT_EQ(d.userIds, (Strings{"u1", "u2"}));
  EXPECT_EQ(d.itemIds, (Strings{"i1", "i2"}));
  EXPECT_EQ(d.ratings.timestamp, (std::vector<int64_t>{10, 11, 12}));
}

TEST(DataFormats, LoneUDataReadsAsTriplets) {
  const Dataset d = load("ml-100k/u.data");
  EXPECT_EQ(d.format, "triplets");
  EXPECT_EQ(d.ratings.size(), 17u);
  EXPECT_EQ(d.ratings.itemCount, 8);
}

}  // namespace
}  // namespace ll
