#include "app/gui/widgets/number_format.h"

#include <cmath>
#include <cstdio>

namespace ll::gui {

std::string groupedNumber(int64_t value) {
  const bool negative = value < 0;
  std::string digits = std::to_string(negative ? -value : value);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3 + 1);
  const size_t lead = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out.append(digits, 0, lead);
  for (size_t i = lead; i < digits.size(); i += 3) {
    out.push_back(',');
    out.append(digits, i, 3);
  }
  return negative ? "-" + out : out;
}

std::string compactNumber(int64_t value) {
  char text[32];
  const double v = static_cast<double>(value);
  const double magnitude = std::abs(v);
  if (magnitude < 1000.0) {
    std::snprintf(text, sizeof text, "%lld", static_cast<long long>(value));
  } else if (magnitude < 1e6) {
    std::snprintf(text, sizeof text, magnitude < 1e5 ? "%.1fk" : "%.0fk", v / 1e3);
  } else if (magnitude < 1e9) {
    std::snprintf(text, sizeof text, magnitude < 1e7 ? "%.2fM" : "%.1fM", v / 1e6);
  } else {
    std::snprintf(text, sizeof text, "%.2fG", v / 1e9);
  }
  return text;
}

std::string percent(double fraction) {
  char text[32];
  const double p = fraction * 100.0;
  if (p != 0.0 && std::abs(p) < 0.01) {
    std::snprintf(text, sizeof text, "%.2g %%", p);
  } else {
    std::snprintf(text, sizeof text, "%.2f %%", p);
  }
  return text;
}

}  // namespace ll::gui
