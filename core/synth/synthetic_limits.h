#pragma once
// Sizes of the synthetic world: the ML-100K default and the ML-32M-sized ceiling. Read by core/synth and the
// front ends' forms.

#include <cstdint>
#include <string_view>

namespace ll {

struct SyntheticParams;

constexpr int64_t kDefaultUsers = 943;
constexpr int64_t kDefaultMovies = 1682;
constexpr int64_t kDefaultRatings = 100000;
// MovieLens 32M's counts, the largest release: a world of its size is the largest one made.
constexpr int64_t kMaxUsers = 200948;
constexpr int64_t kMaxMovies = 87585;
constexpr int64_t kMaxRatings = 32000204;
constexpr int64_t kMinRatingsPerUser = 20;

/// Throws InputError (naming context) when the sizes are out of range or impossible together.
void validateSyntheticParams(const SyntheticParams& params, std::string_view context);

}  // namespace ll
