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
  // ML-100K (GroupLens): shares of 1..5 stars 6.1 / 11.4 / 27.1 / 34.2 / 21.2 %.
  c.starShares = std::array<double, 5>{0.06110, 0.11370, 0.27145, 0.34174, 0.21201};
  c.activitySpread = 1.3;
  c.activityCapZ = 2.0;
  c.popularitySpread = 1.5;
  c.popularityCapZ = 2.5;
  c.tasteTilt = 1.5;
  c.itemBiasSd = 0.4;
  c.itemBiasPopularity = 0.3;
  c.badFilmChance = 0.12;
  c.themeMeanSd = 0.1;
  c.tasteSd = 0.2;
  c.favouriteShift = {0.3, 0.6};
  c.generositySd = 0.45;
  c.harshChance = 0.0;
  c.globalMean = 0.0;
  c.noiseSd = 0.8;
  c.letDownChance = 0.0;
  return c;
}

}  // namespace ll
