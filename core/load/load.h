#pragma once
// Loading a data set by spec — the one entry point the CLI and the GUI use: a folder, file or
// archive in any supported format (core/data), or "synthetic[:key=value,...]" (core/synth). Parses
// once, then serves from the binary cache while the source's path, size and modification time are
// unchanged. Optional k-core filtering comes last.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/data/dataset.h"

namespace ll {

struct LoadOptions {
  int32_t minUserRatings = 0;   ///< k-core: drop users with fewer ratings, repeatedly (default: 0, off)
  int32_t minItemRatings = 0;   ///< k-core: drop movies with fewer ratings, repeatedly (default: 0, off)
  int32_t maxUserTags = 300;    ///< without a genome, the most frequent user tags become features (default: 300)
  bool useCache = true;         ///< read and write the binary cache (default: true)
  int32_t threads = 0;          ///< threads for parsing, indexing and reading the cache (default: 0, every core)
  std::string cacheDir;         ///< (default: $XDG_CACHE_HOME/latentlens, else ~/.cache/latentlens)
  /// Called with a fraction in [0, 1] and a short stage name while loading; may be empty.
  std::function<void(double, const char*)> progress;
};

struct LoadedDataset {
  std::shared_ptr<const Dataset> dataset;
  /// For the synthetic world: the RMSE of predicting every rating by its noise-free value, the
  /// best any model can reach (before k-core filtering). Empty for real data.
  std::optional<double> noiseFloorRmse;
};

/// Throws InputError on bad input (file, line, expected, found).
LoadedDataset loadDataset(const std::string& spec, const LoadOptions& options = {});

/// "synthetic" or "synthetic:…": the built-in world rather than a path.
bool isSyntheticSpec(std::string_view spec);

/// Where the cache lives when LoadOptions::cacheDir is empty.
std::string defaultCacheDir();

}  // namespace ll
