#pragma once
// The stages that generateSyntheticWorld runs, one file each. Internal to core/synth.
//   synthetic_sampling.cpp  — who rates what: ratings per user, movie popularity, picks by popularity and taste
//   synthetic_content.cpp   — themes of movies, tag genome, tastes, biases, rating values, times
//   synthetic_catalogue.cpp — titles, years, genres, u.user side information
//   synthetic_folds.cpp     — official test sets u1..u5, ua, ub

#include <cstdint>
#include <vector>

#include "core/data/dataset.h"
#include "core/synth/synthetic_world.h"
#include "core/synth/vocabulary.h"
#include "core/util/random.h"

namespace ll {

// Labels of the independent random streams (Random::derived(seed, label)): each stage draws from
// its own, so changing how one stage uses randomness leaves the others' numbers unchanged.
enum class SyntheticStream : uint64_t {
  UserCounts = 1, Popularity, Selection, Content, Tastes, Noise, Times, Titles, People, Folds, FoldA, FoldB,
  Genome, TagsFile, Links, ReleaseDates
};
inline Random syntheticStream(uint64_t seed, SyntheticStream stream) {
  return Random::derived(seed, static_cast<uint64_t>(stream));
}

/// How many ratings each user gives: heavy-tailed, each in [20, movies], summing to params.ratings.
std::vector<int64_t> ratingsPerUser(const SyntheticParams& params, const SyntheticCalibration& calibration);

/// Popularity weight per movie (log-normal, wider for larger catalogues) and its normal score,
/// which the item bias also uses (popular films are rated a little higher, as in MovieLens).
struct MoviePopularity {
  std::vector<double> weight;
  std::vector<double> score;
};
MoviePopularity moviePopularity(const SyntheticParams& params, const SyntheticCalibration& calibration);

/// Distinct movies per user, user-major: items[offsets[u] .. offsets[u+1]) (offsets has users+1
/// entries), chosen by popularity weight and the user's taste for each movie's primary theme
/// (world's planted content and tastes must be in place). Every movie ends with at least one rating.
void chooseRatedMovies(const SyntheticWorld& world, const std::vector<int64_t>& perUser, const std::vector<double>& weight,
                       std::vector<int64_t>& offsets, std::vector<int32_t>& items);

/// Planted content: themes per movie (primaryTheme, themeWeight), genres (dataset.movies[i].genres),
/// tag genome, item bias.
/// `unknownMovie` (or -1) is the one catalogue entry MovieLens calls "unknown": its primary theme
/// is the vocabulary's unknown-genre theme and it has no secondary themes.
void plantMovieContent(SyntheticWorld& world, const SyntheticVocabulary& vocabulary,
                       const MoviePopularity& popularity, int32_t unknownMovie);
/// Tastes and generosity per user; tastes lean on age and gender a little (so u.user is useful).
void plantUserTastes(SyntheticWorld& world);
/// Rating values (noisy score rounded to the scale, or cut at the quantiles of calibration.starShares),
/// per-user increasing timestamps, noise floor.
void rateAndTime(SyntheticWorld& world);

/// Titles and years per movie (genres come with the content); the unknown movie gets MovieLens'
/// "unknown" entry.
void makeCatalogue(SyntheticWorld& world, const SyntheticVocabulary& vocabulary, int32_t unknownMovie);
/// Age, gender, occupation and zip per user, drawn before tastes (which lean on them).
std::vector<UserInfo> makeUsers(const SyntheticParams& params);

/// u1..u5 (a 5-fold partition) and ua/ub (10 test ratings per user), indices ascending.
void makeOfficialTestSets(SyntheticWorld& world);

}  // namespace ll
