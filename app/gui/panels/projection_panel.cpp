#include "app/gui/panels/projection_panel.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/gui/state/explore_state.h"
#include "app/gui/state/screen_selection.h"
#include "app/gui/widgets/layout_controls.h"
#include "app/gui/widgets/point_labels.h"
#include "app/gui/widgets/replay_controls.h"
#include "app/gui/widgets/spread_ellipses.h"
#include "app/gui/widgets/spinner.h"

namespace ll::gui {
namespace {

constexpr float kPickRadius = 7.0f;     // pixels at scale 1
constexpr float kOrbitPerPixel = 0.008f;  // radians
constexpr const char* kColourNames[] = {"popularity", "genre", "feature", "cluster", "trust"};
constexpr const char* kToolNames[] = {"drag: move", "drag: box", "drag: lasso"};
constexpr float kLassoStep = 3.0f;  // pixels between recorded lasso vertices

ImU32 toImU32(PackedColour c) { return IM_COL32(channel(c, 0), channel(c, 1), channel(c, 2), 255); }

}  // namespace

ProjectionPanel::ProjectionPanel(PanelPlacement placement) : Panel("Projection", placement) {}

void ProjectionPanel::drawContent(const FrameContext& frame) {
  ExploreState& explore = *frame.explore;
  if (explore.cameraRequest) {  // a restored view's camera
    const CameraPose& pose = *explore.cameraRequest;
    camera_.restore(pose.threeD, pose.zoom, pose.yaw, pose.pitch, pose.target);
    explore.cameraRequest.reset();
  }
  drawToolbar(frame, explore);
  camera_.setThreeD(explore.options.threeD);

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, 64.0f);
  size.y = std::max(size.y, 64.0f);
  ImGui::InvisibleButton("##cloud", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const CameraViewport viewport{size.x, size.y};
  if (explore.spinCamera && explore.options.threeD) camera_.orbit(0.01f, 0.0f);
  handleInput(explore, viewport, origin);
  if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows)) handleKeys(explore, viewport);

  showExportedReplayFrame(explore);
  explore.requestScene(camera_, viewport, frame.scale);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(origin.x + size.x, origin.y + size.y);
  if (const uint64_t texture = explore.sceneTexture(); texture != 0) {
    // GL textures start at the bottom row: flip v.
    draw->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture)), origin, end, ImVec2(0, 1), ImVec2(1, 0));
  } else {
    draw->AddRectFilled(origin, end, IM_COL32(23, 25, 28, 255));
  }
  drawOverlay(frame, explore, viewport, origin);
  captureExportedReplayFrame(explore, *frame.commands, origin, end);
}

