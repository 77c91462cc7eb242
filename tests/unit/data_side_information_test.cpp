// Side information as bags of words on every fixture of tests/fixtures (README.md there says what
// each holds): the exact vocabularies, a row's exact words, and the sources a format lacks.
#include "core/data/side_information.h"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/data/formats.h"
#include "tests/support/fixtures.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

using Words = std::vector<std::string>;
using Sizes = std::map<std::string, int32_t>;

Dataset loadFixture(const std::string& relative, const FeatureOptions& options = {}) {
  return parseDataset(FileSource::open(kFixtures + "/" + relative), options);
}

Sizes sourceSizes(const BagOfWords& bag) {
  Sizes sizes;
  for (const WordSource& s : bag.sources()) sizes[s.name] = s.size();
  return sizes;
}

std::vector<std::string> sourceOrder(const BagOfWords& bag) {
  std::vector<std::string> names;
  for (const WordSource& s : bag.sources()) names.push_back(s.name);
  return names;
}

// Row r's words, each repeated as many times as it counts.
Words rowWords(const BagOfWords& bag, int32_t r) {
  Words words;
  for (const WordCount& w : bag.row(r)) {
    for (int k = 0; k < static_cast<int>(w.count); ++k) words.push_back(bag.words()[static_cast<size_t>(w.column)]);
  }
  return words;
}

Words wordsOf(const BagOfWords& bag, const std::string& source) {
  const WordSource* s = bag.source(source);
  if (!s) return {};
  return Words(bag.words().begin() + s->begin, bag.words().begin() + s->end);
}

TEST(DataSideInformation, Ml100kVocabulariesAndRows) {
  const Dataset d = loadFixture("ml-100k");
  const SideInformation side = buildSideInformation(d);

  ASSERT_EQ(side.users.rows(), 4);
  EXPECT_EQ(side.users.words(), (Words{"age:18-24", "age:50-55", "gender:F", "gender:M", "occupation:other",
                                       "occupation:technician", "occupation:writer", "zip:3", "zip:8", "zip:9",
                                       "zip3:320", "zip3:857", "zip3:940"}));
  EXPECT_EQ(sourceOrder(side.users), (Words{"age", "gender", "occupation", "zip", "zip3"}));
  // User 1: 24, M, technician, 85711. User 4 is not in u.user: no words.
  EXPECT_EQ(rowWords(side.users, 0), (Words{"age:18-24", "gender:M", "occupation:technician", "zip:8", "zip3:857"}));
  EXPECT_TRUE(side.users.row(3).empty());
  EXPECT_EQ(side.users.nonZeros(), 15);

  ASSERT_EQ(side.movies.rows(), 8);
  EXPECT_EQ(sourceOrder(side.movies), (Words{"title", "year", "genre"}));  // no genome, no tags
  EXPECT_EQ(sourceSizes(side.movies), (Sizes{{"title", 11}, {"year", 3}, {"genre", 10}}));
  EXPECT_EQ(side.movies.cols(), 24);
  EXPECT_EQ(wordsOf(side.movies, "title"), (Words{"title:au", "title:café", "title:crime", "title:goldeneye", "title:lait",
                                                  "title:les", "title:misérables", "title:nadja", "title:story", "title:toy",
                                                  "title:unknown"}));
  EXPECT_EQ(wordsOf(side.movies, "year"), (Words{"year:1993", "year:1994", "year:1995"}));
  // Genres in u.genre's order, only those a rated movie has.
  EXPECT_EQ(wordsOf(side.movies, "genre"), (Words{"genre:unknown", "genre:Action", "genre:Adventure", "genre:Animation",
                                                  "genre:Children's", "genre:Comedy", "genre:Crime", "genre:Drama",
                                                  "genre:Musical", "genre:Thriller"}));
  EXPECT_EQ(rowWords(side.movies, 0),
            (Words{"title:story", "title:toy", "year:1995", "genre:Animation", "genre:Children's", "genre:Comedy"}));
  std::vector<float> dense(24);
  side.movies.denseRow(0, dense);
  EXPECT_EQ(dense, (std::vector<float>{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0}));
  // Misérables, Les (ISO-8859-1 in u.item); Nadja's year from its release date; movie 9 has no catalogue entry.
  EXPECT_EQ(rowWords(side.movies, 2), (Words{"title:les", "title:misérables", "year:1995", "genre:Drama", "genre:Musical"}));
  EXPECT_EQ(rowWords(side.movies, 3), (Words{"title:nadja", "year:1994", "genre:Drama"}));
  EXPECT_EQ(rowWords(side.movies, 4), (Words{"title:unknown", "genre:unknown"}));
  EXPECT_TRUE(side.movies.row(7).empty());
}

