#pragma once
// Where the app says what it is: Help → About (versions of the libraries and the renderer) and
// the quiet mark drawn behind the panels in the free area of the first-use cockpit.

#include <imgui.h>

#include <string>

#include "app/gui/render/theme.h"

namespace ll::gui::widgets {

struct RendererInfo {
  std::string glVersion;
  std::string glRenderer;
};

/// Builds the About modal; opens it when `open` is set (and clears it).
void aboutPopup(bool& open, const Fonts& fonts, const RendererInfo& renderer, float scale);

/// The name and a subtitle, centred in the work area's free part right of the first-use panels.
void backdropMark(ImVec2 workPos, ImVec2 workSize, const Fonts& fonts, float scale);

}  // namespace ll::gui::widgets
