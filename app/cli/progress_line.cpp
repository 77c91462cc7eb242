#include "app/cli/progress_line.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace ll::cli {

ProgressLine::ProgressLine(bool enabled)
    : enabled_(enabled && ::isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() { finish(); }

void ProgressLine::update(double fraction, const std::string& stage) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - lastDraw_ < std::chrono::milliseconds(100) && fraction < 1.0) return;
  lastDraw_ = now;
  fraction = std::clamp(fraction, 0.0, 1.0);
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(kWidth, '.');
  char eta[32] = "";
  if (fraction > 0.02 && fraction < 1.0) std::snprintf(eta, sizeof(eta), " ETA %.0fs", elapsed * (1.0 - fraction) / fraction);
  std::fprintf(stderr, "\r%-16s [%s] %3.0f%% %5.1fs%s\x1b[K", stage.c_str(), bar.c_str(), 100.0 * fraction, elapsed, eta);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::finish() {
  if (enabled_ && drawn_) {
    std::fprintf(stderr, "\r\x1b[K");
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace ll::cli
