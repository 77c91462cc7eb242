#include "core/data/text/csv.h"

#include "core/data/input_error.h"
#include "core/data/text/fields.h"

namespace ll {

CsvReader::CsvReader(std::string_view text, std::string file, char separator)
    : text_(text), file_(std::move(file)), separator_(separator) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") position_ = 3;
}

bool CsvReader::next() {
  while (position_ < text_.size()) {
    recordLine_ = nextLine_;
    recordBegin_ = position_;
    scratch_.clear();
    spans_.clear();
    while (readField()) {
    }
    recordEnd_ = position_;
    while (recordEnd_ > recordBegin_ && (text_[recordEnd_ - 1] == '\n' || text_[recordEnd_ - 1] == '\r')) --recordEnd_;
    // A line of nothing but blanks is no record (quoted fields never count as blank).
    if (spans_.size() == 1 && !spans_[0].inScratch && text_[recordBegin_] != '"' &&
        isBlank(text_.substr(spans_[0].begin, spans_[0].length))) {
      continue;
    }
    // Views are made only now: the scratch buffer may have moved while the record was read.
    fields_.resize(spans_.size());
    for (size_t i = 0; i < spans_.size(); ++i) {
      const Span& span = spans_[i];
      fields_[i] = span.inScratch ? std::string_view(scratch_).substr(span.begin, span.length)
                                  : text_.substr(span.begin, span.length);
    }
    return true;
  }
  fields_.clear();
  return false;
}

bool CsvReader::readField() {
  if (position_ < text_.size() && text_[position_] == '"') return readQuotedField();

  const size_t begin = position_;
  while (position_ < text_.size()) {
    const char c = text_[position_];
    if (c == separator_) {
      spans_.push_back({false, begin, position_ - begin});
      ++position_;
      return true;
    }
    if (c == '\n') {
      size_t end = position_;
      if (end > begin && text_[end - 1] == '\r') --end;
      spans_.push_back({false, begin, end - begin});
      ++position_;
      ++nextLine_;
      return false;
    }
    ++position_;
  }
  size_t end = position_;
  if (end > begin && text_[end - 1] == '\r') --end;
  spans_.push_back({false, begin, end - begin});
  return false;
}

bool CsvReader::readQuotedField() {
  const int64_t openingLine = nextLine_;
  ++position_;  // the opening quote
  const size_t begin = position_;
  bool copied = false;  // true once a doubled quote forced the field into scratch_
  size_t scratchBegin = 0;
  size_t runBegin = begin;  // start of the text not yet copied into scratch_
  while (true) {
    if (position_ >= text_.size()) {
      throw InputError(file_, openingLine, "a closing quote for the field opened on this line",
                       "the end of the file");
    }
    const char c = text_[position_];
    if (c == '\n') ++nextLine_;
    if (c != '"') {
      ++position_;
      continue;
    }
    if (position_ + 1 < text_.size() && text_[position_ + 1] == '"') {
      if (!copied) {
        copied = true;
        scratchBegin = scratch_.size();
      }
      scratch_.append(text_.substr(runBegin, position_ + 1 - runBegin));  // keeps one quote
      position_ += 2;
      runBegin = position_;
      continue;
    }
    break;  // the closing quote
  }
  if (copied) {
    scratch_.append(text_.substr(runBegin, position_ - runBegin));
    spans_.push_back({true, scratchBegin, scratch_.size() - scratchBegin});
  } else {
    spans_.push_back({false, begin, position_ - begin});
  }
  ++position_;  // the closing quote

  if (position_ >= text_.size()) return false;
  const char after = text_[position_];
  if (after == separator_) {
    ++position_;
    return true;
  }
  if (after == '\n' || (after == '\r' && position_ + 1 < text_.size() && text_[position_ + 1] == '\n') ||
      (after == '\r' && position_ + 1 == text_.size())) {
    position_ += after == '\r' ? 2 : 1;
    if (position_ > text_.size()) position_ = text_.size();
    ++nextLine_;
    return false;
  }
  const std::string separatorName = separator_ == ',' ? "a comma" : separator_ == '\t' ? "a tab" : std::string("'") + separator_ + "'";
  throw InputError(file_, nextLine_, separatorName + " or the end of the line after a closing quote",
                   quoteInput(text_.substr(position_, 20)));
}

}  // namespace ll
