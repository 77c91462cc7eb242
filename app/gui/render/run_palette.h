#pragma once
// How many colours runs cycle through; the colours are the theme's (theme.h, runColour). Apart
// from theme.h so the run list's bookkeeping needs no ImGui.

namespace ll::gui {

constexpr int kRunPaletteSize = 8;

}  // namespace ll::gui
