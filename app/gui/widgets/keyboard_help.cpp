#include "app/gui/widgets/keyboard_help.h"

#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace ll::gui::widgets {
namespace {

constexpr const char* kTitle = "Keyboard";

struct Row {
  const char* keys;
  const char* what;
};

constexpr Row kRows[] = {
    {"Tab, arrows, Enter, Space", "move between controls and use them (ImGui keyboard navigation)"},
    {"Ctrl+Tab", "next panel"},
    {"Ctrl+1 / Ctrl+2 / Ctrl+3", "Cockpit / Explore / Experiments layout"},
    {"Ctrl+O, Ctrl+Q", "open a data set, quit"},
    {"Space, S, Esc", "training: start or pause/resume, one epoch while paused, stop"},
    {"/", "Neighbours: search a film by title (Enter selects the first match)"},
    {"J L / I K", "Projection (focused): orbit in 3D, pan in 2D"},
    {"+ / −", "Projection: zoom"},
    {"R, T", "Projection: reset the view, switch 2D / 3D"},
    {"mouse", "Projection: drag to orbit (3D) or pan, right-drag or Shift-drag to pan, wheel to zoom,"},
    {"", "click a film to select it, double-click empty space to reset"},
    {"F1", "this list"},
};

}  // namespace

void keyboardHelp(bool& open, float scale) {
  if (open) {
    open = false;
    ImGui::OpenPopup(kTitle);
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
    for (const Row& row : kRows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.keys);
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", row.what);
    }
    ImGui::EndTable();
  }
  // 1.86 keys are GLFW key codes (the named ImGuiKey API arrived in 1.87).
  if (ImGui::Button("Close", ImVec2(120.0f * scale, 0.0f)) || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) {
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace ll::gui::widgets
