#pragma once
// Splitting a line into fields without allocating, and showing a piece of input in an error.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ll {

/// Splits line at every separator into out (at most out.size() fields are stored) and returns
/// the number of fields the line has, which may exceed out.size(). An empty line has one field.
size_t splitFields(std::string_view line, char separator, std::span<std::string_view> out);
/// The same with a multi-character separator such as ML-1M's "::".
size_t splitFields(std::string_view line, std::string_view separator, std::span<std::string_view> out);
/// Splits at runs of spaces and tabs; leading and trailing blanks make no empty fields.
size_t splitOnBlanks(std::string_view line, std::span<std::string_view> out);

/// An id field, trimmed; throws InputError(file, line) when it is empty. what: "a user id", "a movieId".
std::string_view requireId(std::string_view text, const std::string& file, int64_t line, std::string_view what);

/// Without leading and trailing spaces, tabs and carriage returns.
std::string_view trim(std::string_view text);
bool isBlank(std::string_view text);
/// ASCII letters lowered; other bytes (UTF-8 sequences included) kept as they are.
std::string asciiLower(std::string_view text);

/// What a line with the wrong number of fields is reported as: "3 fields in \"...\"".
std::string fieldCountFound(size_t count, std::string_view line);

/// A piece of input as an error message shows it: quoted, control characters escaped, cut after
/// a few dozen characters, invalid UTF-8 read as Latin-1 so the message stays valid UTF-8.
std::string quoteInput(std::string_view text);

}  // namespace ll
