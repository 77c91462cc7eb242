#pragma once
// The Training panel: the run's settings (model, z, item input, activation, optimizer, learning
// rate, batch, epochs, L2, schedule, patience, seed, threads, split), the Start / Pause / Resume
// / Step / Stop controls, a progress bar with speed and ETA, and the run's state and end message.
// The settings belong to the App (FrameContext::settings); the run to its TrainingController.

#include "app/gui/panels/panel.h"

namespace ll::gui {

class TrainingPanel final : public Panel {
 public:
  explicit TrainingPanel(PanelPlacement placement);

 protected:
  void drawContent(const FrameContext& frame) override;

 private:
  /// Returns false when the split field does not parse (Start is then disabled).
  bool drawSettings(const FrameContext& frame);
  void drawControls(const FrameContext& frame, bool settingsValid);
  void drawProgress(const FrameContext& frame);
  void drawOutcome(const FrameContext& frame);
};

}  // namespace ll::gui
