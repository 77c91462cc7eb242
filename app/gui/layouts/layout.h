#pragma once
// A layout: panels placed over the work area together with the state only they use. The App
// owns one of each kind and shows one at a time; every layout refreshes its state once per
// frame (also while hidden, so background jobs are collected), before the UI is built.

#include <memory>
#include <vector>

#include "app/gui/panels/panel.h"
#include "app/gui/state/frame_context.h"

namespace ll::gui {

class Layout {
 public:
  virtual ~Layout() = default;
  Layout() = default;
  Layout(const Layout&) = delete;
  Layout& operator=(const Layout&) = delete;

  std::vector<std::unique_ptr<Panel>>& panels() { return panels_; }
  /// Takes in the frame's newest state and collects finished background work.
  virtual void refresh(const FrameContext& /*frame*/) {}
  /// Background work in flight: keep frames coming so its result shows without input.
  virtual bool busy() const { return false; }
  /// Scripted runs: what the layout showed, on stdout.
  virtual void report() const {}

 protected:
  std::vector<std::unique_ptr<Panel>> panels_;
};

}  // namespace ll::gui
