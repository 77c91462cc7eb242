#pragma once
// Number fields of text files. The bool forms say whether the whole text is a number; the
// require* forms throw InputError naming the file, the line, what was expected and what was found.
// Surrounding blanks are allowed; "nan", "inf" and trailing characters are not.

#include <cstdint>
#include <string>
#include <string_view>

namespace ll {

bool parseFloat(std::string_view text, float& value);
bool parseInteger(std::string_view text, int64_t& value);

/// A short decimal form of a bound for messages: 0.5 → "0.5", 5 → "5".
std::string formatNumber(double value);

/// what names the field in the message, e.g. "rating" → expected "a number for the rating".
float requireFloat(std::string_view text, const std::string& file, int64_t line, std::string_view what);
int64_t requireInteger(std::string_view text, const std::string& file, int64_t line, std::string_view what);
/// A number within [low, high]; expected "a <what> between <low> and <high>" when out of range.
float requireInRange(std::string_view text, float low, float high, const std::string& file, int64_t line,
                     std::string_view what);

}  // namespace ll
