#include "core/experiment/experiment_files.h"

#include <algorithm>

#include "core/data/input_error.h"
#include "core/experiment/experiment_csv.h"
#include "core/experiment/experiment_json.h"
#include "core/io/atomic_file.h"

namespace ll {

void saveExperimentResults(const ExperimentResults& results, const std::filesystem::path& path) {
  writeFileAtomically(path, path.extension() == ".json" ? experimentJson(results) : experimentCsv(results));
}

ExperimentResults loadExperimentResults(const std::filesystem::path& path) {
  std::string text;
  try {
    text = readWholeFile(path);
  } catch (const std::exception& error) {
    throw InputError(path.string(), 0, "a readable results file", error.what());
  }
  const size_t start = text.find_first_not_of(" \t\r\n");
  if (start != std::string::npos && text[start] == '{') return parseExperimentJson(text, path.string());
  if (start != std::string::npos && text[start] == '#') return parseExperimentCsv(text, path.string());
  throw InputError(path.string(), 1, "a LatentLens results file (results.json or results.csv)",
                   start == std::string::npos ? "an empty file" : "\"" + text.substr(start, std::min<size_t>(40, text.size() - start)) + "\"");
}

}  // namespace ll
