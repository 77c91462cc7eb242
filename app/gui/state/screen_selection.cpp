#include "app/gui/state/screen_selection.h"

#include <algorithm>

namespace ll::gui {
namespace {

// Even-odd rule: a ray to the right of (x, y) crosses the boundary an odd number of times.
bool insidePolygon(std::span<const ScreenPoint> polygon, float x, float y) {
  bool inside = false;
  for (size_t k = 0, previous = polygon.size() - 1; k < polygon.size(); previous = k++) {
    const ScreenPoint& p = polygon[k];
    const ScreenPoint& q = polygon[previous];
    if ((p.y > y) != (q.y > y) && x < (q.x - p.x) * (y - p.y) / (q.y - p.y) + p.x) inside = !inside;
  }
  return inside;
}

}  // namespace

std::vector<int32_t> pointsInBox(std::span<const ScreenPoint> points, ScreenPoint a, ScreenPoint b) {
  const float x0 = std::min(a.x, b.x), x1 = std::max(a.x, b.x), y0 = std::min(a.y, b.y), y1 = std::max(a.y, b.y);
  std::vector<int32_t> covered;
  for (size_t i = 0; i < points.size(); ++i) {
    const ScreenPoint& p = points[i];
    if (p.visible && p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1) covered.push_back(static_cast<int32_t>(i));
  }
  return covered;
}

std::vector<int32_t> pointsInLasso(std::span<const ScreenPoint> points, std::span<const ScreenPoint> polygon) {
  std::vector<int32_t> covered;
  if (polygon.size() < 3) return covered;
  // The polygon's bounding box rules most points out before the edge walk.
  float x0 = polygon[0].x, x1 = x0, y0 = polygon[0].y, y1 = y0;
  for (const ScreenPoint& v : polygon) {
    x0 = std::min(x0, v.x), x1 = std::max(x1, v.x), y0 = std::min(y0, v.y), y1 = std::max(y1, v.y);
  }
  for (size_t i = 0; i < points.size(); ++i) {
    const ScreenPoint& p = points[i];
    if (!p.visible || p.x < x0 || p.x > x1 || p.y < y0 || p.y > y1) continue;
    if (insidePolygon(polygon, p.x, p.y)) covered.push_back(static_cast<int32_t>(i));
  }
  return covered;
}

}  // namespace ll::gui
