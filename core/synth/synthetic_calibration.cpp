// The ml100k calibration, and how each was chosen.
#include "core/synth/synthetic_calibration.h"

namespace ll {

std::optional<SyntheticRealism> syntheticRealismNamed(std::string_view name) {
  if (name == "default") return SyntheticRealism::Default;
  if (name == "ml100k") return SyntheticRealism::Ml100k;
  return std::nullopt;
}

std::string_view syntheticRealismName(SyntheticRealism realism) {
  return realism == SyntheticRealism::Ml100k ? "ml100k" : "default";
}

SyntheticCalibration syntheticCalibration(SyntheticRealism realism) {
  SyntheticCalibration c;
  if (realism == SyntheticRealism::Default) return c;
  // Real MovieLens 100K (GroupLens) is the target: 6,110 / 11,370 / 27,145 / 34,174 / 21,201
  // ratings of 1..5 stars, given exactly by cutting the noisy scores at their quantiles; so only
  // the ratios of the variance parts below matter, not their scale.
  c.starShares = std::array<double, 5>{0.06110, 0.11370, 0.27145, 0.34174, 0.21201};
  // Activity (20 / 65 / 244 / 737 ratings per user at min / median / p90 / max): a log-normal
  // with a long lower half and a capped top. Popularity (1 / 27 / 169 / 583 per movie): wider
  // than the default, capped, since no film reaches more than ~60 % of the users.
  c.activitySpread = 1.3;
  c.activityLowerSpread = 2.2;
  c.activityCapZ = 2.15;
  c.popularitySpread = 1.9;
  c.popularityCapZ = 2.5;
  // The variance parts. Mean-field first: official-fold RMSE² of user-bias (1.045²) less that of
  // linear with item ids (0.949²) is the item part the models can fit, ≈ 0.19 of the 1.27 total;
  // mf's gain (0.949² − 0.920²) is the low-rank taste it can fit, ≈ 0.05; the user part ≈ 0.17;
  // the rest is noise. Then measured on the official folds (5-fold mean test RMSE, today's
  // defaults): user-bias 1.047, linear 1.030, linear (both) 0.948, mf k=32 0.918.
  // Quality is spread wide over the catalogue but little of it is where the ratings are: bad
  // films are mostly obscure ones (sd of movie means 0.78, log-count/mean correlation 0.51,
  // while the rating-weighted item part stays small).
  c.itemBiasSd = 0.38;
  c.itemBiasPopularity = 0.35;
  c.badFilmChance = 0.12;
  c.badFilmPopularity = 1.0;
  // Tastes: a few strong favourites and aversions over weak general leanings, so that the
  // low-rank part mf can learn is concentrated (k = 32 finds most of it) but small.
  c.themeMeanSd = 0.1;
  c.tasteSd = 0.2;
  c.favouriteShift = {0.9, 1.8};
  c.tasteTilt = 1.5;
  // Users: sd of user means 0.445; no separate harsh tail (the shares already skew left).
  c.generositySd = 0.48;
  c.harshChance = 0.0;
  c.globalMean = 0.0;  // the quantile cuts place the scale
  c.noiseSd = 0.9;
  c.letDownChance = 0.0;
  return c;
}

}  // namespace ll
