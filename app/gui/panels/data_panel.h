#pragma once
// The Data panel: what the loaded data set is (format, source, size, sparsity), how its ratings
// are distributed, how active users and movies are, and which item features it carries.
// While a load runs it shows progress; when a load fails it shows where (file, line) and what
// the loader expected and found. It also holds the split choice the Training panel starts from.

#include "app/gui/panels/panel.h"

namespace ll::gui {

class DataPanel final : public Panel {
 public:
  explicit DataPanel(PanelPlacement placement);

 protected:
  void drawContent(const FrameContext& frame) override;

 private:
  void drawEmpty(const FrameContext& frame);
  void drawLoading(const FrameContext& frame);
  void drawFailed(const FrameContext& frame);
  void drawReady(const FrameContext& frame);
  void drawOverview(const FrameContext& frame);
  void drawSplit(const FrameContext& frame);
  void drawDistribution(const FrameContext& frame);
  void drawActivity(const FrameContext& frame);
  void drawActivityTable(const FrameContext& frame);
  void drawActivityHistograms(const FrameContext& frame);
  void drawFeatures(const FrameContext& frame);

  bool showMeans_ = false;  // view toggle: add a mean column to the activity table
};

}  // namespace ll::gui
