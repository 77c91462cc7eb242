#include "core/io/publish_folder.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>

#include "core/io/atomic_file.h"
#include "core/io/temporary_name.h"

namespace ll {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const fs::path& destination, const std::string& what) {
  throw std::runtime_error(destination.string() + ": " + what);
}

std::optional<std::string> stampOf(const fs::path& folder) {
  std::error_code error;
  if (!fs::is_regular_file(folder / kFolderStampName, error)) return std::nullopt;
  try {
    return readWholeFile(folder / kFolderStampName);
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
}

// A stamp as it reads inside a one-line error.
std::string inQuotes(std::string_view stamp) {
  while (!stamp.empty() && (stamp.back() == '\n' || stamp.back() == ' ')) stamp.remove_suffix(1);
  std::string text(stamp.substr(0, 200));
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return "'" + text + (stamp.size() > 200 ? "...'" : "'");
}

// What stands where the folder should go, when it is neither absent, empty nor ours.
std::string describe(const fs::path& target) {
  std::error_code error;
  if (!fs::is_directory(fs::symlink_status(target, error))) return "something that is not a folder";
  if (const auto stamp = stampOf(target)) return "a folder stamped " + inQuotes(*stamp);
  return "a folder of other files";
}

// Staging folders of writers that were killed; a generated world is hundreds of MB.
void removeAbandonedStagings(const fs::path& target, const std::string& prefix) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(target.parent_path(), error)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0 &&
        temporaryWriterIsGone(std::string_view(name).substr(prefix.size()))) {
      std::error_code ignored;
      fs::remove_all(entry.path(), ignored);
    }
  }
}

}  // namespace

Publication publishFolder(const fs::path& destination, std::string_view stamp,
                          const std::function<void(const fs::path& staging)>& fill) {
  // Absolute and without a trailing separator, so the staging folder is a sibling ("out/" → "out").
  fs::path target = fs::absolute(destination).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();
  if (stampOf(target) == stamp) return Publication::AlreadyThere;

  std::error_code error;
  fs::create_directories(target.parent_path(), error);
  if (error) fail(destination, "cannot create the folder that holds it (" + error.message() + ")");
  const std::string prefix = target.filename().string() + ".partial-";
  removeAbandonedStagings(target, prefix);
  const fs::path staging = target.parent_path() / (prefix + uniqueTemporaryTag());
  if (!fs::create_directory(staging, error)) {
    fail(destination, "cannot create " + staging.filename().string() + " beside it (" +
                          (error ? error.message() : std::string("it exists")) + ")");
  }
  std::error_code ignored;
  try {
    fill(staging);
    writeFileAtomically(staging / kFolderStampName, stamp);
  } catch (...) {
    fs::remove_all(staging, ignored);
    throw;
  }

  // rename(2) puts a folder in place whole, over nothing or an empty folder, never over one with files.
  if (::rename(staging.c_str(), target.c_str()) == 0) {
    syncFolder(target.parent_path());
    return Publication::Published;
  }
  const int renameError = errno;
  fs::remove_all(staging, ignored);
  const bool occupied = renameError == ENOTEMPTY || renameError == EEXIST || renameError == ENOTDIR;
  if (occupied && stampOf(target) == stamp) return Publication::AlreadyThere;
  if (occupied) {
    fail(destination, "cannot put the folder in place: expected nothing there, an empty folder or one stamped " +
                          inQuotes(stamp) + ", found " + describe(target));
  }
  fail(destination, std::string("cannot put the folder in place (") + std::strerror(renameError) + ")");
}

}  // namespace ll