TEST(DataSideInformation, Ml100kZipIsTheSameWhenReadFromTheArchive) {
  const SideInformation folder = buildSideInformation(loadFixture("ml-100k"));
  const SideInformation archive = buildSideInformation(loadFixture("archives/ml-100k.zip"));
  EXPECT_EQ(archive.users.words(), folder.users.words());
  EXPECT_EQ(archive.movies.words(), folder.movies.words());
}

TEST(DataSideInformation, Ml100kGenomeGivesTheMostRelevantTags) {
  const Dataset d = loadFixture("ml-100k-genome");
  const SideInformation side = buildSideInformation(d);
  EXPECT_EQ(side.users.cols(), 0);  // no u.user
  EXPECT_TRUE(side.users.sources().empty());
  EXPECT_EQ(side.users.rows(), 2);
  EXPECT_EQ(sourceSizes(side.movies), (Sizes{{"title", 2}, {"year", 2}, {"genre", 3}, {"tag", 2}}));
  // Tag columns follow the genome's column order (tagId 1 before 2), not the text.
  EXPECT_EQ(wordsOf(side.movies, "tag"), (Words{"tag:funny, sort of", "tag:dark"}));
  EXPECT_EQ(rowWords(side.movies, 0), (Words{"title:alpha", "year:1990", "genre:Action", "tag:funny, sort of", "tag:dark"}));
  EXPECT_EQ(rowWords(side.movies, 1), (Words{"title:beta", "year:1991", "genre:Comedy", "genre:Drama"}));  // no scores

  const SideInformation one = buildSideInformation(d, SideInformationParams{.genomeTagsPerMovie = 1});
  EXPECT_EQ(wordsOf(one.movies, "tag"), (Words{"tag:dark"}));  // 0.75 beats 0.25
  const SideInformation none = buildSideInformation(d, SideInformationParams{.genomeTagsPerMovie = 0});
  EXPECT_EQ(none.movies.source("tag"), nullptr);
  EXPECT_THROW(buildSideInformation(d, SideInformationParams{.genomeTagsPerMovie = -1}), std::invalid_argument);
}

TEST(DataSideInformation, Ml1mUsersAndMovies) {
  const SideInformation side = buildSideInformation(loadFixture("ml-1m"));
  // Age codes 1, 56, 25; occupation codes 10, 16, 15; zips 48067, 70072, 55117.
  EXPECT_EQ(side.users.words(), (Words{"age:<18", "age:25-34", "age:56+", "gender:F", "gender:M", "occupation:K-12 student",
                                       "occupation:scientist", "occupation:self-employed", "zip:4", "zip:5", "zip:7",
                                       "zip3:480", "zip3:551", "zip3:700"}));
  EXPECT_EQ(rowWords(side.users, 0), (Words{"age:<18", "gender:F", "occupation:K-12 student", "zip:4", "zip3:480"}));
  EXPECT_EQ(sourceSizes(side.movies), (Sizes{{"title", 16}, {"year", 5}, {"genre", 5}}));
  EXPECT_EQ(side.movies.cols(), 26);
  // Movie 1150, "Dernier métro, Le (Last Metro, The)": the inner parentheses are words too.
  EXPECT_EQ(rowWords(side.movies, 2),
            (Words{"title:dernier", "title:last", "title:le", "title:metro", "title:métro", "year:1980", "genre:Drama"}));
  // Movie 1193: "One Flew Over the Cuckoo's Nest".
  EXPECT_EQ(rowWords(side.movies, 3),
            (Words{"title:cuckoo", "title:flew", "title:nest", "title:one", "year:1975", "genre:Drama"}));
}

