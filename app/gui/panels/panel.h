#pragma once
// Base of every panel. It owns the window: placement on first use, Begin/End, the early-out
// when collapsed or hidden. Panels implement drawContent() only, and hold view state only
// (selections, scroll, toggles), never model data: that comes in through FrameContext.

#include <string>

#include <imgui.h>

#include "app/gui/state/frame_context.h"

namespace ll::gui {

/// Where a panel first appears, as fractions of the work area, so the default layout adapts to
/// any window size. After that the user's layout (imgui.ini) wins.
struct PanelPlacement {
  float x = 0.0f;
  float y = 0.0f;
  float width = 0.5f;
  float height = 1.0f;
  float minWidth = 0.0f;  ///< pixels at scale 1: keeps tables readable in narrow windows
};

class Panel {
 public:
  Panel(std::string title, PanelPlacement placement);
  virtual ~Panel() = default;
  Panel(const Panel&) = delete;
  Panel& operator=(const Panel&) = delete;

  /// Builds the panel's window for this frame (nothing when hidden).
  void draw(const FrameContext& frame);

  const std::string& title() const { return title_; }
  bool visible() const { return visible_; }
  /// For View-menu toggles (ImGui::MenuItem takes a bool*).
  bool* visibleFlag() { return &visible_; }

 protected:
  virtual void drawContent(const FrameContext& frame) = 0;
  virtual ImGuiWindowFlags windowFlags() const { return ImGuiWindowFlags_None; }

 private:
  std::string title_;  // also the ImGui window id: keep it stable, it keys the saved layout
  PanelPlacement placement_;
  bool visible_ = true;
};

}  // namespace ll::gui
