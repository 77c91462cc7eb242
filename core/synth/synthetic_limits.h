#pragma once
// Sizes of the synthetic world: the ML-100K default and the ML-25M-sized ceiling. Internal to core/synth.

#include <cstdint>
#include <string_view>

namespace ll {

struct SyntheticParams;

constexpr int64_t kDefaultUsers = 943;
constexpr int64_t kDefaultMovies = 1682;
constexpr int64_t kDefaultRatings = 100000;
constexpr int64_t kMaxUsers = 162000;
constexpr int64_t kMaxMovies = 62000;
constexpr int64_t kMaxRatings = 25000000;
constexpr int64_t kMinRatingsPerUser = 20;

/// Throws InputError (naming context) when the sizes are out of range or impossible together.
void validateSyntheticParams(const SyntheticParams& params, std::string_view context);

}  // namespace ll
