#include "app/gui/widgets/section.h"

#include <cstdarg>

namespace ll::gui::widgets {

void sectionHeading(const Fonts& fonts, const char* text, bool first) {
  if (!first) ImGui::Dummy(ImVec2(0.0f, ImGui::GetTextLineHeight() * 0.5f));
  ImGui::PushFont(fonts.heading);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
  ImGui::Separator();
}

bool beginPropertyTable(const char* id, float labelWidth) {
  if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) return false;
  ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, labelWidth);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
  return true;
}

void propertyRow(const char* label, const char* valueFormat, ...) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextDisabled("%s", label);
  ImGui::TableSetColumnIndex(1);
  va_list args;
  va_start(args, valueFormat);
  ImGui::TextWrappedV(valueFormat, args);
  va_end(args);
}

void endPropertyTable() { ImGui::EndTable(); }

}  // namespace ll::gui::widgets
