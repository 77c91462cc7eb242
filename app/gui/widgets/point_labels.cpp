#include "app/gui/widgets/point_labels.h"

#include <algorithm>
#include <string>
#include <vector>

#include "app/gui/state/explore_state.h"
#include "app/gui/state/label_placement.h"

namespace ll::gui {
namespace {

constexpr size_t kCandidatesPerLabel = 4;  // most-rated points offered per label wanted: crowded ones lose their spot

// A point's label: the film's title (with year) or "User <id>", from the tooltip's first line.
std::string labelText(const ExploreState& explore, int32_t point) {
  const std::vector<std::string> lines = explore.describePoint(point);
  return lines.empty() ? std::string() : lines.front();
}

}  // namespace

void drawPointLabels(ExploreState& explore, std::span<const ScreenPoint> onScreen, ImVec2 origin, CameraViewport viewport,
                     int32_t count, float scale, ImVec2 avoidMin, ImVec2 avoidMax) {
  std::vector<int32_t> points;
  const int32_t picked = explore.options.points == PointSet::Movies ? explore.selectedMovie() : -1;
  const auto inView = [&](int32_t p) {
    if (p < 0 || static_cast<size_t>(p) >= onScreen.size()) return false;
    const ScreenPoint& at = onScreen[static_cast<size_t>(p)];
    return at.visible && at.x >= 0.0f && at.y >= 0.0f && at.x <= viewport.width && at.y <= viewport.height;
  };
  if (inView(picked)) points.push_back(picked);
  const size_t wanted = static_cast<size_t>(std::max(count, 0)) * kCandidatesPerLabel;
  for (const int32_t p : explore.pointsByRatings()) {
    if (points.size() >= wanted + 1) break;
    if (p != picked && inView(p)) points.push_back(p);
  }
  std::vector<LabelRequest> requests;
  std::vector<std::string> texts;
  for (const int32_t p : points) {
    texts.push_back(labelText(explore, p));
    const ImVec2 size = ImGui::CalcTextSize(texts.back().c_str());
    const ScreenPoint& at = onScreen[static_cast<size_t>(p)];
    requests.push_back({p, at.x, at.y, size.x + 6.0f * scale, size.y + 2.0f * scale});
  }
  std::vector<PlacedLabel> obstacles;
  if (avoidMax.x > avoidMin.x) obstacles.push_back({-1, avoidMin.x - origin.x, avoidMin.y - origin.y, avoidMax.x - avoidMin.x, avoidMax.y - avoidMin.y});
  const std::vector<PlacedLabel> placed = placeLabels(requests, {viewport.width, viewport.height, 3.0f * scale}, obstacles);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  size_t drawn = 0;
  for (const PlacedLabel& label : placed) {
    const bool isPicked = label.point == picked;
    if (!isPicked && drawn >= static_cast<size_t>(std::max(count, 0))) break;
    if (!isPicked) ++drawn;
    const size_t k = static_cast<size_t>(std::find(points.begin(), points.end(), label.point) - points.begin());
    const ScreenPoint& at = onScreen[static_cast<size_t>(label.point)];
    const ImVec2 min(origin.x + label.left, origin.y + label.top);
    const ImVec2 max(min.x + label.width, min.y + label.height);
    // The leader runs from the point to the plate's nearest edge.
    const ImVec2 point(origin.x + at.x, origin.y + at.y);
    const ImVec2 edge(std::clamp(point.x, min.x, max.x), std::clamp(point.y, min.y, max.y));
    draw->AddLine(point, edge, IM_COL32(200, 200, 210, 120), 1.0f * scale);
    draw->AddRectFilled(min, max, isPicked ? IM_COL32(40, 44, 58, 235) : IM_COL32(16, 17, 20, 190), 3.0f * scale);
    draw->AddText(ImVec2(min.x + 3.0f * scale, min.y + 1.0f * scale), isPicked ? IM_COL32(255, 255, 255, 255) : IM_COL32(215, 218, 225, 235),
                  texts[k].c_str());
  }
}

}  // namespace ll::gui