void ProjectionPanel::drawToolbar(const FrameContext& frame, ExploreState& explore) {
  ProjectionOptions& o = explore.options;
  const float s = frame.scale;
  const Dataset* data = explore.dataset();
  ImGui::SetNextItemWidth(90.0f * s);
  int points = static_cast<int>(o.points);
  if (ImGui::Combo("##points", &points, "movies\0users\0")) o.points = static_cast<PointSet>(points);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Which embeddings to project");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140.0f * s);
  if (ImGui::BeginCombo("##colour", (std::string("colour: ") + kColourNames[static_cast<int>(o.colour)]).c_str())) {
    for (int c = 0; c < 5; ++c) {
      const bool moviesOnly = c == 1 || c == 2 || c == 4;
      const bool enabled = !(moviesOnly && o.points == PointSet::Users);
      if (ImGui::Selectable(kColourNames[c], static_cast<int>(o.colour) == c, enabled ? 0 : ImGuiSelectableFlags_Disabled)) {
        o.colour = static_cast<ColourMode>(c);
      }
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(o.points == PointSet::Movies ? "cluster: the picked cluster's predicted rating of each movie"
                                                   : "cluster: each user's k-means cluster");
  }
  if (o.colour == ColourMode::Feature && data != nullptr && data->features.count > 0) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(120.0f * s);
    if (o.feature < 0 || o.feature >= data->features.count) o.feature = std::min(data->features.genreCount, data->features.count - 1);
    if (ImGui::BeginCombo("##feature", data->features.names[static_cast<size_t>(o.feature)].c_str())) {
      ImGuiListClipper clipper;
      clipper.Begin(data->features.count);
      while (clipper.Step()) {
        for (int f = clipper.DisplayStart; f < clipper.DisplayEnd; ++f) {
          if (ImGui::Selectable(data->features.names[static_cast<size_t>(f)].c_str(), f == o.feature)) o.feature = f;
        }
      }
      ImGui::EndCombo();
    }
  }
  if (o.colour == ColourMode::Trust && ImGui::IsItemHovered()) {
    ImGui::SetTooltip("trust: each film's share of its %d nearest neighbours in the embedding space\n"
                      "that are also among its %d nearest on screen (1: the layout keeps them all)",
                      explore.layouts.trustNeighbours, explore.layouts.trustNeighbours);
  }
  ImGui::SameLine();
  drawLayoutControls(explore, s);
  ImGui::SameLine();
  ImGui::Checkbox("3D", &o.threeD);
  const int shownAxes = o.method != LayoutMethod::Pca && o.points == PointSet::Movies ? 0 : o.threeD ? 3 : 2;
  for (int a = 0; a < shownAxes; ++a) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(58.0f * s);
    char id[16];
    std::snprintf(id, sizeof id, "##axis%d", a);
    ImGui::Combo(id, &o.axes[a], "PC1\0PC2\0PC3\0");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s axis", a == 0 ? "x" : a == 1 ? "y" : "z");
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(70.0f * s);
  ImGui::SliderFloat("##size", &explore.pointSize, 0.3f, 3.0f, "size %.1f");
  ImGui::SameLine();
  if (ImGui::Button("Reset")) camera_.reset();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Reset the view (R)");
  // The selection tools and labels wrap to a second row in a narrow panel.
  const float room = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x - ImGui::GetItemRectMax().x;
  if (room > 330.0f * s) ImGui::SameLine();
  ImGui::SetNextItemWidth(110.0f * s);
  ImGui::BeginDisabled(o.points != PointSet::Movies);
  int tool = static_cast<int>(tool_);
  if (ImGui::Combo("##tool", &tool, kToolNames, 3)) tool_ = static_cast<DragTool>(tool);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Left drag: move the view, or select the films in a box or lasso (Shift adds)");
  ImGui::SameLine();
  ImGui::Checkbox("labels", &labels_);

  if (labels_) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(60.0f * s);
    ImGui::SliderInt("##labels", &labelCount_, 0, 40);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Titles of the most-rated films in view (and the picked one)");
  }
  ImGui::SameLine();
  drawReplayControls(explore, s);
  ImGui::SameLine();
  views_.draw(explore, camera_, s);
  // The replay's controls can fill the row: the toggle then starts the next one.
  if (ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x - ImGui::GetItemRectMax().x > 90.0f * s) ImGui::SameLine();
  drawSpreadToggle(explore);

  if (explore.projection() == nullptr) {
    if (explore.projectionRunning()) {
      widgets::spinner("##pca", 6.0f * s, 2.0f * s, ImGui::GetColorU32(palette::kAccent));
      ImGui::SameLine();
      ImGui::TextDisabled("Computing the projection…");
    } else {
      ImGui::TextDisabled(data == nullptr ? "Load a data set, then train or load a model to see its embeddings."
                                          : "Train a model (Cockpit, Space) or load one to see its embeddings.");
    }
  } else {
    if (o.method != LayoutMethod::Pca && !explore.layouts.status().empty()) {
      ImGui::TextDisabled("%s", explore.layouts.status().c_str());
      if (const std::string trust = explore.layouts.trustSummary(); !trust.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("· %s", trust.c_str());
      }
    } else if (const std::string trust = explore.layouts.trustSummary(); !trust.empty()) {
      ImGui::TextDisabled("%s", trust.c_str());
    } else if (explore.showUncertainty && !explore.uncertaintyNote().empty()) {
      ImGui::TextDisabled("%s", explore.uncertaintyNote().c_str());
    }
    const size_t selected = explore.selection.items().size();
    ImGui::TextDisabled("%s · %d points%s%s · %s, wheel to zoom, right-drag to pan", explore.sourceLabel().c_str(),
                        explore.pointCount(), selected > 0 ? (" · " + std::to_string(selected) + " selected").c_str() : "",
                        explore.projectionRunning() ? " · updating" : "",
                        tool_ == DragTool::Box ? "drag a box to select" : tool_ == DragTool::Lasso ? "draw a lasso to select"
                        : o.threeD ? "drag to orbit" : "drag to pan");
  }
}

