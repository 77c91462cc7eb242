#include "app/gui/platform/imgui_layer.h"

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "app/gui/platform/window.h"

namespace ll::gui {

ImGuiLayer::ImGuiLayer(Window& window, std::string iniPath) : iniPath_(std::move(iniPath)) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = iniPath_.empty() ? nullptr : iniPath_.c_str();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  // Without docking, panels are plain windows: moving them only by the title bar avoids
  // dragging a panel when a user meant to drag a slider or a plot.
  io.ConfigWindowsMoveFromTitleBarOnly = true;
  ImGui_ImplGlfw_InitForOpenGL(window.handle(), true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
}

ImGuiLayer::~ImGuiLayer() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
}

void ImGuiLayer::newFrame(bool ignoreMouse) {
  ImGui_ImplOpenGL3_NewFrame();
  deviceObjectsCreated_ = true;
  ImGui_ImplGlfw_NewFrame();
  if (ignoreMouse) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
}

void ImGuiLayer::reloadFontsTexture() {
  // Before the first frame the backend has no texture yet and will build it from the new atlas;
  // creating one here would be replaced (and leaked) by its first NewFrame.
  if (!deviceObjectsCreated_) return;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void ImGuiLayer::render() {
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace ll::gui
