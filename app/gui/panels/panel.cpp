#include "app/gui/panels/panel.h"

#include <algorithm>

namespace ll::gui {

Panel::Panel(std::string title, PanelPlacement placement) : title_(std::move(title)), placement_(placement) {}

void Panel::draw(const FrameContext& frame) {
  if (!visible_) return;
  // A small margin between panels and the screen edges keeps borders visible.
  const float margin = 6.0f * frame.scale;
  const ImVec2 pos(frame.workPos.x + frame.workSize.x * placement_.x + margin,
                   frame.workPos.y + frame.workSize.y * placement_.y + margin);
  const float width = std::max(frame.workSize.x * placement_.width, placement_.minWidth * frame.scale);
  const ImVec2 size(std::min(width, frame.workSize.x) - 2.0f * margin,
                    frame.workSize.y * placement_.height - 2.0f * margin);
  ImGui::SetNextWindowPos(pos, ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(size, ImGuiCond_FirstUseEver);
  // Begin returns false when collapsed or clipped away: skip the body, but End is always due.
  if (ImGui::Begin(title_.c_str(), &visible_, windowFlags())) drawContent(frame);
  ImGui::End();
}

}  // namespace ll::gui
