#pragma once
// The Projection panel: the PCA "comet" of the movie (or user) embeddings, drawn by our point
// shaders into a texture and shown here with ImGui::Image. 2D on any two of PC1–PC3 or 3D with
// an orbit camera; colour by popularity, genre, a feature or cluster, with a legend; hover for
// a film's title and numbers, click to select it. Films are selected by a box or lasso drag (the
// "drag" tool), Shift adds, Shift-click toggles one, a click on a legend entry takes its category;
// titles label the picked film and the most-rated films in view. The panel holds the camera and
// the pointer's drag and gesture state; the cloud itself lives in ExploreState.

#include <vector>

#include "app/gui/panels/panel.h"
#include "app/gui/render/projection_camera.h"
#include "app/gui/widgets/view_menu.h"

namespace ll::gui {

class ExploreState;

class ProjectionPanel final : public Panel {
 public:
  explicit ProjectionPanel(PanelPlacement placement);

 protected:
  void drawContent(const FrameContext& frame) override;
  ImGuiWindowFlags windowFlags() const override {
    return ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  }

 private:
  void drawToolbar(const FrameContext& frame, ExploreState& explore);
  void handleInput(ExploreState& explore, CameraViewport viewport, ImVec2 origin);
  void handleKeys(ExploreState& explore, CameraViewport viewport);
  void drawOverlay(const FrameContext& frame, ExploreState& explore, CameraViewport viewport, ImVec2 origin);
  void drawLegend(const FrameContext& frame, ExploreState& explore, ImVec2 topRight);
  /// A box or lasso is being drawn (left drag with the box or lasso tool on films).
  void trackGesture(ExploreState& explore, CameraViewport viewport, ImVec2 origin);
  /// The films inside shape (screen pixels) become the selection, or join it (add).
  void selectInside(ExploreState& explore, CameraViewport viewport, std::vector<ScreenPoint> shape, bool add);

  enum class DragTool { Move, Box, Lasso };

  ProjectionCamera camera_;
  ViewMenu views_;
  int hovered_ = -1;
  bool dragged_ = false;  // the current press moved: its release is not a click
  DragTool tool_ = DragTool::Move;
  bool labels_ = true;
  int labelCount_ = 12;
  bool gesturing_ = false;
  std::vector<ScreenPoint> gesture_;    // the box's corners or the lasso's path, pixels in the view
  std::vector<ScreenPoint> lastShape_;  // the shape that made the selection, drawn while it stands
  Mat4 lastShapeView_{};                // ... and the camera it was drawn under
  uint64_t lastShapeSelection_ = 0;
  ImVec2 legendMin_{}, legendMax_{};    // last frame's legend, which takes its own clicks
};

}  // namespace ll::gui
