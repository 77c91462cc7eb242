#pragma once
// Which points a gesture on the projection covers, in screen pixels: a box (drag a rectangle) or
// a lasso (a closed polygon drawn freehand, even-odd rule, so a figure eight selects both loops).
// Points behind the camera (ScreenPoint::visible false) are never covered. Pure functions on the
// scene's projected points: the panel draws, these decide.

#include <cstdint>
#include <span>
#include <vector>

#include "app/gui/render/projection_camera.h"

namespace ll::gui {

/// Indices of the visible points inside the rectangle spanned by corners a and b (either order), ascending.
std::vector<int32_t> pointsInBox(std::span<const ScreenPoint> points, ScreenPoint a, ScreenPoint b);

/// Indices of the visible points inside the polygon (its last vertex joins its first), ascending;
/// fewer than three vertices cover nothing.
std::vector<int32_t> pointsInLasso(std::span<const ScreenPoint> points, std::span<const ScreenPoint> polygon);

}  // namespace ll::gui
