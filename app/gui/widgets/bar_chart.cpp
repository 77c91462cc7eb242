#include "app/gui/widgets/bar_chart.h"

#include <algorithm>

#include "app/gui/render/theme.h"
#include "app/gui/widgets/number_format.h"

namespace ll::gui::widgets {

void barChart(const char* id, const std::vector<std::string>& labels, const std::vector<int64_t>& counts,
              const BarChartStyle& style) {
  const size_t bins = std::min(labels.size(), counts.size());
  if (bins == 0) {
    ImGui::TextDisabled("(no values)");
    return;
  }
  ImGui::PushID(id);
  const float lineHeight = ImGui::GetTextLineHeight();
  const float width = std::max(ImGui::GetContentRegionAvail().x, 80.0f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float valueBand = style.showValues ? lineHeight + 2.0f : 0.0f;
  const float plotTop = origin.y + valueBand;
  const float plotBottom = plotTop + style.height;
  const ImVec2 total(width, valueBand + style.height + lineHeight + 6.0f);
  ImGui::InvisibleButton("##chart", total);
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 mouse = ImGui::GetIO().MousePos;

  int64_t peak = 1, sum = 0;
  for (size_t b = 0; b < bins; ++b) {
    peak = std::max(peak, counts[b]);
    sum += counts[b];
  }

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 bar = ImGui::GetColorU32(palette::kAccent);
  const ImU32 barHover = ImGui::GetColorU32(ImGuiCol_PlotHistogramHovered);
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 muted = ImGui::GetColorU32(palette::kMuted);
  const ImU32 axis = ImGui::GetColorU32(ImGuiCol_Separator);

  const float slot = width / static_cast<float>(bins);
  const float gap = std::clamp(slot * 0.18f, 1.0f, 10.0f);
  int hoveredBin = -1;
  for (size_t b = 0; b < bins; ++b) {
    const float x0 = origin.x + slot * static_cast<float>(b) + gap * 0.5f;
    const float x1 = x0 + slot - gap;
    const float h = style.height * static_cast<float>(counts[b]) / static_cast<float>(peak);
    const bool over = hovered && mouse.x >= x0 - gap * 0.5f && mouse.x < x1 + gap * 0.5f;
    if (over) hoveredBin = static_cast<int>(b);
    draw->AddRectFilled(ImVec2(x0, plotBottom - h), ImVec2(x1, plotBottom), over ? barHover : bar, 2.0f,
                        ImDrawFlags_RoundCornersTop);

    if (style.showValues) {
      const std::string value = compactNumber(counts[b]);
      const ImVec2 size = ImGui::CalcTextSize(value.c_str());
      if (size.x <= slot) {
        draw->AddText(ImVec2((x0 + x1 - size.x) * 0.5f, plotBottom - h - size.y - 2.0f), muted, value.c_str());
      }
    }
    const ImVec2 labelSize = ImGui::CalcTextSize(labels[b].c_str());
    if (labelSize.x <= slot + gap) {
      draw->AddText(ImVec2((x0 + x1 - labelSize.x) * 0.5f, plotBottom + 4.0f), text, labels[b].c_str());
    }
  }
  draw->AddLine(ImVec2(origin.x, plotBottom + 0.5f), ImVec2(origin.x + width, plotBottom + 0.5f), axis);

  if (hoveredBin >= 0) {
    const auto b = static_cast<size_t>(hoveredBin);
    ImGui::BeginTooltip();
    const bool longName = style.hoverLabels != nullptr && b < style.hoverLabels->size();
    const std::string& name = longName ? (*style.hoverLabels)[b] : labels[b];
    ImGui::Text("%s: %s %s (%s)", name.c_str(), groupedNumber(counts[b]).c_str(), style.countNoun,
                percent(sum > 0 ? static_cast<double>(counts[b]) / static_cast<double>(sum) : 0.0).c_str());
    ImGui::EndTooltip();
  }
  ImGui::PopID();
}

}  // namespace ll::gui::widgets
