// The synthetic world: sizes, determinism, the shape of the data (popularity, histogram, times),
// the planted structure, the official folds, and that the structure is learnable.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "core/synth/synthetic_stages.h"
#include "core/synth/synthetic_world.h"

namespace ll {
namespace {

const SyntheticWorld& defaultWorld() {
  static const SyntheticWorld world = generateSyntheticWorld(SyntheticParams{});
  return world;
}

double clampToScale(double x, const Dataset& d) {
  return std::clamp(x, static_cast<double>(d.minRating), static_cast<double>(d.maxRating));
}

struct Rmse {
  double oracle = 0;
  double userMean = 0;
};

// The oracle predicts the planted expected rating (clamped to the scale); the baseline predicts
// each user's mean rating. Both in-sample over all ratings.
Rmse oracleAndUserMean(const SyntheticWorld& world) {
  const Ratings& r = world.dataset.ratings;
  double oracle = 0, baseline = 0;
  for (int32_t u = 0; u < r.userCount; ++u) {
    double mean = 0;
    for (uint32_t k : r.ofUser(u)) mean += r.value[k];
    mean /= static_cast<double>(r.userRatingCount(u));
    for (uint32_t k : r.ofUser(u)) {
      const double e = clampToScale(world.expectedRating(u, r.item[k]), world.dataset) - r.value[k];
      oracle += e * e;
      baseline += (mean - r.value[k]) * (mean - r.value[k]);
    }
  }
  const auto n = static_cast<double>(r.size());
  return {std::sqrt(oracle / n), std::sqrt(baseline / n)};
}

// Exact sizes, ≥ 20 ratings per user, ≥ 1 per movie, no repeated (user, movie) pair.
void expectWellFormed(const SyntheticWorld& world) {
  const Dataset& d = world.dataset;
  const Ratings& r = d.ratings;
  ASSERT_EQ(static_cast<int64_t>(r.size()), world.params.ratings);
  ASSERT_EQ(r.userCount, world.params.users);
  ASSERT_EQ(r.itemCount, world.params.movies);
  ASSERT_EQ(r.timestamp.size(), r.size());
  ASSERT_EQ(d.userIds.size(), static_cast<size_t>(r.userCount));
  ASSERT_EQ(d.itemIds.size(), static_cast<size_t>(r.itemCount));
  ASSERT_EQ(d.movies.size(), static_cast<size_t>(r.itemCount));
  ASSERT_EQ(d.users.size(), static_cast<size_t>(r.userCount));
  for (int32_t u = 0; u < r.userCount; ++u) {
    ASSERT_GE(r.userRatingCount(u), 20) << "user " << u;
    const auto of = r.ofUser(u);
    for (size_t k = 1; k < of.size(); ++k) ASSERT_LT(r.item[of[k - 1]], r.item[of[k]]) << "repeated pair, user " << u;
  }
  for (int32_t i = 0; i < r.itemCount; ++i) ASSERT_GE(r.itemRatingCount(i), 1) << "movie " << i;
  for (float v : r.value) ASSERT_TRUE(v >= d.minRating && v <= d.maxRating) << v;
}

TEST(SynthWorld, DefaultHasTheMl100kShape) {
  const SyntheticWorld& world = defaultWorld();
  EXPECT_EQ(world.params.users, 943);
  EXPECT_EQ(world.params.movies, 1682);
  EXPECT_EQ(world.params.ratings, 100000);
  expectWellFormed(world);
  const Dataset& d = world.dataset;
  EXPECT_EQ(d.format, "synthetic");
  EXPECT_EQ(d.source, "synthetic:seed=1,users=943,movies=1682,ratings=100000");
  EXPECT_EQ(d.userIds.front(), "1");
  EXPECT_EQ(d.userIds.back(), "943");
  EXPECT_EQ(d.itemIds.front(), "1");
  EXPECT_EQ(d.itemIds.back(), "1682");
  EXPECT_EQ(d.minRating, 1.0f);
  EXPECT_EQ(d.maxRating, 5.0f);
  for (float v : d.ratings.value) ASSERT_EQ(v, std::floor(v));
}

TEST(SynthWorld, CustomSizesAreExact) {
  expectWellFormed(generateSyntheticWorld({.seed = 3, .users = 200, .movies = 500, .ratings = 12345}));
  // Nearly every pair rated: exercises sampling without replacement and the every-movie fix-up.
  expectWellFormed(generateSyntheticWorld({.seed = 4, .users = 30, .movies = 40, .ratings = 1150}));
  // Exactly full: every user rates every movie.
  expectWellFormed(generateSyntheticWorld({.seed = 5, .users = 25, .movies = 20, .ratings = 500}));
  // More movies than most users rate: many movies rest on the fix-up's single rating.
  expectWellFormed(generateSyntheticWorld({.seed = 6, .users = 50, .movies = 900, .ratings = 1000}));
}

TEST(SynthWorld, SameSeedSameWorldOtherSeedOtherWorld) {
  const SyntheticParams params{.seed = 11, .users = 150, .movies = 300, .ratings = 9000};
  const SyntheticWorld a = generateSyntheticWorld(params);
  const SyntheticWorld b = generateSyntheticWorld(params);
  EXPECT_EQ(a.dataset.ratings.user, b.dataset.ratings.user);
  EXPECT_EQ(a.dataset.ratings.item, b.dataset.ratings.item);
  EXPECT_EQ(a.dataset.ratings.value, b.dataset.ratings.value);
  EXPECT_EQ(a.dataset.ratings.timestamp, b.dataset.ratings.timestamp);
  EXPECT_EQ(a.tagRelevance, b.tagRelevance);
  EXPECT_EQ(a.taste, b.taste);
  EXPECT_EQ(a.dataset.movies[7].title, b.dataset.movies[7].title);
  EXPECT_EQ(a.dataset.officialTestSets, b.dataset.officialTestSets);
  EXPECT_EQ(a.dataset.checksum(), b.dataset.checksum());

  SyntheticParams other = params;
  other.seed = 12;
  const SyntheticWorld c = generateSyntheticWorld(other);
  EXPECT_NE(a.dataset.ratings.item, c.dataset.ratings.item);
  EXPECT_NE(a.dataset.ratings.value, c.dataset.ratings.value);
  EXPECT_NE(a.dataset.checksum(), c.dataset.checksum());
}

TEST(SynthWorld, PopularityHasAHeadAndALongTail) {
  const Ratings& r = defaultWorld().dataset.ratings;
  std::vector<int64_t> perItem(static_cast<size_t>(r.itemCount));
  for (int32_t i = 0; i < r.itemCount; ++i) perItem[i] = r.itemRatingCount(i);
  std::sort(perItem.rbegin(), perItem.rend());
  const int64_t head = std::accumulate(perItem.begin(), perItem.begin() + r.itemCount / 10, int64_t{0});
  EXPECT_GT(static_cast<double>(head) / static_cast<double>(r.size()), 0.40);
  const auto rare = std::count_if(perItem.begin(), perItem.end(), [](int64_t c) { return c < 5; });
  EXPECT_GT(rare, r.itemCount / 20) << "movies with fewer than 5 ratings";
  EXPECT_EQ(perItem.back(), 1);

  // Ratings per user are heavy-tailed too: the busiest user rates many times the median.
  std::vector<int64_t> perUser(static_cast<size_t>(r.userCount));
  for (int32_t u = 0; u < r.userCount; ++u) perUser[u] = r.userRatingCount(u);
  std::sort(perUser.begin(), perUser.end());
  EXPECT_GT(perUser.back(), 5 * perUser[perUser.size() / 2]);
  EXPECT_LT(perUser.front(), 25);
}

TEST(SynthWorld, HistogramAndMeanLookLikeMl100k) {
  const Ratings& r = defaultWorld().dataset.ratings;
  double share[5] = {};
  double sum = 0;
  for (float v : r.value) {
    share[static_cast<int>(v) - 1] += 1.0 / static_cast<double>(r.size());
    sum += v;
  }
  const double mean = sum / static_cast<double>(r.size());
  EXPECT_GE(mean, 3.3);
  EXPECT_LE(mean, 3.7);
  // ML-100K: 6%, 11%, 27%, 34%, 21%.
  const double lo[5] = {0.03, 0.07, 0.20, 0.27, 0.15};
  const double hi[5] = {0.10, 0.16, 0.34, 0.40, 0.28};
  for (int s = 0; s < 5; ++s) {
    EXPECT_GE(share[s], lo[s]) << (s + 1) << " stars";
    EXPECT_LE(share[s], hi[s]) << (s + 1) << " stars";
  }
}

TEST(SynthWorld, TimestampsIncreasePerUser) {
  const Ratings& r = defaultWorld().dataset.ratings;
  for (int32_t u = 0; u < r.userCount; ++u) {
    std::vector<int64_t> times;
    for (uint32_t k : r.ofUser(u)) times.push_back(r.timestamp[k]);
    std::sort(times.begin(), times.end());
    ASSERT_EQ(std::adjacent_find(times.begin(), times.end()), times.end()) << "user " << u << " has two ratings at once";
    ASSERT_GE(times.front(), 852076800) << "before 1997";  // 1997-01-01
    ASSERT_LT(times.back(), 915148800) << "after 1998";    // 1999-01-01
  }
  // In storage order, each user's ratings are already in time order (what leave-last-out needs).
  for (size_t k = 1; k < r.size(); ++k) {
    if (r.user[k] == r.user[k - 1]) {
      ASSERT_LT(r.timestamp[k - 1], r.timestamp[k]);
    }
  }
}

TEST(SynthWorld, UsersRateMoreFilmsOfTheThemesTheyLike) {
  // Which films a user rates follows taste as well as popularity: the films of a user's two
  // favourite themes take a far larger share of their ratings than of everybody's.
  const SyntheticWorld& world = defaultWorld();
  const Ratings& r = world.dataset.ratings;
  const size_t themes = world.themes.size();
  std::vector<double> themeShare(themes, 0.0);  // of all ratings: what chance would give
  for (int32_t item : r.item) themeShare[static_cast<size_t>(world.primaryTheme[item])] += 1.0 / static_cast<double>(r.size());
  double ownShare = 0.0, chanceShare = 0.0, dislikedShare = 0.0, dislikedChance = 0.0;
  for (int32_t u = 0; u < r.userCount; ++u) {
    const float* taste = world.taste.data() + static_cast<size_t>(u) * themes;
    std::vector<size_t> order(themes);
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return taste[a] > taste[b]; });
    const std::set<size_t> liked = {order[0], order[1]};
    const size_t disliked = order.back();
    const auto of = r.ofUser(u);
    for (uint32_t k : of) {
      const auto theme = static_cast<size_t>(world.primaryTheme[r.item[k]]);
      ownShare += liked.contains(theme) ? 1.0 / static_cast<double>(of.size()) : 0.0;
      dislikedShare += theme == disliked ? 1.0 / static_cast<double>(of.size()) : 0.0;
    }
    chanceShare += themeShare[order[0]] + themeShare[order[1]];
    dislikedChance += themeShare[disliked];
  }
  std::printf("favourite two themes: %.3f of a user's ratings against %.3f of all; least liked: %.3f against %.3f\n",
              ownShare / r.userCount, chanceShare / r.userCount, dislikedShare / r.userCount, dislikedChance / r.userCount);
  EXPECT_GT(ownShare, 2.5 * chanceShare);
  EXPECT_LT(dislikedShare, 0.5 * dislikedChance);
}

