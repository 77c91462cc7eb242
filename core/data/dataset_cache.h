#pragma once
// The binary cache of parsed data sets, under LoadOptions::cacheDir. An entry is keyed by what it
// was parsed from (path, and each file's size and modification time, plus parse options); it is
// versioned and checksummed and written atomically. A damaged or stale entry is never trusted:
// it reads as absent, and the caller parses again and overwrites it.
// A data set found here reads its rating columns and index in place from the mapped entry, whose
// checksum was verified first; the mapping lives as long as any copy of those columns. Replacing
// or deleting the entry meanwhile is safe (a new entry is a new file, renamed over the old one);
// truncating the file in place, which LatentLens never does, would not be.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/data/dataset.h"

namespace ll {

/// Identifies a source as it is now: its absolute path, and the name, size and modification time
/// of every file in it, plus the options that change what parsing produces.
std::string describeSourceState(const std::filesystem::path& source, std::string_view parseOptions);

/// An entry's bytes as the data set they hold, or nothing when they are damaged or were stored
/// for another source state. `entry` owns the bytes when they are a mapped entry: the rating
/// columns and index are then read in place and keep it alive. Without it they are copied.
std::optional<Dataset> decodeCacheEntry(std::string_view bytes, const std::string& sourceState,
                                        const std::shared_ptr<const void>& entry = nullptr);

class DatasetCache {
 public:
  explicit DatasetCache(std::filesystem::path directory) : directory_(std::move(directory)) {}

  /// The entry for this source state, or nothing when absent, stale or damaged.
  std::optional<Dataset> find(const std::string& sourceState) const;
  /// Stores an entry; failures to write are reported by returning false (a cache is optional).
  bool store(const std::string& sourceState, const Dataset& dataset) const;
  std::filesystem::path entryPath(const std::string& sourceState) const;

 private:
  std::filesystem::path directory_;
};

}  // namespace ll
