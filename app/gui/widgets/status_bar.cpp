#include "app/gui/widgets/status_bar.h"

#include <imgui.h>

#include <cstdio>

#include "app/gui/render/theme.h"
#include "app/gui/widgets/number_format.h"

namespace ll::gui::widgets {

float statusBarHeight(float scale) { return ImGui::GetTextLineHeight() + 8.0f * scale; }

void statusBar(const StatusLine& line, float scale) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float height = statusBarHeight(scale);
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x, viewport->Pos.y + viewport->Size.y - height));
  ImGui::SetNextWindowSize(ImVec2(viewport->Size.x, height));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10.0f * scale, 4.0f * scale));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyleColorVec4(ImGuiCol_MenuBarBg));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                 ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (ImGui::Begin("##status", nullptr, flags)) {
    const DatasetState& data = *line.dataset;
    switch (data.phase) {
      case DatasetState::Phase::Empty: ImGui::TextDisabled("No data set"); break;
      case DatasetState::Phase::Loading:
        ImGui::TextDisabled("Loading %s… %.1f s", data.spec.c_str(), line.loadSeconds);
        break;
      case DatasetState::Phase::Failed:
        ImGui::TextColored(palette::kError, "Could not load %s", data.spec.c_str());
        break;
      case DatasetState::Phase::Ready:
        ImGui::TextColored(palette::kOk, "●");
        ImGui::SameLine();
        ImGui::Text("%s · %s users · %s movies · %s ratings", data.summary.format.c_str(),
                    groupedNumber(data.summary.users).c_str(), groupedNumber(data.summary.items).c_str(),
                    groupedNumber(data.summary.ratings).c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("· loaded in %.2f s", data.seconds);
        break;
    }
    if (!line.notice.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("· %s", line.notice.c_str());
    }
    // Right-aligned frame time and renderer; shortened, then dropped, when the window is narrow.
    ImGui::SameLine();
    const float leftEnd = ImGui::GetCursorPosX();
    const float rightEdge = ImGui::GetWindowWidth() - 10.0f * scale;
    char right[160];
    std::snprintf(right, sizeof right, "%.1f ms/frame · %s", line.frameMs, line.renderer.c_str());
    if (leftEnd + ImGui::CalcTextSize(right).x + 20.0f * scale > rightEdge) {
      std::snprintf(right, sizeof right, "%.1f ms/frame", line.frameMs);
    }
    const float width = ImGui::CalcTextSize(right).x;
    if (leftEnd + width + 20.0f * scale <= rightEdge) {
      ImGui::SameLine(rightEdge - width);
      ImGui::TextDisabled("%s", right);
    } else {
      ImGui::NewLine();  // closes the SameLine above
    }
  }
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(3);
}

}  // namespace ll::gui::widgets