void ProjectionPanel::handleInput(ExploreState& explore, CameraViewport viewport, ImVec2 origin) {
  const ImGuiIO& io = ImGui::GetIO();
  const bool overLegend = io.MousePos.x >= legendMin_.x && io.MousePos.x <= legendMax_.x && io.MousePos.y >= legendMin_.y &&
                          io.MousePos.y <= legendMax_.y;
  const bool hovered = ImGui::IsItemHovered() && !overLegend;
  if (hovered && io.MouseWheel != 0.0f) camera_.zoomBy(std::pow(1.15f, io.MouseWheel));
  if (ImGui::IsItemActivated()) dragged_ = false;
  trackGesture(explore, viewport, origin);
  if (ImGui::IsItemActive() && !gesturing_) {
    const ImVec2 delta = io.MouseDelta;
    if (delta.x != 0.0f || delta.y != 0.0f) {
      if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f) || ImGui::IsMouseDragging(ImGuiMouseButton_Right, 2.0f)) {
        dragged_ = true;
      }
      const bool orbit = camera_.threeD() && ImGui::IsMouseDown(ImGuiMouseButton_Left) && !io.KeyShift;
      if (orbit) {
        camera_.orbit(-delta.x * kOrbitPerPixel, delta.y * kOrbitPerPixel);
      } else {
        camera_.pan(delta.x, delta.y, viewport);
      }
    }
  }
  hovered_ = -1;
  if (hovered && !ImGui::IsItemActive()) {
    const float radius = kPickRadius * std::max(1.0f, explore.pointSize);
    hovered_ = explore.pick(camera_, viewport, io.MousePos.x - origin.x, io.MousePos.y - origin.y, radius);
  }
  if (ImGui::IsItemDeactivated() && !dragged_ && hovered) {
    const int clicked = explore.pick(camera_, viewport, io.MousePos.x - origin.x, io.MousePos.y - origin.y,
                                     kPickRadius * std::max(1.0f, explore.pointSize));
    if (io.KeyShift && clicked >= 0 && explore.options.points == PointSet::Movies) {
      explore.selection.toggle(clicked);  // click-extend
    } else {
      explore.clickPoint(clicked);
    }
  }
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && hovered_ < 0) camera_.reset();
}

void ProjectionPanel::trackGesture(ExploreState& explore, CameraViewport viewport, ImVec2 origin) {
  const ImGuiIO& io = ImGui::GetIO();
  const ScreenPoint mouse{io.MousePos.x - origin.x, io.MousePos.y - origin.y, true};
  if (!explore.selection.scriptedLasso.empty()) {
    std::vector<ScreenPoint> shape;
    for (const auto& [x, y] : explore.selection.scriptedLasso) shape.push_back({x * viewport.width, y * viewport.height, true});
    explore.selection.scriptedLasso.clear();
    selectInside(explore, viewport, std::move(shape), false);
  }
  const bool tool = tool_ != DragTool::Move && explore.options.points == PointSet::Movies;
  if (tool && ImGui::IsItemActivated() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    gesturing_ = true;
    gesture_ = {mouse, mouse};
  }
  if (!gesturing_) return;
  if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    if (tool_ == DragTool::Box) {
      gesture_.back() = mouse;
    } else {
      const ScreenPoint& last = gesture_.back();
      if (std::hypot(mouse.x - last.x, mouse.y - last.y) >= kLassoStep) gesture_.push_back(mouse);
    }
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) dragged_ = true;
    return;
  }
  gesturing_ = false;
  if (!dragged_) return;  // a click: picking handles it
  std::vector<ScreenPoint> shape = std::move(gesture_);
  if (tool_ == DragTool::Box) {
    const ScreenPoint a = shape.front(), b = shape.back();
    shape = {a, {b.x, a.y, true}, b, {a.x, b.y, true}};
  }
  selectInside(explore, viewport, std::move(shape), io.KeyShift);
}

