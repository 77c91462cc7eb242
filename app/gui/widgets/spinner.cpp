#include "app/gui/widgets/spinner.h"

#include <cmath>

#include "app/gui/render/theme.h"

namespace ll::gui::widgets {

void spinner(const char* id, float radius, float thickness, ImU32 colour) {
  ImGui::PushID(id);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float side = radius * 2.0f;
  ImGui::Dummy(ImVec2(side, side));
  const ImVec2 centre(origin.x + radius, origin.y + radius);

  constexpr int kSegments = 24;
  constexpr float kPi = 3.14159265f;
  const auto t = static_cast<float>(ImGui::GetTime());
  // The arc's length breathes while it turns, which reads as "busy" rather than "stuck".
  const float start = t * 5.0f;
  const float sweep = kPi * (0.9f + 0.6f * std::sin(t * 2.0f));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PathClear();
  for (int s = 0; s <= kSegments; ++s) {
    const float a = start + sweep * static_cast<float>(s) / kSegments;
    draw->PathLineTo(ImVec2(centre.x + std::cos(a) * (radius - thickness), centre.y + std::sin(a) * (radius - thickness)));
  }
  draw->PathStroke(colour, 0, thickness);
  ImGui::PopID();
}

void progressBar(float fraction, const ImVec2& size, const char* overlay) {
  if (fraction > 0.0f) {
    ImGui::ProgressBar(fraction > 1.0f ? 1.0f : fraction, size, overlay);
    return;
  }
  // Indeterminate: an empty bar with a block sliding across it.
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::ProgressBar(0.0f, size, overlay);
  const ImVec2 end = ImGui::GetItemRectMax();
  const float width = end.x - origin.x;
  const float block = width * 0.25f;
  const auto phase = static_cast<float>(std::fmod(ImGui::GetTime() * 0.8, 1.0));
  const float x0 = origin.x + (width + block) * phase - block;
  const float pad = ImGui::GetStyle().FrameBorderSize + 1.0f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(ImVec2(origin.x + pad, origin.y + pad), ImVec2(end.x - pad, end.y - pad), true);
  draw->AddRectFilled(ImVec2(x0, origin.y), ImVec2(x0 + block, end.y),
                      ImGui::GetColorU32(palette::kAccentSoft), ImGui::GetStyle().FrameRounding);
  draw->PopClipRect();
}

}  // namespace ll::gui::widgets
