#pragma once
// Writing the files of an exported folder: buffered, to "NAME.tmp" first and renamed on commit(),
// so a reader never sees half a file. Internal to core/synth's writers.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace ll {

class TextFileWriter {
 public:
  /// Creates `dir` if needed and opens dir/NAME.tmp; throws std::runtime_error when it cannot.
  TextFileWriter(const std::filesystem::path& dir, const std::string& name);
  ~TextFileWriter();  ///< without commit(), removes the temporary file
  TextFileWriter(const TextFileWriter&) = delete;
  TextFileWriter& operator=(const TextFileWriter&) = delete;

  TextFileWriter& operator<<(std::string_view text);
  TextFileWriter& operator<<(char c);
  TextFileWriter& operator<<(int64_t value);
  /// Fixed-point with `decimals` digits after the point ("3.5" with 1, "0.02500" with 5).
  TextFileWriter& fixed(double value, int decimals);

  /// Flushes, closes and renames NAME.tmp to NAME; throws std::runtime_error on a write error.
  void commit();

 private:
  void flushBuffer();

  std::filesystem::path final_;
  std::filesystem::path temporary_;
  std::ofstream out_;
  std::string buffer_;
  bool committed_ = false;
};

/// An RFC-4180 field: quoted (with inner quotes doubled) when it holds a comma, quote or newline.
std::string csvField(std::string_view text);

}  // namespace ll
