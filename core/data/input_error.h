#pragma once
// The one error type for bad input: which file, which line, what was expected and what was found.
// Callers show it as it is (the CLI prints what() and exits 2; the GUI shows it in the panel).

#include <cstdint>
#include <stdexcept>
#include <string>

namespace ll {

class InputError : public std::runtime_error {
 public:
  /// line is 1-based; 0 means the error concerns the file as a whole.
  InputError(std::string file, int64_t line, std::string expected, std::string found);

  const std::string& file() const { return file_; }
  int64_t line() const { return line_; }
  const std::string& expected() const { return expected_; }
  const std::string& found() const { return found_; }

 private:
  std::string file_;
  int64_t line_;
  std::string expected_;
  std::string found_;
};

}  // namespace ll
