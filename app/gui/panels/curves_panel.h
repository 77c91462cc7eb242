#pragma once
// The Curves panel: train and validation loss, RMSE and MAE (validation and test) per epoch, and
// PDC against the co-rating threshold, for the live run and for every ticked run of the library
// (one colour per run), with the best epoch marked. Above the plots, the run list: tick to
// overlay, delete. Each plot hovers, smooths, switches to log-y and exports (CSV, PNG).

#include <array>
#include <vector>

#include "app/gui/panels/panel.h"
#include "app/gui/widgets/line_plot.h"

namespace ll::gui {

class CurvesPanel final : public Panel {
 public:
  explicit CurvesPanel(PanelPlacement placement);
  struct PlottedRun;  // a run's curves as drawn this frame (curves_panel.cpp)

 protected:
  void drawContent(const FrameContext& frame) override;

 private:
  void drawRunList(const FrameContext& frame);
  void drawPlots(const FrameContext& frame, const std::vector<PlottedRun>& runs);

  enum PlotIndex { kLoss, kRmse, kMae, kPdc, kPlotCount };
  std::array<widgets::LinePlot, kPlotCount> plots_;  // view state of each plot
  // Height each row of plots took beyond its plot areas (title, legend, ticks) last frame: the
  // legends wrap with the number of runs, so the split of the height is measured, not guessed.
  std::array<float, 2> rowOverhead_{};
};

}  // namespace ll::gui
