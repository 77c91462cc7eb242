#pragma once
// Writing the files of an exported folder: buffered, through an AtomicFile put in place on
// commit(), so a reader never sees half a file. Internal to core/synth's writers.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/io/atomic_file.h"

namespace ll {

class TextFileWriter {
 public:
  /// Creates `dir` if needed and starts dir/NAME; throws std::runtime_error when it cannot.
  /// Destroyed without commit(), it leaves no file behind.
  TextFileWriter(const std::filesystem::path& dir, const std::string& name);
  TextFileWriter(const TextFileWriter&) = delete;
  TextFileWriter& operator=(const TextFileWriter&) = delete;

  TextFileWriter& operator<<(std::string_view text);
  TextFileWriter& operator<<(char c);
  TextFileWriter& operator<<(int64_t value);
  /// Fixed-point with `decimals` digits after the point ("3.5" with 1, "0.02500" with 5).
  TextFileWriter& fixed(double value, int decimals);

  /// Flushes and puts NAME in place; throws std::runtime_error on a write error.
  void commit();

 private:
  void flushBuffer();

  AtomicFile file_;
  std::string buffer_;
};

}  // namespace ll
