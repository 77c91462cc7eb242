#include "core/io/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/io/system_failure.h"

namespace ll {

MappedFile::MappedFile(const std::filesystem::path& path, Access access) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throwSystemFailure(path, "cannot open", errno);
  struct stat status {};
  if (::fstat(fd, &status) != 0) {
    const int error = errno;
    ::close(fd);
    throwSystemFailure(path, "cannot size", error);
  }
  size_ = static_cast<size_t>(status.st_size);
  if (size_ > 0) {
    // MAP_POPULATE maps every page now, in one call, instead of one fault per 4 KiB page later.
    const int populate = access == Access::Whole ? MAP_POPULATE : 0;
    void* data = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | populate, fd, 0);
    if (data == MAP_FAILED) {
      const int error = errno;
      ::close(fd);
      throwSystemFailure(path, "cannot map", error);
    }
    data_ = data;
    if (access == Access::Streamed) ::madvise(data_, size_, MADV_SEQUENTIAL);  // a hint: read ahead, drop behind
  }
  ::close(fd);  // the mapping keeps the file open
}

void MappedFile::releaseBefore(size_t offset) {
  const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t length = std::min(offset, size_) / page * page;
  if (data_ && length > 0) ::madvise(data_, length, MADV_DONTNEED);
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(data_, size_);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (data_) ::munmap(data_, size_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

}  // namespace ll
