#include "app/cli/text_columns.h"

#include <algorithm>

namespace ll::cli {
namespace {

bool startsCharacter(unsigned char byte) { return (byte & 0xC0) != 0x80; }

}  // namespace

int characterCount(std::string_view text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) { return startsCharacter(static_cast<unsigned char>(c)); }));
}

std::string alignRight(const std::string& text, int width) {
  return std::string(static_cast<size_t>(std::max(0, width - characterCount(text))), ' ') + text;
}

std::string fitLeft(std::string_view text, int width) {
  const int characters = characterCount(text);
  if (characters <= width) return std::string(text) + std::string(static_cast<size_t>(width - characters), ' ');
  // Keep width − 1 characters, then the ellipsis.
  size_t end = 0;
  for (int kept = 0; end < text.size(); ++end) {
    if (startsCharacter(static_cast<unsigned char>(text[end])) && kept++ == width - 1) break;
  }
  return std::string(text.substr(0, end)) + "…";
}

}  // namespace ll::cli
