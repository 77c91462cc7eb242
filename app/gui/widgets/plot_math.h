#pragma once
// The pure arithmetic of the line plot: "nice" axis ticks (1-2-5 steps, decades on a log axis,
// powers of two on a log2 axis), the smoothing of noisy curves, nearest-point lookup and the CSV
// form of the plotted series. No ImGui here, and header-only, so the unit tests (which link only
// the core) can compile it as it is.
//
// Sections: ticks · smoothing · lookup · CSV.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ll::gui::plot {

struct Tick {
  double value = 0.0;  ///< in data units
  std::string label;
};

// ---- ticks --------------------------------------------------------------------------------------

/// The smallest step of the form {1, 2, 5} × 10^k that cuts span into at most targetCount parts.
inline double niceStep(double span, int targetCount) {
  if (!(span > 0.0) || !std::isfinite(span)) return 1.0;
  const double raw = span / std::max(1, targetCount);
  const double decade = std::pow(10.0, std::floor(std::log10(raw)));
  for (double mantissa : {1.0, 2.0, 5.0, 10.0}) {
    // The small tolerance keeps 0.3/3 from becoming 0.2 through rounding of the division.
    if (mantissa * decade >= raw * (1.0 - 1e-9)) return mantissa * decade;
  }
  return 10.0 * decade;
}

