#pragma once
// Character encodings met in MovieLens files: ML-100K and ML-1M titles are ISO-8859-1.

#include <string>
#include <string_view>

namespace ll {

bool isValidUtf8(std::string_view text);
/// Every byte is a Latin-1 code point; bytes ≥ 0x80 become two UTF-8 bytes.
std::string latin1ToUtf8(std::string_view text);
/// UTF-8 kept as is when valid; otherwise read as Latin-1 (files that mix both exist).
std::string toUtf8(std::string_view text);
/// Inverse of latin1ToUtf8 for code points ≤ U+00FF; others become '?'.
std::string utf8ToLatin1(std::string_view text);
/// Appends one code point (≤ U+10FFFF) as UTF-8.
void appendUtf8(std::string& out, char32_t codePoint);

}  // namespace ll
