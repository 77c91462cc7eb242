#include "app/gui/widgets/home_path.h"

#include <cstdlib>

namespace ll::gui {

std::filesystem::path expandHome(const std::string& path) {
  if (path.rfind("~/", 0) == 0) {
    if (const char* home = std::getenv("HOME"); home != nullptr) return std::filesystem::path(home) / path.substr(2);
  }
  return path;
}

}  // namespace ll::gui
