#pragma once
// Saving and loading experiment results by file: results.json (experiment_json.h, the complete
// record) and results.csv (experiment_csv.h, the table). Written atomically (io/atomic_file.h).

#include <filesystem>

#include "core/experiment/experiment_results.h"

namespace ll {

/// Writes the JSON form for a .json path, the CSV form for any other. Throws std::runtime_error
/// naming the path when it cannot be written.
void saveExperimentResults(const ExperimentResults& results, const std::filesystem::path& path);

/// Reads either form (told apart by the content, not the name). Throws InputError naming the file
/// (and line where it applies) for a missing, foreign, damaged or newer file.
ExperimentResults loadExperimentResults(const std::filesystem::path& path);

}  // namespace ll
