#pragma once
// Each film's posterior spread drawn around its point on the PCA view: an ellipse whose radii are
// the sd of its vector projected on the two axes shown (ExploreState::uncertainty), in 2D. The
// widest are drawn first so small ones stay visible on top; at most a few thousand per frame.

#include <span>

#include <imgui.h>

#include "app/gui/render/projection_camera.h"

namespace ll::gui {

class ExploreState;

/// The toolbar's "spread" toggle (PCA of the movies only), its tooltip saying what the model has.
void drawSpreadToggle(ExploreState& explore);

void drawSpreadEllipses(ExploreState& explore, const ProjectionCamera& camera, std::span<const ScreenPoint> onScreen, ImVec2 origin,
                        CameraViewport viewport, float scale);

}  // namespace ll::gui
