// parseSyntheticSpec: "synthetic[:key=value,...]" to SyntheticParams, with unset sizes scaled
// from the set ones along MovieLens' own growth (100K → 1M → 25M), or all three taken from a
// MovieLens release by name (shape=ml32m).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "core/data/input_error.h"
#include "core/synth/synthetic_limits.h"
#include "core/synth/synthetic_world.h"

namespace ll {
namespace {

// Users and movies grow sub-linearly with ratings: users ≈ 943·s^0.85, movies ≈ 1682·s^0.6 with
// s = ratings / 100,000, which lands near ML-1M (6k users) at 1M and ML-25M's shape at 25M.
constexpr double kUserExponent = 0.85;
constexpr double kMovieExponent = 0.6;
constexpr double kDensity = 0.063;  // ML-100K: 100,000 / (943 × 1682)

int64_t usersForRatings(int64_t ratings) {
  return std::llround(kDefaultUsers * std::pow(static_cast<double>(ratings) / kDefaultRatings, kUserExponent));
}
int64_t moviesForRatings(int64_t ratings) {
  return std::llround(kDefaultMovies * std::pow(static_cast<double>(ratings) / kDefaultRatings, kMovieExponent));
}

// The counts of the MovieLens releases (their README files), so a world can stand in for one at
// its exact size.
struct MovieLensShape {
  std::string_view name;
  int32_t users;
  int32_t movies;
  int64_t ratings;
};
constexpr MovieLensShape kMovieLensShapes[] = {
    {"ml100k", 943, 1682, 100000},          {"ml1m", 6040, 3706, 1000209},
    {"ml10m", 69878, 10677, 10000054},      {"ml20m", 138493, 26744, 20000263},
    {"ml25m", 162541, 59047, 25000095},     {"ml32m", 200948, 87585, 32000204},
};

const MovieLensShape* movieLensShapeNamed(std::string_view name) {
  for (const MovieLensShape& shape : kMovieLensShapes) {
    if (shape.name == name) return &shape;
  }
  return nullptr;
}

// Built by appending: GCC 12 warns falsely (-Wrestrict) on `"\"" + std::string(...)`.
std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  out += text;
  out += '"';
  return out;
}

[[noreturn]] void fail(std::string_view spec, const std::string& expected, const std::string& found) {
  throw InputError(std::string(spec), 0, expected, found);
}

int64_t parseInteger(std::string_view spec, std::string_view key, std::string_view text, int64_t lo, int64_t hi) {
  int64_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() || value < lo || value > hi) {
    fail(spec, std::string(key) + " as a whole number from " + std::to_string(lo) + " to " + std::to_string(hi),
         quoted(text));
  }
  return value;
}

}  // namespace

void validateSyntheticParams(const SyntheticParams& p, std::string_view context) {
  if (p.halfStars && p.realism == SyntheticRealism::Ml100k) {
    fail(context, "whole stars with realism=ml100k (it matches ML-100K's 1 to 5 stars)", "half-stars=true");
  }
  if (p.users < 1 || p.users > kMaxUsers) {
    fail(context, "users from 1 to " + std::to_string(kMaxUsers), std::to_string(p.users));
  }
  if (p.movies < kMinRatingsPerUser || p.movies > kMaxMovies) {
    fail(context, "movies from " + std::to_string(kMinRatingsPerUser) + " (each user rates at least that many) to " +
                      std::to_string(kMaxMovies),
         std::to_string(p.movies));
  }
  if (p.ratings < 1 || p.ratings > kMaxRatings) {
    fail(context, "ratings from 1 to " + std::to_string(kMaxRatings), std::to_string(p.ratings));
  }
  const int64_t users = p.users;
  const int64_t movies = p.movies;
  if (p.ratings < kMinRatingsPerUser * users) {
    fail(context, "at least " + std::to_string(kMinRatingsPerUser) + " ratings per user (ratings >= " +
                      std::to_string(kMinRatingsPerUser * users) + " for " + std::to_string(users) + " users)",
         std::to_string(p.ratings) + " ratings");
  }
  if (p.ratings < movies) {
    fail(context, "at least one rating per movie (ratings >= " + std::to_string(movies) + ")",
         std::to_string(p.ratings) + " ratings");
  }
  if (p.ratings > users * movies) {
    fail(context, "at most one rating per user and movie (ratings <= users x movies = " + std::to_string(users * movies) + ")",
         std::to_string(p.ratings) + " ratings");
  }
}

