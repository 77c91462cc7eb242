#include "app/gui/platform/window.h"

#include <glad/gl.h>
// GL declarations come from glad only; GLFW must not include the system GL header.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cstdlib>

namespace ll::gui {
namespace {

std::string glfwErrorText() {
  const char* description = nullptr;
  int code = glfwGetError(&description);
  std::string text = description ? description : "unknown error";
  return text + " (GLFW error " + std::to_string(code) + ")";
}

/// Turns a failed glfwInit into the one line a user can act on.
std::string initFailureMessage() {
  const char* description = nullptr;
  int code = glfwGetError(&description);
  const char* display = std::getenv("DISPLAY");
  const bool noDisplay = display == nullptr || *display == '\0';
  // GLFW reports a missing X display as GLFW_PLATFORM_ERROR (65544).
  if (code == GLFW_PLATFORM_ERROR && noDisplay) {
    return "latentlens: no display (DISPLAY is not set); run under xvfb-run -a, or use latentlens-cli";
  }
  std::string why = description ? description : "unknown error";
  if (code == GLFW_PLATFORM_ERROR) {
    return "latentlens: cannot open display '" + std::string(noDisplay ? "" : display) + "': " + why +
           "; run under xvfb-run -a, or use latentlens-cli";
  }
  return "latentlens: cannot initialise GLFW: " + why + " (GLFW error " + std::to_string(code) + ")";
}

std::string glString(GLenum name) {
  const GLubyte* text = glGetString(name);
  return text ? reinterpret_cast<const char*>(text) : "unknown";
}

}  // namespace

Window::Window(const Config& config) {
  if (glfwInit() != GLFW_TRUE) throw WindowError(initFailureMessage());

  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  window_ = glfwCreateWindow(config.width, config.height, config.title.c_str(), nullptr, nullptr);
  if (window_ == nullptr) {
    std::string message = "latentlens: cannot create an OpenGL 3.3 core window: " + glfwErrorText();
    glfwTerminate();
    throw WindowError(message);
  }
  glfwMakeContextCurrent(window_);
  if (gladLoadGL(glfwGetProcAddress) == 0) {
    glfwDestroyWindow(window_);
    glfwTerminate();
    throw WindowError("latentlens: cannot load OpenGL 3.3 core functions (glad)");
  }
  // The ImGui backend keeps its state in the ImGui context, so the user pointer is ours.
  glfwSetWindowUserPointer(window_, this);
  glfwSetDropCallback(window_, &Window::onDrop);
  glfwSetWindowContentScaleCallback(window_, &Window::onContentScale);
  glfwSwapInterval(1);  // vsync where the driver honours it; Xvfb does not, and the loop paces itself
  glRenderer_ = glString(GL_RENDERER);
  glVersion_ = glString(GL_VERSION);
}

Window::~Window() {
  if (window_ != nullptr) glfwDestroyWindow(window_);
  glfwTerminate();
}

bool Window::shouldClose() const { return glfwWindowShouldClose(window_) == GLFW_TRUE; }

void Window::requestClose() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }

bool Window::minimised() const {
  if (glfwGetWindowAttrib(window_, GLFW_ICONIFIED) == GLFW_TRUE) return true;
  FramebufferSize size = framebufferSize();
  return size.width <= 0 || size.height <= 0;
}

FramebufferSize Window::framebufferSize() const {
  FramebufferSize size;
  glfwGetFramebufferSize(window_, &size.width, &size.height);
  return size;
}

namespace {
float sensibleScale(float x, float y) {
  const float scale = x > y ? x : y;
  return scale > 0.5f && scale < 8.0f ? scale : 1.0f;  // ignore nonsense from odd monitor setups
}
}  // namespace

float Window::contentScale() const {
  float x = 1.0f, y = 1.0f;
  glfwGetWindowContentScale(window_, &x, &y);
  return sensibleScale(x, y);
}

void Window::setDropHandler(DropHandler handler) { dropHandler_ = std::move(handler); }

void Window::setContentScaleHandler(ContentScaleHandler handler) { contentScaleHandler_ = std::move(handler); }

void Window::onDrop(GLFWwindow* window, int count, const char** paths) {
  auto* self = static_cast<Window*>(glfwGetWindowUserPointer(window));
  if (self == nullptr || !self->dropHandler_ || count <= 0) return;
  // GLFW owns the strings only for the duration of the callback: copy them.
  self->dropHandler_(std::vector<std::string>(paths, paths + count));
}

void Window::onContentScale(GLFWwindow* window, float x, float y) {
  auto* self = static_cast<Window*>(glfwGetWindowUserPointer(window));
  if (self != nullptr && self->contentScaleHandler_) self->contentScaleHandler_(sensibleScale(x, y));
}

void Window::setTitle(const std::string& title) { glfwSetWindowTitle(window_, title.c_str()); }

void Window::swapBuffers() { glfwSwapBuffers(window_); }

}  // namespace ll::gui
