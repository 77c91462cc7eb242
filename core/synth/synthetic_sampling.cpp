// Who rates what. Ratings per user are heavy-tailed (log-normal above the minimum of 20), movie
// popularity is log-normal (a head of blockbusters, a long tail of films almost nobody rated),
// and what a user picks follows taste as well as popularity: people watch (and so rate) more
// films of the themes they like. A pick is a theme, drawn from the catalogue's popularity share of
// each theme tilted by exp(tilt · taste[u, theme]), then a film of that primary theme by
// popularity. Each user's movies are distinct: alias-table draws with rejection of repeats, or,
// for users who rate a large part of the catalogue, weighted sampling without replacement.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/synth/synthetic_limits.h"
#include "core/synth/synthetic_stages.h"

namespace ll {
namespace {

// Walker's alias method (Vose's construction): O(1) draws from a fixed discrete distribution.
class AliasTable {
 public:
  explicit AliasTable(const std::vector<double>& weight) : probability_(weight.size()), alias_(weight.size()) {
    const size_t n = weight.size();
    const double total = std::accumulate(weight.begin(), weight.end(), 0.0);
    std::vector<double> scaled(n);
    std::vector<uint32_t> small, large;
    for (size_t i = 0; i < n; ++i) {
      scaled[i] = weight[i] * static_cast<double>(n) / total;
      (scaled[i] < 1.0 ? small : large).push_back(static_cast<uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
      const uint32_t s = small.back(), l = large.back();
      small.pop_back();
      probability_[s] = scaled[s];
      alias_[s] = l;
      scaled[l] = (scaled[l] + scaled[s]) - 1.0;
      if (scaled[l] < 1.0) {
        large.pop_back();
        small.push_back(l);
      }
    }
    // Leftovers are 1 up to rounding error.
    for (const auto* rest : {&large, &small}) {
      for (uint32_t i : *rest) {
        probability_[i] = 1.0;
        alias_[i] = i;
      }
    }
  }

  int32_t draw(Random& random) const {
    const auto column = static_cast<uint32_t>(random.below(probability_.size()));
    return static_cast<int32_t>(random.uniform() < probability_[column] ? column : alias_[column]);
  }

 private:
  std::vector<double> probability_;
  std::vector<uint32_t> alias_;
};

// Efraimidis–Spirakis: the `count` movies with the largest log(u)/w are a weighted sample without
// replacement. Ties are broken by index so the chosen set does not depend on the sort algorithm.
void sampleWithoutReplacement(const std::vector<double>& weight, int64_t count, Random& random,
                              std::vector<std::pair<double, int32_t>>& keys, int32_t* out) {
  keys.resize(weight.size());
  for (size_t i = 0; i < weight.size(); ++i) keys[i] = {std::log(1.0 - random.uniform()) / weight[i], static_cast<int32_t>(i)};
  auto larger = [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); };
  std::nth_element(keys.begin(), keys.begin() + count, keys.end(), larger);
  for (int64_t k = 0; k < count; ++k) out[k] = keys[static_cast<size_t>(k)].second;
}

}  // namespace

std::vector<int64_t> ratingsPerUser(const SyntheticParams& params, const SyntheticCalibration& calibration) {
  Random random = syntheticStream(params.seed, SyntheticStream::UserCounts);
  const size_t users = static_cast<size_t>(params.users);
  const int64_t extraTotal = params.ratings - kMinRatingsPerUser * params.users;
  const double cap = static_cast<double>(params.movies - kMinRatingsPerUser);
  // ML-100K: 20 minimum, median ≈ 65, mean ≈ 106 ratings per user; log-normal σ = 0.9 above 20
  // by default (the calibrated world caps the tail).
  std::vector<double> share(users);
  const double spread = calibration.activitySpread;
  for (auto& s : share) {
    const double z = random.normal();
    const double zSpread = z < 0 && calibration.activityLowerSpread ? *calibration.activityLowerSpread : spread;
    s = std::exp(zSpread * (calibration.activityCapZ ? std::min(z, *calibration.activityCapZ) : z));
  }

  // Water-filling: users whose share exceeds the catalogue are capped and the rest re-shared.
  std::vector<char> capped(users, 0);
  std::vector<double> extra(users, 0.0);
  while (true) {
    double activeShare = 0.0;
    int64_t cappedCount = 0;
    for (size_t u = 0; u < users; ++u) {
      if (capped[u]) {
        ++cappedCount;
      } else {
        activeShare += share[u];
      }
    }
    const double remaining = static_cast<double>(extraTotal) - cap * static_cast<double>(cappedCount);
    bool changed = false;
    for (size_t u = 0; u < users; ++u) {
      if (capped[u]) continue;
      extra[u] = activeShare > 0 ? remaining * share[u] / activeShare : 0.0;
      if (extra[u] > cap) {
        capped[u] = 1;
        changed = true;
      }
    }
    if (!changed) break;
  }
  std::vector<int64_t> count(users);
  int64_t assigned = 0;
  for (size_t u = 0; u < users; ++u) {
    const double x = capped[u] ? cap : extra[u];
    count[u] = static_cast<int64_t>(std::floor(x));
    assigned += count[u];
  }
  // Largest remainders get the leftover ratings (fewer than the number of users).
  std::vector<uint32_t> order(users);
  std::iota(order.begin(), order.end(), 0u);
  auto fraction = [&](uint32_t u) { return capped[u] ? -1.0 : extra[u] - std::floor(extra[u]); };
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const double fa = fraction(a), fb = fraction(b);
    return fa > fb || (fa == fb && a < b);
  });
  for (size_t k = 0; assigned < extraTotal; k = (k + 1) % users) {
    if (static_cast<double>(count[order[k]]) < cap) {
      ++count[order[k]];
      ++assigned;
    }
  }
  for (auto& c : count) c += kMinRatingsPerUser;
  return count;
}

