#pragma once
// A set of named files to load a data set from: a folder (its top-level files; "x.gz" is also
// offered as "x"), a .zip archive (its entries, with one common top folder stripped), a single
// file (plain or .gz, offered under its own name without ".gz"), or files held in memory (read
// like a folder; for tests and fuzzing).
//
// Memory: files are read through a 64 KiB buffer, and their text is held to InputLimits (by
// default 4 GiB, on disk or inflated, and once past 64 MiB no more than 100 times the compressed
// size): the read stops with an InputError as soon as the text passes them, never after reading
// it whole. A plain file read by text() is mapped instead, once its size is checked.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/data/input_limits.h"
#include "core/io/mapped_file.h"

namespace ll {

/// A file's whole content in memory: a plain file is mapped (no copy), an archive entry or a .gz
/// file is read and decompressed.
class FileText {
 public:
  explicit FileText(MappedFile mapped) : mapped_(std::move(mapped)), isMapped_(true) {}
  explicit FileText(std::string owned) : owned_(std::move(owned)) {}
  std::string_view view() const { return isMapped_ ? mapped_.bytes() : std::string_view(owned_); }
  /// A reader going through a streamed text once: the part before offset will not be read again.
  /// Drops a mapped file's pages there; text held in memory stays whole.
  void releaseBefore(size_t offset) {
    if (isMapped_) mapped_.releaseBefore(offset);
  }

 private:
  MappedFile mapped_;
  std::string owned_;
  bool isMapped_ = false;
};

class FileSource {
 public:
  /// Opens path; throws InputError when it does not exist or cannot be read as any of the above.
  /// Every file read from it is held to limits.
  static FileSource open(const std::filesystem::path& path, const InputLimits& limits = {});
  /// Files given by name and content, offered as a folder of them would be ("x.gz" as "x",
  /// inflated when read); path names the set in errors ("path/name").
  static FileSource inMemory(const std::filesystem::path& path, std::map<std::string, std::string> files,
                             const InputLimits& limits = {});

  bool has(std::string_view name) const;
  /// The whole (decompressed: by name or by content) content of a text file; throws InputError
  /// when absent, unreadable, binary — refused on its first 64 KiB, before the rest is read — or
  /// past the limits, as soon as it passes them.
  std::string read(std::string_view name) const;
  /// The same content, refused the same way, without copying a plain file: it is mapped once its
  /// size and first 64 KiB pass (for the large ratings files), streamed if asked (see MappedFile).
  FileText text(std::string_view name, MappedFile::Access access = MappedFile::Access::Whole) const;
  /// Names of all files, sorted.
  std::vector<std::string> names() const;
  /// How errors name a file: "DIR/u.data", "ARCHIVE.zip:ml-100k/u.data".
  std::string displayName(std::string_view name) const;

  const std::filesystem::path& path() const { return path_; }
  bool isSingleFile() const { return kind_ == Kind::SingleFile; }

 private:
  enum class Kind { Folder, Zip, SingleFile, Memory };
  struct Entry {
    std::string location;  // file path, entry name inside the zip, or key of contents_
    bool gzip = false;
  };

  Kind kind_ = Kind::Folder;
  std::filesystem::path path_;
  InputLimits limits_;
  std::map<std::string, Entry, std::less<>> entries_;
  std::map<std::string, std::string> contents_;  // Kind::Memory: file name → bytes
};

}  // namespace ll
