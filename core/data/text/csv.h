#pragma once
// An RFC-4180 record reader over a text held in memory: fields separated by a comma (or another
// character), quoted fields may hold separators, doubled quotes ("") and line breaks. Unquoted
// fields are views into the text; only fields with doubled quotes are copied, into a buffer
// reused from record to record, so reading a large file allocates almost nothing.
//
// Lenient where real files are sloppy: "\r\n" or "\n" line endings, a missing final newline,
// a quote inside an unquoted field (kept as it is), a UTF-8 byte order mark. Blank lines (empty
// or only spaces and tabs) are skipped.
// Strict where data would be lost: an unterminated quote, text after a closing quote.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ll {

class CsvReader {
 public:
  /// file is the name errors use (FileSource::displayName).
  CsvReader(std::string_view text, std::string file, char separator = ',');

  /// Reads the next record; false at the end of the text. Throws InputError on malformed quoting.
  bool next();

  /// Fields of the current record; valid until the next call to next().
  std::span<const std::string_view> fields() const { return fields_; }
  size_t size() const { return fields_.size(); }
  std::string_view operator[](size_t i) const { return fields_[i]; }

  /// 1-based line on which the current record starts (a quoted field may span lines).
  int64_t line() const { return recordLine_; }
  const std::string& file() const { return file_; }
  /// The current record's raw text, for error messages.
  std::string_view rawRecord() const { return text_.substr(recordBegin_, recordEnd_ - recordBegin_); }
  double progress() const { return text_.empty() ? 1.0 : static_cast<double>(position_) / text_.size(); }

 private:
  struct Span {
    bool inScratch;
    size_t begin;
    size_t length;
  };
  // Reads one field starting at position_; returns true when the record continues after it.
  bool readField();
  bool readQuotedField();

  std::string_view text_;
  std::string file_;
  char separator_;
  size_t position_ = 0;
  int64_t nextLine_ = 1;  // line number at position_
  int64_t recordLine_ = 0;
  size_t recordBegin_ = 0;
  size_t recordEnd_ = 0;
  std::string scratch_;
  std::vector<Span> spans_;
  std::vector<std::string_view> fields_;
};

}  // namespace ll
