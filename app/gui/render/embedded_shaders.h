#pragma once
// GLSL sources from shaders/, embedded at build time (CMake file(READ) into a generated .cpp),
// so the app never reads them from the working directory.

#include <string_view>

namespace ll::gui {

std::string_view pointsVertexShaderSource();
std::string_view pointsFragmentShaderSource();

}  // namespace ll::gui