void ProjectionPanel::selectInside(ExploreState& explore, CameraViewport viewport, std::vector<ScreenPoint> shape, bool add) {
  std::vector<int32_t> inside = pointsInLasso(explore.screenPoints(camera_, viewport), shape);
  // Only films: the folded-in user rides along in the user cloud, never in the movie one.
  if (explore.dataset() != nullptr) std::erase_if(inside, [&](int32_t p) { return p >= explore.dataset()->ratings.itemCount; });
  if (add) {
    explore.selection.add(inside);
  } else {
    explore.selection.replace(std::move(inside));
  }
  lastShape_ = std::move(shape);
  lastShapeView_ = camera_.viewProjection(viewport);
  lastShapeSelection_ = explore.selection.version();
}

void ProjectionPanel::handleKeys(ExploreState& explore, CameraViewport viewport) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || io.KeySuper) return;
  // 1.86 keys are GLFW key codes. Arrows stay with ImGui's keyboard navigation; the camera
  // takes letters: J/L and I/K orbit (3D) or pan (2D), +/− zoom, R resets, T toggles 3D.
  const float step = 24.0f;
  auto pressed = [](int key) { return ImGui::IsKeyPressed(key, true); };
  const float dx = (pressed(GLFW_KEY_L) ? 1.0f : 0.0f) - (pressed(GLFW_KEY_J) ? 1.0f : 0.0f);
  const float dy = (pressed(GLFW_KEY_K) ? 1.0f : 0.0f) - (pressed(GLFW_KEY_I) ? 1.0f : 0.0f);
  if (dx != 0.0f || dy != 0.0f) {
    if (camera_.threeD()) {
      camera_.orbit(-dx * step * kOrbitPerPixel, dy * step * kOrbitPerPixel);
    } else {
      camera_.pan(-dx * step, -dy * step, viewport);
    }
  }
  if (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD)) camera_.zoomBy(1.15f);
  if (pressed(GLFW_KEY_MINUS) || pressed(GLFW_KEY_KP_SUBTRACT)) camera_.zoomBy(1.0f / 1.15f);
  if (ImGui::IsKeyPressed(GLFW_KEY_R, false)) camera_.reset();
  if (ImGui::IsKeyPressed(GLFW_KEY_T, false)) explore.options.threeD = !explore.options.threeD;
}

