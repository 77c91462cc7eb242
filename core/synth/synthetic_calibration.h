#pragma once
// The constants that shape the synthetic world, gathered so that one world can be calibrated
// against real data without touching the other. Two calibrations exist:
//   SyntheticRealism::Default — the built-in world as it always was (byte for byte: tests rely on it);
//   SyntheticRealism::Ml100k  — matched to real MovieLens 100K: its rating shares, activity and
//     popularity quantiles, spread of user and movie means, the popularity–quality correlation,
//     and the test RMSE of user-bias, linear and mf under official 5-fold cross-validation.
// Sizes (users, movies, ratings) scale the same way under either.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ll {

enum class SyntheticRealism : uint8_t { Default, Ml100k };

/// "default" or "ml100k"; nullopt for any other name.
std::optional<SyntheticRealism> syntheticRealismNamed(std::string_view name);
std::string_view syntheticRealismName(SyntheticRealism realism);

struct SyntheticCalibration {
  // Who rates what.
  /// σ of the log-normal share each user gets of the ratings above the minimum 20 (default: 0.9)
  double activitySpread = 0.9;
  /// shares are capped at exp(activitySpread · activityCapZ): real activity has a thinner top tail
  /// than a log-normal (default: none)
  std::optional<double> activityCapZ;
  /// σ below the median share, when it differs: a long lower tail lets the median sit low while
  /// the upper quantiles stay high (default: activitySpread)
  std::optional<double> activityLowerSpread;
  /// σ of log popularity at 1682 movies; larger catalogues add 0.3·log(movies/1682) (default: 1.55)
  double popularitySpread = 1.55;
  /// popularity scores are capped at this many sd (a blockbuster cannot outgrow the audience) (default: none)
  std::optional<double> popularityCapZ;
  /// how strongly taste steers which films a user rates: exp(tilt · taste) (default: 2.5)
  double tasteTilt = 2.5;

  // Movies.
  double itemBiasSd = 0.4;               ///< sd of a movie's own quality (default: 0.4)
  double itemBiasPopularity = 0.15;      ///< quality per sd of popularity score (default: 0.15)
  double badFilmChance = 0.12;           ///< chance a film of average popularity is plainly bad (default: 0.12) ...
  /// ... times exp(−this · popularity score): obscure films are more often bad (default: 0)
  double badFilmPopularity = 0.0;
  std::array<double, 2> badFilmDrop = {0.8, 2.2};  ///< ... and its quality drop, uniform (default: 0.8 to 2.2)

  // Users.
  double themeMeanSd = 0.15;             ///< sd of how much everyone likes a theme (default: 0.15)
  double tasteSd = 0.35;                 ///< sd of a user's taste for each theme (default: 0.35)
  std::array<double, 2> favouriteShift = {0.6, 1.2};  ///< taste added to favourite themes, taken from avoided ones (default: 0.6 to 1.2)
  double generositySd = 0.45;            ///< sd of the user bias (default: 0.45)
  double harshChance = 0.08;             ///< chance a user is a harsh rater (default: 0.08) ...
  std::array<double, 2> harshDrop = {0.5, 1.3};  ///< ... and by how much (default: 0.5 to 1.3)

  // Ratings.
  double globalMean = 3.22;              ///< the mean before biases (default: 3.22)
  double noiseSd = 0.6;                  ///< per-rating Gaussian noise (default: 0.6)
  double letDownChance = 0.08;           ///< chance of an extra drop (a film fails for someone) (default: 0.08) ...
  std::array<double, 2> letDown = {0.7, 2.0};  ///< ... of this many stars, uniform (default: 0.7 to 2.0)
  /// Shares of 1..5 stars. Unset: the noisy score is rounded to the scale. Set: the noisy scores
  /// of all ratings are cut at their quantiles so each star gets exactly its share (an ordered
  /// probit), on the whole-star scale only (default: unset)
  std::optional<std::array<double, 5>> starShares;
};

/// The calibration a realism names.
SyntheticCalibration syntheticCalibration(SyntheticRealism realism);

}  // namespace ll
