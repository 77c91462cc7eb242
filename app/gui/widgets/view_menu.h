#pragma once
// The projection toolbar's saved views: a "Views…" popup to save the view on screen by name and to
// restore or delete the views saved on this data set (state/saved_views.h).

#include <string>

#include "app/gui/render/projection_camera.h"

namespace ll::gui {

class ExploreState;

class ViewMenu {
 public:
  /// On the toolbar's current line; scale is the content scale.
  void draw(ExploreState& explore, const ProjectionCamera& camera, float scale);

 private:
  std::string name_ = "view 1";
  std::string status_;
};

}  // namespace ll::gui
