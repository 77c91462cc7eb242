// Writing the synthetic world as ml-100k and ml-latest folders: the files look like MovieLens'
// (encodings, quoting, quirks), and loading them back gives the same data set.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/load/load.h"
#include "core/data/text/encoding.h"
#include "core/synth/synthetic_world.h"

namespace ll {
namespace {

namespace fs = std::filesystem;

class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            ("latentlens_synth_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string readAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> linesOf(const fs::path& file) {
  std::vector<std::string> lines;
  std::istringstream in(readAll(file));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const SyntheticWorld& writerWorld() {
  static const SyntheticWorld world = generateSyntheticWorld({.seed = 21, .users = 300, .movies = 800, .ratings = 30000});
  return world;
}

std::shared_ptr<const Dataset> loadBack(const fs::path& dir) {
  LoadOptions options;
  options.useCache = false;
  return loadDataset(dir.string(), options).dataset;
}

std::set<std::string> genreNamesOf(const Dataset& d, uint32_t bits) {
  std::set<std::string> names;
  for (size_t g = 0; g < d.genreNames.size(); ++g) {
    if (((bits >> g) & 1u) && d.genreNames[g] != "unknown") names.insert(d.genreNames[g]);
  }
  return names;
}

void expectSameRatings(const Dataset& written, const Dataset& loaded) {
  ASSERT_EQ(loaded.ratings.size(), written.ratings.size());
  ASSERT_EQ(loaded.ratings.userCount, written.ratings.userCount);
  ASSERT_EQ(loaded.ratings.itemCount, written.ratings.itemCount);
  EXPECT_EQ(loaded.userIds, written.userIds);
  EXPECT_EQ(loaded.itemIds, written.itemIds);
  // Lines were written in storage order and ids are numeric, so the indices line up one to one.
  EXPECT_EQ(loaded.ratings.user, written.ratings.user);
  EXPECT_EQ(loaded.ratings.item, written.ratings.item);
  EXPECT_EQ(loaded.ratings.value, written.ratings.value);
  EXPECT_EQ(loaded.ratings.timestamp, written.ratings.timestamp);
}

void expectSameCatalogue(const Dataset& written, const Dataset& loaded) {
  ASSERT_EQ(loaded.movies.size(), written.movies.size());
  for (size_t i = 0; i < written.movies.size(); ++i) {
    EXPECT_EQ(loaded.movies[i].title, written.movies[i].title) << "movie " << i;
    EXPECT_EQ(loaded.movies[i].year, written.movies[i].year) << written.movies[i].title;
    EXPECT_EQ(genreNamesOf(loaded, loaded.movies[i].genres), genreNamesOf(written, written.movies[i].genres))
        << written.movies[i].title;
  }
}

// Tag columns compared by name (the loader may order genre columns its own way).
void expectSameGenome(const SyntheticWorld& world, const Dataset& loaded) {
  const ItemFeatures& f = loaded.features;
  EXPECT_EQ(f.source, "genres+genome");
  EXPECT_EQ(f.uncoveredItems, 0);
  ASSERT_EQ(f.items, loaded.ratings.itemCount);
  const size_t tags = world.tagNames.size();
  for (size_t j = 0; j < tags; ++j) {
    const auto column = std::find(f.names.begin(), f.names.end(), world.tagNames[j]);
    ASSERT_NE(column, f.names.end()) << world.tagNames[j];
    const auto c = static_cast<size_t>(column - f.names.begin());
    for (int32_t i = 0; i < f.items; ++i) {
      ASSERT_NEAR(f.row(i)[c], world.tagRelevance[static_cast<size_t>(i) * tags + j], 1e-5) << world.tagNames[j];
    }
  }
}

TEST(SynthWriters, Ml100kFilesLookLikeMovieLens) {
  ScratchDir dir;
  const SyntheticWorld& world = writerWorld();
  writeMl100kFolder(world, dir.path());
  for (const char* name : {"u.data", "u.item", "u.genre", "u.user", "u.info", "u1.base", "u5.test", "ua.base", "ub.test",
                           "genome-tags.csv", "genome-scores.csv"}) {
    EXPECT_TRUE(fs::exists(dir.path() / name)) << name;
  }
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    EXPECT_NE(entry.path().extension(), ".tmp") << "left behind: " << entry.path();
  }
  EXPECT_EQ(linesOf(dir.path() / "u.data").size(), world.dataset.ratings.size());
  EXPECT_EQ(linesOf(dir.path() / "u1.base").size() + linesOf(dir.path() / "u1.test").size(), world.dataset.ratings.size());
  EXPECT_EQ(linesOf(dir.path() / "ua.test").size(), 10u * world.dataset.ratings.userCount);

  const std::string items = readAll(dir.path() / "u.item");
  EXPECT_FALSE(isValidUtf8(items)) << "u.item is ISO-8859-1";
  EXPECT_NE(latin1ToUtf8(items).find(world.dataset.movies[1].title), std::string::npos);
  int emptyDates = 0;
  for (const std::string& line : linesOf(dir.path() / "u.item")) {
    EXPECT_EQ(std::count(line.begin(), line.end(), '|'), 23) << line;
    emptyDates += line.find("||||") != std::string::npos;
  }
  EXPECT_GE(emptyDates, 1);
  EXPECT_EQ(linesOf(dir.path() / "u.genre").front(), "unknown|0");
  EXPECT_EQ(linesOf(dir.path() / "genome-tags.csv").size(), world.tagNames.size() + 1);
}

TEST(SynthWriters, MlLatestFilesLookLikeMovieLens) {
  ScratchDir dir;
  const SyntheticWorld& world = writerWorld();
  writeMlLatestFolder(world, dir.path());
  const auto ratings = linesOf(dir.path() / "ratings.csv");
  ASSERT_EQ(ratings.size(), world.dataset.ratings.size() + 1);
  EXPECT_EQ(ratings.front(), "userId,movieId,rating,timestamp");
  EXPECT_NE(ratings[1].find(".0,"), std::string::npos) << ratings[1];

  const auto movies = linesOf(dir.path() / "movies.csv");
  EXPECT_EQ(movies.front(), "movieId,title,genres");
  int quoted = 0, doubled = 0, noGenres = 0;
  for (const auto& line : movies) {
    quoted += line.find(",\"") != std::string::npos;
    doubled += line.find("\"\"") != std::string::npos;
    noGenres += line.find("(no genres listed)") != std::string::npos;
  }
  EXPECT_GT(quoted, 20);
  EXPECT_GT(doubled, 5);
  EXPECT_GE(noGenres, 1);

  const auto tags = linesOf(dir.path() / "tags.csv");
  EXPECT_EQ(tags.front(), "userId,movieId,tag,timestamp");
  EXPECT_EQ(tags.size(), 1001u);  // 30,000 ratings / 30
  int quotedTags = 0;
  for (const auto& line : tags) quotedTags += line.find('"') != std::string::npos;
  EXPECT_GT(quotedTags, 10);
  EXPECT_TRUE(isValidUtf8(readAll(dir.path() / "tags.csv")));
  EXPECT_EQ(linesOf(dir.path() / "links.csv").size(), world.dataset.movies.size() + 1);
  EXPECT_EQ(linesOf(dir.path() / "genome-scores.csv").size(), world.dataset.movies.size() * world.tagNames.size() + 1);
}

TEST(SynthWriters, HalfStarsDoNotFitMl100k) {
  ScratchDir dir;
  const SyntheticWorld world = generateSyntheticWorld({.seed = 1, .users = 30, .movies = 100, .ratings = 1000, .halfStars = true});
  EXPECT_THROW(writeMl100kFolder(world, dir.path()), std::invalid_argument);
}

TEST(SynthWriters, Ml100kRoundTrip) {
  ScratchDir dir;
  const SyntheticWorld& world = writerWorld();
  writeMl100kFolder(world, dir.path());
  const auto loaded = loadBack(dir.path());
  EXPECT_EQ(loaded->format, "ml-100k");
  expectSameRatings(world.dataset, *loaded);
  expectSameCatalogue(world.dataset, *loaded);
  EXPECT_EQ(loaded->genreNames, world.dataset.genreNames);
  ASSERT_EQ(loaded->users.size(), world.dataset.users.size());
  for (size_t u = 0; u < loaded->users.size(); ++u) {
    EXPECT_EQ(loaded->users[u].age, world.dataset.users[u].age);
    EXPECT_EQ(loaded->users[u].gender, world.dataset.users[u].gender);
    EXPECT_EQ(loaded->users[u].occupation, world.dataset.users[u].occupation);
    EXPECT_EQ(loaded->users[u].zip, world.dataset.users[u].zip);
  }
  EXPECT_EQ(loaded->features.count, world.dataset.features.count);
  EXPECT_EQ(loaded->features.names, world.dataset.features.names);
  expectSameGenome(world, *loaded);
  EXPECT_EQ(loaded->officialTestSets, world.dataset.officialTestSets);
}

TEST(SynthWriters, MlLatestRoundTrip) {
  ScratchDir dir;
  const SyntheticWorld world = generateSyntheticWorld({.seed = 22, .users = 300, .movies = 800, .ratings = 30000, .halfStars = true});
  writeMlLatestFolder(world, dir.path());
  const auto loaded = loadBack(dir.path());
  EXPECT_EQ(loaded->format, "ml-latest");
  expectSameRatings(world.dataset, *loaded);
  expectSameCatalogue(world.dataset, *loaded);
  expectSameGenome(world, *loaded);
}

}  // namespace
}  // namespace ll
