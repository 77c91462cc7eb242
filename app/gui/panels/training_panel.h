#pragma once
// The Training panel: the run's settings (model, z, item input, activation, optimizer, learning
// rate, batch, epochs, L2, schedule, patience, seed, threads, split), the Start / Pause / Resume
// / Step / Stop controls, a progress bar with speed and ETA, and the run's state and end message;
// under them Tune: a budgeted search of the model's learning rate, λ, z and batch (core/tune) as a
// background job, its live table of tried configurations and "Use these settings".
// The settings belong to the App (FrameContext::settings); the run to its TrainingController; the
// search to the App's TuneState.

#include <cstdint>

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
  void drawTune(const FrameContext& frame);

  int32_t selectedTrial_ = -1;  ///< id of the tune table's selected row (-1: none, the best is used)
  bool wasTuning_ = false;      ///< a search ran last frame
  bool scrollToTune_ = false;   ///< a search started: scroll its section into view once its table shows
};

}  // namespace ll::gui
