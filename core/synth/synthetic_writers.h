#pragma once
// Pieces shared by the ml-100k and ml-latest writers. Internal to core/synth.

#include <filesystem>
#include <string>

#include "core/synth/synthetic_world.h"

namespace ll {

/// "Title (1995)", or the bare title when the year is unknown (MovieLens' "unknown" entry).
std::string titleWithYear(const Movie& movie);

/// genome-tags.csv (tagId,tag) and genome-scores.csv (movieId,tagId,relevance), ml-latest style.
void writeGenomeFiles(const SyntheticWorld& world, const std::filesystem::path& dir);

}  // namespace ll
