#pragma once
// A whole file mapped read-only into memory: large inputs (a 650 MB ratings.csv, a 700 MB cache
// entry) are read straight from the page cache, without copying them into a buffer first.

#include <cstddef>
#include <filesystem>
#include <string_view>

namespace ll {

class MappedFile {
 public:
  /// Whole: every page is mapped at once and stays (the file is read more than once, or out of
  /// order). Streamed: pages are mapped as they are first read, and a reader going through once
  /// drops those behind it with releaseBefore, so the file never sits whole in the process.
  enum class Access { Whole, Streamed };

  MappedFile() = default;
  /// Maps the whole file; throws std::runtime_error naming the path when it cannot.
  explicit MappedFile(const std::filesystem::path& path, Access access = Access::Whole);
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }
  /// Drops the pages wholly before offset from this process (they still hold the file: a later
  /// read faults them back in from the page cache). For Streamed readers past them.
  void releaseBefore(size_t offset);

 private:
  void* data_ = nullptr;  // null for an empty file
  size_t size_ = 0;
};

}  // namespace ll
