#pragma once
// Titles drawn on the projection: the picked film's first, then the most-rated films in view, each
// beside its point on a dark plate with a short leader, never overlapping (state/label_placement.h).

#include <cstdint>
#include <span>

#include <imgui.h>

#include "app/gui/render/projection_camera.h"

namespace ll::gui {

class ExploreState;

/// Labels up to `count` points of the cloud (plus the picked film) inside the view at origin,
/// clear of the box from avoidMin to avoidMax (screen coordinates; the legend), when it is not empty.
void drawPointLabels(ExploreState& explore, std::span<const ScreenPoint> onScreen, ImVec2 origin, CameraViewport viewport,
                     int32_t count, float scale, ImVec2 avoidMin, ImVec2 avoidMax);

}  // namespace ll::gui
