#pragma once
// How the CLI shows a film's neighbours under several models (`neighbours --checkpoints`,
// `sweep --preset table5`): one column per model with the films every list holds starred, then the
// overlap of each pair; and the same as JSON. Also how a film named on the command line is found.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/analysis/neighbour_comparison.h"
#include "core/data/dataset.h"

namespace ll::cli {

struct FoundMovie {
  int32_t item = -1;
  std::vector<int32_t> others;  ///< other title matches, best first
};

/// A film by raw id, or else by title search (title_search.h): the best match and the others.
/// Throws InputError naming `option` when nothing matches.
FoundMovie findMovie(const Dataset& data, const std::string& query, const std::string& option);

/// {"id", "title", "rating_count"} of a dense item.
nlohmann::json movieJson(const Dataset& data, int32_t item);

/// labels: one per list ("mf z=3").
void printNeighbourComparison(const Dataset& data, const NeighbourComparison& comparison, std::span<const std::string> labels);

/// {"movie", "k", "runs": runs with each one's "neighbours" added, "overlap"}; runs holds one
/// object per list, describing its model.
nlohmann::json neighbourComparisonJson(const Dataset& data, const NeighbourComparison& comparison, int32_t count,
                                       nlohmann::json runs);

}  // namespace ll::cli
