#pragma once
// The films Latent Spaces 2021 compares across dimensionalities — Star Wars (1977) in Table 5,
// The Seventh Seal in Table 4, The Sound of Music in Fig. 11 — found by title in a data set.
// Where the data set has none of them (the built-in world, a catalogue without titles), its
// most-rated films stand in.

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace ll {

struct ComparisonFilms {
  std::vector<int32_t> items;        ///< dense items, the seed's order or most-rated first
  std::vector<std::string> missing;  ///< the seed's films the data set does not hold
  bool standIns = false;             ///< none was found: the items are the most-rated films
};

ComparisonFilms seedComparisonFilms(const Dataset& data, int32_t standInCount = 3);

}  // namespace ll
