#pragma once
// Files we write land whole or not at all. The bytes go to a hidden temporary file beside the
// target (".NAME.<pid>-<random>.tmp", one per writer, io/temporary_name.h: two processes or threads
// writing one target at once never share it), which is flushed to disk, renamed over the target,
// and the folder flushed too: whoever reads the target — or finds it after a crash or a kill -9 at
// any moment — sees the old file or the new one, complete; of two writers at once, the last to
// commit wins. A temporary left by a killed process is removed by the next write to the target.

#include <filesystem>
#include <string>
#include <string_view>

namespace ll {

/// A file written in pieces (the synthetic world's 600 MB ratings file) and put in place by commit().
/// Destroyed without commit(), it removes its temporary file and leaves the target as it was.
class AtomicFile {
 public:
  /// Opens the temporary file. Throws std::runtime_error naming the target when it cannot, or
  /// when the target exists and is not a regular file (a folder, a device, a pipe: never replaced).
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  /// Throws std::runtime_error naming the target on a write error (a full disk, a file size limit).
  void write(std::string_view bytes);
  /// Flushes to disk and renames over the target; throws std::runtime_error naming the target.
  void commit();

 private:
  void discard();

  std::filesystem::path target_;
  std::filesystem::path temporary_;
  int fd_ = -1;
};

/// Throws std::runtime_error naming the path when the file cannot be written; the old file, if
/// any, is then untouched.
void writeFileAtomically(const std::filesystem::path& path, std::string_view content);

/// Makes the renames done in a folder durable. Failure is not reported: the renamed files are
/// already in place and their data on disk, and some filesystems cannot sync a folder at all.
void syncFolder(const std::filesystem::path& folder);

/// Reads a whole file; throws std::runtime_error naming the path when it cannot.
std::string readWholeFile(const std::filesystem::path& path);

}  // namespace ll
