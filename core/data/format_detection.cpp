// Which format a FileSource holds, decided by the files present, and the dispatch on it.

#include <algorithm>
#include <filesystem>

#include "core/data/formats.h"
#include "core/data/input_error.h"
#include "core/data/triplets_format.h"

namespace ll {
namespace {

// What a source without a ratings file holds, for the error: its files, else its subfolders
// (a common slip: giving the folder that holds the unpacked data set's folder).
std::string describeContents(const FileSource& files, const std::vector<std::string>& candidates) {
  if (!candidates.empty()) return describeFiles(candidates);
  if (!files.names().empty()) return describeFiles(files.names()) + " (documentation, not ratings)";
  std::vector<std::string> folders;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(files.path(), error)) {
    if (entry.is_directory(error)) folders.push_back(entry.path().filename().string());
  }
  if (folders.empty()) return "no files";
  std::sort(folders.begin(), folders.end());
  std::string found = "no files, only " + std::to_string(folders.size()) + (folders.size() == 1 ? " folder: " : " folders: ");
  for (size_t k = 0; k < folders.size() && k < 5; ++k) found += (k == 0 ? "" : ", ") + folders[k];
  return found + (folders.size() > 5 ? ", ..." : "") + " (give the folder that holds the data files)";
}

}  // namespace

std::string detectFormat(const FileSource& files) {
  // A lone file is a ratings file whatever its name: "u.data" alone reads fine as triplets.
  if (files.isSingleFile()) return "triplets";
  if (files.has("u.data")) return "ml-100k";
  if (files.has("ratings.dat")) return "ml-1m";
  if (files.has("ratings.csv")) return "ml-latest";
  const std::vector<std::string> candidates = tripletsCandidates(files);
  if (candidates.size() == 1) return "triplets";
  throw InputError(files.path().string(), 0,
                   "u.data (ml-100k), ratings.dat (ml-1m), ratings.csv (ml-latest) or exactly one ratings file "
                   "(triplets)",
                   describeContents(files, candidates));
}

Dataset parseDataset(const FileSource& files, const FeatureOptions& options) {
  const std::string format = detectFormat(files);
  if (format == "ml-100k") return parseMl100k(files, options);
  if (format == "ml-1m") return parseMl1m(files, options);
  if (format == "ml-latest") return parseMlLatest(files, options);
  return parseTriplets(files);
}

}  // namespace ll
