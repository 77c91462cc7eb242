#include "app/cli/duration.h"

#include <cctype>
#include <cmath>
#include <charconv>

namespace ll::cli {

std::optional<double> parseDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double total = 0.0;
  int previousUnit = 4;  // units must come in decreasing order, each once: h (3), m (2), s (1)
  size_t at = 0;
  while (at < text.size()) {
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data() + at, text.data() + text.size(), value);
    if (error != std::errc() || end == text.data() + at || !std::isfinite(value) || value < 0.0) return std::nullopt;
    at = static_cast<size_t>(end - text.data());
    int unit = 1;
    double scale = 1.0;
    if (at < text.size()) {
      switch (text[at]) {
        case 'h': unit = 3; scale = 3600.0; break;
        case 'm': unit = 2; scale = 60.0; break;
        case 's': unit = 1; scale = 1.0; break;
        default: return std::nullopt;
      }
      ++at;
    } else if (previousUnit != 4) {
      return std::nullopt;  // "1h30": a bare number only alone
    }
    if (unit >= previousUnit) return std::nullopt;
    previousUnit = unit;
    total += value * scale;
  }
  if (!(total > 0.0)) return std::nullopt;
  return total;
}

}  // namespace ll::cli
