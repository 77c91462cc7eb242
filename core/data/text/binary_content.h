#pragma once
// Telling a text file from a binary one by its first bytes, so that an image, an archive or a
// 2 GB file of zeros given as data is refused before it is read whole.

#include <cstddef>
#include <string>
#include <string_view>

namespace ll {

/// How many leading bytes of a file requireText() should see.
constexpr size_t kTextCheckBytes = size_t{64} << 10;

/// Throws InputError(file, line, "a text file …", found) when `head` — the first bytes of a file —
/// starts like a known binary format (an image, a PDF, an archive, a program, UTF-16 text) or
/// holds a NUL byte, which no text data file does. found says which ("a PNG image", "binary data
/// (a NUL byte at column 7)").
void requireText(std::string_view head, const std::string& file);

}  // namespace ll
