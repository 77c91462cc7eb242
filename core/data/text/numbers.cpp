#include "core/data/text/numbers.h"

#include <fast_float/fast_float.h>

#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/data/input_error.h"
#include "core/data/text/fields.h"

namespace ll {

bool parseFloat(std::string_view text, float& value) {
  text = trim(text);
  if (text.empty()) return false;
  if (text.front() == '+') text.remove_prefix(1);  // fast_float refuses a leading '+'
  float parsed = 0.0f;
  const auto result = fast_float::from_chars(text.data(), text.data() + text.size(), parsed);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() || !std::isfinite(parsed)) {
    return false;
  }
  value = parsed;
  return true;
}

bool parseInteger(std::string_view text, int64_t& value) {
  text = trim(text);
  if (text.empty()) return false;
  if (text.front() == '+') text.remove_prefix(1);
  int64_t parsed = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return false;
  value = parsed;
  return true;
}

std::string formatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

float requireFloat(std::string_view text, const std::string& file, int64_t line, std::string_view what) {
  float value = 0.0f;
  if (!parseFloat(text, value)) {
    throw InputError(file, line, "a number for the " + std::string(what), quoteInput(text));
  }
  return value;
}

int64_t requireInteger(std::string_view text, const std::string& file, int64_t line, std::string_view what) {
  int64_t value = 0;
  if (!parseInteger(text, value)) {
    throw InputError(file, line, "an integer for the " + std::string(what), quoteInput(text));
  }
  return value;
}

float requireInRange(std::string_view text, float low, float high, const std::string& file, int64_t line,
                     std::string_view what) {
  const float value = requireFloat(text, file, line, what);
  if (value < low || value > high) {
    throw InputError(file, line, "a " + std::string(what) + " between " + formatNumber(low) + " and " + formatNumber(high),
                     quoteInput(text));
  }
  return value;
}

}  // namespace ll
