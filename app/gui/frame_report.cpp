#include "app/gui/frame_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ll::gui {

void FrameStats::record(double ms) {
  ++frames;
  totalMs += ms;
  // Smoothed over ~30 frames so the status bar is readable, not flickering.
  smoothedMs = frames == 1 ? ms : smoothedMs + (ms - smoothedMs) / 30.0;
  samplesMs.push_back(ms);
}

double FrameStats::quantileMs(double q) const {
  if (samplesMs.empty()) return 0.0;
  std::vector<double> sorted = samplesMs;
  const auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  const size_t k = std::clamp<size_t>(rank, 1, sorted.size()) - 1;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k), sorted.end());
  return sorted[k];
}

std::string FrameStats::summary() const {
  char text[160];
  std::snprintf(text, sizeof text, "%d frames: mean %.1f, median %.1f, p99 %.1f, max %.1f ms", frames, meanMs(),
                quantileMs(0.5), quantileMs(0.99), quantileMs(1.0));
  return text;
}

std::string SlowestFrame::summary() const {
  if (index < 0) return {};
  char text[160];
  std::snprintf(text, sizeof text, "frame %d: %.1f ms (state %.1f, UI %.1f, render %.1f, swap %.1f ms)", index, totalMs,
                stateMs, uiMs, renderMs, swapMs);
  return text;
}

void FrameReport::record(int index, Activity activity, const SlowestFrame& phases) {
  all.record(phases.totalMs);
  if (activity.training) training.record(phases.totalMs);
  if (activity.layout) layout.record(phases.totalMs);
  if (phases.totalMs > slowest.totalMs) {
    slowest = phases;
    slowest.index = index;
  }
}

void FrameReport::print(int frames, int width, int height) const {
  std::printf("latentlens: %d frames at %d×%d, %.1f ms/frame (mean)\n", frames, width, height, all.meanMs());
  std::printf("latentlens: first frame %.1f ms (startup, not counted); frame times, all %s\n", firstFrameMs,
              all.summary().c_str());
  if (training.frames > 0) std::printf("latentlens: frame times, training %s\n", training.summary().c_str());
  if (layout.frames > 0) std::printf("latentlens: frame times, layout computing %s\n", layout.summary().c_str());
  if (slowest.index >= 0) std::printf("latentlens: slowest %s\n", slowest.summary().c_str());
}

}  // namespace ll::gui
