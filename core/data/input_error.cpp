#include "core/data/input_error.h"

namespace ll {
namespace {

std::string describe(const std::string& file, int64_t line, const std::string& expected,
                     const std::string& found) {
  std::string where = file.empty() ? std::string("input") : file;
  if (line > 0) where += ":" + std::to_string(line);
  std::string text = where + ": expected " + expected;
  if (!found.empty()) text += ", found " + found;
  return text;
}

}  // namespace

InputError::InputError(std::string file, int64_t line, std::string expected, std::string found)
    : std::runtime_error(describe(file, line, expected, found)),
      file_(std::move(file)),
      line_(line),
      expected_(std::move(expected)),
      found_(std::move(found)) {}

}  // namespace ll
