#pragma once
// What a panel sees while it builds its part of one frame: the newest state, loaded once at the
// start of the frame (so every panel draws the same one), and the commands it may issue.
// Commands only record intent or start background work; none of them blocks the frame.

#include <memory>
#include <string>

#include <imgui.h>

#include "app/gui/render/theme.h"
#include "app/gui/state/dataset_loader.h"

namespace ll::gui {

/// Requests from panels to the App. Implemented by App; called on the UI thread only.
class AppCommands {
 public:
  virtual ~AppCommands() = default;
  /// Starts loading spec in the background; the Data panel shows progress, then the result.
  virtual void openDataset(const std::string& spec) = 0;
};

struct FrameContext {
  std::shared_ptr<const DatasetState> dataset;  ///< never null
  LoadProgress loadProgress;                    ///< meaningful while dataset->phase is Loading
  const Fonts* fonts = nullptr;
  AppCommands* commands = nullptr;
  ImVec2 workPos;   ///< screen area left for panels: below the menu bar, above the status bar
  ImVec2 workSize;
  float scale = 1.0f;  ///< content scale: multiply fixed pixel sizes by it
};

}  // namespace ll::gui