TEST(SynthWorld, PlantedStructureIsConsistent) {
  const SyntheticWorld& world = defaultWorld();
  const Dataset& d = world.dataset;
  const size_t movies = d.movies.size(), users = d.users.size();
  const size_t themes = world.themes.size(), tags = world.tagNames.size();
  EXPECT_GE(themes, 16u);
  EXPECT_LE(themes, 20u);
  EXPECT_GE(tags, 40u);
  EXPECT_LE(tags, 80u);
  EXPECT_EQ(std::set<std::string>(world.tagNames.begin(), world.tagNames.end()).size(), tags);
  std::vector<int> tagUses(tags, 0);
  for (const auto& theme : world.themes) {
    EXPECT_GE(theme.tags.size(), 3u) << theme.name;
    EXPECT_LE(theme.tags.size(), 5u) << theme.name;
    EXPECT_GE(theme.genre, 0);
    EXPECT_LT(theme.genre, 19);
    for (int32_t t : theme.tags) ++tagUses[t];
  }
  for (int uses : tagUses) EXPECT_EQ(uses, 1) << "every tag belongs to exactly one theme";

  ASSERT_EQ(world.primaryTheme.size(), movies);
  ASSERT_EQ(world.themeWeight.size(), movies * themes);
  ASSERT_EQ(world.tagRelevance.size(), movies * tags);
  ASSERT_EQ(world.itemBias.size(), movies);
  ASSERT_EQ(world.taste.size(), users * themes);
  ASSERT_EQ(world.generosity.size(), users);
  EXPECT_GT(world.noiseSd, 0.0);

  double primarySum = 0, otherSum = 0;
  int64_t primaryCount = 0, otherCount = 0;
  for (size_t i = 0; i < movies; ++i) {
    const int32_t p = world.primaryTheme[i];
    const float* w = world.themeWeight.data() + i * themes;
    ASSERT_GT(w[p], 0.0f);
    for (size_t t = 0; t < themes; ++t) EXPECT_LE(w[t], w[p]) << "the primary theme weighs most";
    EXPECT_LE(std::count_if(w, w + themes, [](float x) { return x > 0; }), 3);
    EXPECT_TRUE((d.movies[i].genres >> world.themes[p].genre) & 1u) << "movie " << i;
    EXPECT_NE(d.movies[i].genres, 0u);
    const float* rel = world.tagRelevance.data() + i * tags;
    for (size_t j = 0; j < tags; ++j) {
      ASSERT_GE(rel[j], 0.0f);
      ASSERT_LE(rel[j], 1.0f);
    }
    std::vector<char> isPrimaryTag(tags, 0);
    for (int32_t t : world.themes[p].tags) isPrimaryTag[t] = 1;
    for (size_t j = 0; j < tags; ++j) {
      (isPrimaryTag[j] ? primarySum : otherSum) += rel[j];
      ++(isPrimaryTag[j] ? primaryCount : otherCount);
    }
  }
  EXPECT_GT(primarySum / primaryCount, 0.45);
  EXPECT_LT(otherSum / otherCount, 0.15);

  // Features: 19 genre one-hots, then the genome, row per movie.
  const ItemFeatures& f = d.features;
  EXPECT_EQ(f.items, static_cast<int32_t>(movies));
  EXPECT_EQ(f.count, static_cast<int32_t>(19 + tags));
  EXPECT_EQ(f.genreCount, 19);
  EXPECT_EQ(f.source, "genres+genome");
  ASSERT_EQ(f.names.size(), 19 + tags);
  EXPECT_EQ(f.names[0], "unknown");
  EXPECT_EQ(f.names[4], "Children's");
  EXPECT_EQ(f.names[18], "Western");
  EXPECT_EQ(f.names[19], world.tagNames[0]);
  EXPECT_EQ(d.genreNames, std::vector<std::string>(f.names.begin(), f.names.begin() + 19));
  ASSERT_EQ(f.values.size(), movies * (19 + tags));
  for (size_t i = 0; i < movies; i += 97) {
    for (int g = 0; g < 19; ++g) EXPECT_EQ(f.row(static_cast<int32_t>(i))[g], (d.movies[i].genres >> g) & 1u ? 1.0f : 0.0f);
    for (size_t j = 0; j < tags; ++j) EXPECT_EQ(f.row(static_cast<int32_t>(i))[19 + j], world.tagRelevance[i * tags + j]);
  }
}