/// A label with as many decimals as the step needs ("0.25" for step 0.05, "1200" for step 100);
/// %g for very large or very small magnitudes.
inline std::string formatTick(double value, double step) {
  char text[32];
  if (std::abs(value) < step * 1e-6) value = 0.0;  // no "-0" or "1e-17" at the origin
  const double magnitude = std::max(std::abs(value), std::abs(step));
  if (magnitude >= 1e6 || (step > 0.0 && step < 1e-4)) {
    std::snprintf(text, sizeof text, "%.3g", value);
    return text;
  }
  const int decimals = step > 0.0 ? std::clamp(static_cast<int>(-std::floor(std::log10(step) + 1e-9)), 0, 6) : 0;
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

/// Ticks on a linear axis over [lo, hi], about targetCount of them, at multiples of a nice step.
/// integerOnly: steps below 1 are raised to 1 (epochs, counts).
inline std::vector<Tick> linearTicks(double lo, double hi, int targetCount, bool integerOnly = false) {
  std::vector<Tick> ticks;
  if (!std::isfinite(lo) || !std::isfinite(hi) || hi < lo) return ticks;
  if (hi == lo) {
    ticks.push_back({lo, formatTick(lo, std::abs(lo) > 0 ? std::abs(lo) / 10.0 : 1.0)});
    return ticks;
  }
  double step = niceStep(hi - lo, targetCount);
  if (integerOnly) step = std::max(step, 1.0);
  const double first = std::ceil(lo / step - 1e-9);
  const double last = std::floor(hi / step + 1e-9);
  for (double k = first; k <= last && ticks.size() < 1000; k += 1.0) {
    ticks.push_back({k * step, formatTick(k * step, step)});
  }
  return ticks;
}

/// Ticks on a log10 axis over [lo, hi] (both > 0): 1-2-5 within each decade when they fit in
/// maxCount, else whole decades (every n-th one when there are too many); a range narrower than
/// that falls back to linear ticks, which are as readable on a log axis.
inline std::vector<Tick> log10Ticks(double lo, double hi, int maxCount) {
  if (!(lo > 0.0) || !(hi >= lo) || !std::isfinite(hi)) return {};
  const int firstDecade = static_cast<int>(std::floor(std::log10(lo)));
  const int lastDecade = static_cast<int>(std::ceil(std::log10(hi)));
  auto collect = [&](std::initializer_list<double> mantissas, int decadeStride) {
    std::vector<Tick> out;
    for (int d = firstDecade; d <= lastDecade; ++d) {
      if ((d - firstDecade) % decadeStride != 0) continue;
      for (double m : mantissas) {
        const double value = m * std::pow(10.0, d);
        if (value < lo * (1.0 - 1e-9) || value > hi * (1.0 + 1e-9)) continue;
        out.push_back({value, formatTick(value, std::pow(10.0, d))});
      }
    }
    return out;
  };
  std::vector<Tick> ticks = collect({1.0, 2.0, 5.0}, 1);
  if (static_cast<int>(ticks.size()) > maxCount) ticks = collect({1.0}, 1);
  const int decades = lastDecade - firstDecade + 1;
  if (static_cast<int>(ticks.size()) > maxCount) ticks = collect({1.0}, (decades + maxCount - 1) / std::max(1, maxCount));
  if (ticks.size() < 2) return linearTicks(lo, hi, std::min(maxCount, 5));
  return ticks;
}

/// Ticks at the powers of two within [lo, hi] (both > 0): thresholds 1, 2, 4, 8, 16.
inline std::vector<Tick> log2Ticks(double lo, double hi) {
  std::vector<Tick> ticks;
  if (!(lo > 0.0) || !(hi >= lo) || !std::isfinite(hi)) return ticks;
  for (int e = static_cast<int>(std::floor(std::log2(lo))); e <= static_cast<int>(std::ceil(std::log2(hi))); ++e) {
    const double value = std::ldexp(1.0, e);
    if (value < lo * (1.0 - 1e-9) || value > hi * (1.0 + 1e-9)) continue;
    ticks.push_back({value, formatTick(value, e >= 0 ? 1.0 : value)});
  }
  return ticks;
}

// ---- smoothing ----------------------------------------------------------------------------------

/// Exponential moving average with weight in [0, 1) on the past: m_t = w·m_{t−1} + (1 − w)·y_t,
/// divided by (1 − w^t) so the first values are not pulled toward the zero m starts from
/// (the first output equals the first input). NaN inputs are gaps: they stay NaN and do not
/// advance the average.
inline std::vector<double> smoothEma(std::span<const double> y, double weight) {
  std::vector<double> out(y.size(), std::numeric_limits<double>::quiet_NaN());
  weight = std::clamp(weight, 0.0, 0.999);
  double average = 0.0;
  double correction = 1.0;  // w^t
  for (size_t i = 0; i < y.size(); ++i) {
    if (!std::isfinite(y[i])) continue;
    average = weight * average + (1.0 - weight) * y[i];
    correction *= weight;
    out[i] = average / (1.0 - correction);
  }
  return out;
}

// ---- lookup -------------------------------------------------------------------------------------

/// Index of the point whose x is nearest to target among points with a finite y; x need not be
/// sorted. Returns x.size() when there is none.
inline size_t nearestIndex(std::span<const double> x, std::span<const double> y, double target) {
  size_t best = x.size();
  double bestDistance = std::numeric_limits<double>::infinity();
  const size_t n = std::min(x.size(), y.size());
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
    const double distance = std::abs(x[i] - target);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = i;
    }
  }
  return best;
}

// ---- CSV ----------------------------------------------------------------------------------------

/// One plotted series as the CSV sees it.
struct CsvSeries {
  std::string_view label;
  std::span<const double> x;
  std::span<const double> y;
};

/// Long format, one row per point: "series,x,y" (RFC 4180 quoting of labels; a missing y is an
/// empty field; numbers with 10 significant digits). Spreadsheets and pandas read it as is.
inline std::string csvText(std::span<const CsvSeries> series, std::string_view xName = "x",
                           std::string_view yName = "y") {
  auto quoted = [](std::string_view text) {
    if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
      if (c == '"') out += '"';
      out += c;
    }
    return out + '"';
  };
  auto number = [](double value) {
    if (!std::isfinite(value)) return std::string();
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", value);
    return std::string(text);
  };
  std::string out = "series," + quoted(xName) + "," + quoted(yName) + "\n";
  for (const CsvSeries& s : series) {
    const std::string label = quoted(s.label);
    const size_t n = std::min(s.x.size(), s.y.size());
    for (size_t i = 0; i < n; ++i) out += label + "," + number(s.x[i]) + "," + number(s.y[i]) + "\n";
  }
  return out;
}

}  // namespace ll::gui::plot
