#pragma once
// Walks the lines of a text held in memory, without copying: each line is a view into the text,
// with its 1-based line number. "\r\n" and "\n" both end a line; a missing final newline is fine;
// a UTF-8 byte order mark (left by spreadsheet exports) is skipped.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace ll {

class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") position_ = 3;
  }

  /// The next line without its line ending; false when the text is exhausted.
  bool next(std::string_view& line) {
    if (position_ >= text_.size()) return false;
    const char* begin = text_.data() + position_;
    const size_t remaining = text_.size() - position_;
    // memchr is much faster than a char loop on the 600 MB ratings files.
    const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', remaining));
    size_t length = newline ? static_cast<size_t>(newline - begin) : remaining;
    position_ += newline ? length + 1 : length;
    if (length > 0 && begin[length - 1] == '\r') --length;
    line = std::string_view(begin, length);
    ++lineNumber_;
    return true;
  }

  /// 1-based number of the line last returned by next(); 0 before the first call.
  int64_t lineNumber() const { return lineNumber_; }

  /// Fraction of the text consumed so far, for progress reports.
  double progress() const { return text_.empty() ? 1.0 : static_cast<double>(position_) / text_.size(); }

 private:
  std::string_view text_;
  size_t position_ = 0;
  int64_t lineNumber_ = 0;
};

}  // namespace ll
