#include "core/data/text/fields.h"

#include <cstdio>

#include "core/data/input_error.h"
#include "core/data/text/encoding.h"

namespace ll {
namespace {

constexpr size_t kMaxQuotedBytes = 60;

bool isBlankChar(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

size_t splitFields(std::string_view line, char separator, std::span<std::string_view> out) {
  size_t count = 0;
  size_t start = 0;
  while (true) {
    const size_t end = line.find(separator, start);
    const size_t stop = end == std::string_view::npos ? line.size() : end;
    if (count < out.size()) out[count] = line.substr(start, stop - start);
    ++count;
    if (end == std::string_view::npos) return count;
    start = end + 1;
  }
}

size_t splitFields(std::string_view line, std::string_view separator, std::span<std::string_view> out) {
  size_t count = 0;
  size_t start = 0;
  while (true) {
    const size_t end = separator.empty() ? std::string_view::npos : line.find(separator, start);
    const size_t stop = end == std::string_view::npos ? line.size() : end;
    if (count < out.size()) out[count] = line.substr(start, stop - start);
    ++count;
    if (end == std::string_view::npos) return count;
    start = end + separator.size();
  }
}

size_t splitOnBlanks(std::string_view line, std::span<std::string_view> out) {
  size_t count = 0;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && isBlankChar(line[i])) ++i;
    if (i == line.size()) break;
    const size_t start = i;
    while (i < line.size() && !isBlankChar(line[i])) ++i;
    if (count < out.size()) out[count] = line.substr(start, i - start);
    ++count;
  }
  return count;
}

std::string_view requireId(std::string_view text, const std::string& file, int64_t line, std::string_view what) {
  const std::string_view id = trim(text);
  if (id.empty()) throw InputError(file, line, std::string(what), "an empty field");
  return id;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && isBlankChar(text.front())) text.remove_prefix(1);
  while (!text.empty() && isBlankChar(text.back())) text.remove_suffix(1);
  return text;
}

bool isBlank(std::string_view text) { return trim(text).empty(); }

std::string asciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string fieldCountFound(size_t count, std::string_view line) {
  return std::to_string(count) + " field" + (count == 1 ? "" : "s") + " in " + quoteInput(line);
}

std::string quoteInput(std::string_view text) {
  bool cut = false;
  if (text.size() > kMaxQuotedBytes) {
    size_t end = kMaxQuotedBytes;
    // Do not split a UTF-8 sequence: back up over continuation bytes.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text = text.substr(0, end);
    cut = true;
  }
  const std::string readable = toUtf8(text);
  std::string out = "\"";
  for (char c : readable) {
    switch (c) {
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\n': out += "\\n"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buffer;
        } else {
          out.push_back(c);
        }
    }
  }
  out += cut ? "...\"" : "\"";
  return out;
}

}  // namespace ll