TEST(DataSideInformation, MlLatestCountsRepeatedTitleWords) {
  const Dataset d = loadFixture("ml-latest");
  const SideInformation side = buildSideInformation(d);
  EXPECT_EQ(side.users.cols(), 0);  // no user information in this format
  EXPECT_EQ(side.users.rows(), 3);
  EXPECT_EQ(sourceSizes(side.movies), (Sizes{{"title", 19}, {"year", 4}, {"genre", 9}, {"tag", 3}}));
  // Amélie (Fabuleux destin d'Amélie Poulain, Le): amélie twice, d a stop word, no genome scores.
  EXPECT_EQ(rowWords(side.movies, 3), (Words{"title:amélie", "title:amélie", "title:destin", "title:fabuleux", "title:le",
                                             "title:poulain", "year:2001", "genre:Comedy", "genre:Romance"}));
  // Hellboy: The Seeds of Creation "Making Of", Part 1.
  EXPECT_EQ(rowWords(side.movies, 2), (Words{"title:1", "title:creation", "title:hellboy", "title:making", "title:part",
                                             "title:seeds", "year:2004", "genre:Documentary"}));
  // (no genres listed): no genre words.
  EXPECT_EQ(rowWords(side.movies, 4),
            (Words{"title:andrew", "title:clay", "title:dice", "title:dice", "title:rules", "year:1991"}));
  EXPECT_EQ(wordsOf(side.movies, "tag"), (Words{"tag:007", "tag:action, lots of", "tag:atmospheric"}));
  // Toy Story's scores 0.02875, 0.5, 1: its two most relevant.
  const SideInformation two = buildSideInformation(d, SideInformationParams{.genomeTagsPerMovie = 2});
  EXPECT_EQ(wordsOf(two.movies, "tag"), (Words{"tag:action, lots of", "tag:atmospheric"}));
  const Words toyStory = rowWords(two.movies, 0);
  EXPECT_EQ(Words(toyStory.end() - 2, toyStory.end()), (Words{"tag:action, lots of", "tag:atmospheric"}));
}

TEST(DataSideInformation, MlLatestUserTagsAreTheTagsAppliedToTheMovie) {
  const Dataset d = loadFixture("ml-latest-tags");
  const SideInformation side = buildSideInformation(d);
  EXPECT_EQ(sourceSizes(side.movies), (Sizes{{"title", 5}, {"year", 1}, {"genre", 7}, {"tag", 6}}));
  EXPECT_EQ(wordsOf(side.movies, "tag"), (Words{"tag:Bond", "tag:heist", "tag:\"romantic\" comedy",
                                                "tag:Al Pacino, Robert De Niro", "tag:Café", "tag:James Bond"}));
  EXPECT_EQ(rowWords(side.movies, 1),  // Heat
            (Words{"title:heat", "year:1995", "genre:Action", "genre:Crime", "genre:Thriller", "tag:Bond", "tag:heist",
                   "tag:Al Pacino, Robert De Niro"}));
  EXPECT_EQ(rowWords(side.movies, 3), (Words{"title:5", "title:babylon", "genre:Sci-Fi"}));  // no year, no tags
  // The tags the item features kept, and no others.
  const SideInformation three = buildSideInformation(loadFixture("ml-latest-tags", FeatureOptions{.maxUserTags = 3}));
  EXPECT_EQ(wordsOf(three.movies, "tag"), (Words{"tag:Bond", "tag:heist", "tag:\"romantic\" comedy"}));
  const SideInformation none = buildSideInformation(loadFixture("ml-latest-tags", FeatureOptions{.maxUserTags = 0}));
  EXPECT_EQ(none.movies.source("tag"), nullptr);
}

TEST(DataSideInformation, TripletsHaveNoSideInformation) {
  for (const char* fixture : {"triplets/header.csv", "triplets/plain.tsv", "triplets/libmf.txt", "triplets-folder"}) {
    const Dataset d = loadFixture(fixture);
    const SideInformation side = buildSideInformation(d);
    EXPECT_EQ(side.users.rows(), d.ratings.userCount) << fixture;
    EXPECT_EQ(side.movies.rows(), d.ratings.itemCount) << fixture;
    EXPECT_EQ(side.users.cols(), 0) << fixture;
    EXPECT_EQ(side.movies.cols(), 0) << fixture;
    EXPECT_EQ(side.movies.nonZeros(), 0) << fixture;
  }
}

TEST(DataSideInformation, UnknownFieldsGiveNoWords) {
  Dataset d = testing::makeGridDataset(3, 2, 1);
  d.users = {{0, '?', "", ""}, {33, 'F', "", "T8H1N"}, {19, '?', "artist", "odd"}};
  d.movies[1] = Movie{"", 0, 0u};
  const SideInformation side = buildSideInformation(d);
  EXPECT_TRUE(side.users.row(0).empty());
  EXPECT_EQ(rowWords(side.users, 1), (Words{"age:25-34", "gender:F", "zip:T", "zip3:T8H"}));
  EXPECT_EQ(rowWords(side.users, 2), (Words{"age:18-24", "occupation:artist", "zip:other"}));
  EXPECT_EQ(rowWords(side.movies, 0), (Words{"title:1", "title:movie", "year:2000", "genre:Drama"}));
  EXPECT_TRUE(side.movies.row(1).empty());
}

}  // namespace
}  // namespace ll
