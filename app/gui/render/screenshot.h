#pragma once
// Saving the frame just rendered as a PNG. Call after ImGui has drawn and before the swap:
// the back buffer still holds the frame then.

#include <string>

namespace ll::gui {

/// Reads width × height RGB pixels from the back buffer, flips them to top-down rows and writes
/// a PNG to path (first to path + ".tmp", then renamed, so a reader never sees half a file).
/// Returns an empty string on success, else a one-line reason.
std::string saveBackBufferPng(const std::string& path, int width, int height);

}  // namespace ll::gui
