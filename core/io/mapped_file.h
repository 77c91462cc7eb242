#pragma once
// A whole file mapped read-only into memory: large inputs (a 650 MB ratings.csv, a 700 MB cache
// entry) are read straight from the page cache, without copying them into a buffer first.

#include <cstddef>
#include <filesystem>
#include <string_view>

namespace ll {

class MappedFile {
 public:
  MappedFile() = default;
  /// Maps the whole file; throws std::runtime_error naming the path when it cannot.
  explicit MappedFile(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;  // null for an empty file
  size_t size_ = 0;
};

}  // namespace ll