TEST(SynthWorld, OfficialFoldsPartitionTheRatings) {
  const Dataset& d = defaultWorld().dataset;
  const size_t n = d.ratings.size();
  std::vector<int> seen(n, 0);
  for (const char* name : {"u1", "u2", "u3", "u4", "u5"}) {
    const auto& test = d.officialTestSets.at(name);
    EXPECT_NEAR(static_cast<double>(test.size()), n / 5.0, 1.0);
    EXPECT_TRUE(std::is_sorted(test.begin(), test.end()));
    for (uint32_t k : test) ++seen[k];
  }
  EXPECT_TRUE(std::all_of(seen.begin(), seen.end(), [](int s) { return s == 1; })) << "each rating in exactly one fold";

  for (const char* name : {"ua", "ub"}) {
    const auto& test = d.officialTestSets.at(name);
    EXPECT_EQ(test.size(), static_cast<size_t>(d.ratings.userCount) * 10);
    EXPECT_TRUE(std::adjacent_find(test.begin(), test.end(), std::greater_equal<>()) == test.end()) << "ascending, no repeats";
    std::vector<int> perUser(static_cast<size_t>(d.ratings.userCount), 0);
    for (uint32_t k : test) ++perUser[d.ratings.user[k]];
    EXPECT_TRUE(std::all_of(perUser.begin(), perUser.end(), [](int c) { return c == 10; })) << name;
  }
  EXPECT_NE(d.officialTestSets.at("ua"), d.officialTestSets.at("ub"));
  EXPECT_EQ(d.officialTestSets.size(), 7u);
}

