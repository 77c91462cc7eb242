#pragma once
// The status bar along the window's bottom edge: the data set's state (loading, failed, or its
// counts), the latest notice, and right-aligned the frame time and the renderer.

#include <string>

#include "app/gui/state/dataset_loader.h"

namespace ll::gui::widgets {

/// The bar's height at this scale: the work area ends above it.
float statusBarHeight(float scale);

struct StatusLine {
  const DatasetState* dataset = nullptr;  ///< never null when drawn
  double loadSeconds = 0.0;               ///< elapsed, while loading
  std::string notice;                     ///< the App's latest line (saves, loads, errors); may be empty
  double frameMs = 0.0;                   ///< smoothed frame time
  std::string renderer;                   ///< the GL renderer's name
};

void statusBar(const StatusLine& line, float scale);

}  // namespace ll::gui::widgets
