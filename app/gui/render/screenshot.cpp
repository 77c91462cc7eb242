#include "app/gui/render/screenshot.h"

#include <glad/gl.h>
#include <stb_image_write.h>  // implementation lives in Debian's libstb.a

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "core/io/atomic_file.h"

namespace ll::gui {

std::string saveBackBufferPng(const std::string& path, int width, int height) {
  return saveBackBufferRegionPng(path, 0, 0, width, height, width, height);
}

std::string saveBackBufferRegionPng(const std::string& path, int x, int y, int width, int height, int framebufferWidth,
                                    int framebufferHeight) {
  // Clip to the framebuffer: a plot half scrolled out of its panel still saves its visible part.
  const int x0 = std::clamp(x, 0, framebufferWidth), y0 = std::clamp(y, 0, framebufferHeight);
  const int x1 = std::clamp(x + width, 0, framebufferWidth), y1 = std::clamp(y + height, 0, framebufferHeight);
  width = x1 - x0;
  height = y1 - y0;
  if (width <= 0 || height <= 0) return "empty region";
  constexpr int kChannels = 3;  // RGB: the window's alpha is meaningless and would show through
  const size_t rowBytes = static_cast<size_t>(width) * kChannels;
  std::vector<unsigned char> pixels(rowBytes * static_cast<size_t>(height));

  glPixelStorei(GL_PACK_ALIGNMENT, 1);  // rows of width*3 bytes are not 4-byte multiples
  glReadBuffer(GL_BACK);
  // GL counts rows from the bottom.
  glReadPixels(x0, framebufferHeight - y1, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  if (GLenum error = glGetError(); error != GL_NO_ERROR) {
    return "glReadPixels failed (GL error " + std::to_string(error) + ")";
  }

  // GL's first row is the bottom one; PNG's is the top one.
  std::vector<unsigned char> swap(rowBytes);
  for (int top = 0, bottom = height - 1; top < bottom; ++top, --bottom) {
    unsigned char* a = pixels.data() + rowBytes * static_cast<size_t>(top);
    unsigned char* b = pixels.data() + rowBytes * static_cast<size_t>(bottom);
    std::memcpy(swap.data(), a, rowBytes);
    std::memcpy(a, b, rowBytes);
    std::memcpy(b, swap.data(), rowBytes);
  }

  std::error_code ignored;
  const std::filesystem::path target(path);
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ignored);
  std::string png;
  const auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<size_t>(size));
  };
  if (stbi_write_png_to_func(append, &png, width, height, kChannels, pixels.data(), static_cast<int>(rowBytes)) == 0) {
    return "cannot encode the PNG for " + path;
  }
  // A temporary of this writer's own: two windows may save to one path at once.
  try {
    writeFileAtomically(target, png);
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

}  // namespace ll::gui
