// The App's own UI around the panels: main menu bar, status bar, About, and the backdrop.
// Panels draw themselves (panels/); this file only frames them.

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "app/gui/app.h"
#include "app/gui/widgets/number_format.h"

namespace ll::gui {

void App::buildUi() {
  imgui_.newFrame(scripted());
  handleTrainingShortcuts();
  handleLayoutShortcuts();
  buildMenuBar();

  // The work area is computed here rather than read from the viewport, because ImGui applies the
  // menu bar's offset only from the next frame, and first-use panel placement happens on frame 1.
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float menuHeight = ImGui::GetFrameHeight();
  const float statusHeight = ImGui::GetTextLineHeight() + 8.0f * scale_;
  frame_.workPos = ImVec2(viewport->Pos.x, viewport->Pos.y + menuHeight);
  frame_.workSize = ImVec2(viewport->Size.x, viewport->Size.y - menuHeight - statusHeight);

  drawBackdrop();
  for (auto& panel : layoutPanels()) panel->draw(frame_);
  buildStatusBar();
  buildAboutPopup();
  buildSaveModelDialog();
  buildLoadModelDialog();
  buildKeyboardHelp();
  buildOpenDatasetDialog();
}

void App::buildMenuBar() {
  const ImGuiIO& io = ImGui::GetIO();
  // 1.86 keys are GLFW key codes (the named ImGuiKey API arrived in 1.87).
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false)) window_.requestClose();
  handleOpenShortcut();

  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open…", "Ctrl+O")) openDialog_.open(recent_.entries());
    ImGui::Separator();
    buildModelFileMenuItems();
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) window_.requestClose();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    buildLayoutMenuItems();
    for (auto& panel : layoutPanels()) {
      ImGui::MenuItem(panel->title().c_str(), nullptr, panel->visibleFlag());
    }
    ImGui::Separator();
    buildUiScaleMenu();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard", "F1")) keyboardHelpRequested_ = true;
    if (ImGui::MenuItem("About LatentLens")) aboutRequested_ = true;
    ImGui::EndMenu();
  }
  buildLayoutSwitch();
  ImGui::EndMainMenuBar();
}

void App::buildStatusBar() {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float height = ImGui::GetTextLineHeight() + 8.0f * scale_;
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x, viewport->Pos.y + viewport->Size.y - height));
  ImGui::SetNextWindowSize(ImVec2(viewport->Size.x, height));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10.0f * scale_, 4.0f * scale_));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyleColorVec4(ImGuiCol_MenuBarBg));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                 ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (ImGui::Begin("##status", nullptr, flags)) {
    const DatasetState& data = *frame_.dataset;
    switch (data.phase) {
      case DatasetState::Phase::Empty: ImGui::TextDisabled("No data set"); break;
      case DatasetState::Phase::Loading:
        ImGui::TextDisabled("Loading %s… %.1f s", data.spec.c_str(), frame_.loadProgress.elapsedSeconds);
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
    if (!notice_.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("· %s", notice_.c_str());
    }
    // Right-aligned frame time and renderer; shortened, then dropped, when the window is narrow.
    ImGui::SameLine();
    const float leftEnd = ImGui::GetCursorPosX();
    const float rightEdge = ImGui::GetWindowWidth() - 10.0f * scale_;
    char right[160];
    std::snprintf(right, sizeof right, "%.1f ms/frame · %s", stats_.smoothedMs, window_.glRenderer().c_str());
    if (leftEnd + ImGui::CalcTextSize(right).x + 20.0f * scale_ > rightEdge) {
      std::snprintf(right, sizeof right, "%.1f ms/frame", stats_.smoothedMs);
    }
    const float width = ImGui::CalcTextSize(right).x;
    if (leftEnd + width + 20.0f * scale_ <= rightEdge) {
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

void App::buildAboutPopup() {
  constexpr const char* kTitle = "About LatentLens";
  if (aboutRequested_) {
    ImGui::OpenPopup(kTitle);
    aboutRequested_ = false;
    aboutOpen_ = true;
  }
  const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kTitle, &aboutOpen_, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::PushFont(fonts_.heading);
  ImGui::Text("LatentLens %s", LATENTLENS_VERSION);
  ImGui::PopFont();
  ImGui::TextUnformatted("A desktop lab for rating data: load, train, look inside.");
  ImGui::Separator();
  int glfwMajor = 0, glfwMinor = 0, glfwRevision = 0;
  glfwGetVersion(&glfwMajor, &glfwMinor, &glfwRevision);
  ImGui::TextDisabled("Dear ImGui %s · GLFW %d.%d.%d", IMGUI_VERSION, glfwMajor, glfwMinor, glfwRevision);
  ImGui::TextDisabled("OpenGL %s", window_.glVersion().c_str());
  ImGui::TextDisabled("%s", window_.glRenderer().c_str());
  if (!fonts_.fromFiles) ImGui::TextDisabled("DejaVu fonts not found: using ImGui's built-in font");
  ImGui::Spacing();
  if (ImGui::Button("Close", ImVec2(120.0f * scale_, 0.0f))) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void App::drawBackdrop() {
  // A quiet mark in the free area right of the first-use Data panel, so an empty cockpit reads
  // as intentional rather than broken. Drawn behind every window.
  ImDrawList* draw = ImGui::GetBackgroundDrawList();
  const float left = frame_.workPos.x + std::max(frame_.workSize.x * 0.46f, 440.0f * scale_);
  if (frame_.workPos.x + frame_.workSize.x - left < 280.0f * scale_) return;  // no free area
  const ImVec2 centre(left + (frame_.workPos.x + frame_.workSize.x - left) * 0.5f,
                      frame_.workPos.y + frame_.workSize.y * 0.5f);
  char title[64];
  std::snprintf(title, sizeof title, "LatentLens %s", LATENTLENS_VERSION);
  const char* subtitle = "a desktop lab for rating data";
  const ImU32 titleColour = ImGui::GetColorU32(ImVec4(0.30f, 0.33f, 0.38f, 1.0f));
  const ImU32 subtitleColour = ImGui::GetColorU32(ImVec4(0.24f, 0.26f, 0.30f, 1.0f));
  ImGui::PushFont(fonts_.heading);
  const ImVec2 titleSize = ImGui::CalcTextSize(title);
  draw->AddText(ImVec2(centre.x - titleSize.x * 0.5f, centre.y - titleSize.y), titleColour, title);
  ImGui::PopFont();
  const ImVec2 subtitleSize = ImGui::CalcTextSize(subtitle);
  draw->AddText(ImVec2(centre.x - subtitleSize.x * 0.5f, centre.y + 4.0f * scale_), subtitleColour, subtitle);
}

}  // namespace ll::gui
