#pragma once
// How numbers read in the UI: counts with thousands separators, compact counts for tight
// spaces, percentages with enough digits to tell 99.4 % from 99.9 %.

#include <cstdint>
#include <string>

namespace ll::gui {

/// "12,345,678"
std::string groupedNumber(int64_t value);
/// "987", "12.3k", "250k", "25.0M": for bar labels.
std::string compactNumber(int64_t value);
/// fraction 0.0630 → "6.30 %"; tiny non-zero fractions keep two significant digits ("0.0052 %").
std::string percent(double fraction);

}  // namespace ll::gui
