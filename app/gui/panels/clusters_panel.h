#pragma once
// The Clusters panel: k-means of the user vectors (k = 20 by default) as a background job with
// progress and Cancel; the clusters with size and bias; for the picked one, its favourite and
// least-liked features (input sensitivities as bars: by default what sets the cluster apart from
// the mean user, or its own with Absolute) and the movies it would rate highest and lowest (PDC
// paper Table II), which are ringed in the projection.

#include "app/gui/panels/panel.h"

namespace ll::gui {

class ExploreState;
struct ClusterAnalysis;

class ClustersPanel final : public Panel {
 public:
  explicit ClustersPanel(PanelPlacement placement);

 protected:
  void drawContent(const FrameContext& frame) override;

 private:
  void drawControls(const FrameContext& frame, ExploreState& explore);
  void drawClusterList(const FrameContext& frame, ExploreState& explore, const ClusterAnalysis& analysis);
  void drawProfile(const FrameContext& frame, const ExploreState& explore, const ClusterAnalysis& analysis);

  bool absolute_ = false;  // the cluster's own sensitivities and bias, not the distinctive ones
};

}  // namespace ll::gui
