#pragma once
// The look of the app: a dark theme, the fonts, and the few named colours widgets share.
// Sizes are given at 96 DPI and multiplied by the window's content scale.

#include <imgui.h>

#include "app/gui/render/run_palette.h"

namespace ll::gui {

/// Fonts loaded into the atlas. Pointers belong to ImGui's atlas (valid while the context lives);
/// heading falls back to regular when the bold face is missing.
struct Fonts {
  ImFont* regular = nullptr;
  ImFont* heading = nullptr;
  bool fromFiles = false;  ///< false: ImGui's built-in font (DejaVu not installed)
};

/// Named colours beyond ImGui's style table (ImVec4 has no constexpr constructor in 1.86).
namespace palette {
inline const ImVec4 kClear{0.070f, 0.075f, 0.086f, 1.0f};    ///< behind all panels
inline const ImVec4 kAccent{0.34f, 0.64f, 0.90f, 1.0f};      ///< bars, progress, highlights
inline const ImVec4 kAccentSoft{0.24f, 0.45f, 0.66f, 1.0f};  ///< hovered/secondary accent
inline const ImVec4 kMuted{0.56f, 0.59f, 0.64f, 1.0f};       ///< labels, axis text
inline const ImVec4 kError{0.94f, 0.42f, 0.38f, 1.0f};       ///< load errors
inline const ImVec4 kOk{0.45f, 0.78f, 0.50f, 1.0f};          ///< finished states
inline const ImVec4 kWarning{0.95f, 0.75f, 0.35f, 1.0f};     ///< paused, early stopping
}  // namespace palette

/// Colours of runs in plots and the run list: distinct on the dark background and, in this
/// order, distinguishable for the common colour-vision deficiencies (after Okabe–Ito); any index
/// is taken modulo kRunPaletteSize.
ImU32 runColour(int index);

/// Sets ImGui's style colours and metrics; call once after creating the context.
void applyDarkTheme(float scale);

/// Adds DejaVu Sans (and Bold) at `scale`, else ImGui's default font scaled. Call before the
/// first frame: the OpenGL backend uploads the atlas on its first NewFrame.
Fonts loadFonts(float scale);

}  // namespace ll::gui
