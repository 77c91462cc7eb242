#pragma once
// The Fold-in panel: rate a handful of films as a new user (search, then 1–5 stars), and see the
// films the model predicts this user would rate highest. The user vector is the least-squares fit
// to those ratings with the movie side frozen: plain pseudo-inverse, or ridge with λ (which removes
// the error peak near n = dimension, Latent Spaces 2021 Table 2). The folded-in user appears in the
// user projection.

#include <string>

#include "app/gui/panels/panel.h"

namespace ll::gui {

class ExploreState;

class FoldInPanel final : public Panel {
 public:
  explicit FoldInPanel(PanelPlacement placement);

 protected:
  void drawContent(const FrameContext& frame) override;

 private:
  void drawRatingSearch(const FrameContext& frame, ExploreState& explore);
  void drawRatings(const FrameContext& frame, ExploreState& explore);
  void drawPredictions(const FrameContext& frame, const ExploreState& explore);

  std::string query_;
};

}  // namespace ll::gui