SyntheticParams parseSyntheticSpec(std::string_view spec) {
  constexpr std::string_view kPrefix = "synthetic";
  if (spec.substr(0, kPrefix.size()) != kPrefix || (spec.size() > kPrefix.size() && spec[kPrefix.size()] != ':')) {
    fail(spec, "\"synthetic\" or \"synthetic:key=value,...\"", quoted(spec));
  }
  std::string_view rest = spec.size() > kPrefix.size() ? spec.substr(kPrefix.size() + 1) : std::string_view();

  SyntheticParams params;
  bool hasUsers = false, hasMovies = false, hasRatings = false, hasSeed = false, hasHalf = false, hasRealism = false,
       hasShape = false;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view pair = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (comma != std::string_view::npos && rest.empty()) fail(spec, "key=value after ','", "nothing");
    const size_t equals = pair.find('=');
    if (equals == std::string_view::npos) fail(spec, "key=value", quoted(pair));
    const std::string_view key = pair.substr(0, equals);
    const std::string_view value = pair.substr(equals + 1);
    auto once = [&](bool& seen) {
      if (seen) fail(spec, std::string(key) + " given once", "it twice");
      seen = true;
    };
    if (key == "seed") {
      once(hasSeed);
      uint64_t seed = 0;
      const auto result = std::from_chars(value.data(), value.data() + value.size(), seed);
      if (result.ec != std::errc() || result.ptr != value.data() + value.size()) {
        fail(spec, "seed as a non-negative whole number", quoted(value));
      }
      params.seed = seed;
    } else if (key == "users") {
      once(hasUsers);
      params.users = static_cast<int32_t>(parseInteger(spec, key, value, 1, kMaxUsers));
    } else if (key == "movies") {
      once(hasMovies);
      params.movies = static_cast<int32_t>(parseInteger(spec, key, value, kMinRatingsPerUser, kMaxMovies));
    } else if (key == "ratings") {
      once(hasRatings);
      params.ratings = parseInteger(spec, key, value, 1, kMaxRatings);
    } else if (key == "half-stars") {
      once(hasHalf);
      if (value == "true" || value == "1") {
        params.halfStars = true;
      } else if (value == "false" || value == "0") {
        params.halfStars = false;
      } else {
        fail(spec, "half-stars=true or half-stars=false", quoted(value));
      }
    } else if (key == "realism") {
      once(hasRealism);
      const auto realism = syntheticRealismNamed(value);
      if (!realism) fail(spec, "realism=default or realism=ml100k", quoted(value));
      params.realism = *realism;
    } else if (key == "shape") {
      once(hasShape);
      const MovieLensShape* shape = movieLensShapeNamed(value);
      if (!shape) fail(spec, "shape=ml100k, ml1m, ml10m, ml20m, ml25m or ml32m", quoted(value));
      params.users = shape->users;
      params.movies = shape->movies;
      params.ratings = shape->ratings;
    } else {
      fail(spec, "one of the keys seed, users, movies, ratings, shape, half-stars, realism", quoted(key));
    }
  }
  if (hasShape) {
    if (hasUsers || hasMovies || hasRatings) fail(spec, "shape or sizes (users, movies, ratings), not both", "both");
    validateSyntheticParams(params, spec);
    return params;
  }

  // Unset sizes follow from the set ones; explicit values are never changed, only checked.
  const int64_t users = params.users, movies = params.movies;
  if (!hasRatings) {
    int64_t ratings = kDefaultRatings;
    if (hasUsers && hasMovies) {
      ratings = std::llround(kDensity * static_cast<double>(users) * static_cast<double>(movies));
    } else if (hasUsers) {
      ratings = std::llround(kDefaultRatings * std::pow(static_cast<double>(users) / kDefaultUsers, 1.0 / kUserExponent));
    } else if (hasMovies) {
      ratings = std::llround(kDefaultRatings * std::pow(static_cast<double>(movies) / kDefaultMovies, 1.0 / kMovieExponent));
    }
    const int64_t most = std::min<int64_t>(kMaxRatings, (hasUsers ? users : kMaxUsers) * (hasMovies ? movies : kMaxMovies));
    ratings = std::max(ratings, kMinRatingsPerUser * (hasUsers ? users : 1));
    ratings = std::max(ratings, hasMovies ? movies : int64_t{1});
    params.ratings = std::min(ratings, most);
  }
  const int64_t ratings = params.ratings;
  if (!hasUsers) {
    int64_t u = usersForRatings(ratings);
    // Keep ≥ 20 ratings per user, and enough users to fill the ratings without duplicates.
    u = std::min<int64_t>({u, ratings / kMinRatingsPerUser, kMaxUsers});
    if (hasMovies) u = std::max<int64_t>(u, (ratings + params.movies - 1) / params.movies);
    params.users = static_cast<int32_t>(std::clamp<int64_t>(u, 1, kMaxUsers));
  }
  if (!hasMovies) {
    int64_t m = moviesForRatings(ratings);
    m = std::max<int64_t>(m, (ratings + params.users - 1) / params.users);  // room for the ratings
    m = std::min<int64_t>({m, ratings, kMaxMovies});
    params.movies = static_cast<int32_t>(std::max<int64_t>(m, kMinRatingsPerUser));
  }
  if (!hasRatings) {
    // A derived count may need a nudge to fit the sizes it produced (20 per user, 1 per movie).
    const int64_t u = params.users, m = params.movies;
    params.ratings = std::min(std::max({params.ratings, kMinRatingsPerUser * u, m}), std::min(u * m, kMaxRatings));
  }
  validateSyntheticParams(params, spec);
  return params;
}

}  // namespace ll
