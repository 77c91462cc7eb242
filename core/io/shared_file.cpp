#include "core/io/shared_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include "core/io/atomic_file.h"

namespace ll {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const fs::path& file, int error) {
  throw std::runtime_error(file.string() + ": cannot lock (" + std::strerror(error) + ")");
}

// An exclusive flock(2), released when the descriptor closes: also when the process dies, so a
// crashed window never leaves the list locked.
class ExclusiveLock {
 public:
  explicit ExclusiveLock(const fs::path& file) {
    fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) fail(file, errno);
    int result;
    do {
      result = ::flock(fd_, LOCK_EX);
    } while (result != 0 && errno == EINTR);
    if (result != 0) {
      const int error = errno;
      ::close(fd_);
      fail(file, error);
    }
  }
  ~ExclusiveLock() { ::close(fd_); }
  ExclusiveLock(const ExclusiveLock&) = delete;
  ExclusiveLock& operator=(const ExclusiveLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace

void updateSharedFile(const fs::path& path, const std::function<std::string(const std::optional<std::string>& current)>& update) {
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const ExclusiveLock lock(folder / ("." + path.filename().string() + ".lock"));
  std::error_code error;
  std::optional<std::string> current;
  if (fs::exists(path, error)) current = readWholeFile(path);
  writeFileAtomically(path, update(current));
}

}  // namespace ll
