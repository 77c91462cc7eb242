#pragma once
// Loading a data set by spec: a folder, file or archive in any supported format, or
// "synthetic[:key=value,...]". Parses once, then serves from the binary cache while the source's
// path, size and modification time are unchanged. Optional k-core filtering comes last.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/data/dataset.h"

namespace ll {

struct LoadOptions {
  int32_t minUserRatings = 0;   ///< k-core: drop users with fewer ratings, repeatedly (default: 0, off)
  int32_t minItemRatings = 0;   ///< k-core: drop movies with fewer ratings, repeatedly (default: 0, off)
  int32_t maxUserTags = 300;    ///< without a genome, the most frequent user tags become features (default: 300)
  bool useCache = true;         ///< read and write the binary cache (default: true)
  std::string cacheDir;         ///< (default: $XDG_CACHE_HOME/latentlens, else ~/.cache/latentlens)
  /// Called with a fraction in [0, 1] and a short stage name while loading; may be empty.
  std::function<void(double, const char*)> progress;
};

/// Throws InputError on bad input (file, line, expected, found).
std::shared_ptr<const Dataset> loadDataset(const std::string& spec, const LoadOptions& options = {});

/// Where the cache lives when LoadOptions::cacheDir is empty.
std::string defaultCacheDir();

}  // namespace ll
