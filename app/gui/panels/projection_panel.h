#pragma once
// The Projection panel: the PCA "comet" of the movie (or user) embeddings, drawn by our point
// shaders into a texture and shown here with ImGui::Image. 2D on any two of PC1–PC3 or 3D with
// an orbit camera; colour by popularity, genre, a feature or cluster, with a legend; hover for
// a film's title and numbers, click to select it. The panel holds the camera and the pointer's
// drag state; the cloud itself lives in ExploreState.

#include "app/gui/panels/panel.h"
#include "app/gui/render/projection_camera.h"

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
  void drawLegend(const FrameContext& frame, const ExploreState& explore, ImVec2 topRight);

  ProjectionCamera camera_;
  int hovered_ = -1;
  bool dragged_ = false;  // the current press moved: its release is not a click
};

}  // namespace ll::gui
