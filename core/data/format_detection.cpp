// Which format a FileSource holds, decided by the files present, and the dispatch on it.

#include "core/data/formats.h"
#include "core/data/input_error.h"
#include "core/data/triplets_format.h"

namespace ll {

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
                   describeFiles(candidates));
}

Dataset parseDataset(const FileSource& files, const FeatureOptions& options) {
  const std::string format = detectFormat(files);
  if (format == "ml-100k") return parseMl100k(files, options);
  if (format == "ml-1m") return parseMl1m(files, options);
  if (format == "ml-latest") return parseMlLatest(files, options);
  return parseTriplets(files);
}

}  // namespace ll
