#include "core/io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <string>
#include <system_error>

#include "core/io/system_failure.h"
#include "core/io/temporary_name.h"

namespace ll {
namespace fs = std::filesystem;
namespace {

fs::path folderOf(const fs::path& target) { return target.has_parent_path() ? target.parent_path() : fs::path("."); }

std::string temporaryPrefix(const fs::path& target) { return "." + target.filename().string() + "."; }

// The tag of a temporary of this target (".NAME.<tag>.tmp"), or nothing when the name is not one.
std::string_view tagOf(std::string_view name, std::string_view prefix) {
  constexpr std::string_view kSuffix = ".tmp";
  if (name.size() <= prefix.size() + kSuffix.size() || name.substr(0, prefix.size()) != prefix ||
      name.substr(name.size() - kSuffix.size()) != kSuffix) {
    return {};
  }
  return name.substr(prefix.size(), name.size() - prefix.size() - kSuffix.size());
}

// Temporaries of this target whose writer is gone (killed mid-write) would otherwise stay forever.
void removeAbandonedTemporaries(const fs::path& target) {
  const std::string prefix = temporaryPrefix(target);
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folderOf(target), error)) {
    const std::string name = entry.path().filename().string();
    const std::string_view tag = tagOf(name, prefix);
    if (!tag.empty() && temporaryWriterIsGone(tag)) {
      std::error_code ignored;
      fs::remove(entry.path(), ignored);
    }
  }
}

}  // namespace

AtomicFile::AtomicFile(fs::path target) : target_(std::move(target)) {
  struct stat existing;
  if (::stat(target_.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
    throw std::runtime_error(target_.string() + ": cannot replace (not a regular file)");
  }
  removeAbandonedTemporaries(target_);
  temporary_ = folderOf(target_) / (temporaryPrefix(target_) + uniqueTemporaryTag() + ".tmp");
  // O_EXCL: should a name ever repeat, fail rather than share another writer's file.
  fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd_ < 0) throwSystemFailure(target_, "cannot create", errno);
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::discard() {
  if (fd_ < 0) return;
  ::close(fd_);
  fd_ = -1;
  ::unlink(temporary_.c_str());
}

void AtomicFile::write(std::string_view bytes) {
  if (fd_ < 0) throw std::logic_error("AtomicFile::write after commit() or a failed write");
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = n < 0 ? errno : ENOSPC;
      discard();
      throwSystemFailure(target_, "cannot write", error);
    }
    written += static_cast<size_t>(n);
  }
}

void AtomicFile::commit() {
  if (fd_ < 0) throw std::logic_error("AtomicFile::commit after commit() or a failed write");
  if (::fsync(fd_) != 0) {
    const int error = errno;
    discard();
    throwSystemFailure(target_, "cannot write", error);
  }
  const int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0 || ::rename(temporary_.c_str(), target_.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary_.c_str());
    throwSystemFailure(target_, closed != 0 ? "cannot write" : "cannot put in place", error);
  }
  syncFolder(folderOf(target_));
}

void writeFileAtomically(const fs::path& path, std::string_view content) {
  AtomicFile file(path);
  file.write(content);
  file.commit();
}

void syncFolder(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

std::string readWholeFile(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throwSystemFailure(path, "cannot open", errno);
  struct stat status;
  const int statError = ::fstat(fd, &status) != 0 ? errno : S_ISDIR(status.st_mode) ? EISDIR : 0;
  if (statError != 0) {
    ::close(fd);
    throwSystemFailure(path, "cannot read", statError);
  }
  // A regular file is read in one piece of its size; a pipe (--config /dev/stdin) until it ends.
  const bool regular = S_ISREG(status.st_mode);
  std::string content(regular ? static_cast<size_t>(status.st_size) : 0, '\0');
  size_t done = 0;
  while (!regular || done < content.size()) {
    if (done == content.size()) content.resize(std::max<size_t>(2 * content.size(), size_t{1} << 16));
    const ssize_t n = ::read(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      throwSystemFailure(path, "cannot read", error);
    }
    if (n == 0) break;  // its end (or it shrank while being read)
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  content.resize(done);
  return content;
}

}  // namespace ll
