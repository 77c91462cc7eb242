// parseSyntheticSpec: defaults, explicit sizes, scaling of unset sizes, and clear errors.
#include <gtest/gtest.h>

#include "core/data/input_error.h"
#include "core/synth/synthetic_world.h"
#include "core/synth/vocabulary.h"

namespace ll {
namespace {

void expectPossible(const SyntheticParams& p, const std::string& spec) {
  EXPECT_GE(p.users, 1) << spec;
  EXPECT_LE(p.users, 200948) << spec;
  EXPECT_GE(p.movies, 20) << spec;
  EXPECT_LE(p.movies, 87585) << spec;
  EXPECT_GE(p.ratings, 20 * int64_t{p.users}) << spec;
  EXPECT_GE(p.ratings, int64_t{p.movies}) << spec;
  EXPECT_LE(p.ratings, int64_t{p.users} * p.movies) << spec;
  EXPECT_LE(p.ratings, 32000204) << spec;
}

std::string errorOf(const std::string& spec) {
  try {
    parseSyntheticSpec(spec);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(SynthSpec, DefaultIsMl100kShaped) {
  const SyntheticParams p = parseSyntheticSpec("synthetic");
  EXPECT_EQ(p.seed, 1u);
  EXPECT_EQ(p.users, 943);
  EXPECT_EQ(p.movies, 1682);
  EXPECT_EQ(p.ratings, 100000);
  EXPECT_FALSE(p.halfStars);
}

TEST(SynthSpec, ExplicitValuesAreKept) {
  const SyntheticParams p = parseSyntheticSpec("synthetic:seed=7,users=2000,movies=3000,ratings=250000");
  EXPECT_EQ(p.seed, 7u);
  EXPECT_EQ(p.users, 2000);
  EXPECT_EQ(p.movies, 3000);
  EXPECT_EQ(p.ratings, 250000);
  EXPECT_TRUE(parseSyntheticSpec("synthetic:half-stars=true").halfStars);
  EXPECT_EQ(parseSyntheticSpec("synthetic:seed=18446744073709551615").seed, 18446744073709551615ull);
  EXPECT_EQ(parseSyntheticSpec("synthetic:seed=5").ratings, 100000);
}

TEST(SynthSpec, UnsetSizesScale) {
  const SyntheticParams million = parseSyntheticSpec("synthetic:ratings=1000000");
  EXPECT_GT(million.users, 4000);  // ML-1M: 6040 users, 3706 movies
  EXPECT_LT(million.users, 9000);
  EXPECT_GT(million.movies, 3000);
  EXPECT_LT(million.movies, 9000);
  const SyntheticParams huge = parseSyntheticSpec("synthetic:ratings=25000000");
  EXPECT_GT(huge.users, 60000);
  EXPECT_GT(huge.movies, 20000);
  expectPossible(huge, "25M");
  const SyntheticParams fewUsers = parseSyntheticSpec("synthetic:users=100");
  EXPECT_EQ(fewUsers.users, 100);
  EXPECT_LT(fewUsers.ratings, 100000);

  for (const std::string spec :
       {"synthetic:ratings=20", "synthetic:ratings=1000", "synthetic:ratings=54321", "synthetic:users=1",
        "synthetic:users=162000", "synthetic:movies=20", "synthetic:movies=62000", "synthetic:users=50,movies=20",
        "synthetic:users=162000,movies=62000", "synthetic:users=30,ratings=25000", "synthetic:movies=25,ratings=5000",
        "synthetic:users=10,movies=5000", "synthetic:ratings=25000000,movies=1000", "synthetic:ratings=32000204",
        "synthetic:users=200948", "synthetic:movies=87585", "synthetic:users=200948,movies=87585"}) {
    SCOPED_TRACE(spec);
    SyntheticParams p;
    ASSERT_NO_THROW(p = parseSyntheticSpec(spec));
    expectPossible(p, spec);
  }
}

TEST(SynthSpec, BadSpecsAreClearErrors) {
  EXPECT_NE(errorOf("synthetic:colour=blue").find("colour"), std::string::npos);
  EXPECT_NE(errorOf("synthetic:users=abc").find("users"), std::string::npos);
  EXPECT_NE(errorOf("synthetic:users=10,ratings=100").find("20 ratings per user"), std::string::npos);
  EXPECT_NE(errorOf("synthetic:users=10,movies=20,ratings=201").find("at most one rating per user and movie"),
            std::string::npos);
  EXPECT_NE(errorOf("synthetic:movies=100,ratings=50,users=2").find("at least one rating per movie"), std::string::npos);
  EXPECT_NE(errorOf("synthetic:ratings=32000205").find("32000204"), std::string::npos);
  EXPECT_NE(errorOf("synthetic:users=200949").find("200948"), std::string::npos);
  EXPECT_NE(errorOf("synthetic:movies=87586").find("87585"), std::string::npos);
  EXPECT_NE(errorOf("synthetic:movies=10").find("movies"), std::string::npos);
  for (const std::string spec : {"synthetic:seed=-1", "synthetic:seed=", "synthetic:users=5,users=6", "synthetic:users",
                                 "synthetic:users=100,", "synthetic:ratings=1e6", "synthetic:users= 10", "synth",
                                 "synthetics", "synthetic;users=5", "synthetic:half-stars=maybe",
                                 "synthetic:users=0", "synthetic:ratings=10"}) {
    EXPECT_THROW(parseSyntheticSpec(spec), InputError) << spec;
  }
}

TEST(SynthSpec, ShapeTakesAMovieLensReleasesSizes) {
  const SyntheticParams ml32m = parseSyntheticSpec("synthetic:shape=ml32m");
  EXPECT_EQ(ml32m.users, 200948);
  EXPECT_EQ(ml32m.movies, 87585);
  EXPECT_EQ(ml32m.ratings, 32000204);
  const SyntheticParams ml100k = parseSyntheticSpec("synthetic:seed=3,shape=ml100k,realism=ml100k");
  EXPECT_EQ(ml100k.seed, 3u);
  EXPECT_EQ(ml100k.users, 943);
  EXPECT_EQ(ml100k.movies, 1682);
  EXPECT_EQ(ml100k.ratings, 100000);
  EXPECT_EQ(ml100k.realism, SyntheticRealism::Ml100k);
  for (const std::string spec : {"synthetic:shape=ml1m", "synthetic:shape=ml10m", "synthetic:shape=ml20m",
                                 "synthetic:shape=ml25m", "synthetic:shape=ml32m,half-stars=true"}) {
    SCOPED_TRACE(spec);
    SyntheticParams p;
    ASSERT_NO_THROW(p = parseSyntheticSpec(spec));
    expectPossible(p, spec);
  }
  EXPECT_NE(errorOf("synthetic:shape=ml64m").find("ml32m"), std::string::npos);
  EXPECT_NE(errorOf("synthetic:shape=ml32m,users=5000").find("not both"), std::string::npos);
  EXPECT_NE(errorOf("synthetic:ratings=1000000,shape=ml1m").find("not both"), std::string::npos);
  EXPECT_THROW(parseSyntheticSpec("synthetic:shape=ml1m,shape=ml1m"), InputError);
}

TEST(SynthSpec, GenerateChecksItsParams) {
  EXPECT_THROW(generateSyntheticWorld({.seed = 1, .users = 10, .movies = 20, .ratings = 100}), InputError);
}

TEST(SynthVocabulary, EmbeddedVocabularyParses) {
  const std::string_view text = embeddedVocabulary();
  EXPECT_EQ(text.find(")LLVOCAB\""), std::string_view::npos);
  const SyntheticVocabulary v = parseVocabulary(text);
  EXPECT_GE(v.themes.size(), 16u);
  EXPECT_LE(v.themes.size(), 20u);
  size_t tags = 0;
  for (const auto& theme : v.themes) tags += theme.tags.size();
  EXPECT_GE(tags, 40u);
  EXPECT_LE(tags, 80u);
  EXPECT_FALSE(v.userTags.empty());
  // Only characters that ISO-8859-1 has: every multi-byte sequence is a 2-byte one for U+0080..U+00FF.
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) continue;
    ASSERT_TRUE(c == 0xC2 || c == 0xC3) << "byte " << i;
    ++i;
  }
}

TEST(SynthVocabulary, BadVocabularyIsAnError) {
  EXPECT_THROW(parseVocabulary("theme = a | NotAGenre | 1 | x; y; z | W\nadjective = A\nnoun = N\nplace = P\narticle = The\n"),
               InputError);
  EXPECT_THROW(parseVocabulary("colour = red\n"), InputError);
  EXPECT_THROW(parseVocabulary("theme = a | Drama | 1 | x;; z | W\n"), InputError);
  EXPECT_THROW(parseVocabulary("adjective = A\nnoun = N\nplace = P\narticle = The\n"), InputError);
  EXPECT_NO_THROW(parseVocabulary("# ok\ntheme = a | Drama | 0.5 | x; y; z | W\nadjective = A\nnoun = N\nplace = P\narticle = The\n"));
}

}  // namespace
}  // namespace ll
