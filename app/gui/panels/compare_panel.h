#pragma once
// The Compare panel (Latent Spaces 2021 Tables 4–5 in the app): tick runs of the run list whose
// models this window holds, and see the selected film's neighbours under each, one column per
// run, the films every run lists highlighted, with the overlap of each pair (Jaccard, Spearman's
// ρ of the shared films). Below, the user cluster picked in the Clusters panel: its favourite
// films and distinctive features under each run. The film is the Explore selection (Neighbours
// panel or the map); clicking a film in a column selects it.

#include "app/gui/panels/panel.h"
#include "app/gui/state/run_comparison.h"

namespace ll::gui {

class ExploreState;

class ComparePanel final : public Panel {
 public:
  explicit ComparePanel(PanelPlacement placement);

 protected:
  void drawContent(const FrameContext& frame) override;

 private:
  void drawRunPicker(const FrameContext& frame, RunComparison& comparison);
  void drawNeighbours(const FrameContext& frame, ExploreState& explore, RunComparison& comparison);
  void drawCluster(const FrameContext& frame, ExploreState& explore, RunComparison& comparison);
};

}  // namespace ll::gui
