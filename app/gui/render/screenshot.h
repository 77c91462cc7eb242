#pragma once
// Saving the frame just rendered, or a rectangle of it, as a PNG. Call after ImGui has drawn and
// before the swap: the back buffer still holds the frame then.

#include <string>

namespace ll::gui {

/// Reads width × height RGB pixels from the back buffer, flips them to top-down rows and writes
/// a PNG to path atomically (core/io/atomic_file.h: a reader never sees half a file, and two
/// writers of one path never share a temporary).
/// Returns an empty string on success, else a one-line reason.
std::string saveBackBufferPng(const std::string& path, int width, int height);

/// A rectangle of the back buffer in framebuffer pixels, top-left origin (as ImGui places
/// things, times the framebuffer scale); clipped to the framebuffer of framebufferHeight rows
/// and framebufferWidth columns. Written atomically like saveBackBufferPng.
std::string saveBackBufferRegionPng(const std::string& path, int x, int y, int width, int height, int framebufferWidth,
                                    int framebufferHeight);

}  // namespace ll::gui
