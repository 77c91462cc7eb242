#pragma once
// User side information as a dense input vector (the NRP paper's "user side info" sources, from
// ml-100k u.user / ml-1m users.dat): one-hot age group, one-hot gender, one-hot occupation. The zip
// code is left out: thousands of distinct values, nearly one per user, would only memorise users.
//
// Age groups are ml-1m's: under 18, 18–24, 25–34, 35–44, 45–49, 50–55, 56+. An unknown gender
// ('?') or an age of 0 sets no bit in its group.

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace ll {

struct UserSideFeatures {
  int32_t users = 0;
  int32_t count = 0;               ///< columns; 0 when the data set has no user information
  std::vector<float> values;       ///< users × count, row-major
  std::vector<std::string> names;  ///< one per column, e.g. "age 25-34", "gender F", "occupation writer"

  const float* row(int32_t user) const { return values.data() + static_cast<size_t>(user) * count; }
};

/// Empty (count 0) when dataset.users is empty. Occupations are listed in sorted order.
UserSideFeatures buildUserSideFeatures(const Dataset& dataset);

}  // namespace ll
