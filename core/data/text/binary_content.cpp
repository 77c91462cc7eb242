#include "core/data/text/binary_content.h"

#include <algorithm>
#include <array>

#include "core/data/input_error.h"

namespace ll {
namespace {

const std::string kExpected = "a text file (MovieLens or user item rating triplets)";

struct Signature {
  std::string_view start;
  const char* what;
};

// Formats people plausibly pick by mistake. gzip is absent: FileSource inflates it.
constexpr std::array<Signature, 11> kSignatures{{
    {"\x89PNG\r\n\x1a\n", "a PNG image"},
    {"\xFF\xD8\xFF", "a JPEG image"},
    {"GIF8", "a GIF image"},
    {"%PDF-", "a PDF document"},
    {"PK\x03\x04", "a .zip archive (give the archive itself as the data, or unpack it)"},
    {"7z\xBC\xAF\x27\x1C", "a 7-Zip archive (unpack it)"},
    {std::string_view("\xFD" "7zXZ\0", 6), "an .xz archive (unpack it)"},
    {"\x7F" "ELF", "a program"},
    {std::string_view("SQLite format 3\0", 16), "an SQLite database"},
    {"\xFF\xFE", "UTF-16 text (save it as UTF-8)"},
    {"\xFE\xFF", "UTF-16 text (save it as UTF-8)"},
}};

}  // namespace

void requireText(std::string_view head, const std::string& file) {
  for (const Signature& signature : kSignatures) {
    if (head.substr(0, signature.start.size()) == signature.start) throw InputError(file, 0, kExpected, signature.what);
  }
  const size_t nul = head.find('\0');
  if (nul == std::string_view::npos) return;
  const std::string_view before = head.substr(0, nul);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const size_t lineStart = before.rfind('\n');
  const size_t column = lineStart == std::string_view::npos ? nul + 1 : nul - lineStart;
  throw InputError(file, line, kExpected, "binary data (a NUL byte at column " + std::to_string(column) + ")");
}

}  // namespace ll
