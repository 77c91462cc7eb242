#include "app/gui/widgets/spread_ellipses.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "app/gui/state/explore_state.h"

namespace ll::gui {
namespace {

constexpr size_t kMostEllipses = 4000;  // per frame: beyond that the picture is a blur anyway
constexpr int kEllipseSegments = 20;

}  // namespace

void drawSpreadToggle(ExploreState& explore) {
  ImGui::BeginDisabled(explore.options.points != PointSet::Movies || explore.options.method != LayoutMethod::Pca);
  ImGui::Checkbox("spread", &explore.showUncertainty);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("Each film's posterior spread (a Bayesian model's sd of its vector) on the PCA axes shown, as an ellipse:\n"
                      "the comet's tail — the rarely rated films — is the uncertain part. %s",
                      explore.uncertaintyNote().c_str());
  }
}

void drawSpreadEllipses(ExploreState& explore, const ProjectionCamera& camera, std::span<const ScreenPoint> onScreen, ImVec2 origin,
                        CameraViewport viewport, float scale) {
  const std::vector<float>* spread = explore.uncertainty();
  const ProjectionResult* projection = explore.projection();
  if (spread == nullptr || projection == nullptr || explore.options.threeD) return;
  const int32_t components = projection->movies.components;
  const auto rows = static_cast<size_t>(projection->movies.rows);
  if (spread->size() != rows * static_cast<size_t>(components) || onScreen.size() < rows) return;
  // Pixels per scene unit along x and y (a 2D camera: the same everywhere).
  const Mat4 m = camera.viewProjection(viewport);
  const ScreenPoint zero = projectToScreen(m, {}, viewport);
  const float perX = std::fabs(projectToScreen(m, {1, 0, 0}, viewport).x - zero.x) * explore.sceneScale();
  const float perY = std::fabs(projectToScreen(m, {0, 1, 0}, viewport).y - zero.y) * explore.sceneScale();
  const int32_t ax = std::clamp(explore.options.axes[0], 0, components - 1), ay = std::clamp(explore.options.axes[1], 0, components - 1);
  std::vector<std::pair<float, int32_t>> shown;
  for (size_t i = 0; i < rows; ++i) {
    const ScreenPoint& p = onScreen[i];
    if (!p.visible || p.x < 0 || p.y < 0 || p.x > viewport.width || p.y > viewport.height) continue;
    const float rx = (*spread)[i * static_cast<size_t>(components) + static_cast<size_t>(ax)] * perX;
    const float ry = (*spread)[i * static_cast<size_t>(components) + static_cast<size_t>(ay)] * perY;
    shown.emplace_back(rx * ry, static_cast<int32_t>(i));
  }
  std::sort(shown.begin(), shown.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (shown.size() > kMostEllipses) shown.resize(kMostEllipses);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImVec2 path[kEllipseSegments];
  for (const auto& [area, i] : shown) {
    const size_t k = static_cast<size_t>(i) * static_cast<size_t>(components);
    const float rx = std::max((*spread)[k + static_cast<size_t>(ax)] * perX, 1.0f);
    const float ry = std::max((*spread)[k + static_cast<size_t>(ay)] * perY, 1.0f);
    const ImVec2 centre(origin.x + onScreen[static_cast<size_t>(i)].x, origin.y + onScreen[static_cast<size_t>(i)].y);
    for (int s = 0; s < kEllipseSegments; ++s) {
      const float t = 6.2831853f * static_cast<float>(s) / kEllipseSegments;
      path[s] = ImVec2(centre.x + rx * std::cos(t), centre.y + ry * std::sin(t));
    }
    draw->AddPolyline(path, kEllipseSegments, IM_COL32(255, 210, 120, 50), ImDrawFlags_Closed, 1.0f * scale);
  }
}

}  // namespace ll::gui
