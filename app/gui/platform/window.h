#pragma once
// The one GLFW window with its OpenGL 3.3 core context, loaded through glad.
// Owns glfwInit/glfwTerminate, so it must outlive everything that uses GL or GLFW.

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

struct GLFWwindow;

namespace ll::gui {

/// Thrown when there is no display or no usable OpenGL; what() is one line meant for the user.
class WindowError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct FramebufferSize {
  int width = 0;
  int height = 0;
};

class Window {
 public:
  struct Config {
    int width = 1280;
    int height = 800;
    std::string title = "LatentLens";
  };

  explicit Window(const Config& config);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  GLFWwindow* handle() const { return window_; }
  bool shouldClose() const;
  void requestClose();
  /// Iconified, or a zero-sized framebuffer: nothing to draw into.
  bool minimised() const;
  FramebufferSize framebufferSize() const;
  /// Ratio of the monitor's DPI to 96 (1 under Xvfb): fonts and paddings scale by it.
  float contentScale() const;
  void setTitle(const std::string& title);
  void swapBuffers();

  /// Paths dropped onto the window, and the new content scale when the window moves to a monitor
  /// of another DPI. GLFW calls both inside glfwPollEvents, on the UI thread, in the middle of
  /// event handling: handlers should only queue work for the frame (MainThreadQueue).
  using DropHandler = std::function<void(std::vector<std::string> paths)>;
  using ContentScaleHandler = std::function<void(float scale)>;
  void setDropHandler(DropHandler handler);
  void setContentScaleHandler(ContentScaleHandler handler);

  /// glGetString(GL_RENDERER) and GL_VERSION, read once at start (for About and logs).
  const std::string& glRenderer() const { return glRenderer_; }
  const std::string& glVersion() const { return glVersion_; }

 private:
  static void onDrop(GLFWwindow* window, int count, const char** paths);
  static void onContentScale(GLFWwindow* window, float x, float y);

  GLFWwindow* window_ = nullptr;
  DropHandler dropHandler_;
  ContentScaleHandler contentScaleHandler_;
  std::string glRenderer_;
  std::string glVersion_;
};

}  // namespace ll::gui