void ProjectionPanel::drawOverlay(const FrameContext& frame, ExploreState& explore, CameraViewport viewport,
                                  ImVec2 origin) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float s = frame.scale;
  const ImU32 muted = ImGui::GetColorU32(palette::kMuted);
  const ImVec2 end(origin.x + viewport.width, origin.y + viewport.height);
  draw->PushClipRect(origin, end, true);
  if (explore.projection() != nullptr && explore.pointCount() > 0) {
    const ProjectionOptions& o = explore.options;
    const bool ownAxes = explore.showsLayout() || explore.replay.current() != nullptr;
    const int32_t axisX = ownAxes ? 0 : o.axes[0], axisY = ownAxes ? 1 : o.axes[1], axisZ = ownAxes ? 2 : o.axes[2];
    if (!o.threeD) {
      const std::string x = explore.axisLabel(axisX) + " →";
      const std::string y = "↑ " + explore.axisLabel(axisY);
      const ImVec2 xSize = ImGui::CalcTextSize(x.c_str());
      draw->AddText(ImVec2(origin.x + (viewport.width - xSize.x) * 0.5f, end.y - xSize.y - 4.0f * s), muted, x.c_str());
      draw->AddText(ImVec2(origin.x + 6.0f * s, origin.y + 4.0f * s), muted, y.c_str());
    } else {
      // An axis gizmo in the bottom-left corner: the three components as seen by the camera.
      const ImVec2 centre(origin.x + 50.0f * s, end.y - 50.0f * s);
      ProjectionCamera gizmo = camera_;
      gizmo.reset();
      gizmo.setThreeD(true);
      gizmo.orbit(camera_.yaw() - gizmo.yaw(), camera_.pitch() - gizmo.pitch());
      const Mat4 m = gizmo.viewProjection({100.0f, 100.0f});
      const ScreenPoint zero = projectToScreen(m, {}, {100.0f, 100.0f});
      const Vec3 units[3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
      for (int a = 0; a < 3; ++a) {
        const ScreenPoint p = projectToScreen(m, units[a], {100.0f, 100.0f});
        const ImVec2 along((p.x - zero.x) * 0.8f * s, (p.y - zero.y) * 0.8f * s);
        const ImVec2 tip(centre.x + along.x, centre.y + along.y);
        draw->AddLine(centre, tip, muted, 1.5f * s);
        const char* name[3] = {"x", "y", "z"};
        const ImVec2 textSize = ImGui::CalcTextSize(name[a]);
        // The letter sits beyond the tip, centred on the axis direction, so labels never overlap the lines.
        const float length = std::max(1.0f, std::sqrt(along.x * along.x + along.y * along.y));
        draw->AddText(ImVec2(tip.x + along.x / length * 8.0f * s - textSize.x * 0.5f,
                             tip.y + along.y / length * 8.0f * s - textSize.y * 0.5f),
                      muted, name[a]);
      }
      const std::string axes = "x " + explore.axisLabel(axisX) + " · y " + explore.axisLabel(axisY) + " · z " + explore.axisLabel(axisZ);
      const ImVec2 axesSize = ImGui::CalcTextSize(axes.c_str());
      draw->AddText(ImVec2(end.x - axesSize.x - 8.0f * s, end.y - axesSize.y - 4.0f * s), muted, axes.c_str());
    }
    if (explore.showUncertainty && !explore.showsLayout() && explore.replay.current() == nullptr && o.points == PointSet::Movies) {
      drawSpreadEllipses(explore, camera_, explore.screenPoints(camera_, viewport), origin, viewport, s);
    }
    if (labels_ && labelCount_ > 0) {
      drawPointLabels(explore, explore.screenPoints(camera_, viewport), origin, viewport, labelCount_, s, legendMin_, legendMax_);
    }
    // The gesture being drawn, and the shape behind the current selection while the view stands still.
    const auto outline = [&](const std::vector<ScreenPoint>& shape, ImU32 colour, bool closed) {
      std::vector<ImVec2> path;
      for (const ScreenPoint& p : shape) path.emplace_back(origin.x + p.x, origin.y + p.y);
      draw->AddPolyline(path.data(), static_cast<int>(path.size()), colour, closed ? ImDrawFlags_Closed : ImDrawFlags_None, 1.5f * s);
    };
    if (gesturing_ && tool_ == DragTool::Box) {
      draw->AddRect(ImVec2(origin.x + std::min(gesture_.front().x, gesture_.back().x), origin.y + std::min(gesture_.front().y, gesture_.back().y)),
                    ImVec2(origin.x + std::max(gesture_.front().x, gesture_.back().x), origin.y + std::max(gesture_.front().y, gesture_.back().y)),
                    IM_COL32(255, 214, 102, 230), 0.0f, 0, 1.5f * s);
    } else if (gesturing_) {
      outline(gesture_, IM_COL32(255, 214, 102, 230), false);
    } else if (!lastShape_.empty() && lastShapeSelection_ == explore.selection.version() && lastShapeView_ == camera_.viewProjection(viewport)) {
      outline(lastShape_, IM_COL32(255, 214, 102, 150), true);
    }
    // The picked film's way through the replayed epochs, up to the frame shown.
    if (explore.replay.current() != nullptr && explore.selectedMovie() >= 0) {
      const Mat4 m = camera_.viewProjection(viewport);
      std::vector<ImVec2> path;
      for (const Vec3& p : explore.replay.pathOf(explore.selectedMovie())) {
        const ScreenPoint at = projectToScreen(m, p, viewport);
        if (at.visible) path.emplace_back(origin.x + at.x, origin.y + at.y);
      }
      draw->AddPolyline(path.data(), static_cast<int>(path.size()), IM_COL32(255, 255, 255, 200), ImDrawFlags_None, 1.5f * s);
      for (const ImVec2& p : path) draw->AddCircleFilled(p, 2.0f * s, IM_COL32(255, 255, 255, 200));
    }
    drawLegend(frame, explore, ImVec2(end.x - 8.0f * s, origin.y + 8.0f * s));
  }
  if (!explore.rendererError().empty()) {
    draw->AddText(ImVec2(origin.x + 8.0f * s, origin.y + 24.0f * s), ImGui::GetColorU32(palette::kError),
                  ("Renderer: " + explore.rendererError()).c_str());
  }
  draw->PopClipRect();
  if (hovered_ >= 0) {
    const ScreenPoint p = explore.screenPositionOf(hovered_, camera_, viewport);
    draw->AddCircle(ImVec2(origin.x + p.x, origin.y + p.y), 7.0f * s, IM_COL32(255, 255, 255, 230), 20, 1.5f * s);
    const std::vector<std::string> lines = explore.describePoint(hovered_);
    if (!lines.empty()) {
      ImGui::BeginTooltip();
      ImGui::TextUnformatted(lines[0].c_str());
      for (size_t k = 1; k < lines.size(); ++k) ImGui::TextDisabled("%s", lines[k].c_str());
      ImGui::EndTooltip();
    }
  }
}

