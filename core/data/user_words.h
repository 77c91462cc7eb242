#pragma once
// The words of a user's side information (ml-100k u.user, ml-1m users.dat) for a bag of words:
// the age as a group, the zip code as the two prefixes that name a region.

#include <cstdint>
#include <string>
#include <string_view>

namespace ll {

/// ML-1M's age groups, which ML-1M's age codes (1, 18, 25, 35, 45, 50, 56) fall into exactly and
/// ML-100K's ages in years spread over: "<18", "18-24", "25-34", "35-44", "45-49", "50-55", "56+".
/// Empty for an age of 0 or below (unknown).
std::string ageGroup(int32_t age);
/// Position of ageGroup(age) in the order above (0 for "<18"); -1 when unknown.
int32_t ageGroupIndex(int32_t age);

/// A zip code as region words. US codes (five leading digits; ZIP+4 suffixes ignored) give the
/// first digit (the national area, "9" = the West Coast) and the first three (the sectional
/// centre, "941" = San Francisco). Canadian postal codes (letter digit letter …, as ML-100K has a
/// few) give the first letter (the province or territory) and the forward sortation area
/// ("T8H"). Letters are upper-cased and blanks trimmed first. Any other non-empty code gives only
/// the region "other"; an empty one gives nothing.
struct ZipWords {
  std::string region;  ///< "9", "T", "other", or empty
  std::string area;    ///< "941", "T8H", or empty
};
ZipWords zipWords(std::string_view zip);

}  // namespace ll
