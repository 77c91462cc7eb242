#pragma once
// k-core filtering: repeatedly drop users with fewer than minUserRatings ratings and movies with
// fewer than minItemRatings, until both hold for everyone left. Indices are renumbered densely in
// their old order; catalogue, features, side information and official test sets follow.

#include <cstdint>

#include "core/data/dataset.h"

namespace ll {

Dataset filterKCore(const Dataset& dataset, int32_t minUserRatings, int32_t minItemRatings);

}  // namespace ll
