#pragma once
// The oracle of the data set targets: whatever a parser or the cache hands back must hold
// together (shapes per core/data/dataset.h) and survive what loading does next.

#include "core/data/dataset.h"

namespace ll::fuzz {

/// Aborts, naming the broken invariant, when the data set is inconsistent; then summarises it and
/// splits it along each official test set, as `info` and `train --split official:K` would.
void requireUsableDataset(const Dataset& dataset);

}  // namespace ll::fuzz