// ua and ub are drawn from each user's ratings in item order, as the index would list them, but
// without building it: on an ML-32M-sized world the index is 256 MB that mf training never reads.
TEST(SynthWorld, TenPerUserSetsNeedNoIndex) {
  const SyntheticWorld world = generateSyntheticWorld({.seed = 4, .users = 120, .movies = 300, .ratings = 6000});
  const Ratings& r = world.dataset.ratings;
  EXPECT_FALSE(r.indexed());
  Random random = syntheticStream(world.params.seed, SyntheticStream::FoldA);
  std::vector<uint32_t> expected;
  for (int32_t u = 0; u < r.userCount; ++u) {
    std::vector<uint32_t> mine(r.ofUser(u).begin(), r.ofUser(u).end());
    for (size_t k = 0; k < 10; ++k) std::swap(mine[k], mine[k + random.below(mine.size() - k)]);
    expected.insert(expected.end(), mine.begin(), mine.begin() + 10);
  }
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(world.dataset.officialTestSets.at("ua"), expected);
}

TEST(SynthWorld, OracleBeatsUserMeanByAWideMargin) {
  const SyntheticWorld& world = defaultWorld();
  const Rmse rmse = oracleAndUserMean(world);
  EXPECT_LT(rmse.oracle, 0.85 * rmse.userMean) << "oracle " << rmse.oracle << " vs user mean " << rmse.userMean;
  EXPECT_NEAR(world.noiseFloorRmse, rmse.oracle, 1e-9);
  // And the same holds for a bigger, differently shaped world.
  const SyntheticWorld big = generateSyntheticWorld({.seed = 9, .users = 3000, .movies = 2000, .ratings = 300000});
  const Rmse bigRmse = oracleAndUserMean(big);
  EXPECT_LT(bigRmse.oracle, 0.85 * bigRmse.userMean);
}

