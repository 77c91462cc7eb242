#include "core/synth/text_file_writer.h"

#include <charconv>
#include <stdexcept>

namespace ll {
namespace {
constexpr size_t kFlushAt = 1 << 20;  // big writes, few syscalls; memory stays flat at 25M ratings
}

TextFileWriter::TextFileWriter(const std::filesystem::path& dir, const std::string& name)
    : final_(dir / name), temporary_(dir / (name + ".tmp")) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw std::runtime_error("cannot create folder " + dir.string() + ": " + error.message());
  out_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!out_) throw std::runtime_error("cannot write " + temporary_.string());
  buffer_.reserve(kFlushAt + 4096);
}

TextFileWriter::~TextFileWriter() {
  if (committed_) return;
  out_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void TextFileWriter::flushBuffer() {
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
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
  out_.close();
  if (!out_) throw std::runtime_error("error writing " + temporary_.string());
  std::error_code error;
  std::filesystem::rename(temporary_, final_, error);
  if (error) throw std::runtime_error("cannot rename " + temporary_.string() + ": " + error.message());
  committed_ = true;
}

std::string csvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace ll
