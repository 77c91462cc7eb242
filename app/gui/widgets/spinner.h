#pragma once
// Small animated indicators for work in flight. They animate from ImGui::GetTime(), so the
// caller must keep frames coming while they are visible (the App does while a load runs).

#include <imgui.h>

namespace ll::gui::widgets {

/// A rotating arc of the given radius (pixels) on the current line.
void spinner(const char* id, float radius, float thickness, ImU32 colour);

/// A progress bar for fraction in (0, 1]; zero or negative (nothing reported yet) shows an
/// indeterminate sweep.
void progressBar(float fraction, const ImVec2& size, const char* overlay);

}  // namespace ll::gui::widgets
