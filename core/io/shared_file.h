#pragma once
// A small file that several processes read, change and write back (the app's run list and recent
// list, when two windows are open): each change is made while holding an exclusive lock on a file
// beside it (".NAME.lock", flock(2)), to the content on disk at that moment, so no process writes
// back a list that lacks what another has just added.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace ll {

/// While holding the lock, calls update with the file's content (nothing when there is no file)
/// and writes what it returns atomically (io/atomic_file.h). Throws std::runtime_error naming the
/// file when it cannot be locked, read or written; an exception from update passes through and
/// the file stays as it was.
void updateSharedFile(const std::filesystem::path& path,
                      const std::function<std::string(const std::optional<std::string>& current)>& update);

}  // namespace ll
