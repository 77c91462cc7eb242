#include "app/gui/widgets/app_identity.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdio>

namespace ll::gui::widgets {

void aboutPopup(bool& open, const Fonts& fonts, const RendererInfo& renderer, float scale) {
  constexpr const char* kTitle = "About LatentLens";
  if (open) {
    ImGui::OpenPopup(kTitle);
    open = false;
  }
  const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  bool shown = true;  // the title bar's close button clears it
  if (!ImGui::BeginPopupModal(kTitle, &shown, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::PushFont(fonts.heading);
  ImGui::Text("LatentLens %s", LATENTLENS_VERSION);
  ImGui::PopFont();
  ImGui::TextUnformatted("A desktop lab for rating data: load, train, look inside.");
  ImGui::Separator();
  int glfwMajor = 0, glfwMinor = 0, glfwRevision = 0;
  glfwGetVersion(&glfwMajor, &glfwMinor, &glfwRevision);
  ImGui::TextDisabled("Dear ImGui %s · GLFW %d.%d.%d", IMGUI_VERSION, glfwMajor, glfwMinor, glfwRevision);
  ImGui::TextDisabled("OpenGL %s", renderer.glVersion.c_str());
  ImGui::TextDisabled("%s", renderer.glRenderer.c_str());
  if (!fonts.fromFiles) ImGui::TextDisabled("DejaVu fonts not found: using ImGui's built-in font");
  ImGui::Spacing();
  if (ImGui::Button("Close", ImVec2(120.0f * scale, 0.0f))) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void backdropMark(ImVec2 workPos, ImVec2 workSize, const Fonts& fonts, float scale) {
  // A quiet mark in the free area right of the first-use Data panel, so an empty cockpit reads
  // as intentional rather than broken. Drawn behind every window.
  ImDrawList* draw = ImGui::GetBackgroundDrawList();
  const float left = workPos.x + std::max(workSize.x * 0.46f, 440.0f * scale);
  if (workPos.x + workSize.x - left < 280.0f * scale) return;  // no free area
  const ImVec2 centre(left + (workPos.x + workSize.x - left) * 0.5f,
                      workPos.y + workSize.y * 0.5f);
  char title[64];
  std::snprintf(title, sizeof title, "LatentLens %s", LATENTLENS_VERSION);
  const char* subtitle = "a desktop lab for rating data";
  const ImU32 titleColour = ImGui::GetColorU32(ImVec4(0.30f, 0.33f, 0.38f, 1.0f));
  const ImU32 subtitleColour = ImGui::GetColorU32(ImVec4(0.24f, 0.26f, 0.30f, 1.0f));
  ImGui::PushFont(fonts.heading);
  const ImVec2 titleSize = ImGui::CalcTextSize(title);
  draw->AddText(ImVec2(centre.x - titleSize.x * 0.5f, centre.y - titleSize.y), titleColour, title);
  ImGui::PopFont();
  const ImVec2 subtitleSize = ImGui::CalcTextSize(subtitle);
  draw->AddText(ImVec2(centre.x - subtitleSize.x * 0.5f, centre.y + 4.0f * scale), subtitleColour, subtitle);
}

}  // namespace ll::gui::widgets
