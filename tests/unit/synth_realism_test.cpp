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

// Real MovieLens 100K's statistics (GroupLens' u.data), each with the tolerance the calibrated
// world (seed 1) must hold.
TEST(SynthRealism, CalibratedWorldMatchesMl100kStatistics) {
  const SyntheticWorld world = generateSyntheticWorld(parseSyntheticSpec("synthetic:realism=ml100k"));
  const DatasetSummary s = summarizeDataset(world.dataset);
  ASSERT_EQ(s.ratings, 100000);
  const int64_t stars[5] = {6110, 11370, 27145, 34174, 21201};
  ASSERT_EQ(s.histogram.counts.size(), 5u);
  for (size_t b = 0; b < 5; ++b) EXPECT_NEAR(s.histogram.counts[b], stars[b], 5) << "star " << b + 1;
  EXPECT_NEAR(s.meanRating, 3.530, 0.002);
  EXPECT_NEAR(s.ratingSd, 1.126, 0.002);
  EXPECT_EQ(s.perUser.min, 20);
  EXPECT_NEAR(s.perUser.median, 65, 5);
  EXPECT_NEAR(s.perUser.p90, 244, 20);
  EXPECT_NEAR(s.perUser.max, 737, 60);
  EXPECT_EQ(s.perItem.min, 1);
  EXPECT_NEAR(s.perItem.median, 27, 4);
  EXPECT_NEAR(s.perItem.p90, 169, 15);
  EXPECT_NEAR(s.perItem.max, 583, 60);
  EXPECT_NEAR(s.popularityMeanCorrelation, 0.52, 0.03);
  EXPECT_NEAR(s.userMeanSd, 0.445, 0.02);
  EXPECT_NEAR(s.itemMeanSd, 0.781, 0.02);
}

// expectedRating is the mean star of the ordered probit: over all ratings it averages to the mean
// rating, and as a predictor it beats each user's mean rating.
TEST(SynthRealism, ExpectedRatingIsTheMeanStar) {
  const SyntheticWorld world = generateSyntheticWorld(parseSyntheticSpec("synthetic:realism=ml100k,users=400,movies=800"));
  const Ratings& r = world.dataset.ratings;
  double expected = 0.0, actual = 0.0, oracle = 0.0, userMean = 0.0;
  for (int32_t u = 0; u < r.userCount; ++u) {
    double mean = 0.0;
    for (uint32_t k : r.ofUser(u)) mean += r.value[k];
    mean /= static_cast<double>(r.userRatingCount(u));
    for (uint32_t k : r.ofUser(u)) {
      const double e = world.expectedRating(u, r.item[k]);
      ASSERT_TRUE(e >= 1.0 && e <= 5.0) << e;
      expected += e;
      actual += r.value[k];
      oracle += (e - r.value[k]) * (e - r.value[k]);
      userMean += (mean - r.value[k]) * (mean - r.value[k]);
    }
  }
  const auto n = static_cast<double>(r.size());
  EXPECT_NEAR(expected / n, actual / n, 0.02);
  EXPECT_NEAR(std::sqrt(oracle / n), world.noiseFloorRmse, 1e-9);
  EXPECT_LT(std::sqrt(oracle / n), std::sqrt(userMean / n) - 0.1);
}

}  // namespace
}  // namespace ll
