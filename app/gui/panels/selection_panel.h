#pragma once
// The Selection panel: the films picked on the projection (box, lasso, shift-click), by title or
// by a legend category, and what they have in common — count, how they are rated against the
// catalogue, the genres or tags they carry more and less often, the best known of them. Actions:
// select the picked film and its neighbours, isolate (grey the rest), export as CSV, and hand the
// films to Fold-in as a new user's favourites.

#include <string>

#include "app/gui/panels/panel.h"

namespace ll::gui {

class ExploreState;

class SelectionPanel final : public Panel {
 public:
  explicit SelectionPanel(PanelPlacement placement);

 protected:
  void drawContent(const FrameContext& frame) override;

 private:
  void drawActions(const FrameContext& frame, ExploreState& explore);
  void drawSummary(const FrameContext& frame, ExploreState& explore);

  std::string query_;
  std::string exportPath_ = "selection.csv";
  std::string status_;
};

}  // namespace ll::gui
