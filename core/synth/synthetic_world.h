#pragma once
// The built-in synthetic world: a deterministic, MovieLens-shaped data set with planted structure
// (themes of tags, movie content, user tastes and generosity, noise) that tests can check
// training against. Default shape: 943 users × 1682 movies × 100,000 ratings (ML-100K).

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/dataset.h"
#include "core/synth/synthetic_calibration.h"

namespace ll {

struct SyntheticParams {
  uint64_t seed = 1;            ///< everything follows from it (default: 1)
  int32_t users = 943;          ///< (default: 943; scales with ratings when only ratings is set)
  int32_t movies = 1682;        ///< (default: 1682; scales with ratings when only ratings is set)
  int64_t ratings = 100000;     ///< exact count; each user gets ≥ 20, each movie ≥ 1 (default: 100000)
  bool halfStars = false;       ///< ratings in 0.5 steps from 0.5 to 5 (the ml-latest scale) (default: false)
  /// which calibration shapes the world: Default (the built-in world) or Ml100k (matched to real
  /// MovieLens 100K; whole stars only) (default: Default)
  SyntheticRealism realism = SyntheticRealism::Default;
};

/// Parses "synthetic" or "synthetic:seed=7,users=2000,movies=3000,ratings=250000" (any subset;
/// unset sizes scale from the set ones; also "half-stars=true|false" and "realism=default|ml100k"),
/// or "synthetic:shape=ml32m" for the three sizes of a MovieLens release (ml100k, ml1m, ml10m,
/// ml20m, ml25m, ml32m; not with users, movies or ratings).
/// Throws InputError on unknown keys, shapes or realism names, bad numbers, half stars with
/// realism=ml100k, a shape with sizes, or impossible sizes (fewer than 20 ratings per user, fewer
/// ratings than movies, fewer than 20 movies, more ratings than user×movie pairs, beyond ML-32M's
/// 32,000,204 ratings / 200,948 users / 87,585 movies).
SyntheticParams parseSyntheticSpec(std::string_view spec);

struct SyntheticTheme {
  std::string name;
  int32_t genre = 0;             ///< index into the 19 MovieLens genres (Dataset::genreNames)
  std::vector<int32_t> tags;     ///< indices into SyntheticWorld::tagNames
};

struct SyntheticWorld {
  SyntheticParams params;
  SyntheticCalibration calibration;  ///< the constants the world was generated with
  Dataset dataset;  ///< format "synthetic"; features = 19 genres + tag relevances; folds u1..u5, ua, ub

  // The planted structure.
  std::vector<std::string> tagNames;
  std::vector<SyntheticTheme> themes;
  std::vector<int32_t> primaryTheme;    ///< per movie (dense item index)
  std::vector<float> themeWeight;       ///< movies × themes, row-major: movie content
  std::vector<float> tagRelevance;      ///< movies × tags, row-major, in [0, 1] (the tag genome)
  std::vector<float> itemBias;          ///< per movie
  std::vector<float> taste;             ///< users × themes, row-major: how much a user likes a theme
  std::vector<float> generosity;        ///< per user: the user bias
  double globalMean = 3.5;
  double noiseSd = 0.0;
  /// With calibration.starShares: the 4 cuts of the noisy score between 1|2, 2|3, 3|4 and 4|5
  /// stars (ascending); empty when scores are rounded to the scale.
  std::vector<double> starCuts;
  /// RMSE of the noiseless expected rating (clamped to the scale) against the generated ratings:
  /// no model can do much better, so it is reported by `info` as the noise floor.
  double noiseFloorRmse = 0.0;

  /// The noiseless score of user u for movie i: global mean + user and movie biases + taste·content.
  /// Without star cuts it is on the rating scale (the rating is it plus noise, rounded).
  double latentScore(int32_t user, int32_t movie) const;
  /// The expected rating of user u for movie i over the noise: latentScore before rounding, or,
  /// with star cuts, the mean star of the ordered probit.
  double expectedRating(int32_t user, int32_t movie) const;
};

SyntheticWorld generateSyntheticWorld(const SyntheticParams& params);
/// The same with explicit constants (params.realism is then only a label), for calibrating.
SyntheticWorld generateSyntheticWorld(const SyntheticParams& params, const SyntheticCalibration& calibration);

/// Writes an ml-100k folder: u.data, u.item (ISO-8859-1, 19 genre flags), u.genre, u.user,
/// u1..u5.base/.test, ua/ub.base/.test, plus genome-scores.csv/genome-tags.csv for the tags.
void writeMl100kFolder(const SyntheticWorld& world, const std::filesystem::path& dir);
/// Writes an ml-latest folder: ratings.csv, movies.csv, tags.csv, links.csv, genome-scores.csv,
/// genome-tags.csv (RFC-4180 quoting, UTF-8).
void writeMlLatestFolder(const SyntheticWorld& world, const std::filesystem::path& dir);

/// The vocabulary text shipped in the binary (assets/synthetic/vocabulary.txt).
std::string_view embeddedVocabulary();

}  // namespace ll
