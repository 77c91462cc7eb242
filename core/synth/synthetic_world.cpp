// generateSyntheticWorld: runs the stages of synthetic_stages.h in order and assembles the
// Dataset (ratings, catalogue, users, features = genres + tag genome, official test sets).
#include "core/synth/synthetic_world.h"

#include <cmath>
#include <numbers>
#include <string>

#include "core/synth/synthetic_limits.h"
#include "core/synth/synthetic_stages.h"

namespace ll {
namespace {

std::string describe(const SyntheticParams& p) {
  std::string text = "synthetic:seed=" + std::to_string(p.seed) + ",users=" + std::to_string(p.users) +
                     ",movies=" + std::to_string(p.movies) + ",ratings=" + std::to_string(p.ratings) +
                     (p.halfStars ? ",half-stars=true" : "");
  if (p.realism != SyntheticRealism::Default) {
    text += ",realism=";
    text += syntheticRealismName(p.realism);
  }
  return text;
}

double probitCdfOfCut(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// ∫ Φ(z) dz = zΦ(z) + φ(z): averages Φ over a uniformly distributed shift.
double probitCdfIntegral(double z) { return z * probitCdfOfCut(z) + std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi); }

void fillFeatures(SyntheticWorld& world) {
  ItemFeatures& features = world.dataset.features;
  const auto& genres = movieLensGenres();
  const size_t tags = world.tagNames.size();
  const size_t columns = genres.size() + tags;
  const size_t movies = world.dataset.movies.size();
  features.items = static_cast<int32_t>(movies);
  features.count = static_cast<int32_t>(columns);
  features.genreCount = static_cast<int32_t>(genres.size());
  features.source = "genres+genome";
  features.uncoveredItems = 0;
  features.names = genres;
  features.names.insert(features.names.end(), world.tagNames.begin(), world.tagNames.end());
  features.values.assign(movies * columns, 0.0f);
  for (size_t i = 0; i < movies; ++i) {
    float* row = features.values.data() + i * columns;
    for (size_t g = 0; g < genres.size(); ++g) row[g] = (world.dataset.movies[i].genres >> g) & 1u ? 1.0f : 0.0f;
    const float* relevance = world.tagRelevance.data() + i * tags;
    std::copy(relevance, relevance + tags, row + genres.size());
  }
}

}  // namespace

double SyntheticWorld::latentScore(int32_t user, int32_t movie) const {
  const size_t themes = this->themes.size();
  const float* w = themeWeight.data() + static_cast<size_t>(movie) * themes;
  const float* t = taste.data() + static_cast<size_t>(user) * themes;
  double interaction = 0.0;
  for (size_t k = 0; k < themes; ++k) interaction += static_cast<double>(w[k]) * t[k];
  return globalMean + generosity[user] + itemBias[movie] + interaction;
}

double SyntheticWorld::expectedRating(int32_t user, int32_t movie) const {
  const double score = latentScore(user, movie);
  if (starCuts.empty()) return score;
  // The noise is σN + shift − D·[let-down], D ~ U(lo, hi), shift = chance·E[D] (mean zero), so
  // E[stars] = 1 + Σ_cuts P(score + noise > cut).
  const SyntheticCalibration& c = calibration;
  const double chance = c.letDownChance;
  const double shift = chance * 0.5 * (c.letDown[0] + c.letDown[1]);
  double stars = 1.0;
  for (double cut : starCuts) {
    const double y = (score + shift - cut) / noiseSd;
    double above = (1.0 - chance) * probitCdfOfCut(y);
    if (chance > 0) {
      const double width = (c.letDown[1] - c.letDown[0]) / noiseSd;
      above += chance * (probitCdfIntegral(y - c.letDown[0] / noiseSd) - probitCdfIntegral(y - c.letDown[1] / noiseSd)) / width;
    }
    stars += above;
  }
  return stars;
}

SyntheticWorld generateSyntheticWorld(const SyntheticParams& params) {
  return generateSyntheticWorld(params, syntheticCalibration(params.realism));
}

SyntheticWorld generateSyntheticWorld(const SyntheticParams& params, const SyntheticCalibration& calibration) {
  validateSyntheticParams(params, describe(params));
  const SyntheticVocabulary vocabulary = parseVocabulary(embeddedVocabulary());

  SyntheticWorld world;
  world.params = params;
  world.calibration = calibration;
  world.globalMean = calibration.globalMean;
  for (const auto& theme : vocabulary.themes) {
    SyntheticTheme planted;
    planted.name = theme.name;
    planted.genre = theme.genre;
    for (const auto& tag : theme.tags) {
      planted.tags.push_back(static_cast<int32_t>(world.tagNames.size()));
      world.tagNames.push_back(tag);
    }
    world.themes.push_back(std::move(planted));
  }

  Dataset& dataset = world.dataset;
  dataset.format = "synthetic";
  dataset.source = describe(params);
  dataset.minRating = params.halfStars ? 0.5f : 1.0f;
  dataset.maxRating = 5.0f;
  dataset.genreNames = movieLensGenres();
  dataset.userIds.resize(static_cast<size_t>(params.users));
  for (size_t u = 0; u < dataset.userIds.size(); ++u) dataset.userIds[u] = std::to_string(u + 1);
  dataset.itemIds.resize(static_cast<size_t>(params.movies));
  for (size_t i = 0; i < dataset.itemIds.size(); ++i) dataset.itemIds[i] = std::to_string(i + 1);
  dataset.movies.resize(static_cast<size_t>(params.movies));
  dataset.users = makeUsers(params);

  // Where ML-100K keeps its "unknown" entry (267 of 1682); only catalogues big enough to hide it.
  const int32_t unknownMovie = params.movies >= 100 ? static_cast<int32_t>(int64_t{params.movies} * 266 / 1682) : -1;

  // What the movies are about and what people like: planted first, since taste steers what
  // each user rates.
  const MoviePopularity popularity = moviePopularity(params, calibration);
  plantMovieContent(world, vocabulary, popularity, unknownMovie);
  plantUserTastes(world);

  // Who rates what.
  const std::vector<int64_t> perUser = ratingsPerUser(params, calibration);
  std::vector<int64_t> offsets;
  Ratings& ratings = dataset.ratings;
  std::vector<int32_t> items;
  chooseRatedMovies(world, perUser, popularity.weight, offsets, items);
  std::vector<int32_t> users(items.size());
  for (int32_t u = 0; u < params.users; ++u) {
    std::fill(users.begin() + offsets[u], users.begin() + offsets[u + 1], u);
  }
  ratings.userCount = params.users;
  ratings.itemCount = params.movies;
  ratings.user = std::move(users);
  ratings.item = std::move(items);

  // What they think of it, and when they said so.
  rateAndTime(world);

  makeCatalogue(world, vocabulary, unknownMovie);
  fillFeatures(world);
  makeOfficialTestSets(world);
  return world;
}

}  // namespace ll
