#include "core/data/input_limits.h"

#include <algorithm>
#include <cstdio>

#include "core/data/input_error.h"

namespace ll {

std::string describeBytes(uint64_t bytes) {
  std::string text = std::to_string(bytes) + " bytes";
  constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  double scaled = static_cast<double>(bytes);
  int unit = -1;
  while (unit < 3 && scaled >= 1024.0) {
    scaled /= 1024.0;
    ++unit;
  }
  if (unit < 0) return text;
  char shown[32];
  std::snprintf(shown, sizeof shown, "%.1f", scaled);
  std::string number = shown;
  if (number.size() > 2 && number.compare(number.size() - 2, 2, ".0") == 0) number.resize(number.size() - 2);
  return text + " (" + number + " " + kUnits[unit] + ")";
}

BoundedText::BoundedText(std::string file, const InputLimits& limits) : file_(std::move(file)), limits_(limits) {}

void BoundedText::requireSizeWithinLimit(uint64_t bytes, std::string_view whose) const {
  if (bytes <= limits_.maxTextBytes) return;
  throw InputError(file_, 0, "a size of at most " + describeBytes(limits_.maxTextBytes),
                   std::string(whose) + " " + describeBytes(bytes));
}

void BoundedText::reserve(uint64_t bytes) {
  text_.reserve(static_cast<size_t>(std::min(bytes, limits_.maxTextBytes)));
}

void BoundedText::requireRoomFor(size_t bytes, std::string_view expected) const {
  if (bytes <= limits_.maxTextBytes - text_.size()) return;  // text_ never holds more than the limit
  throw InputError(file_, 0, std::string(expected) + " of at most " + describeBytes(limits_.maxTextBytes),
                   "more than " + describeBytes(limits_.maxTextBytes));
}

void BoundedText::append(std::string_view chunk) {
  requireRoomFor(chunk.size(), "a size");
  text_.append(chunk);
}

void BoundedText::appendInflated(std::string_view chunk, uint64_t compressedBytes) {
  requireRoomFor(chunk.size(), "a decompressed size");
  const uint64_t size = text_.size() + chunk.size();
  const uint64_t ratio = limits_.maxInflationRatio;
  if (ratio > 0 && size > limits_.ratioCheckedAbove && size / ratio > compressedBytes) {
    throw InputError(file_, 0, "at most " + std::to_string(ratio) + " bytes of text per compressed byte",
                     describeBytes(size) + " from " + describeBytes(compressedBytes) + ", a decompression bomb");
  }
  text_.append(chunk);
}

}  // namespace ll
