// The calibrated world (synthetic:realism=ml100k): the spec that names it, its statistics against
// real MovieLens 100K's, and that the default world did not change when the constants moved into
// SyntheticCalibration.
#include <gtest/gtest.h>

#include <cmath>
#include <span>
#include <string>

#include "core/data/dataset_summary.h"
#include "core/data/input_error.h"
#include "core/io/checksum.h"
#include "core/synth/synthetic_world.h"

namespace ll {
namespace {

uint64_t ratingTriplesChecksum(const Ratings& r) {
  Checksum c;
  c.update(std::span<const int32_t>(r.user));
  c.update(std::span<const int32_t>(r.item));
  c.update(std::span<const float>(r.value));
  return c.value();
}

std::string realismErrorOf(const std::string& spec) {
  try {
    parseSyntheticSpec(spec);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// Checksums taken before the constants moved: the default world, whole and half stars, is the
// same byte for byte (other tests and users' saved checkpoints rely on it).
TEST(SynthRealism, DefaultWorldIsUnchanged) {
  const SyntheticWorld whole = generateSyntheticWorld(SyntheticParams{});
  EXPECT_EQ(ratingTriplesChecksum(whole.dataset.ratings), 0x822a7896a211fe0bULL);
  EXPECT_EQ(whole.dataset.checksum(), 0x275e6b55593cca89ULL);
  EXPECT_TRUE(whole.starCuts.empty());
  const SyntheticWorld half = generateSyntheticWorld(SyntheticParams{.halfStars = true});
  EXPECT_EQ(ratingTriplesChecksum(half.dataset.ratings), 0x2cb02deb37d86793ULL);
  EXPECT_EQ(half.dataset.checksum(), 0x79439eace4263dc7ULL);
}

TEST(SynthRealism, SpecNamesTheRealism) {
  EXPECT_EQ(parseSyntheticSpec("synthetic").realism, SyntheticRealism::Default);
  EXPECT_EQ(parseSyntheticSpec("synthetic:realism=default").realism, SyntheticRealism::Default);
  const SyntheticParams p = parseSyntheticSpec("synthetic:realism=ml100k");
  EXPECT_EQ(p.realism, SyntheticRealism::Ml100k);
  EXPECT_EQ(p.users, 943);
  EXPECT_EQ(p.movies, 1682);
  EXPECT_EQ(p.ratings, 100000);
  // Sizes scale as they do without it.
  const SyntheticParams million = parseSyntheticSpec("synthetic:realism=ml100k,ratings=1000000");
  const SyntheticParams plain = parseSyntheticSpec("synthetic:ratings=1000000");
  EXPECT_EQ(million.users, plain.users);
  EXPECT_EQ(million.movies, plain.movies);
  EXPECT_EQ(parseSyntheticSpec("synthetic:users=300,realism=ml100k").ratings, parseSyntheticSpec("synthetic:users=300").ratings);
}

TEST(SynthRealism, UnknownRealismIsAClearError) {
  const std::string error = realismErrorOf("synthetic:realism=ml1m");
  EXPECT_NE(error.find("realism=default or realism=ml100k"), std::string::npos) << error;
  EXPECT_NE(error.find("\"ml1m\""), std::string::npos) << error;
  EXPECT_NE(realismErrorOf("synthetic:realism=ml100k,realism=ml100k").find("once"), std::string::npos);
  EXPECT_NE(realismErrorOf("synthetic:realism=ml100k,half-stars=true").find("whole stars"), std::string::npos);
  EXPECT_NE(realismErrorOf("synthetic:colour=red").find("realism"), std::string::npos);  // listed among the keys
}

TEST(SynthRealism, SourceNamesTheRealism) {
  const SyntheticWorld world = generateSyntheticWorld(parseSyntheticSpec("synthetic:realism=ml100k,users=100,movies=200"));
  EXPECT_EQ(world.dataset.source, "synthetic:seed=1,users=100,movies=200,ratings=" + std::to_string(world.params.ratings) +
                                      ",realism=ml100k");
  EXPECT_EQ(world.starCuts.size(), 4u);
}

}  // namespace
}  // namespace ll
