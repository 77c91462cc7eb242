#include "core/synth/text_file_writer.h"

#include <charconv>
#include <stdexcept>

namespace ll {
namespace {

constexpr size_t kFlushAt = 1 << 20;  // big writes, few syscalls; memory stays flat at 25M ratings

std::filesystem::path inCreatedFolder(const std::filesystem::path& dir, const std::string& name) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw std::runtime_error("cannot create folder " + dir.string() + ": " + error.message());
  return dir / name;
}

}  // namespace

TextFileWriter::TextFileWriter(const std::filesystem::path& dir, const std::string& name)
    : file_(inCreatedFolder(dir, name)) {
  buffer_.reserve(kFlushAt + 4096);
}

void TextFileWriter::flushBuffer() {
  file_.write(buffer_);
  buffer_.clear();
}

TextFileWriter& TextFileWriter::operator<<(std::string_view text) {
  buffer_.append(text);
  if (buffer_.size() >= kFlushAt) flushBuffer();
  return *this;
}

TextFileWriter& TextFileWriter::operator<<(char c) {
  buffer_.push_back(c);
  if (buffer_.size() >= kFlushAt) flushBuffer();
  return *this;
}

TextFileWriter& TextFileWriter::operator<<(int64_t value) {
  char text[24];
  const auto result = std::to_chars(text, text + sizeof text, value);
  return *this << std::string_view(text, static_cast<size_t>(result.ptr - text));
}

TextFileWriter& TextFileWriter::fixed(double value, int decimals) {
  char text[64];
  const auto result = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, decimals);
  return *this << std::string_view(text, static_cast<size_t>(result.ptr - text));
}

void TextFileWriter::commit() {
  flushBuffer();
  file_.commit();
}

}  // namespace ll
