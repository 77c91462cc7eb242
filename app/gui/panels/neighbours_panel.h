#pragma once
// The Neighbours panel: find a film by title (accent- and case-insensitive), then its top-k
// cosine neighbours in the model's movie space, with a minimum rating count (rarely rated films
// have noisy vectors). Clicking a row selects that film; the selection and its neighbours are
// ringed in the projection. The list exports as CSV.

#include <string>

#include "app/gui/panels/panel.h"

namespace ll::gui {

class ExploreState;

class NeighboursPanel final : public Panel {
 public:
  explicit NeighboursPanel(PanelPlacement placement);

 protected:
  void drawContent(const FrameContext& frame) override;

 private:
  void drawSearch(const FrameContext& frame, ExploreState& explore);
  void drawNeighbours(const FrameContext& frame, ExploreState& explore);
  void drawExport(const FrameContext& frame, ExploreState& explore);

  std::string query_;
  std::string exportPath_ = "neighbours.csv";
  std::string exportStatus_;
  bool focusSearch_ = false;
};

}  // namespace ll::gui