void ProjectionPanel::drawLegend(const FrameContext& frame, ExploreState& explore, ImVec2 topRight) {
  const Legend& legend = explore.legend();
  legendMin_ = legendMax_ = ImVec2();
  if (legend.title.empty()) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float s = frame.scale;
  const float line = ImGui::GetTextLineHeight();
  const float pad = 6.0f * s;
  const float width = std::max(150.0f * s, ImGui::CalcTextSize(legend.title.c_str()).x + 2.0f * pad);
  const size_t rows = legend.continuous ? 2 : legend.entries.size();
  const float height = pad * 2.0f + line * static_cast<float>(rows + 1) + (legend.continuous ? 10.0f * s : 0.0f);
  const ImVec2 min(topRight.x - width, topRight.y);
  draw->AddRectFilled(min, ImVec2(topRight.x, topRight.y + height), IM_COL32(16, 17, 20, 210), 4.0f * s);
  legendMin_ = min;
  legendMax_ = ImVec2(topRight.x, topRight.y + height);
  draw->AddText(ImVec2(min.x + pad, min.y + pad), ImGui::GetColorU32(ImGuiCol_Text), legend.title.c_str());
  float y = min.y + pad + line + 2.0f * s;
  if (legend.continuous) {
    const float barWidth = width - 2.0f * pad;
    constexpr int kSteps = 32;
    for (int k = 0; k < kSteps; ++k) {
      const float x0 = min.x + pad + barWidth * k / kSteps, x1 = min.x + pad + barWidth * (k + 1) / kSteps;
      draw->AddRectFilled(ImVec2(x0, y), ImVec2(x1 + 0.5f, y + 10.0f * s), toImU32(viridis((k + 0.5f) / kSteps)));
    }
    y += 12.0f * s;
    char low[32], high[32];
    std::snprintf(low, sizeof low, "%.3g", legend.range.low);
    std::snprintf(high, sizeof high, "%.3g", legend.range.high);
    const ImU32 muted = ImGui::GetColorU32(palette::kMuted);
    draw->AddText(ImVec2(min.x + pad, y), muted, low);
    draw->AddText(ImVec2(topRight.x - pad - ImGui::CalcTextSize(high).x, y), muted, high);
    return;
  }
  // A click on a category selects its films (Shift adds them).
  const ImGuiIO& io = ImGui::GetIO();
  const bool films = explore.options.points == PointSet::Movies;
  for (const auto& [name, colour] : legend.entries) {
    const bool over = films && io.MousePos.x >= min.x && io.MousePos.x <= topRight.x && io.MousePos.y >= y && io.MousePos.y < y + line &&
                      ImGui::IsWindowHovered();
    if (over) {
      draw->AddRectFilled(ImVec2(min.x + 2.0f * s, y), ImVec2(topRight.x - 2.0f * s, y + line), IM_COL32(255, 255, 255, 30), 2.0f * s);
      ImGui::SetTooltip("Click: select the films of \"%s\" (Shift adds)", name.c_str());
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        std::vector<int32_t> members = explore.pointsColoured(colour);
        if (io.KeyShift) {
          explore.selection.add(members);
        } else {
          explore.selection.replace(std::move(members));
        }
      }
    }
    draw->AddCircleFilled(ImVec2(min.x + pad + 5.0f * s, y + line * 0.5f), 4.5f * s, toImU32(colour));
    draw->AddText(ImVec2(min.x + pad + 14.0f * s, y), ImGui::GetColorU32(ImGuiCol_Text), name.c_str());
    y += line;
  }
}

}  // namespace ll::gui