MoviePopularity moviePopularity(const SyntheticParams& params, const SyntheticCalibration& calibration) {
  Random random = syntheticStream(params.seed, SyntheticStream::Popularity);
  // Wider spread for bigger catalogues: ML-25M's median movie has a handful of ratings while its
  // mean is in the hundreds; ML-100K's median is 27 against a mean of 59. (Taste spreads the
  // picks over more films, so the spread is a little wider than popularity alone would need.)
  const double spread =
      calibration.popularitySpread + 0.3 * std::log(std::max(1.0, params.movies / static_cast<double>(kDefaultMovies)));
  MoviePopularity popularity;
  popularity.weight.resize(static_cast<size_t>(params.movies));
  popularity.score.resize(static_cast<size_t>(params.movies));
  for (size_t i = 0; i < popularity.weight.size(); ++i) {
    popularity.score[i] = random.normal();
    const double z = calibration.popularityCapZ ? std::min(popularity.score[i], *calibration.popularityCapZ) : popularity.score[i];
    popularity.weight[i] = std::exp(spread * z);
  }
  return popularity;
}

void chooseRatedMovies(const SyntheticWorld& world, const std::vector<int64_t>& perUser, const std::vector<double>& weight,
                       std::vector<int64_t>& offsets, std::vector<int32_t>& items) {
  const SyntheticParams& params = world.params;
  // How strongly taste steers what a user rates: by default a liked theme (taste ≈ +1) is picked
  // about e^2.5 ≈ 12 times as often as its popularity alone would have it, a disliked one about a
  // twelfth. Strong enough that, binarised, the world rewards learning tastes over ranking by
  // popularity (Rendle et al. 2020's comparison means something), as real rating data does.
  const double tasteTilt = world.calibration.tasteTilt;
  Random random = syntheticStream(params.seed, SyntheticStream::Selection);
  const int32_t users = params.users;
  offsets.assign(static_cast<size_t>(users) + 1, 0);
  for (int32_t u = 0; u < users; ++u) offsets[u + 1] = offsets[u] + perUser[u];
  items.resize(static_cast<size_t>(params.ratings));

  // Films by primary theme, each theme with its alias table and share of the popularity mass.
  const size_t themes = world.themes.size();
  std::vector<std::vector<int32_t>> themeMovies(themes);
  std::vector<std::vector<double>> themeWeights(themes);
  std::vector<double> themeMass(themes, 0.0);
  for (size_t m = 0; m < weight.size(); ++m) {
    const auto t = static_cast<size_t>(world.primaryTheme[m]);
    themeMovies[t].push_back(static_cast<int32_t>(m));
    themeWeights[t].push_back(weight[m]);
    themeMass[t] += weight[m];
  }
  std::vector<AliasTable> themeTables;
  themeTables.reserve(themes);
  for (size_t t = 0; t < themes; ++t) themeTables.emplace_back(themeWeights[t]);

  std::vector<int32_t> stamp(weight.size(), -1);  // stamp[m] == u: user u already has movie m
  std::vector<std::pair<double, int32_t>> keys;
  std::vector<double> cumulative(themes), userWeight;
  for (int32_t u = 0; u < users; ++u) {
    // This user's chance of each theme: its popularity mass tilted by taste (cumulative, for a
    // binary search per draw).
    const float* taste = world.taste.data() + static_cast<size_t>(u) * themes;
    double total = 0.0;
    for (size_t t = 0; t < themes; ++t) {
      total += themeMass[t] * std::exp(tasteTilt * taste[t]);
      cumulative[t] = total;
    }
    int32_t* out = items.data() + offsets[u];
    const int64_t need = perUser[u];
    // Rejection is cheap while the user's picks hold little of their probability mass; give up on
    // it after a budget of draws and sample without replacement instead (deterministic either way).
    int64_t have = 0, budget = 4 * need + 64;
    while (have < need && budget-- > 0) {
      const auto t = static_cast<size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), random.uniform() * total) -
                                         cumulative.begin());
      if (t >= themes || themeMovies[t].empty()) continue;
      const int32_t m = themeMovies[t][static_cast<size_t>(themeTables[t].draw(random))];
      if (stamp[m] == u) continue;
      stamp[m] = u;
      out[have++] = m;
    }
    if (have < need) {
      userWeight.resize(weight.size());
      for (size_t m = 0; m < weight.size(); ++m) {
        const auto t = static_cast<size_t>(world.primaryTheme[m]);
        // Every film keeps a positive weight, so the sample can always be completed.
        userWeight[m] = std::max(weight[m] * std::exp(tasteTilt * taste[t]), 1e-300);
      }
      sampleWithoutReplacement(userWeight, need, random, keys, out);
      for (int64_t k = 0; k < need; ++k) stamp[out[k]] = u;
    }
  }

  // Every movie gets a rating: an unrated movie takes over a random rating of a movie that has
  // more than one. The user cannot already have the unrated movie, so no pair repeats.
  std::vector<int64_t> count(weight.size(), 0);
  for (int32_t m : items) ++count[m];
  for (size_t m = 0; m < count.size(); ++m) {
    if (count[m] > 0) continue;
    while (true) {
      const auto k = static_cast<size_t>(random.below(items.size()));
      if (count[items[k]] < 2) continue;
      --count[items[k]];
      items[k] = static_cast<int32_t>(m);
      count[m] = 1;
      break;
    }
  }
}

}  // namespace ll
