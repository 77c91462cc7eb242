// The planted structure and the ratings it produces:
//   rating = globalMean + generosity[u] + itemBias[i] + Σ_t taste[u,t]·themeWeight[i,t] + noise,
// rounded to the rating scale. Movies carry one primary theme and up to two secondary ones; the
// tag genome shows them (primary tags high, secondary medium, everything else low noise).
// The default calibration was tuned so the histogram and mean look like ML-100K and the oracle beats
// a per-user-mean predictor by a wide margin (see tests/unit/synth_world_test.cpp); the ml100k one
// matches real ML-100K's statistics and model errors (tests/unit/synth_realism_test.cpp).
#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <vector>

#include "core/synth/synthetic_stages.h"

namespace ll {
namespace {

// The scales of biases, tastes and noise are in SyntheticCalibration (synthetic_calibration.h).
constexpr double kPrimaryWeight[2] = {0.75, 1.0};
constexpr double kSecondaryWeight[2] = {0.25, 0.6};

// ML-100K's rating window: 20 Sep 1997 to 22 Apr 1998.
constexpr int64_t kFirstTime = 874724710;
constexpr int64_t kLastTime = 893286638;

int32_t pickWeighted(const std::vector<double>& weight, double total, Random& random) {
  double x = random.uniform() * total;
  for (size_t t = 0; t < weight.size(); ++t) {
    if (x < weight[t]) return static_cast<int32_t>(t);
    x -= weight[t];
  }
  // Rounding can leave x just past the end: the last theme with weight takes it.
  for (size_t t = weight.size(); t-- > 0;) {
    if (weight[t] > 0) return static_cast<int32_t>(t);
  }
  return 0;
}

double clampToScale(double x, bool halfStars) { return std::clamp(x, halfStars ? 0.5 : 1.0, 5.0); }

double roundToScale(double x, bool halfStars) {
  return halfStars ? clampToScale(std::floor(2.0 * x + 0.5) / 2.0, true) : clampToScale(std::floor(x + 0.5), false);
}

// The cuts between 1|2, 2|3, 3|4 and 4|5 stars that give each star its share of the scores:
// midway between the neighbouring sorted scores at each cumulative share.
std::vector<double> cutsAtShares(const std::vector<double>& scores, const std::array<double, 5>& shares) {
  std::vector<double> sorted = scores;
  std::sort(sorted.begin(), sorted.end());
  const size_t n = sorted.size();
  double total = 0.0;
  for (double s : shares) total += s;
  std::vector<double> cuts;
  double cumulative = 0.0;
  for (size_t star = 0; star + 1 < shares.size(); ++star) {
    cumulative += shares[star];
    const auto below = static_cast<size_t>(std::llround(cumulative / total * static_cast<double>(n)));
    if (n == 0) {
      cuts.push_back(static_cast<double>(star) + 1.5);
    } else if (below == 0) {
      cuts.push_back(sorted.front() - 1.0);
    } else if (below >= n) {
      cuts.push_back(sorted.back() + 1.0);
    } else {
      cuts.push_back(0.5 * (sorted[below - 1] + sorted[below]));
    }
  }
  return cuts;
}

}  // namespace

void plantMovieContent(SyntheticWorld& world, const SyntheticVocabulary& vocabulary,
                       const MoviePopularity& popularity, int32_t unknownMovie) {
  Random random = syntheticStream(world.params.seed, SyntheticStream::Content);
  const SyntheticCalibration& c = world.calibration;
  const auto movies = static_cast<size_t>(world.params.movies);
  const size_t themes = world.themes.size();
  const size_t tags = world.tagNames.size();

  std::vector<double> primaryWeight(themes), secondaryWeight(themes);
  int32_t unknownTheme = -1;
  for (size_t t = 0; t < themes; ++t) {
    primaryWeight[t] = vocabulary.themes[t].weight;
    // A movie of unknown genre has no other genres, so the unknown theme is never secondary.
    secondaryWeight[t] = world.themes[t].genre == 0 ? 0.0 : vocabulary.themes[t].weight;
    if (world.themes[t].genre == 0 && unknownTheme < 0) unknownTheme = static_cast<int32_t>(t);
  }
  double primaryTotal = 0, secondaryTotal = 0;
  for (size_t t = 0; t < themes; ++t) {
    primaryTotal += primaryWeight[t];
    secondaryTotal += secondaryWeight[t];
  }

  world.primaryTheme.assign(movies, 0);
  world.themeWeight.assign(movies * themes, 0.0f);
  world.itemBias.assign(movies, 0.0f);
  for (size_t i = 0; i < movies; ++i) {
    float* weight = world.themeWeight.data() + i * themes;
    Movie& movie = world.dataset.movies[i];
    const bool isUnknown = static_cast<int32_t>(i) == unknownMovie && unknownTheme >= 0;
    const int32_t primary = isUnknown ? unknownTheme : pickWeighted(primaryWeight, primaryTotal, random);
    world.primaryTheme[i] = primary;
    weight[primary] = static_cast<float>(random.uniform(kPrimaryWeight[0], kPrimaryWeight[1]));
    movie.genres = 1u << world.themes[primary].genre;
    const double u = random.uniform();
    const int secondaries = (world.themes[primary].genre == 0 || secondaryTotal <= 0) ? 0 : (u < 0.35 ? 0 : u < 0.75 ? 1 : 2);
    for (int s = 0; s < secondaries; ++s) {
      int32_t t = primary;
      for (int attempt = 0; attempt < 16 && weight[t] > 0; ++attempt) t = pickWeighted(secondaryWeight, secondaryTotal, random);
      if (weight[t] > 0) continue;  // a tiny vocabulary may have nothing left to add
      weight[t] = static_cast<float>(random.uniform(kSecondaryWeight[0], kSecondaryWeight[1]));
      if (random.bernoulli(0.75)) movie.genres |= 1u << world.themes[t].genre;
    }
    // Popular films are rated a little higher; about one film in ten is plainly bad.
    double bias = c.itemBiasSd * random.normal() + c.itemBiasPopularity * popularity.score[i];
    if (random.bernoulli(std::min(1.0, c.badFilmChance * std::exp(-c.badFilmPopularity * popularity.score[i])))) bias -= random.uniform(c.badFilmDrop[0], c.badFilmDrop[1]);
    world.itemBias[i] = static_cast<float>(bias);
  }

  // The genome: relevance of every tag to every movie, driven by the movie's theme weights.
  Random genome = syntheticStream(world.params.seed, SyntheticStream::Genome);
  std::vector<int32_t> themeOfTag(tags, 0);
  for (size_t t = 0; t < themes; ++t) {
    for (int32_t tag : world.themes[t].tags) themeOfTag[tag] = static_cast<int32_t>(t);
  }
  world.tagRelevance.assign(movies * tags, 0.0f);
  for (size_t i = 0; i < movies; ++i) {
    const float* weight = world.themeWeight.data() + i * themes;
    float* relevance = world.tagRelevance.data() + i * tags;
    for (size_t j = 0; j < tags; ++j) {
      const double v = genome.uniform();
      const double noise = 0.01 + 0.15 * v * v;
      const double w = weight[themeOfTag[j]];
      const double value = w > 0 ? w * genome.uniform(0.6, 1.0) + 0.5 * noise : noise;
      relevance[j] = static_cast<float>(std::clamp(value, 0.0, 1.0));
    }
  }
}

void plantUserTastes(SyntheticWorld& world) {
  Random random = syntheticStream(world.params.seed, SyntheticStream::Tastes);
  const SyntheticCalibration& c = world.calibration;
  const auto users = static_cast<size_t>(world.params.users);
  const size_t themes = world.themes.size();

  // Some themes please most people more than others (in MovieLens, film noir beats horror).
  std::vector<double> themeMean(themes);
  for (auto& m : themeMean) m = c.themeMeanSd * random.normal();
  // Small demographic leanings per genre, so age and gender carry some signal (for NRP).
  enum : int32_t { kAction = 1, kAnimation = 3, kComedy = 5, kDocumentary = 7, kDrama = 8, kNoir = 10,
                   kHorror = 11, kMusical = 12, kRomance = 14, kSciFi = 15, kWar = 17, kWestern = 18 };
  auto lean = [](const UserInfo& info, int32_t genre) {
    double x = 0.0;
    const double sex = info.gender == 'F' ? 1.0 : info.gender == 'M' ? -0.4 : 0.0;
    if (genre == kRomance) x += 0.25 * sex;
    if (genre == kMusical) x += 0.15 * sex;
    if (genre == kAction || genre == kWar) x -= 0.15 * sex;
    if (info.age > 0 && info.age < 25) {
      if (genre == kSciFi || genre == kHorror) x += 0.15;
      if (genre == kComedy || genre == kAnimation) x += 0.1;
    } else if (info.age >= 45) {
      if (genre == kWar || genre == kWestern || genre == kNoir) x += 0.2;
      if (genre == kDrama || genre == kDocumentary) x += 0.15;
      if (genre == kHorror) x -= 0.15;
    }
    return x;
  };

  world.taste.assign(users * themes, 0.0f);
  world.generosity.assign(users, 0.0f);
  std::vector<double> row(themes);
  for (size_t u = 0; u < users; ++u) {
    const UserInfo& info = world.dataset.users[u];
    for (size_t t = 0; t < themes; ++t) row[t] = themeMean[t] + c.tasteSd * random.normal() + lean(info, world.themes[t].genre);
    // Everyone has a few favourite themes and one or two they avoid.
    const int liked = 1 + static_cast<int>(random.below(3));
    const int disliked = 1 + static_cast<int>(random.below(2));
    std::vector<char> used(themes, 0);
    for (int k = 0; k < liked + disliked && k < static_cast<int>(themes); ++k) {
      size_t t = random.below(themes);
      while (used[t]) t = (t + 1) % themes;
      used[t] = 1;
      row[t] += (k < liked ? 1.0 : -1.0) * random.uniform(c.favouriteShift[0], c.favouriteShift[1]);
    }
    for (size_t t = 0; t < themes; ++t) world.taste[u * themes + t] = static_cast<float>(row[t]);
    // Generosity: mostly near zero, with a tail of harsh raters (ML-100K's user means skew left).
    double g = c.generositySd * random.normal();
    if (random.bernoulli(c.harshChance)) g -= random.uniform(c.harshDrop[0], c.harshDrop[1]);
    world.generosity[u] = static_cast<float>(g);
  }
}

void rateAndTime(SyntheticWorld& world) {
  Ratings& ratings = world.dataset.ratings;
  const bool half = world.params.halfStars;
  const SyntheticCalibration& c = world.calibration;
  world.noiseSd = c.noiseSd;

  Random noise = syntheticStream(world.params.seed, SyntheticStream::Noise);
  // Noise with a left tail: now and then a film simply fails for someone (ML-100K has more 1s
  // than a symmetric model gives at its mean).
  // The drop's mean is added back so the noise has mean zero and expectedRating stays the mean.
  auto noisyScore = [&](size_t k) {
    const double score = world.latentScore(ratings.user[k], ratings.item[k]);
    double e = c.noiseSd * noise.normal() + c.letDownChance * 0.5 * (c.letDown[0] + c.letDown[1]);
    if (noise.bernoulli(c.letDownChance)) e -= noise.uniform(c.letDown[0], c.letDown[1]);
    return score + e;
  };
  const size_t n = ratings.item.size();
  ratings.value.resize(n);
  const std::span<float> value = ratings.value.edit();
  double squared = 0.0;
  if (!c.starShares) {
    for (size_t k = 0; k < n; ++k) {
      const double rating = roundToScale(noisyScore(k), half);
      value[k] = static_cast<float>(rating);
      const double error = clampToScale(world.expectedRating(ratings.user[k], ratings.item[k]), half) - rating;
      squared += error * error;
    }
  } else {
    std::vector<double> scores(n);
    for (size_t k = 0; k < n; ++k) scores[k] = noisyScore(k);
    world.starCuts = cutsAtShares(scores, *c.starShares);
    for (size_t k = 0; k < n; ++k) {
      const auto below = std::upper_bound(world.starCuts.begin(), world.starCuts.end(), scores[k]) - world.starCuts.begin();
      const double rating = 1.0 + static_cast<double>(below);
      value[k] = static_cast<float>(rating);
      const double error = world.expectedRating(ratings.user[k], ratings.item[k]) - rating;
      squared += error * error;
    }
  }
  world.noiseFloorRmse = n == 0 ? 0.0 : std::sqrt(squared / static_cast<double>(n));

  // Times: each user rates in a few sessions (seconds to minutes apart, days between sessions).
  // The order of a user's ratings is shuffled first so time does not follow popularity.
  Random times = syntheticStream(world.params.seed, SyntheticStream::Times);
  ratings.timestamp.resize(ratings.item.size());
  const std::span<int64_t> timestamp = ratings.timestamp.edit();
  const std::span<int32_t> item = ratings.item.edit();
  const int64_t window = kLastTime - kFirstTime;
  std::vector<int64_t> step;
  size_t begin = 0;
  while (begin < ratings.user.size()) {
    size_t end = begin;
    while (end < ratings.user.size() && ratings.user[end] == ratings.user[begin]) ++end;
    const size_t n = end - begin;
    // Shuffle item and value together (value is a function of the pair plus noise already drawn).
    for (size_t k = n - 1; k > 0; --k) {
      const size_t j = times.below(k + 1);
      std::swap(item[begin + k], item[begin + j]);
      std::swap(value[begin + k], value[begin + j]);
    }
    const double gapChance = std::min(0.1, 8.0 / static_cast<double>(n));
    step.assign(n, 0);
    int64_t span = 0;
    for (size_t k = 1; k < n; ++k) {
      step[k] = times.bernoulli(gapChance) ? 3600 + static_cast<int64_t>(times.below(20 * 86400))
                                           : 5 + static_cast<int64_t>(times.below(120));
      span += step[k];
    }
    if (span > window) {  // a very heavy user: squeeze the sessions into the window
      const double scale = static_cast<double>(window - static_cast<int64_t>(n)) / static_cast<double>(span);
      span = 0;
      for (size_t k = 1; k < n; ++k) {
        step[k] = 1 + static_cast<int64_t>(static_cast<double>(step[k]) * scale);
        span += step[k];
      }
    }
    int64_t t = kFirstTime + static_cast<int64_t>(times.below(static_cast<uint64_t>(std::max<int64_t>(1, window - span))));
    for (size_t k = 0; k < n; ++k) {
      t += step[k];
      timestamp[begin + k] = t;
    }
    begin = end;
  }
}

}  // namespace ll
