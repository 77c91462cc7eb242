#pragma once
// The one Dear ImGui context and its GLFW + OpenGL3 backends, tied to the window's lifetime.
// Only the UI thread touches it.

#include <string>

struct ImDrawData;

namespace ll::gui {

class Window;

class ImGuiLayer {
 public:
  /// iniPath empty: no imgui.ini is read or written (scripted runs stay reproducible).
  ImGuiLayer(Window& window, std::string iniPath);
  ~ImGuiLayer();
  ImGuiLayer(const ImGuiLayer&) = delete;
  ImGuiLayer& operator=(const ImGuiLayer&) = delete;

  /// ignoreMouse: treat the pointer as absent (scripted runs, so a pointer Xvfb leaves in the
  /// middle of the screen does not hover things in screenshots).
  void newFrame(bool ignoreMouse = false);
  /// Ends the ImGui frame and draws it into the current framebuffer.
  void render();
  /// Uploads the font atlas again after fonts were rebuilt (a new UI scale). Call between frames.
  void reloadFontsTexture();

 private:
  std::string iniPath_;
  bool deviceObjectsCreated_ = false;  // the backend creates them (and the font texture) on its first frame  // ImGuiIO::IniFilename points into it, so it lives as long as the context
};

}  // namespace ll::gui