TEST(SynthWorld, CatalogueAndPeopleArePlausible) {
  const SyntheticWorld& world = defaultWorld();
  const Dataset& d = world.dataset;
  int accented = 0, commas = 0, quotes = 0, unknown = 0;
  std::set<std::string> titles;
  for (const Movie& m : d.movies) {
    ASSERT_FALSE(m.title.empty());
    if (m.title == "unknown") {
      ++unknown;
      EXPECT_EQ(m.year, 0);
      EXPECT_EQ(m.genres, 1u);
      continue;
    }
    EXPECT_GE(m.year, 1920);
    EXPECT_LE(m.year, 1998);
    EXPECT_EQ(m.title.find('|'), std::string::npos);
    const bool yearSuffix = m.title.size() > 7 && m.title.back() == ')' && m.title[m.title.size() - 6] == '(' &&
                            std::all_of(m.title.end() - 5, m.title.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
    EXPECT_FALSE(yearSuffix) << "no year suffix in the title: " << m.title;
    accented += std::any_of(m.title.begin(), m.title.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    commas += m.title.find(',') != std::string::npos;
    quotes += m.title.find('"') != std::string::npos;
    EXPECT_TRUE(titles.insert(m.title + " (" + std::to_string(m.year) + ")").second) << "duplicate " << m.title;
  }
  EXPECT_EQ(unknown, 1);
  EXPECT_GT(accented, 20);
  EXPECT_GT(commas, 100);
  EXPECT_GT(quotes, 20);

  const std::set<std::string> occupations = {
      "administrator", "artist", "doctor", "educator", "engineer", "entertainment", "executive",
      "healthcare", "homemaker", "lawyer", "librarian", "marketing", "none", "other", "programmer",
      "retired", "salesman", "scientist", "student", "technician", "writer"};
  int women = 0;
  for (const UserInfo& user : d.users) {
    EXPECT_GE(user.age, 7);
    EXPECT_LE(user.age, 73);
    EXPECT_TRUE(user.gender == 'M' || user.gender == 'F');
    women += user.gender == 'F';
    EXPECT_TRUE(occupations.count(user.occupation)) << user.occupation;
    EXPECT_EQ(user.zip.size(), 5u);
  }
  EXPECT_GT(women, 150);
  EXPECT_LT(women, 400);
}

TEST(SynthWorld, HalfStars) {
  const SyntheticWorld world = generateSyntheticWorld({.seed = 2, .users = 300, .movies = 600, .ratings = 30000, .halfStars = true});
  expectWellFormed(world);
  EXPECT_EQ(world.dataset.minRating, 0.5f);
  int halves = 0;
  double sum = 0;
  for (float v : world.dataset.ratings.value) {
    ASSERT_EQ(2 * v, std::floor(2 * v));
    halves += v != std::floor(v);
    sum += v;
  }
  EXPECT_GT(halves, 3000);
  EXPECT_GE(sum / world.dataset.ratings.size(), 3.3);
  EXPECT_LE(sum / world.dataset.ratings.size(), 3.7);
  EXPECT_NE(world.dataset.source.find("half-stars=true"), std::string::npos);
  const Rmse rmse = oracleAndUserMean(world);
  EXPECT_LT(rmse.oracle, 0.85 * rmse.userMean);
}

TEST(SynthWorld, AMillionRatings) {
  const SyntheticParams params = parseSyntheticSpec("synthetic:ratings=1000000");
  const SyntheticWorld world = generateSyntheticWorld(params);
  expectWellFormed(world);
}

}  // namespace
}  // namespace ll
